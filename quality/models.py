"""Quality: change history of case records, yearly outcome follow-up, satisfaction surveys.

History: one pghistory event model per tracked case record. The triggers are NOT registered
on the tracked models (that would put trigger operations into the other apps' migrations);
quality.history builds their SQL and quality's own migrations install it.
"""

import uuid

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models import Case, Guardian, School, Student
from consent.models import Consent
from core.models import TimestampedModel
from evaluations.models import (
    Evaluation,
    Goal,
    GoalReview,
    LoadProfile,
    LoadProfileVersion,
    Meeting,
    MeetingAction,
    MeetingItem,
    Plan,
    Stakeholder,
)
from intake.models import Intake, Registration

# --- change history -------------------------------------------------------------------------


class _Frozen:
    """A row tracker whose trigger is installed by quality's migrations, not by pgtrigger's
    registry (see the module docstring)."""

    def add_event_trigger(self, event_model):
        return None


class InsertTracker(_Frozen, pghistory.InsertEvent):
    pass


class UpdateTracker(_Frozen, pghistory.UpdateEvent):
    pass


class DeleteTracker(_Frozen, pghistory.DeleteEvent):
    pass


def _trackers():
    return (InsertTracker(), UpdateTracker(), DeleteTracker())


# Never in a history table: the BSN (even encrypted) and its search digest; row timestamps
# (the event has its own) so that touching a row without changing it records nothing.
ALWAYS_EXCLUDED = ("created_at", "updated_at")
EXCLUDED = {
    Student: ("bsn", "bsn_digest", "pseudonym"),
    # Derived by consent.rules from the other fields; the upload's sniffed type.
    Consent: ("missing", "signed_file_type"),
}

TRACKED_MODELS = (
    Case,
    Student,
    Guardian,
    Registration,
    Intake,
    Consent,
    Plan,
    Stakeholder,
    Goal,
    Evaluation,
    GoalReview,
    LoadProfile,
    LoadProfileVersion,
    Meeting,
    MeetingItem,
    MeetingAction,
)


def tracked_fields(model) -> list[str]:
    """The fields a history row keeps: every concrete field but the excluded ones. Frozen
    per migration: a field added later to a tracked model is not tracked until quality gets
    a migration for it (tests/quality/test_history.py says which)."""
    excluded = set(ALWAYS_EXCLUDED) | set(EXCLUDED.get(model, ()))
    return [f.name for f in model._meta.local_fields if f.name not in excluded]


def _event_base(model, fields: list[str]):
    return pghistory.create_event_model(
        model,
        *_trackers(),
        fields=fields,
        model_name=f"{model.__name__}EventBase",
        app_label="quality",
        append_only=False,  # the retention purge deletes the events of anonymised cases
        obj_field=pghistory.ObjForeignKey(related_name="quality_events", db_index=True),
    )


# The field lists are written out per model (not computed) so that a change to another app's
# model never changes these tables behind quality's migrations.
CASE_FIELDS = [
    "id", "reference", "region", "student", "school", "kind", "route", "scenario", "status",
    "casemanager", "registered_by", "registered_on", "closed_on", "absence_kind",
    "absence_extent", "absent_since", "offer_since", "truancy_reported_on", "clock_level",
    "outcome", "closing_agreements", "case_direction_continues", "case_direction_by",
    "anonymised_at",
]  # fmt: skip
STUDENT_FIELDS = [
    "id", "first_name", "last_name", "birth_date", "gender", "level", "school_year",
    "class_name", "lwoo", "residence",
]  # fmt: skip
GUARDIAN_FIELDS = ["id", "student", "name", "role", "address", "residence", "phone", "email"]
REGISTRATION_FIELDS = [
    "id", "case", "support_needed", "support_reason", "support_where", "support_what",
    "has_opp", "opp_exit_destination", "opp_hindering_factors", "opp_promoting_factors",
    "support_so_far", "parents_informed", "submitted_by", "submitted_at",
]  # fmt: skip
CONSENT_FIELDS = [
    "id", "case", "version", "supersedes", "superseded_at", "representative_1",
    "representative_2", "youth_consented", "missing_representative_reason", "given_on",
    "method", "recorded_by", "legal_basis", "signed_file", "is_complete", "ended_on",
    "end_reason", "end_note", "withdrawn_by", "shares_intake",
]  # fmt: skip
PLAN_FIELDS = [
    "id", "case", "current", "drawn_up_on", "director_name", "director_organisation",
    "director_email", "director_phone", "pupil_view", "adopted_on", "adopted_by", "version",
]  # fmt: skip
STAKEHOLDER_FIELDS = ["id", "plan", "name", "organisation", "organisation_name", "email", "phone"]
GOAL_FIELDS = [
    "id", "plan", "position", "description", "actions", "term", "responsible", "active",
    "previous", "version",
]  # fmt: skip
EVALUATION_FIELDS = [
    "id", "case", "plan", "kind", "due_on", "held_on", "participants", "pupil_view", "notes",
    "recorded_by", "version",
]  # fmt: skip
GOAL_REVIEW_FIELDS = [
    "id", "evaluation", "goal", "achieved", "explanation", "extra_actions", "needed", "adjusted",
]  # fmt: skip
LOAD_PROFILE_FIELDS = ["id", "case", "version"]
MEETING_FIELDS = [
    "id", "region", "kind", "date", "start_time", "place", "other_attendees", "planned_by",
]  # fmt: skip
MEETING_ITEM_FIELDS = ["id", "meeting", "case", "position", "minutes"]
MEETING_ACTION_FIELDS = ["id", "item", "description", "owner", "due_on"]


def _intake_fields() -> list[str]:
    # The intake has some forty encrypted answers; listing them twice would drift. The event
    # columns stay encrypted (same field class), so history is no weaker than the intake.
    return tracked_fields(Intake)


def _load_profile_version_fields() -> list[str]:
    return tracked_fields(LoadProfileVersion)


class CaseEvent(_event_base(Case, CASE_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis casus")


class StudentEvent(_event_base(Student, STUDENT_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis leerling")


class GuardianEvent(_event_base(Guardian, GUARDIAN_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis ouder/verzorger")


class RegistrationEvent(_event_base(Registration, REGISTRATION_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis aanmelding")


class IntakeEvent(_event_base(Intake, _intake_fields())):
    class Meta:
        verbose_name = _("geschiedenis intake")


class ConsentEvent(_event_base(Consent, CONSENT_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis toestemming")


class PlanEvent(_event_base(Plan, PLAN_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis plan van aanpak")


class StakeholderEvent(_event_base(Stakeholder, STAKEHOLDER_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis betrokkene")


class GoalEvent(_event_base(Goal, GOAL_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis doel")


class EvaluationEvent(_event_base(Evaluation, EVALUATION_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis evaluatie")


class GoalReviewEvent(_event_base(GoalReview, GOAL_REVIEW_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis evaluatie van een doel")


class LoadProfileEvent(_event_base(LoadProfile, LOAD_PROFILE_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis belastbaarheidsprofiel")


class LoadProfileVersionEvent(_event_base(LoadProfileVersion, _load_profile_version_fields())):
    class Meta:
        verbose_name = _("geschiedenis versie belastbaarheidsprofiel")


class MeetingEvent(_event_base(Meeting, MEETING_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis overleg")


class MeetingItemEvent(_event_base(MeetingItem, MEETING_ITEM_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis agendapunt")


class MeetingActionEvent(_event_base(MeetingAction, MEETING_ACTION_FIELDS)):
    class Meta:
        verbose_name = _("geschiedenis afgesproken actie")


EVENT_MODELS = (
    CaseEvent,
    StudentEvent,
    GuardianEvent,
    RegistrationEvent,
    IntakeEvent,
    ConsentEvent,
    PlanEvent,
    StakeholderEvent,
    GoalEvent,
    EvaluationEvent,
    GoalReviewEvent,
    LoadProfileEvent,
    LoadProfileVersionEvent,
    MeetingEvent,
    MeetingItemEvent,
    MeetingActionEvent,
)


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
        return f"{self.case_id} {self.due_on:%d-%m-%Y}"

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
