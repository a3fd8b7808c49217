"""Signals and hooks other apps plug into, so the foundation app imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal

# Sent after the transaction that anonymised a case commits; argument: case_id. Apps that keep
# copies of case data elsewhere (cached PDFs, change history) drop them in a receiver.
case_anonymised = Signal()

# Sent inside the transaction that ends a case (case_close and case_mark_not_started), after the
# status change; arguments: case (the ended case), by. What ends with the case (its consent)
# ends in a receiver, in the same transaction: an error there undoes the ending.
case_ended = Signal()

# Sent inside case_close's transaction, after case_ended; argument: case. For what follows a
# closing only (not a case that never started): a receiver queues its work on commit.
case_closed = Signal()

# Sent inside case_assign's transaction, after the case has its casemanager; arguments: case,
# casemanager, by. The notifications app tells the casemanager (notifications.receivers).
case_assigned = Signal()


def _not_registered(*args, **kwargs):
    raise ImproperlyConfigured("The consent rules are registered in ConsentConfig.ready.")


@dataclass
class ConsentRules:
    """The consent rules casework asks about. They stay where the consent data is
    (consent.selectors); consent's AppConfig.ready plugs them in, so casework imports nothing
    above it. Asked before that, a rule raises instead of guessing."""

    # (queryset, user) -> the cases a partner user may read (Case.objects.visible_to); plugged
    # in by EvaluationsConfig.ready, as it needs the plan's betrokkenen too.
    cases_shared_with: Callable = _not_registered
    # (case, organisation) -> may this partner organisation read the intake (the tab bar).
    intake_shared_with: Callable = _not_registered
    # (case) -> None, or a ValidationError saying why the case has no valid consent (the move
    # to intake, casework.services.case_start_intake).
    require_valid_consent: Callable = _not_registered


consent_rules = ConsentRules()


def _plan_dates_not_registered(*args, **kwargs):
    raise ImproperlyConfigured("The plan dates are registered in EvaluationsConfig.ready.")


@dataclass
class PlanDates:
    """The evaluation dates casework's lists and overview show. They are the evaluations app's
    (evaluations.selectors); its AppConfig.ready plugs them in."""

    # (case ids) -> {case id: the earliest evaluation not yet held} (dashboard, case list).
    next_due_dates: Callable = _plan_dates_not_registered
    # (case) -> (interim date, final date) of the current plan (the case overview).
    case_evaluation_dates: Callable = _plan_dates_not_registered
    # () -> an expression of a case row: its earliest evaluation not yet held (the list's order).
    next_due_expression: Callable = _plan_dates_not_registered


plan_dates = PlanDates()
