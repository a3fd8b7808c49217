"""The case lifecycle as data. Statuses move only through casework.services."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REGISTERED = "registered", _("aangemeld")
    AWAITING_CONSENT = "awaiting_consent", _("wacht op toestemming")
    INTAKE = "intake", _("intake")
    PLAN_ACTIVE = "plan_active", _("plan actief")
    CLOSED = "closed", _("afgesloten")
    NOT_STARTED = "not_started", _("niet gestart")


OPEN_STATUSES = (
    Status.REGISTERED,
    Status.AWAITING_CONSENT,
    Status.INTAKE,
    Status.PLAN_ACTIVE,
)

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    # Taking a registration on (assigning a casemanager) asks the family for consent.
    Status.REGISTERED: {Status.AWAITING_CONSENT, Status.NOT_STARTED, Status.CLOSED},
    # Only valid consent unlocks the intake (consent.services checks who must consent).
    Status.AWAITING_CONSENT: {Status.INTAKE, Status.NOT_STARTED},
    # An informatie & advies case closes after the advice, without a plan.
    Status.INTAKE: {Status.PLAN_ACTIVE, Status.CLOSED, Status.NOT_STARTED},
    Status.PLAN_ACTIVE: {Status.CLOSED, Status.NOT_STARTED},
    Status.CLOSED: set(),
    Status.NOT_STARTED: set(),
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, set())
