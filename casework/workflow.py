"""The case lifecycle as data: the statuses, and per move where it may start, where it ends,
what it checks, what it writes on the timeline and what follows it.

casework.services.case_move runs a move from this table (lock, check, save, timeline entry,
signals); nothing else changes a case's status. What follows a move in the apps above
casework (the consent ends, the survey is queued) is a receiver of the signals a move names
here, connected in that app's AppConfig.ready; a check that needs an app above casework (is
the consent valid?) reaches it through casework.signals.consent_rules.

    registered ─assign─▶ awaiting_consent ─start_intake─▶ intake ─adopt_plan─▶ plan_active
        │                                                   │                     │
        └── close (an adviesvraag only) ───────────────────┴──── close ──────────┴─▶ closed
    every open status ─mark_not_started─▶ not_started
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .constants import CaseKind, TimelineKind
from .signals import case_closed, case_ended, consent_rules


class Status(models.TextChoices):
    REGISTERED = "registered", gettext_lazy("aangemeld")
    AWAITING_CONSENT = "awaiting_consent", gettext_lazy("wacht op toestemming")
    INTAKE = "intake", gettext_lazy("intake")
    PLAN_ACTIVE = "plan_active", gettext_lazy("plan actief")
    CLOSED = "closed", gettext_lazy("afgesloten")
    NOT_STARTED = "not_started", gettext_lazy("niet gestart")


OPEN_STATUSES = (
    Status.REGISTERED,
    Status.AWAITING_CONSENT,
    Status.INTAKE,
    Status.PLAN_ACTIVE,
)


# The statuses in which each part of a case may be changed: its service refuses a change in
# any other status, and its page offers the form only in these (casework.access.CaseAccess.
# offers). A part not named here changes in every status its access allows.
EDITABLE_IN: dict[str, tuple[Status, ...]] = {
    "intake": (Status.INTAKE, Status.PLAN_ACTIVE),
    "plan": (Status.INTAKE, Status.PLAN_ACTIVE),
    "evaluations": (Status.PLAN_ACTIVE,),
    "load_profile": OPEN_STATUSES,
    "assign": OPEN_STATUSES,
}


# Closed means closed (issue 18): once a case has ended (closed, or not started) only these
# parts still change, each for a reason of its own; every other write to the case is refused
# before its view does anything (casework.access.get_case_for_user with write=True), and its
# page offers no form (casework.access.CaseAccess.offers). What also still happens to an
# ended case, outside its pages: the access log (NEN 7513, every read and refusal), the
# retention run that anonymises it (casework.privacy.retention), the subject-access export
# (a read), the satisfaction survey (followups, no case data), and taking it off a meeting's
# agenda (the meeting's list, not the case's content; meetings.services.meeting_remove_case),
# also by changing or cancelling the meeting (meeting_update, meeting_delete: the ended
# case's timeline gets no line).
CHANGEABLE_WHEN_ENDED: frozenset[str] = frozenset(
    {
        "follow_up",  # the school's yearly follow-up: where is the pupil now? (followups)
    }
)


def is_read_only(case, section: str) -> bool:
    """Has `case` ended, so that `section` of it no longer changes?"""
    return case.status not in OPEN_STATUSES and section not in CHANGEABLE_WHEN_ENDED


def read_only_message(case) -> str:
    return _("Deze casus is %(status)s: er kan niets meer in worden gewijzigd.") % {
        "status": case.get_status_display()
    }


def check_changeable(case, section: str) -> None:
    """Raise a ValidationError in Dutch if `section` of `case` no longer changes."""
    if is_read_only(case, section):
        raise ValidationError(read_only_message(case))


def _no_check(case) -> None:
    return None


def _valid_consent(case) -> None:
    # consent.selectors decides who must consent (casework.signals.consent_rules).
    consent_rules.require_valid_consent(case)


def _advice_or_started(case) -> None:
    if case.status == Status.REGISTERED and case.kind != CaseKind.ADVICE:
        raise ValidationError(
            _("Alleen een adviesvraag kan direct na aanmelding worden afgesloten.")
        )


@dataclass(frozen=True)
class Move:
    """One move of the lifecycle. `refused` is the message when the case's status does not
    allow it (the generic one when blank); `check` raises a ValidationError for what else
    the move needs; `signals` are sent inside the move's transaction, after the status
    change, with the arguments case and by."""

    sources: tuple[Status, ...]
    target: Status
    timeline: TimelineKind
    check: Callable[..., None] = _no_check
    signals: tuple[Signal, ...] = ()
    refused: str = ""


MOVES: dict[str, Move] = {
    # Taking a registration on (assigning a casemanager) asks the family for consent.
    "assign": Move((Status.REGISTERED,), Status.AWAITING_CONSENT, TimelineKind.ASSIGNED),
    # Only valid consent unlocks the intake (consent.services records it and asks for this).
    "start_intake": Move(
        (Status.AWAITING_CONSENT,), Status.INTAKE, TimelineKind.CONSENT, check=_valid_consent
    ),
    # evaluations.services.plan_adopt: the plan is adopted during the intake.
    "adopt_plan": Move(
        (Status.INTAKE,),
        Status.PLAN_ACTIVE,
        TimelineKind.PLAN,
        refused=gettext_lazy(
            "Een plan wordt vastgesteld tijdens de intake (status nu: %(status)s)."
        ),
    ),
    # An informatie & advies case closes after the advice, without a plan. Closing ends the
    # consent (consent's receiver of case_ended) and queues the satisfaction survey
    # (followups' receiver of case_closed).
    "close": Move(
        (Status.REGISTERED, Status.INTAKE, Status.PLAN_ACTIVE),
        Status.CLOSED,
        TimelineKind.CLOSED,
        check=_advice_or_started,
        signals=(case_ended, case_closed),
    ),
    "mark_not_started": Move(
        OPEN_STATUSES, Status.NOT_STARTED, TimelineKind.NOT_STARTED, signals=(case_ended,)
    ),
}


def allowed_targets(status: str) -> set[str]:
    """The statuses a case in `status` can move to."""
    return {move.target for move in MOVES.values() if status in move.sources}


def may_move(case, name: str) -> bool:
    """Does the case's status allow move `name` (its other checks aside)?"""
    return case.status in MOVES[name].sources


def check_move(case, name: str) -> None:
    """Raise a ValidationError in Dutch unless the case may make move `name` now."""
    move = MOVES[name]
    if not may_move(case, name):
        message = move.refused or _(
            "Een casus met status '%(current)s' kan niet naar '%(target)s'."
        )
        raise ValidationError(
            str(message)
            % {
                "status": case.get_status_display(),
                "current": case.get_status_display(),
                "target": move.target.label,
            }
        )
    move.check(case)
