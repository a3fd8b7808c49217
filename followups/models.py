"""Followups (opvolging en tevredenheid): the yearly outcome follow-up of a closed case and
the satisfaction surveys. The tables were quality_*; followups 0001 renamed them (issue 16)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models import Case, Guardian, School
from core.formats import long_date
from core.models import TimestampedModel

# --- yearly outcome follow-up ---------------------------------------------------------------


class Progression(models.TextChoices):
    PROMOTED = "promoted", _("over naar het volgende leerjaar")
    REPEATED = "repeated", _("blijven zitten (leerjaar overgedaan)")
    LEVEL_CHANGED = "level_changed", _("naar een ander niveau")
    NOT_APPLICABLE = "not_applicable", _("niet van toepassing (niet meer op school)")


class ExamResult(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", _("niet van toepassing (geen examenjaar)")
    PASSED = "passed", _("geslaagd")
    FAILED = "failed", _("gezakt")


class Outflow(models.TextChoices):
    SCHOOL = "school", _("op school (voortgezet onderwijs)")
    MBO = "mbo", _("mbo")
    WORK = "work", _("werk")
    NONE = "none", _("geen school en geen werk")


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(recorded_at__isnull=True)

    def recorded(self):
        return self.filter(recorded_at__isnull=False)

    def for_school_of(self, user):
        """The follow-ups a gedragsdeskundige answers: their own school's."""
        if not user.is_authenticated or not user.school_id:
            return self.none()
        return self.filter(school_id=user.school_id)


class FollowUp(TimestampedModel):
    """The yearly question to the school of enrolment: how is the pupil doing now?"""

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    due_on = models.DateField(_("peildatum"))
    school = models.ForeignKey(
        School,
        verbose_name=_("school van inschrijving"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    progression = models.CharField(
        _("doorstroom"), max_length=16, choices=Progression.choices, blank=True
    )
    exam_result = models.CharField(
        _("examenresultaat"), max_length=16, choices=ExamResult.choices, blank=True
    )
    outflow = models.CharField(_("uitstroom"), max_length=16, choices=Outflow.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevuld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    recorded_at = models.DateTimeField(_("ingevuld op"), null=True, blank=True, editable=False)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("opvolging na afsluiting")
        verbose_name_plural = _("opvolgingen na afsluiting")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "due_on"],
                name="follow_up_once_per_case_and_date",
                violation_error_message=_("Voor deze casus en peildatum is er al een opvolging."),
            ),
            models.CheckConstraint(
                name="follow_up_recorded_complete",
                condition=Q(recorded_at__isnull=True) | ~Q(outflow=""),
                violation_error_message=_("Een ingevulde opvolging heeft een uitstroom."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["school", "due_on"],
                name="follow_up_open_school",
                condition=Q(recorded_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {long_date(self.due_on)}"

    @property
    def is_recorded(self) -> bool:
        return self.recorded_at is not None


# --- satisfaction surveys -------------------------------------------------------------------


class Respondent(models.TextChoices):
    PARENT = "parent", _("ouder/verzorger")
    CARE_COORDINATOR = "care_coordinator", _("zorgcoördinator school")


class SurveyInvitation(TimestampedModel):
    """One link to the questionnaire, per case and recipient: each parent with gezag, and
    the school's zorgcoördinator.

    Only a hash of the token is stored; the answer (SurveyResponse) has no link back to this
    row or the case, so reports are anonymous. The case and guardian links here serve
    idempotency (one invitation per recipient) and the response rate. A parent invitation
    without a guardian is either from before each parent had their own link (one shared
    link) or its guardian was removed when the case was anonymised.
    """

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="survey_invitations"
    )
    respondent = models.CharField(_("respondent"), max_length=20, choices=Respondent.choices)
    guardian = models.ForeignKey(
        Guardian,
        verbose_name=_("ouder/verzorger"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,  # not shown in the admin, like the case
        related_name="+",
    )
    region = models.ForeignKey(
        "casework.Region",
        verbose_name=_("werkgebied"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.DateField(_("kwartaal"), help_text=_("Eerste dag van het kwartaal."))
    token_hash = models.CharField(_("hash van de code"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging tevredenheidsonderzoek")
        verbose_name_plural = _("uitnodigingen tevredenheidsonderzoek")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "guardian"],
                condition=Q(guardian__isnull=False),
                name="survey_invitation_once_per_guardian",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(respondent=Respondent.CARE_COORDINATOR),
                name="survey_invitation_once_per_school",
            ),
        ]
        indexes = [models.Index(fields=["region", "period"], name="survey_invitation_period")]

    def __str__(self) -> str:
        return f"{self.get_respondent_display()} {self.period:%Y-%m}"


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class SurveyResponse(models.Model):
    """An anonymous answer: region, quarter and kind of respondent, nothing else. A random
    primary key and no timestamp, so neither order nor time ties it to an invitation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    region = models.ForeignKey(
        "casework.Region",
        verbose_name=_("werkgebied"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.DateField(_("kwartaal"))
    respondent = models.CharField(_("respondent"), max_length=20, choices=Respondent.choices)
    satisfied = models.PositiveSmallIntegerField(
        _("tevreden over de hulp"), validators=SCORE_VALIDATORS
    )
    listened = models.PositiveSmallIntegerField(_("goed geluisterd"), validators=SCORE_VALIDATORS)
    clear = models.PositiveSmallIntegerField(_("duidelijke afspraken"), validators=SCORE_VALIDATORS)
    better = models.PositiveSmallIntegerField(
        _("gaat het nu beter op school"), validators=SCORE_VALIDATORS
    )
    comment = models.TextField(_("opmerking"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("antwoord tevredenheidsonderzoek")
        verbose_name_plural = _("antwoorden tevredenheidsonderzoek")
        indexes = [models.Index(fields=["region", "period"], name="survey_response_period")]
        constraints = [
            models.CheckConstraint(
                name=f"survey_{name}_1_to_5", condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5})
            )
            for name in ("satisfied", "listened", "clear", "better")
        ]

    def __str__(self) -> str:
        return f"{self.get_respondent_display()} {self.period:%Y-%m}"


# The questions, in the order the questionnaire asks them (B1 Dutch).
SURVEY_QUESTIONS = (
    ("satisfied", _("Hoe tevreden bent u over de hulp van de Plusvoorziening?")),
    ("listened", _("Luisterden wij goed naar u?")),
    ("clear", _("Waren de afspraken duidelijk?")),
    ("better", _("Gaat het nu beter met de leerling op school?")),
)
