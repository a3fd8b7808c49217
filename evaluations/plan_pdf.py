"""The plan van aanpak as a document: its template, its context, and the current plans with
everything the print shows. The case's plan PDF (reports.documents) and the plans in a
meeting's bundle (meetings.bundle) are rendered from here, so they are the same document."""

from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import Case

from .build_up import build_up_chart, case_markers, meeting_days
from .models import BuildUpWeek, Evaluation, EvaluationKind, Goal, GoalReview, Plan
from .rules import final_due_on, interim_due_on

PLAN_TEMPLATE = "reports/pdf/plan.html"
PLAN_TITLE = gettext_lazy("Plan van aanpak")
TOC_FROM_GOALS = 8


def _plans_query():
    reviews = GoalReview.objects.select_related("evaluation").order_by(
        "evaluation__due_on", "evaluation_id"
    )
    # The previous version's reviews: an adjusted goal shows the evaluation it was adjusted
    # after (Goal.adjusted_after).
    goals = (
        Goal.objects.select_related("previous")
        .prefetch_related(
            Prefetch("reviews", queryset=reviews),
            Prefetch("previous__reviews", queryset=reviews),
        )
        .order_by("position", "id")
    )
    evaluations = Evaluation.objects.order_by("due_on", "id")
    return Plan.objects.filter(current=True).prefetch_related(
        Prefetch("goals", queryset=goals),
        Prefetch("evaluations", queryset=evaluations),
        Prefetch("build_up_weeks", queryset=BuildUpWeek.objects.select_related("goal")),
        "stakeholders__organisation",
    )


def current_plans(case_ids: Iterable[int]) -> dict:
    """The current plan per case id, with goals, reviews, evaluations and betrokkenen (a
    fixed number of queries for any number of cases)."""
    plans = {plan.case_id: plan for plan in _plans_query().filter(case_id__in=list(case_ids))}
    days = meeting_days(list(plans))
    for case_id, plan in plans.items():
        plan.meeting_days = days[case_id]  # the opbouwschema's time axis (plan_context)
    return plans


def plan_context(case: Case, plan, *, for_partner: bool = False, dated: bool = True) -> dict:
    """The plan template's context; `dated=False` leaves out the print date (bundle parts)."""
    goals = list(plan.goals.all())
    active = [goal for goal in goals if goal.active]
    earlier = [goal for goal in goals if not goal.active]
    evaluations = list(plan.evaluations.all())
    by_kind = {evaluation.kind: evaluation for evaluation in evaluations}
    interim = by_kind.get(EvaluationKind.INTERIM)
    final = by_kind.get(EvaluationKind.FINAL)
    toc = [("plan-gegevens", _("Gegevens"))]
    toc += [(f"doel-{goal.pk}", _("Doel %(n)s") % {"n": n}) for n, goal in enumerate(active, 1)]
    weeks = list(plan.build_up_weeks.all())
    markers = case_markers(case, plan, timezone.localdate(), getattr(plan, "meeting_days", None))
    build_up = build_up_chart(weeks, markers)
    if build_up:
        toc.append(("opbouwschema", _("Opbouwschema")))
    if evaluations:
        toc.append(("evaluaties", _("Evaluaties")))
    return {
        "case": case,
        "region": case.region,
        "student": case.student,
        "plan": plan,
        "goals": active,
        "earlier_goals": earlier,
        "evaluations": evaluations,
        "build_up": build_up,
        "interim_due_on": interim.due_on if interim else interim_due_on(plan.drawn_up_on),
        "final_due_on": final.due_on if final else final_due_on(plan.drawn_up_on),
        "stakeholders": list(plan.stakeholders.all()),
        "document_title": str(PLAN_TITLE),
        # A table of contents only where the plan is long; it makes WeasyPrint lay out twice.
        "toc": toc if len(active) >= TOC_FROM_GOALS else [],
        "for_partner": for_partner,
        "printed_on": timezone.localdate() if dated else None,
    }
