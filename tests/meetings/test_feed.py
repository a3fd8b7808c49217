"""Issue 21 (3): the user's personal calendar feed, opened by a secret token without a
session, read back with icalendar: their meetings at the right local time on both sides of the
clock change, the due dates of their evaluations and the Thuiszitterspact threshold of their
cases without passend aanbod; no names; a renewed token stops the old address; each read is in
the access log."""

from datetime import date, time, timedelta
from io import StringIO

import icalendar
import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role, User
from accounts.services import user_calendar_token_renew
from casework.clock import threshold_date
from casework.models import AccessAction, AccessLogEntry
from evaluations.models import Evaluation
from meetings import services as meeting_services
from meetings.models import MeetingItem, MeetingKind
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def _feed_url(user) -> str:
    user_calendar_token_renew(user=user)
    return reverse("meetings:calendar_feed", args=[user.calendar_token])


def _read(client, url) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _by_summary(calendar) -> dict[str, icalendar.Event]:
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_is_read_without_a_session_and_holds_the_users_events(
    client, coordinator, casemanager, active_case
):
    active_case.student.first_name, active_case.student.last_name = "Fenna", "Bakker"
    active_case.student.save()
    type(active_case).objects.filter(pk=active_case.pk).update(absent_since=date(2026, 10, 1))
    meeting = meeting_services.meeting_create(
        by=coordinator,
        kind=MeetingKind.MPO,
        date=date(2026, 12, 10),
        start_time=time(14, 30),
        place="Bij de familie Bakker thuis",
    )
    MeetingItem.objects.create(meeting=meeting, case=active_case)
    response = client.get(_feed_url(casemanager))
    calendar = icalendar.Calendar.from_ical(response.content)
    events = _by_summary(calendar)
    reference = active_case.reference
    assert "meerpartijenoverleg (MPO) (Plusdossier)" in events
    assert reference in str(events["meerpartijenoverleg (MPO) (Plusdossier)"]["description"])
    evaluations = Evaluation.objects.filter(case=active_case, held_on__isnull=True)
    assert evaluations.count() >= 1
    for evaluation in evaluations:
        event = events[f"{evaluation.get_kind_display()} – casus {reference} (Plusdossier)"]
        assert event.decoded("dtstart") == evaluation.due_on
        assert str(event["url"]).endswith(f"/casussen/{active_case.pk}/evaluaties/")
    pact = events[f"Termijn Thuiszitterspact – casus {reference} (Plusdossier)"]
    assert pact.decoded("dtstart") == threshold_date(date(2026, 10, 1), 3) == date(2027, 1, 1)
    text = response.content.decode()
    personal = ["Fenna", "Bakker", casemanager.last_name, active_case.student.bsn]
    for word in filter(None, personal):
        assert word not in text


@pytest.mark.parametrize(("day", "offset_hours"), [(date(2027, 1, 14), 1), (date(2027, 7, 1), 2)])
def test_a_meeting_at_half_past_two_is_at_half_past_two_in_amsterdam_in_winter_and_summer(
    client, coordinator, day, offset_hours
):
    meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=day, start_time=time(14, 30)
    )
    calendar = _read(client, _feed_url(coordinator))
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.date(), start.time()) == (day, time(14, 30))
    assert start.utcoffset() == timedelta(hours=offset_hours)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_the_feed_shows_only_the_cases_the_user_sees(client, casemanager, school):
    other = UserFactory(username="cm2", role=Role.CASEMANAGER, region=school.region)
    own = CaseFactory(school=school, casemanager=casemanager, absent_since=date(2026, 10, 1))
    theirs = CaseFactory(school=school, casemanager=other, absent_since=date(2026, 10, 1))
    text = client.get(_feed_url(casemanager)).content.decode()
    assert own.reference in text
    assert theirs.reference not in text


def test_a_renewed_token_stops_the_old_address_at_once(client, casemanager):
    old = _feed_url(casemanager)
    assert client.get(old).status_code == 200
    new = _feed_url(casemanager)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_wrong_token_or_an_inactive_user_is_not_found(client, casemanager):
    url = _feed_url(casemanager)
    assert client.get(reverse("meetings:calendar_feed", args=["x" * 43])).status_code == 404
    casemanager.is_active = False
    casemanager.save()
    assert client.get(url).status_code == 404


def test_the_feed_is_only_read(client, casemanager):
    assert client.post(_feed_url(casemanager)).status_code == 405


def test_each_read_of_the_feed_is_in_the_access_log(client, casemanager, school):
    CaseFactory(school=school, casemanager=casemanager, absent_since=date(2026, 10, 1))
    url = _feed_url(casemanager)
    client.get(url)
    client.get(url)
    rows = AccessLogEntry.objects.filter(user=casemanager, detail__startswith="agendafeed")
    assert rows.count() == 2
    row = rows.latest("id")
    assert (row.action, row.case_id, row.username, row.detail) == (
        AccessAction.EXPORT,
        None,
        "cm",
        "agendafeed (1)",
    )


def test_a_gedragsdeskundige_has_no_feed(client, behavioural_expert):
    assert client.get(_feed_url(behavioural_expert)).status_code == 404


def test_the_meeting_download_still_works(login, coordinator):
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2027, 2, 3)
    )
    url = reverse("meetings:meeting_calendar", args=[meeting.pk])
    [event] = icalendar.Calendar.from_ical(login(coordinator).get(url).content).walk("VEVENT")
    assert event.decoded("dtstart") == date(2027, 2, 3)


def test_the_demo_casemanager_has_a_feed_with_events_and_the_weekly_overview(client):
    out = StringIO()
    call_command("seed_demo", cases=40, seed=7, stdout=out)
    casemanager = User.objects.get(username="casemanager")
    assert casemanager.weekly_overview is True
    url = reverse("meetings:calendar_feed", args=[casemanager.calendar_token])
    assert url in out.getvalue()
    calendar = _read(client, url)
    assert calendar.walk("VEVENT")
    text = calendar.to_ical().decode()
    assert casemanager.last_name not in text
