"""The user's personal calendar feed: a secret address (the user's `calendar_token`, renewed on
their settings page) that Outlook or any calendar subscribes to, read without a session.

It holds the user's meetings (meetings_visible_to), the due dates of the open evaluations of
the cases they see, and the Thuiszitterspact threshold of each of those cases still without a
passend aanbod (casework.clock.threshold_date): the case reference, the kind of event and a
link only, like every event of meetings.calendar. Events older than FEED_PAST are left out.
"""

from collections.abc import Callable
from datetime import date, timedelta

import icalendar
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import CASELOAD_ROLES, User
from casework.clock import threshold_date
from casework.models import Case
from evaluations.models import Evaluation

from .calendar import calendar_ics, day_event, meeting_event, new_calendar
from .selectors import meeting_items_for, meetings_visible_to

FEED_PAST = timedelta(days=90)


def feed_user(token: str) -> User | None:
    """The active user whose feed `token` opens, or None (a renewed or unknown token)."""
    if not token:
        return None
    return User.objects.filter(
        calendar_token=token, is_active=True, role__in=CASELOAD_ROLES
    ).first()


def feed_events(user: User, *, today: date, absolute: Callable[[str], str]) -> list:
    """The events of `user`'s feed; `absolute` makes a path a full address."""
    since = today - FEED_PAST
    events: list[icalendar.Event] = []
    for meeting in meetings_visible_to(user).filter(date__gte=since).order_by("date", "id"):
        references = [
            item.case.reference
            for item in meeting_items_for(meeting, user).order_by("position", "id")
        ]
        link = absolute(reverse("meetings:meeting_detail", args=[meeting.pk]))
        events.append(meeting_event(meeting, references=references, link=link))
    cases = Case.objects.visible_to(user).open()
    evaluations = (
        Evaluation.objects.filter(
            case__in=cases, plan__current=True, held_on__isnull=True, due_on__gte=since
        )
        .select_related("case")
        .order_by("due_on", "id")
    )
    for evaluation in evaluations:
        reference = evaluation.case.reference
        events.append(
            day_event(
                uid=f"evaluatie-{evaluation.pk}@plusdossier",
                day=evaluation.due_on,
                summary=_("%(kind)s – casus %(reference)s (Plusdossier)")
                % {"kind": evaluation.get_kind_display(), "reference": reference},
                description=_("Casus %(reference)s: %(kind)s gepland.")
                % {"kind": evaluation.get_kind_display(), "reference": reference},
                link=absolute(reverse("evaluations:evaluation_list", args=[evaluation.case_id])),
            )
        )
    running = (
        cases.filter(absent_since__isnull=False, offer_since__isnull=True)
        .select_related("region")
        .order_by("absent_since", "id")
    )
    for case in running:
        threshold_on = threshold_date(case.absent_since, case.region.threshold_months)
        if threshold_on < since:
            continue
        events.append(
            day_event(
                # A new absence episode has its own threshold: its own event.
                uid=f"termijn-{case.pk}-{case.absent_since:%Y%m%d}@plusdossier",
                day=threshold_on,
                summary=_("Termijn Thuiszitterspact – casus %(reference)s (Plusdossier)")
                % {"reference": case.reference},
                description=_(
                    "Casus %(reference)s: de termijn van het Thuiszitterspact (zonder passend "
                    "aanbod) verloopt."
                )
                % {"reference": case.reference},
                link=absolute(reverse("casework:case_detail", args=[case.pk])),
            )
        )
    return events


def feed_ics(user: User, *, today: date, absolute: Callable[[str], str]) -> tuple[bytes, int]:
    """The feed as a file, and how many events it holds."""
    calendar = new_calendar(name=_("Plusdossier"))
    events = feed_events(user, today=today, absolute=absolute)
    for event in events:
        calendar.add_component(event)
    return calendar_ics(calendar), len(events)
