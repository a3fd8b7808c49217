"""Reads of meetings, the one place for meeting access (meetings are not case-bound: the region
and the role decide): which meetings a user sees, the agenda items they may read, the cases to
suggest for an agenda, and which agenda cases have valid consent today."""

from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import Role
from casework.access import deny, log_access
from casework.models import AccessAction, Case
from consent.selectors import cases_with_valid_consent

from .models import Meeting, MeetingItem

# Meeting access, the one place (meetings are not case-bound: the region and the role decide).
# The meeting pages are for these roles; the coördinator plans them and prints their bundle.
MEETING_ROLES = (Role.COORDINATOR, Role.CASEMANAGER)
PLANNER_ROLES = (Role.COORDINATOR,)


def plans_meetings(user) -> bool:
    """The coördinator plans the region's meetings, sets their agenda and prints them."""
    return user.role in PLANNER_ROLES


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Coördinator: the region's meetings. Casemanager: the region's meetings with one of
    their cases on the agenda. Everyone else: none (meetings are not case-bound)."""
    if not user.is_authenticated or not user.is_active or user.region_id is None:
        return Meeting.objects.none()
    meetings = Meeting.objects.filter(region_id=user.region_id)
    if plans_meetings(user):
        return meetings
    if user.role == Role.CASEMANAGER:
        return meetings.filter(items__case__casemanager_id=user.pk).distinct()
    return Meeting.objects.none()


def get_meeting_for_user(request: HttpRequest, meeting_pk: int, *, write: bool = False) -> Meeting:
    """The meeting if the user may see it (write: only the region's coördinator, who also
    prints its bundle); else a logged 404."""
    user = request.user
    meeting = meetings_visible_to(user).select_related("region").filter(pk=meeting_pk).first()
    if meeting is not None and write and not plans_meetings(user):
        meeting = None
    if meeting is None:
        deny(request, f"overleg {meeting_pk}", "Overleg niet gevonden.")
    return meeting


def meeting_items_for(meeting: Meeting, user) -> QuerySet[MeetingItem]:
    """Agenda items the user may read: the coördinator all, a casemanager their own cases."""
    items = meeting.items.select_related("case__student", "case__casemanager").prefetch_related(
        "actions"
    )
    if not plans_meetings(user):
        items = items.filter(case__in=Case.objects.visible_to(user))
    return items


def agenda_choices(meeting: Meeting, user) -> QuerySet[Case]:
    """The cases the coördinator may put on the agenda: open cases of the meeting's region
    with valid consent today, not on this agenda yet (the service checks them again)."""
    cases = Case.objects.visible_to(user).open().filter(region_id=meeting.region_id)
    return (
        cases_with_valid_consent(cases)
        .exclude(meeting_items__meeting=meeting)
        .select_related("student", "casemanager")
        .order_by("reference")
    )


def log_meeting_view(request: HttpRequest, meeting: Meeting, items) -> None:
    """One access-log row per case whose minutes the user reads in a meeting."""
    for item in items:
        log_access(
            request, case=item.case, action=AccessAction.VIEW, detail=f"overleg {meeting.pk}"
        )


def consented_case_ids(items: list[MeetingItem]) -> set[int]:
    """The agenda items' cases with valid consent today, whenever they went on the agenda:
    only those are discussed and have their plan in the bundle. One query."""
    agenda = Case.objects.filter(pk__in=[item.case_id for item in items])
    return set(cases_with_valid_consent(agenda).values_list("pk", flat=True))


def with_consent_state(items: list[MeetingItem]) -> list[MeetingItem]:
    """Mark each agenda item whose case has no valid consent today (`consent_missing`)."""
    consented = consented_case_ids(items)
    for item in items:
        item.consent_missing = item.case_id not in consented
    return items


def case_minutes(case: Case) -> QuerySet[MeetingItem]:
    """The case's agenda items with their minutes and actions, the latest meeting first (the
    case's minutes tab; the caller has checked the case's "minutes" section)."""
    return (
        MeetingItem.objects.filter(case=case)
        .select_related("meeting")
        .prefetch_related("actions")
        .order_by("-meeting__date", "-id")
    )
