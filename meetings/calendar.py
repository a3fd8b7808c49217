"""Events for the user's own calendar (RFC 5545: Outlook or any other): one meeting as a
download (.ics), and the events of the personal feed (meetings.feed) built from the same parts.
A calendar is synced and shared beyond Plusdossier, so an event holds no personal data: the
kind of event, its date and time (Europe/Amsterdam, with the zone's rules in the file), case
references the user may see, and a link. Not the place (an MPO may be at the family's home)
and no names.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Meeting

# An overleg without an end time in the dossier: what a calendar shows until it is moved.
DURATION = timedelta(hours=1)


def meeting_uid(meeting: Meeting) -> str:
    """Stable per meeting, so a second download updates the event instead of adding one."""
    return f"overleg-{meeting.pk}@plusdossier"


def new_calendar(*, name: str = "") -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Plusdossier//Overleg//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def calendar_ics(calendar: icalendar.Calendar) -> bytes:
    """The calendar as a file, with a VTIMEZONE for every zone its events use."""
    calendar.add_missing_timezones()
    return calendar.to_ical()


def day_event(*, uid: str, day: date, summary: str, description: str, link: str):
    """A whole-day event (a due date, a threshold) with a link to the page it is about."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a date to keep in mind, not a busy day
    event.add("description", f"{description}\n{link}")
    event.add("url", link)
    return event


def meeting_event(meeting: Meeting, *, references: Iterable[str], link: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    # Each save of the meeting is a new revision for the calendar.
    event.add("sequence", int(meeting.updated_at.timestamp()))
    event.add("summary", _("%(kind)s (Plusdossier)") % {"kind": meeting.get_kind_display()})
    if meeting.start_time is None:
        event.add("dtstart", meeting.date)  # a whole day
        event.add("dtend", meeting.date + timedelta(days=1))
    else:
        start = datetime.combine(meeting.date, meeting.start_time, ZoneInfo(settings.TIME_ZONE))
        event.add("dtstart", start)
        event.add("dtend", start + DURATION)
    references = list(references)
    agenda = (
        _("Op de agenda: %(cases)s.") % {"cases": ", ".join(references)}
        if references
        else _("Nog geen casussen op de agenda.")
    )
    event.add("description", f"{agenda}\n{link}")
    event.add("url", link)
    return event


def meeting_ics(meeting: Meeting, *, references: Iterable[str], link: str) -> bytes:
    calendar = new_calendar()
    calendar.add_component(meeting_event(meeting, references=references, link=link))
    return calendar_ics(calendar)
