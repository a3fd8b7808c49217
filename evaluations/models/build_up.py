"""The opbouwschema (build-up schedule) of a plan: per week the hours planned at school or on
the offer, the goal they serve, and what happened that week.

A week is keyed by its Monday (`week_start`): the ISO week the casemanager thinks in, stored
as a date so the chart's time axis and the evaluations and meetings on it share one scale.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.encryption import EncryptedTextField
from core.formats import long_date
from core.models import TimestampedModel, track_history

from .plans import Goal, Plan

# A school week has at most about 40 hours; more is a typing error.
MAX_WEEK_HOURS = Decimal("60")
HOURS_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(MAX_WEEK_HOURS)]


@track_history(_("geschiedenis opbouwschema"))
class BuildUpWeek(TimestampedModel):
    """One week of a plan's opbouwschema: planned hours, and once the week is past the hours
    attended, with a reason where they fell short of the plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="build_up_weeks"
    )
    week_start = models.DateField(
        _("week (maandag)"), help_text=_("De maandag van de week waar de uren voor gelden.")
    )
    planned_hours = models.DecimalField(
        _("geplande uren"),
        max_digits=4,
        decimal_places=1,
        validators=HOURS_VALIDATORS,
        help_text=_("Uren op school of op het aanbod die week volgens het plan."),
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("doel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="build_up_weeks",
    )
    attended_hours = models.DecimalField(
        _("aanwezige uren"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=HOURS_VALIDATORS,
        help_text=_("Leeg zolang de week nog niet is geweest."),
    )
    shortfall_reason = EncryptedTextField(
        _("reden minder uren"),
        blank=True,
        help_text=_("Waarom de leerling minder uren aanwezig was dan gepland."),
    )

    class Meta:
        verbose_name = _("week van het opbouwschema")
        verbose_name_plural = _("weken van het opbouwschema")
        ordering = ["week_start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "week_start"], name="build_up_week_once_per_plan"
            ),
            models.CheckConstraint(
                condition=Q(week_start__iso_week_day=1), name="build_up_week_starts_monday"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Week van')} {long_date(self.week_start)}"

    @property
    def iso_week(self) -> int:
        return self.week_start.isocalendar().week

    @property
    def fell_short(self) -> bool:
        return self.attended_hours is not None and self.attended_hours < self.planned_hours

    @property
    def attended_share(self) -> Decimal | None:
        """Attended as a share of planned (1 = as planned); None before it is recorded or for
        a week planned at zero hours."""
        if self.attended_hours is None or not self.planned_hours:
            return None
        return self.attended_hours / self.planned_hours

    def clean(self) -> None:
        errors = {}
        if self.week_start and self.week_start.isoweekday() != 1:
            errors["week_start"] = _("Kies de maandag van de week.")
        if self.fell_short and not self.shortfall_reason.strip():
            errors["shortfall_reason"] = _(
                "Geef aan waarom de leerling minder uren aanwezig was dan gepland."
            )
        if self.goal_id and self.plan_id and self.goal.plan_id != self.plan_id:
            errors["goal"] = _("Kies een doel van dit plan.")
        if errors:
            raise ValidationError(errors)
