"""Writes on a plan's evaluations once they are held: recording one with its goal reviews,
and the next step after the evaluatie na 3 maanden (a vervolgevaluatie, or closing the case).
The checks are in evaluations.rules; the dates in evaluations.services.schedule."""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Case
from casework.services import case_close, timeline_add
from core.edits import check_version, fmt

from ..models import Evaluation, EvaluationKind, Goal, GoalReview
from ..rules import (
    ReviewInput,
    check_closable_after_evaluation,
    check_followup,
    check_recordable,
    check_reviews,
)
from .plans import current_plan, goal_new_version


@transaction.atomic
def evaluation_record(
    *,
    evaluation: Evaluation,
    by: User,
    held_on: date,
    participants: str,
    pupil_view: str = "",
    notes: str = "",
    reviews: Sequence[ReviewInput],
    expected_version: int | None = None,
) -> Evaluation:
    """Record an evaluation with a review of every goal in force.

    Interim: a goal not reached needs the extra actions. Final/followup: a goal not reached
    needs what is needed to still reach it, or an adjusted goal; the adjusted goal is a new
    Goal version and the old one (with its reviews) stays as history.
    """
    evaluation = (
        Evaluation.objects.select_for_update().select_related("case", "plan").get(pk=evaluation.pk)
    )
    submitted = {"held_on": held_on, "participants": participants, "pupil_view": pupil_view}
    check_version(evaluation, expected_version, submitted, what=_("deze evaluatie"))
    check_recordable(evaluation, held_on=held_on)
    goals = list(evaluation.plan.goals.active())
    by_goal = {review.goal.pk: review for review in reviews}
    interim = evaluation.kind == EvaluationKind.INTERIM
    check_reviews(goals, by_goal, interim=interim)

    evaluation.held_on = held_on
    evaluation.participants = participants
    evaluation.pupil_view = pupil_view
    evaluation.notes = notes
    evaluation.recorded_by = by
    evaluation.version += 1
    evaluation.full_clean()
    evaluation.save()
    adjusted = _reviews_save(evaluation, goals, by_goal, interim=interim)
    reached = sum(1 for r in reviews if r.achieved)
    text = _("%(kind)s gehouden op %(date)s: %(reached)s van %(total)s doelen behaald.") % {
        "kind": evaluation.get_kind_display(),
        "date": fmt(held_on),
        "reached": reached,
        "total": len(goals),
    }
    if adjusted:
        text += " " + _("%(count)s doel(en) aangepast.") % {"count": len(adjusted)}
    timeline_add(case=evaluation.case, by=by, kind="evaluation", text=text)
    return evaluation


def _reviews_save(
    evaluation: Evaluation,
    goals: Sequence[Goal],
    by_goal: Mapping[int, ReviewInput],
    *,
    interim: bool,
) -> list[Goal]:
    """One GoalReview per goal in force (an interim keeps only the extra actions, a final
    only what is needed); returns the new versions of the goals adjusted."""
    adjusted = []
    for goal in goals:
        review = by_goal[goal.pk]
        adjust = review.adjust and not interim
        GoalReview(
            evaluation=evaluation,
            goal=goal,
            achieved=review.achieved,
            explanation=review.explanation,
            extra_actions=review.extra_actions if interim else "",
            needed="" if interim else review.needed,
            adjusted=adjust,
        ).save()
        if adjust:
            adjusted.append(goal_new_version(goal=goal, fields=review.new_goal))
    return adjusted


@transaction.atomic
def evaluation_schedule_followup(*, case: Case, by: User, due_on: date) -> Evaluation:
    case = Case.objects.select_for_update().get(pk=case.pk)
    check_followup(case, due_on=due_on)
    plan = current_plan(case)
    evaluation = Evaluation(case=case, plan=plan, kind=EvaluationKind.FOLLOWUP, due_on=due_on)
    evaluation.full_clean()
    evaluation.save()
    timeline_add(
        case=case,
        by=by,
        kind="evaluation",
        text=_("Vervolgevaluatie gepland op %(date)s.") % {"date": fmt(due_on)},
    )
    return evaluation


def case_close_after_evaluation(*, case: Case, by: User, **close_fields: Any) -> Case:
    """Close the case after its final evaluation (casework.services.case_close does the rest)."""
    check_closable_after_evaluation(case)
    return case_close(case=case, by=by, **close_fields)
