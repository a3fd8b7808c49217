"""Reads: which meetings a user sees, the case's plan with its goals and evaluations."""

from datetime import date

from django.db.models import Exists, Min, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest

from accounts.models import Role
from casework.access import deny, log_access
from casework.models import AccessAction, Case
from consent.models import Consent

from .models import (
    Evaluation,
    EvaluationKind,
    Goal,
    GoalReview,
    Meeting,
    MeetingItem,
    Plan,
    Stakeholder,
)

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


def agenda_cases(meeting: Meeting, user) -> QuerySet[Case]:
    """Open cases of the meeting's region the coördinator may name for the agenda (the
    service checks consent and answers with the gaps)."""
    return Case.objects.visible_to(user).open().filter(region_id=meeting.region_id)


def agenda_suggestions(meeting: Meeting, user, limit: int = 200) -> list[Case]:
    """Cases with valid consent not yet on this agenda, to suggest while typing."""
    from consent.selectors import cases_with_valid_consent

    cases = cases_with_valid_consent(agenda_cases(meeting, user)).exclude(
        meeting_items__meeting=meeting
    )
    return list(cases.select_related("student").order_by("reference")[:limit])


def plan_with_goals(case: Case) -> Plan | None:
    reviews = GoalReview.objects.select_related("evaluation").order_by("evaluation__due_on")
    goals = Goal.objects.prefetch_related(Prefetch("reviews", queryset=reviews)).select_related(
        "previous"
    )
    return (
        Plan.objects.filter(case=case, current=True)
        .prefetch_related(Prefetch("goals", queryset=goals), "stakeholders__organisation")
        .first()
    )


def evaluations_for(case: Case) -> QuerySet[Evaluation]:
    reviews = GoalReview.objects.select_related("goal").order_by("goal__position", "goal_id")
    return (
        case.evaluations.select_related("recorded_by")
        .prefetch_related(Prefetch("reviews", queryset=reviews))
        .order_by("due_on", "id")
    )


def log_meeting_view(request: HttpRequest, meeting: Meeting, items) -> None:
    """One access-log row per case whose minutes the user reads in a meeting."""
    for item in items:
        log_access(
            request, case=item.case, action=AccessAction.VIEW, detail=f"overleg {meeting.pk}"
        )


def case_evaluation_dates(case: Case) -> tuple[date | None, date | None]:
    """The dates of the current plan's tussentijdse evaluatie and evaluatie na 3 maanden, as
    the case overview shows them (casework.selectors.case_dates): the day it was held, else the
    day it is planned; None before the plan is adopted."""
    rows = Evaluation.objects.filter(
        case=case,
        plan__current=True,
        kind__in=[EvaluationKind.INTERIM, EvaluationKind.FINAL],
    ).values_list("kind", "held_on", "due_on")
    dates = {kind: held_on or due_on for kind, held_on, due_on in rows}
    return dates.get(EvaluationKind.INTERIM), dates.get(EvaluationKind.FINAL)


def next_due_dates(case_ids: list[int]) -> dict[int, date]:
    """The earliest evaluation not yet held, per case of the current plan: one query (served
    by the partial index on open evaluations)."""
    if not case_ids:
        return {}
    rows = (
        Evaluation.objects.filter(case_id__in=case_ids, plan__current=True, held_on__isnull=True)
        .values_list("case_id")
        .annotate(first=Min("due_on"))
        .order_by()
    )
    return dict(rows)


def consented_case_ids(items: list[MeetingItem]) -> set[int]:
    """The agenda items' cases with valid consent today, whenever they went on the agenda:
    only those are discussed and have their plan in the bundle. One query."""
    from consent.selectors import cases_with_valid_consent

    agenda = Case.objects.filter(pk__in=[item.case_id for item in items])
    return set(cases_with_valid_consent(agenda).values_list("pk", flat=True))


def with_consent_state(items: list[MeetingItem]) -> list[MeetingItem]:
    """Mark each agenda item whose case has no valid consent today (`consent_missing`)."""
    consented = consented_case_ids(items)
    for item in items:
        item.consent_missing = item.case_id not in consented
    return items


def cases_shared_with(queryset: QuerySet[Case], user, on: date | None = None) -> QuerySet[Case]:
    """Partner access (issue 10): the cases a partner user may read, in one query. Here, not in
    consent, because it needs the plan's betrokkenen as well as the consent.

    Both must hold on `on` (default today): a valid consent (complete, not withdrawn, not
    superseded, case open) names the user's organisation, and that organisation is among the
    betrokkenen of the case's current plan. Withdrawal or closing ends access at once.
    """
    if not user.is_authenticated or not user.organisation_id:
        return queryset.none()
    covered = Consent.objects.valid(on).filter(
        case=OuterRef("pk"), organisations=user.organisation_id
    )
    involved = Stakeholder.objects.filter(
        plan__case=OuterRef("pk"), plan__current=True, organisation_id=user.organisation_id
    )
    return queryset.filter(Exists(covered), Exists(involved))
