"""Reads: the case's plan with its goals and evaluations, the evaluation dates, partner access."""

from datetime import date

from django.db.models import Exists, Min, OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext as _

from casework.models import Case
from consent.models import Consent
from intake.models import Registration

from .build_up import back_at_school_on
from .models import (
    BuildUpWeek,
    Evaluation,
    EvaluationKind,
    Goal,
    GoalReview,
    Plan,
    Stakeholder,
)


def development_perspective_gap(case: Case) -> str:
    """What is missing of the ontwikkelingsperspectief the school shared at registration (the
    OPP's uitstroombestemming), in Dutch; "" when it is there, or when the case has no
    registration to go by. The cover letter of the belastbaarheidsprofiel: "een gezamenlijk
    vastgesteld ontwikkelingsperspectief is hierbij een noodzakelijk uitgangspunt"."""
    opp = Registration.objects.filter(case=case).values("has_opp", "opp_exit_destination")
    opp = opp.first()
    if opp is None or (opp["has_opp"] and opp["opp_exit_destination"].strip()):
        return ""
    if opp["has_opp"]:
        return _("Het OPP vermeldt geen uitstroombestemming.")
    return _("Bij de aanmelding is geen OPP met een uitstroombestemming vastgelegd.")


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


def next_due_expression() -> Subquery:
    """For a case row (OuterRef "pk"): the earliest evaluation of its current plan not yet
    held, as next_due_dates gives it per page; the case list sorts on it."""
    return Subquery(
        Evaluation.objects.filter(case_id=OuterRef("pk"), plan__current=True, held_on__isnull=True)
        .order_by("due_on")
        .values("due_on")[:1]
    )


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


def back_at_school_count(cases: QuerySet[Case], *, start: date, end: date) -> int:
    """How many of `cases` were first back at school (build_up.back_at_school_on, on the
    opbouwschema of the current plan) in a week starting from `start` to `end`."""
    weeks: dict[int, list[BuildUpWeek]] = {}
    rows = BuildUpWeek.objects.filter(
        plan__case__in=cases, plan__current=True, week_start__lte=end
    ).order_by("plan__case_id", "week_start")
    rows = rows.select_related("plan").only(
        "week_start", "planned_hours", "attended_hours", "plan__case"
    )
    for week in rows:
        weeks.setdefault(week.plan.case_id, []).append(week)
    days = (back_at_school_on(schedule) for schedule in weeks.values())
    return sum(1 for day in days if day is not None and start <= day <= end)
