"""Meetings: planned by the coördinator, only cases with valid consent on the agenda,
minutes and actions on the case timeline; access by region and role."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.models import TimelineEntry
from meetings import services as meeting_services
from meetings.models import Meeting, MeetingAction, MeetingItem, MeetingKind
from tests.factories import CaseFactory


def make_meeting(coordinator, **fields):
    return meeting_services.meeting_create(
        by=coordinator,
        kind=fields.get("kind", MeetingKind.BIWEEKLY),
        date=fields.get("date", timezone.localdate() + timedelta(days=7)),
        place="Gemeentehuis Veendam",
    )


def test_coordinator_plans_a_meeting(coordinator, casemanager, login):
    client = login(coordinator)
    assert client.get(reverse("meetings:meeting_create")).status_code == 200
    response = client.post(
        reverse("meetings:meeting_create"),
        {
            "kind": "mpo",
            "date": "2026-12-03",
            "start_time": "14:30",
            "place": "Gemeentehuis",
            "attendees": [casemanager.pk],
            "other_attendees": "Leerplichtambtenaar Pekela",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.region == coordinator.region and meeting.kind == "mpo"
    assert list(meeting.attendees.all()) == [casemanager]


def test_bad_meeting_input_is_kept(coordinator, login):
    client = login(coordinator)
    response = client.post(
        reverse("meetings:meeting_create"),
        {"kind": "biweekly", "date": "31-02-2026", "place": "Mijn plaats"},
    )
    assert response.status_code == 200
    assert "Mijn plaats" in response.content.decode()
    assert not Meeting.objects.exists()


def test_agenda_refuses_a_case_without_valid_consent(coordinator, school, casemanager, login):
    meeting = make_meeting(coordinator)
    case = CaseFactory(school=school, casemanager=casemanager, awaiting_consent=True)
    client = login(coordinator)
    response = client.post(
        reverse("meetings:meeting_add_case", args=[meeting.pk]), {"cases": [case.pk]}
    )
    assert response.status_code == 200
    assert "Deze casus kan niet (meer) op de agenda" in response.content.decode()
    assert not MeetingItem.objects.exists()
    with pytest.raises(ValidationError, match="zonder geldige toestemming"):
        meeting_services.meeting_add_case(meeting=meeting, case=case, by=coordinator)


def test_case_with_consent_goes_on_the_agenda_and_minutes_reach_the_timeline(
    active_case, coordinator, casemanager, login
):
    meeting = make_meeting(coordinator)
    client = login(coordinator)
    response = client.post(
        reverse("meetings:meeting_add_case", args=[meeting.pk]), {"cases": [active_case.pk]}
    )
    assert response.status_code == 302
    item = MeetingItem.objects.get(meeting=meeting, case=active_case)
    url = reverse("meetings:meeting_minutes", args=[meeting.pk, item.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "minutes": "Leerling start maandag met twee ochtenden.",
            "acties-TOTAL_FORMS": "2",
            "acties-INITIAL_FORMS": "0",
            "acties-MIN_NUM_FORMS": "0",
            "acties-MAX_NUM_FORMS": "1000",
            "acties-0-description": "Rooster aanpassen",
            "acties-0-owner": "Mentor",
            "acties-0-due_on": "2026-12-10",
        },
    )
    assert response.status_code == 302
    action = MeetingAction.objects.get()
    assert (action.owner, action.due_on) == ("Mentor", date(2026, 12, 10))
    entry = TimelineEntry.objects.filter(case=active_case, kind="meeting").first()
    assert "twee ochtenden" in entry.text and "Rooster aanpassen" in entry.text

    # The casemanager sees the meeting because their case is on the agenda.
    cm_client = login(casemanager)
    response = cm_client.get(reverse("meetings:meeting_list"))
    assert meeting in list(response.context["meetings"])
    response = cm_client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert "Rooster aanpassen" in response.content.decode()


def test_minutes_without_text_keep_the_actions_typed(active_case, coordinator, login):
    meeting = make_meeting(coordinator)
    item = meeting_services.meeting_add_case(meeting=meeting, case=active_case, by=coordinator)
    client = login(coordinator)
    response = client.post(
        reverse("meetings:meeting_minutes", args=[meeting.pk, item.pk]),
        {
            "minutes": "",
            "acties-TOTAL_FORMS": "1",
            "acties-INITIAL_FORMS": "0",
            "acties-0-description": "Mijn getypte actie",
            "acties-0-owner": "Mentor",
            "acties-0-due_on": "niet-een-datum",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mijn getypte actie" in page and "niet-een-datum" in page
    assert not MeetingAction.objects.exists()


def test_casemanager_without_cases_on_the_agenda_gets_404(coordinator, region, login):
    from accounts.models import Role
    from tests.factories import UserFactory

    meeting = make_meeting(coordinator)
    other_cm = UserFactory(role=Role.CASEMANAGER, region=region)
    client = login(other_cm)
    response = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 404
    assert list(client.get(reverse("meetings:meeting_list")).context["meetings"]) == []


def test_agenda_refuses_a_case_of_another_region(coordinator, other_region_casemanager, login):
    meeting = make_meeting(coordinator)
    elsewhere = CaseFactory(
        school__region=other_region_casemanager.region, casemanager=other_region_casemanager
    )
    response = login(coordinator).post(
        reverse("meetings:meeting_add_case", args=[meeting.pk]), {"cases": [elsewhere.pk]}
    )
    assert response.status_code == 200
    assert "kies uit de lijst" in response.content.decode()
    assert not MeetingItem.objects.exists()


def test_the_agenda_picker_offers_only_consented_cases_not_yet_on_it(
    active_case, coordinator, school, casemanager, login
):
    meeting = make_meeting(coordinator)
    without = CaseFactory(school=school, casemanager=casemanager, awaiting_consent=True)
    client = login(coordinator)
    detail = reverse("meetings:meeting_detail", args=[meeting.pk])
    choices = client.get(detail).context["agenda_form"].fields["cases"].queryset
    assert active_case in choices and without not in choices
    page = client.get(detail).content.decode()
    assert f"{active_case.reference} — {active_case.student.full_name}" in page
    client.post(
        reverse("meetings:meeting_add_case", args=[meeting.pk]), {"cases": [active_case.pk]}
    )
    choices = client.get(detail).context["agenda_form"].fields["cases"].queryset
    assert active_case not in choices


def test_several_cases_go_on_the_agenda_at_once_or_none(
    active_case, coordinator, school, casemanager, login
):
    from tests.consent.helpers import record_complete_consent

    meeting = make_meeting(coordinator)
    second = CaseFactory(school=school, casemanager=casemanager, awaiting_consent=True)
    record_complete_consent(second, casemanager)
    client = login(coordinator)
    response = client.post(
        reverse("meetings:meeting_add_case", args=[meeting.pk]),
        {"cases": [active_case.pk, second.pk]},
    )
    assert response.status_code == 302
    assert set(meeting.items.values_list("case", flat=True)) == {active_case.pk, second.pk}
    message = str(list(get_messages(response.wsgi_request))[0])
    assert active_case.reference in message and second.reference in message
    assert "staan op de agenda" in message


def test_the_coordinator_changes_a_meeting_and_the_cases_hear_of_it(
    active_case, coordinator, casemanager, login
):
    meeting = make_meeting(coordinator)
    meeting_services.meeting_add_case(meeting=meeting, case=active_case, by=coordinator)
    client = login(coordinator)
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    form = client.get(url).content.decode()
    assert "Gemeentehuis Veendam" in form  # the current values are filled in
    response = client.post(
        url,
        {
            "kind": "mpo",
            "date": "2026-12-10",
            "start_time": "09:30",
            "place": "School",
            "attendees": [casemanager.pk],
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.kind, meeting.date, meeting.place) == ("mpo", date(2026, 12, 10), "School")
    assert list(meeting.attendees.all()) == [casemanager]
    entry = TimelineEntry.objects.filter(case=active_case, kind="meeting").first()
    assert "Overleg verzet" in entry.text and "10 december 2026" in entry.text
    bad = client.post(url, {"kind": "mpo", "date": "31-02-2026", "place": "Elders"})
    assert bad.status_code == 200 and "Elders" in bad.content.decode()


def test_the_coordinator_cancels_a_meeting_after_confirming(active_case, coordinator, login):
    meeting = make_meeting(coordinator)
    meeting_services.meeting_add_case(meeting=meeting, case=active_case, by=coordinator)
    client = login(coordinator)
    url = reverse("meetings:meeting_delete", args=[meeting.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Weet u zeker" in confirm.content.decode()
    assert Meeting.objects.filter(pk=meeting.pk).exists()  # the GET changes nothing
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("meetings:meeting_list")
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    entry = TimelineEntry.objects.filter(case=active_case, kind="meeting").first()
    assert entry.text.startswith("Overleg vervallen")


def test_a_meeting_with_minutes_is_not_cancelled(active_case, coordinator, login):
    meeting = make_meeting(coordinator)
    item = meeting_services.meeting_add_case(meeting=meeting, case=active_case, by=coordinator)
    meeting_services.meeting_record_minutes(item=item, by=coordinator, minutes="Besproken.")
    response = login(coordinator).post(reverse("meetings:meeting_delete", args=[meeting.pk]))
    assert response.status_code == 302
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    message = str(list(get_messages(response.wsgi_request))[0])
    assert "blijft daarom bewaard" in message


def test_a_casemanager_neither_changes_nor_cancels_a_meeting(
    active_case, coordinator, casemanager, login
):
    meeting = make_meeting(coordinator)
    meeting_services.meeting_add_case(meeting=meeting, case=active_case, by=coordinator)
    client = login(casemanager)
    assert client.get(reverse("meetings:meeting_edit", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("meetings:meeting_delete", args=[meeting.pk])).status_code == 404
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_withdrawn_consent_takes_the_case_out_of_the_discussion(
    active_case, coordinator, casemanager, login
):
    from consent.services import consent_withdraw

    meeting = make_meeting(coordinator)
    item = meeting_services.meeting_add_case(meeting=meeting, case=active_case, by=coordinator)
    client = login(coordinator)
    detail = reverse("meetings:meeting_detail", args=[meeting.pk])
    assert "Geen geldige toestemming meer" not in client.get(detail).content.decode()

    consent_withdraw(
        case=active_case, by=casemanager, withdrawn_on=timezone.localdate(), reason="Ouders."
    )
    html = client.get(detail).content.decode()
    assert "Geen geldige toestemming meer: deze casus wordt niet besproken" in html
    response = client.post(
        reverse("meetings:meeting_minutes", args=[meeting.pk, item.pk]),
        {
            "minutes": "Toch besproken.",
            "acties-TOTAL_FORMS": "0",
            "acties-INITIAL_FORMS": "0",
            "acties-MIN_NUM_FORMS": "0",
            "acties-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "kan niet worden besproken zonder geldige toestemming" in response.content.decode()
    assert "De toestemming is ingetrokken op" in response.content.decode()
    assert "Toch besproken." in response.content.decode()  # what was typed stays
    item.refresh_from_db()
    assert item.minutes == ""


def test_another_casemanagers_agenda_item_is_a_logged_404(
    active_case, casemanager, coordinator, region, school, login
):
    from casework.models import AccessAction, AccessLogEntry
    from tests.factories import CaseFactory, UserFactory

    meeting = make_meeting(coordinator)
    meeting_services.meeting_add_case(meeting=meeting, case=active_case, by=coordinator)
    other_cm = UserFactory(role=casemanager.role, region=region)
    CaseFactory(school=school, casemanager=other_cm)  # not on this agenda
    own = CaseFactory(school=school, casemanager=other_cm)
    item = meeting.items.get(case=active_case)
    # The other casemanager sees the meeting through a case of their own on it.
    meeting.items.create(case=own, position=2)
    client = login(other_cm)
    assert client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).status_code == 200
    response = client.post(
        reverse("meetings:meeting_minutes", args=[meeting.pk, item.pk]), {"minutes": "Gelezen"}
    )
    assert response.status_code == 404
    denied = AccessLogEntry.objects.filter(user=other_cm, action=AccessAction.DENIED)
    assert [entry.detail for entry in denied] == [f"agendapunt {item.pk} van overleg {meeting.pk}"]
    item.refresh_from_db()
    assert item.minutes == ""
