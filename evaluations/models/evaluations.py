"""The evaluations of a plan (interim, final and follow-up) and the review of each goal at an
evaluation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.encryption import EncryptedTextField
from core.formats import long_date
from core.models import TimestampedModel, track_history

from .plans import Goal, Plan


class EvaluationKind(models.TextChoices):
    INTERIM = "interim", _("tussentijdse evaluatie (6 weken)")
    FINAL = "final", _("evaluatie na 3 maanden")
    FOLLOWUP = "followup", _("vervolgevaluatie")


class EvaluationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(held_on__isnull=True)


@track_history(_("geschiedenis evaluatie"))
class Evaluation(TimestampedModel):
    case = models.ForeignKey(
        "casework.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="evaluations"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=EvaluationKind.choices)
    due_on = models.DateField(_("gepland op"))
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    participants = EncryptedTextField(_("deelnemers"), blank=True)
    pupil_view = EncryptedTextField(
        _("wat vindt de leerling?"),
        blank=True,
        help_text=_("Hoorrecht: de eigen mening van de leerling over de voortgang."),
    )
    notes = EncryptedTextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["due_on"], name="evaluation_open_due_on", condition=Q(held_on__isnull=True)
            ),
            models.Index(fields=["case", "due_on"], name="evaluation_case_due_on"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind"],
                condition=Q(kind__in=["interim", "final"]),
                name="evaluation_one_interim_and_final_per_plan",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {long_date(self.due_on)}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None


@track_history(_("geschiedenis evaluatie van een doel"))
class GoalReview(TimestampedModel):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluatie"), on_delete=models.CASCADE, related_name="reviews"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="reviews"
    )
    achieved = models.BooleanField(_("doel behaald"))
    explanation = EncryptedTextField(_("toelichting"), blank=True)
    extra_actions = EncryptedTextField(_("welke aanvullende acties zijn nodig?"), blank=True)
    needed = EncryptedTextField(_("wat is er nodig om het doel alsnog te bereiken?"), blank=True)
    adjusted = models.BooleanField(_("doel aangepast"), default=False)

    class Meta:
        verbose_name = _("evaluatie van een doel")
        verbose_name_plural = _("evaluaties van doelen")
        ordering = ["goal__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "goal"], name="goal_review_once_per_evaluation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal} — {'ja' if self.achieved else 'nee'}"
