"""Issue 21 (3): a meeting as an .ics file for the user's own calendar, read back with
icalendar: the right moment in Europe/Amsterdam on both sides of the clock change, no personal
data (no names, no place), only the cases the user may see, and the download is logged."""

from datetime import date, time, timedelta

import icalendar
import pytest
from django.urls import reverse

from accounts.models import Role
from casework.models import AccessAction, AccessLogEntry
from meetings import services as meeting_services
from meetings.models import MeetingItem, MeetingKind
from tests.factories import CaseFactory, StudentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _meeting(coordinator, **fields):
    return meeting_services.meeting_create(
        by=coordinator,
        kind=MeetingKind.MPO,
        date=fields.get("date", date(2027, 1, 14)),
        start_time=fields.get("start_time", time(14, 30)),
        place="Bij de familie Jansen thuis, Dorpsstraat 1",
    )


def _event(response) -> icalendar.Event:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="overleg-')
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    return event


@pytest.mark.parametrize(
    ("day", "offset_hours"),
    [(date(2027, 1, 14), 1), (date(2027, 7, 1), 2), (date(2027, 3, 28), 2)],
)
def test_the_meeting_starts_at_its_local_time_whatever_the_season(
    login, coordinator, day, offset_hours
):
    meeting = _meeting(coordinator, date=day)
    response = login(coordinator).get(reverse("meetings:meeting_calendar", args=[meeting.pk]))
    event = _event(response)
    start = event.decoded("dtstart")
    assert (start.date(), start.time()) == (day, time(14, 30))
    assert start.utcoffset() == timedelta(hours=offset_hours)
    assert event.decoded("dtend") - start == timedelta(hours=1)
    assert str(event["uid"]) == f"overleg-{meeting.pk}@plusdossier"
    assert str(event["summary"]) == "meerpartijenoverleg (MPO) (Plusdossier)"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_a_meeting_without_a_time_is_a_whole_day(login, coordinator):
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2027, 2, 3)
    )
    event = _event(login(coordinator).get(reverse("meetings:meeting_calendar", args=[meeting.pk])))
    assert event.decoded("dtstart") == date(2027, 2, 3)
    assert event.decoded("dtend") == date(2027, 2, 4)


def test_the_event_names_case_references_and_a_link_but_no_person_or_place(
    login, coordinator, school, casemanager
):
    meeting = _meeting(coordinator)
    student = StudentFactory(first_name="Fenna", last_name="Bakker")
    case = CaseFactory(school=school, casemanager=casemanager, student=student)
    MeetingItem.objects.create(meeting=meeting, case=case)
    response = login(coordinator).get(reverse("meetings:meeting_calendar", args=[meeting.pk]))
    event = _event(response)
    detail = f"http://testserver/overleg/{meeting.pk}/"
    assert str(event["description"]) == f"Op de agenda: {case.reference}.\n{detail}"
    assert str(event["url"]) == detail
    assert "location" not in event
    text = response.content.decode()
    for personal in ("Fenna", "Bakker", "Jansen", "Dorpsstraat", str(casemanager)):
        assert personal not in text
    row = AccessLogEntry.objects.filter(case=case).latest("id")
    assert (row.action, row.detail) == (AccessAction.EXPORT, f"overleg {meeting.pk} (.ics)")


def test_a_casemanager_gets_only_the_references_of_their_own_cases(
    login, coordinator, school, casemanager, region
):
    meeting = _meeting(coordinator)
    colleague = UserFactory(username="cm2", role=Role.CASEMANAGER, region=region)
    own = CaseFactory(school=school, casemanager=casemanager)
    other = CaseFactory(school=school, casemanager=colleague)
    MeetingItem.objects.create(meeting=meeting, case=own, position=1)
    MeetingItem.objects.create(meeting=meeting, case=other, position=2)
    meeting.attendees.add(casemanager)
    response = login(casemanager).get(reverse("meetings:meeting_calendar", args=[meeting.pk]))
    description = str(_event(response)["description"])
    assert own.reference in description
    assert other.reference not in description


def test_the_meeting_page_offers_the_download(login, coordinator):
    meeting = _meeting(coordinator)
    page = login(coordinator).get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert reverse("meetings:meeting_calendar", args=[meeting.pk]) in page.content.decode()


def test_an_outsider_gets_404(login, other_region_casemanager, coordinator):
    meeting = _meeting(coordinator)
    url = reverse("meetings:meeting_calendar", args=[meeting.pk])
    assert login(other_region_casemanager).get(url).status_code == 404
