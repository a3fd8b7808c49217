"""When a plan's evaluations are held: the two scheduled at adoption, moving one, and the
evaluations that follow when the plan's date is corrected."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Case
from casework.services import timeline_add
from core.edits import check_version, fmt

from ..models import Evaluation, Plan
from ..rules import SUGGESTED_DUE_ON, check_reschedulable


def evaluations_schedule(*, case: Case, plan: Plan) -> tuple[Evaluation, ...]:
    """The tussentijdse evaluatie and the evaluatie na 3 maanden of a plan being adopted, on
    their suggested dates."""
    scheduled = tuple(
        Evaluation(case=case, plan=plan, kind=kind, due_on=due_on(plan.drawn_up_on))
        for kind, due_on in SUGGESTED_DUE_ON.items()
    )
    for evaluation in scheduled:
        evaluation.full_clean()
        evaluation.save()
    return scheduled


@transaction.atomic
def evaluation_reschedule(
    *, evaluation: Evaluation, by: User, due_on: date, expected_version: int | None = None
) -> Evaluation:
    """Move the date. Reminders are keyed on due_on, so they follow."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    check_reschedulable(evaluation)
    check_version(evaluation, expected_version, {"due_on": due_on}, what=_("deze evaluatie"))
    old = evaluation.due_on
    if old == due_on:
        return evaluation
    evaluation.due_on = due_on
    evaluation.version += 1
    evaluation.full_clean()
    evaluation.save()
    timeline_add(
        case=evaluation.case,
        by=by,
        kind="evaluation",
        text=_("%(kind)s verzet van %(old)s naar %(new)s.")
        % {"kind": evaluation.get_kind_display(), "old": fmt(old), "new": fmt(due_on)},
    )
    return evaluation


def evaluations_follow_plan_date(plan: Plan, old_date: date, *, by: User) -> None:
    """The plan's date was corrected after adoption: an evaluation not held yet and still on
    the date suggested from the old plan date moves to the one from the new date; one the
    casemanager moved stays where it was put."""
    for evaluation in plan.evaluations.filter(held_on__isnull=True):
        due_on = SUGGESTED_DUE_ON.get(evaluation.kind)  # a vervolgevaluatie has none
        if due_on and evaluation.due_on == due_on(old_date):
            evaluation_reschedule(
                evaluation=evaluation,
                by=by,
                due_on=due_on(plan.drawn_up_on),
                expected_version=evaluation.version,
            )
