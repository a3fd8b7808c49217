"""The plan van aanpak and its evaluations: when each evaluation is due and what each move
needs. The one place that decides it; the services in evaluations.services call these checks
before they write, and each check raises a ValidationError in Dutch (a dict keyed by the form
field where the message belongs beside one).

- Dates: the tussentijdse evaluatie is 6 weeks after the date the plan was drawn up, the
  evaluatie na 3 maanden 3 calendar months after it, clamped to the month's end (30 Nov →
  28/29 Feb; 31 Jan → 30 Apr). A vervolgevaluatie has no suggested date: the casemanager picks
  one in the future.
- Plan: written during the intake or while the plan is active; adopted during the intake and
  only with at least one goal. A goal of an adopted plan, or one already reviewed, stays: it is
  adjusted at the evaluatie na 3 maanden (a new Goal version), never deleted.
- Evaluation: recorded once, while the plan is active, on a day from the plan's date up to
  today, with a review of every goal in force; the evaluatie na 3 maanden only after the
  tussentijdse evaluatie (issue 18). A goal not reached needs the extra actions (interim) or what
  is still needed or an adjusted goal (final and vervolg); only those adjust a goal.
- After the evaluatie na 3 maanden (or a vervolgevaluatie), with no evaluation open, the case
  is closed or a vervolgevaluatie is planned.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case
from casework.workflow import EDITABLE_IN, Status, check_move
from core.formats import long_date

from .models import Evaluation, EvaluationKind, Goal, Plan

INTERIM_AFTER = relativedelta(weeks=6)
FINAL_AFTER = relativedelta(months=3)

# The evaluations that end the plan's first round: after one of them the case may close.
CLOSING_KINDS = (EvaluationKind.FINAL, EvaluationKind.FOLLOWUP)


def interim_due_on(plan_date: date) -> date:
    """Tussentijdse evaluatie: plan date + 6 weeks."""
    return plan_date + INTERIM_AFTER


def final_due_on(plan_date: date) -> date:
    """Evaluatie na 3 maanden: plan date + 3 calendar months, clamped to the month's end
    (30 Nov → 28/29 Feb; 31 Jan → 30 Apr)."""
    return plan_date + FINAL_AFTER


# The date each kind is suggested on, from the plan's date; a vervolgevaluatie has none.
SUGGESTED_DUE_ON = {EvaluationKind.INTERIM: interim_due_on, EvaluationKind.FINAL: final_due_on}


# --- plan and goals ----------------------------------------------------------------------


def check_plan_open(case: Case) -> None:
    if case.status not in EDITABLE_IN["plan"]:
        raise ValidationError(
            _(
                "Een plan van aanpak kan alleen worden gewijzigd in de intake of bij een actief plan."
            )
        )


def check_goal_editable(goal: Goal) -> None:
    """An adjusted goal is history; its new version is the one to edit."""
    if not goal.active:
        raise ValidationError(_("Dit doel is aangepast; wijzig de nieuwe versie."))


def check_goal_deletable(goal: Goal) -> None:
    """Only a goal of a plan that is not adopted yet, and never reviewed, may go."""
    if goal.plan.is_adopted or goal.reviews.exists():
        raise ValidationError(
            _("Een doel van een vastgesteld plan blijft bewaard; pas het aan bij de evaluatie.")
        )


def check_plan_adoptable(case: Case, plan: Plan | None) -> None:
    if plan is None:
        raise ValidationError(_("Stel eerst een plan van aanpak op."))
    if plan.is_adopted:
        raise ValidationError(_("Dit plan is al vastgesteld."))
    check_move(case, "adopt_plan")
    if not plan.goals.active().exists():
        raise ValidationError(_("Een plan van aanpak heeft minstens één doel nodig."))


# --- evaluations -------------------------------------------------------------------------


def check_reschedulable(evaluation: Evaluation) -> None:
    if evaluation.is_held:
        raise ValidationError(_("Een gehouden evaluatie wordt niet meer verzet."))


@dataclass
class ReviewInput:
    """One goal's review as the evaluation form submits it; `new_goal` holds the adjusted
    goal's fields (evaluations.services.GOAL_FIELDS) when `adjust` is set."""

    goal: Goal
    achieved: bool
    explanation: str = ""
    extra_actions: str = ""
    needed: str = ""
    adjust: bool = False
    new_goal: dict = field(default_factory=dict)


# The evaluations that must be held before one of a kind can be recorded.
HELD_BEFORE = {EvaluationKind.FINAL: (EvaluationKind.INTERIM,)}


def waiting_for(evaluation: Evaluation) -> Evaluation | None:
    """The evaluation of the same plan still open that must be recorded first (the
    tussentijdse evaluatie before the evaluatie na 3 maanden), or None."""
    kinds = HELD_BEFORE.get(evaluation.kind, ())
    if not kinds:
        return None
    return evaluation.plan.evaluations.open().filter(kind__in=kinds).first()


def order_problem(evaluation: Evaluation) -> str:
    """Why `evaluation` cannot be recorded yet, in Dutch; empty when it can."""
    earlier = waiting_for(evaluation)
    if earlier is None:
        return ""
    return _("Leg eerst de %(earlier)s vast (gepland op %(date)s); daarna de %(kind)s.") % {
        "earlier": earlier.get_kind_display(),
        "date": long_date(earlier.due_on),
        "kind": evaluation.get_kind_display(),
    }


def check_recordable(evaluation: Evaluation, *, held_on: date) -> None:
    """The evaluation itself, before its reviews: once, on an active plan, after the ones
    it follows, on a day from the plan's date up to today."""
    if evaluation.is_held:
        raise ValidationError(_("Deze evaluatie is al vastgelegd."))
    if evaluation.case.status not in EDITABLE_IN["evaluations"]:
        raise ValidationError(_("Alleen bij een actief plan wordt geëvalueerd."))
    problem = order_problem(evaluation)
    if problem:
        raise ValidationError(problem)
    if held_on > timezone.localdate():
        raise ValidationError(
            {"held_on": _("Een evaluatie kan niet in de toekomst gehouden zijn.")}
        )
    drawn_up_on = evaluation.plan.drawn_up_on
    if held_on < drawn_up_on:
        raise ValidationError(
            {
                "held_on": _(
                    "Een evaluatie kan niet gehouden zijn vóór het plan van aanpak is "
                    "opgesteld (%(date)s)."
                )
                % {"date": long_date(drawn_up_on)}
            }
        )


def review_problems(review: ReviewInput, *, interim: bool) -> list[str]:
    """What is wrong with one goal's review, in Dutch; an empty list means complete."""
    problems = []
    if review.adjust and interim:
        problems.append(_("Een doel wordt pas bij de evaluatie na 3 maanden aangepast."))
    if review.achieved:
        return problems
    if interim and not review.extra_actions.strip():
        problems.append(_("Doel niet behaald: vul in welke aanvullende acties nodig zijn."))
    if not interim and not review.needed.strip() and not review.adjust:
        problems.append(_("Doel niet behaald: vul in wat er nodig is, of pas het doel aan."))
    if review.adjust and not (review.new_goal.get("description") or "").strip():
        problems.append(_("Vul het aangepaste doel in."))
    return problems


def check_reviews(
    goals: Sequence[Goal], by_goal: Mapping[int, ReviewInput], *, interim: bool
) -> None:
    """Every goal in force has a complete review; the errors are keyed `goal_<pk>`."""
    if any(goal.pk not in by_goal for goal in goals):
        raise ValidationError(_("Beoordeel elk doel van het plan."))
    errors = {}
    for goal in goals:
        problems = review_problems(by_goal[goal.pk], interim=interim)
        if problems:
            errors[f"goal_{goal.pk}"] = problems
    if errors:
        raise ValidationError(errors)


def evaluation_next_step_open(case: Case) -> bool:
    """After the 3-month (or a follow-up) evaluation, with nothing open: close or plan again."""
    return (
        case.status == Status.PLAN_ACTIVE
        and case.evaluations.filter(kind__in=CLOSING_KINDS, held_on__isnull=False).exists()
        and not case.evaluations.open().exists()
    )


def check_followup(case: Case, *, due_on: date) -> None:
    if not evaluation_next_step_open(case):
        raise ValidationError(_("Een vervolgevaluatie wordt gepland na de evaluatie na 3 maanden."))
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": _("Kies een datum in de toekomst.")})


def check_closable_after_evaluation(case: Case) -> None:
    if not evaluation_next_step_open(case):
        raise ValidationError(
            _(
                "Sluit de casus af na de evaluatie na 3 maanden, als er geen evaluatie meer open staat."
            )
        )
