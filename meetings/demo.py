"""Demo data: per region four meetings (two held, with minutes and an action per case, one
today, one to come), each with up to four cases with valid consent on the agenda. Bulk inserts
only; runs after evaluations' seed, and only when that one drew up plans. The demo
casemanager has a calendar feed (meetings.feed), so its address is on their settings page."""

from datetime import time, timedelta

from django.urls import reverse

from accounts.services import user_calendar_token_renew
from casework.models import Case, TimelineEntry
from consent.selectors import cases_with_valid_consent
from core.http import site_url

from .models import Meeting, MeetingAction, MeetingItem, MeetingKind


def seed(ctx) -> None:
    _calendar_feed(ctx)
    if not ctx.data.get("plan_cases"):
        return
    timeline: list[TimelineEntry] = []
    _meetings(ctx, timeline)
    TimelineEntry.objects.bulk_create(timeline, batch_size=5000)


def _calendar_feed(ctx) -> None:
    casemanager = ctx.data.get("users", {}).get("casemanager")
    if casemanager is None:
        return
    user_calendar_token_renew(user=casemanager)
    path = reverse("meetings:calendar_feed", args=[casemanager.calendar_token])
    ctx.stdout.write(f"Agendalink van casemanager: {site_url(path)}")


def _meetings(ctx, timeline: list) -> None:
    rng, today, users = ctx.rng, ctx.today, ctx.data.get("users", {})
    coordinators = [u for u in users.values() if u.role == "coordinator"]
    meetings, items, actions = [], [], []
    for coordinator in coordinators:
        open_cases = Case.objects.filter(region=coordinator.region).open()
        candidates = list(cases_with_valid_consent(open_cases).select_related("casemanager")[:40])
        for offset in (-28, -14, 0, 14):
            meeting = Meeting(
                region=coordinator.region,
                kind=MeetingKind.BIWEEKLY if offset != 0 else MeetingKind.MPO,
                date=today + timedelta(days=offset),
                start_time=time(14, 0),
                place="Gemeentehuis",
                other_attendees="Leerplicht\nCJG",
                planned_by=coordinator,
            )
            meetings.append(meeting)
            for position, case in enumerate(
                rng.sample(candidates, min(4, len(candidates))), start=1
            ):
                past = offset < 0
                items.append(
                    MeetingItem(
                        meeting=meeting,
                        case=case,
                        position=position,
                        minutes="Besproken; school zoekt een tijdelijke plek in de "
                        "time-outvoorziening."
                        if past
                        else "",
                    )
                )
    Meeting.objects.bulk_create(meetings)
    for item in items:
        item.meeting_id = item.meeting.pk
    MeetingItem.objects.bulk_create(items, batch_size=2000)
    for item in items:
        if item.minutes:
            actions.append(
                MeetingAction(
                    item=item,
                    description="Rooster aanpassen",
                    owner="Mentor",
                    due_on=item.meeting.date + timedelta(days=14),
                )
            )
            timeline.append(
                TimelineEntry(
                    case=item.case,
                    user=item.meeting.planned_by,
                    kind="meeting",
                    text=f"Verslag {item.meeting}: {item.minutes}\nActie: Rooster aanpassen — "
                    "Mentor.",
                )
            )
    MeetingAction.objects.bulk_create(actions, batch_size=2000)
    for meeting in meetings:
        attendees = [
            u
            for u in users.values()
            if u.region_id == meeting.region_id and u.role in ("casemanager", "coordinator")
        ]
        meeting.attendees.set(attendees)
