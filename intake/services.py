"""Writes for registration and intake. Views call these; they never save the models."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.constants import CaseKind, TimelineKind
from casework.models import Case, Guardian, Region, School, Student
from casework.services import case_register, timeline_add
from casework.workflow import EDITABLE_IN, Status
from core.edits import require_version

from .models import SIGNAL_FIELDS, SUBSTANCE_FIELDS, Intake, Registration

STUDENT_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "gender",
    "bsn",
    "level",
    "school_year",
    "class_name",
    "lwoo",
    "residence",
)
GUARDIAN_FIELDS = ("name", "role", "address", "residence", "phone", "email")
SITUATION_FIELDS = ("absence_kind", "absence_extent", "absent_since", "truancy_reported_on")
REGISTRATION_FIELDS = (
    "support_needed",
    "support_reason",
    "support_where",
    "support_what",
    "has_opp",
    "opp_exit_destination",
    "opp_hindering_factors",
    "opp_promoting_factors",
    "support_so_far",
    "parents_informed",
)

# The answers an intake needs before it counts as finished.
REQUIRED_FOR_COMPLETION = (
    "support_question",
    *SIGNAL_FIELDS,
    "happiness_score",
    "student_view",
    "has_diagnosis",
    "load_profile_needed",
)

INTAKE_ANSWER_FIELDS = tuple(
    field.name
    for field in Intake._meta.get_fields()
    if getattr(field, "editable", False)
    and field.name
    not in {
        "id",
        "case",
        "created_at",
        "updated_at",
        "version",
        "updated_by",
        "completed_at",
        "completed_by",
    }
    and not field.auto_created
)


def _pick(data: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    return {name: data[name] for name in names if name in data}


@transaction.atomic
def registration_submit(
    *,
    by: User,
    region: Region,
    school: School | None,
    route: str,
    student_data: Mapping[str, Any],
    guardians: Iterable[Mapping[str, Any]],
    situation: Mapping[str, Any],
    registration_data: Mapping[str, Any],
    kind: str = CaseKind.INTENSIVE,
    request: HttpRequest | None = None,
) -> Registration:
    """Register a pupil: the case (via casework.services.case_register) and its aanmelding.

    Raises ValidationError (keyed by field, e.g. ``bsn`` for a pupil who already has an open
    case in the region; that message reveals nothing about the other case).
    """
    if school is not None and school.region_id != region.pk:
        raise ValidationError({"school": _("Kies een school uit dit werkgebied.")})
    student = Student(**_pick(student_data, STUDENT_FIELDS))
    guardian_objects = [Guardian(**_pick(data, GUARDIAN_FIELDS)) for data in guardians]
    case = case_register(
        by=by,
        region=region,
        school=school,
        student=student,
        guardians=guardian_objects,
        kind=kind,
        route=route,
        request=request,
        **_pick(situation, SITUATION_FIELDS),
    )
    registration = Registration(
        case=case,
        submitted_by=by,
        submitted_at=timezone.now(),
        **_pick(registration_data, REGISTRATION_FIELDS),
    )
    registration.full_clean()
    registration.save()
    return registration


def intake_editable(case: Case) -> bool:
    # After consent, and while the plan runs (the intake is then still a growing document).
    return case.status in EDITABLE_IN["intake"]


def intake_not_editable_message(case: Case) -> str:
    if case.status in (Status.REGISTERED, Status.AWAITING_CONSENT):
        from consent.selectors import consent_gaps

        message = _(
            "De intake kan pas worden ingevuld als de toestemming van ouders/jeugdige is "
            "vastgelegd."
        )
        return " ".join([message, *consent_gaps(case)])
    return _("Deze casus is %(status)s; de intake kan niet meer worden gewijzigd.") % {
        "status": case.get_status_display()
    }


def intake_missing_answers(intake: Intake) -> list[str]:
    """Names of the answers that must be filled before the intake can be completed."""
    missing = []
    for name in REQUIRED_FOR_COMPLETION:
        value = getattr(intake, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    if intake.signal_substance_use and not (
        any(getattr(intake, name) for name in SUBSTANCE_FIELDS)
        or (intake.substance_other or "").strip()
    ):
        missing.append("substance_other")
    if intake.has_diagnosis and not (intake.diagnosis_which or "").strip():
        missing.append("diagnosis_which")
    return missing


@transaction.atomic
def intake_save(
    *,
    case: Case,
    by: User,
    data: Mapping[str, Any],
    complete: bool = False,
    version: int | None = None,
) -> Intake:
    """Save the intake answers, half-done or (with complete=True) finished.

    Only while the case is in intake or plan actief. With `version` (the version the form
    was loaded with) a save over someone else's newer save is refused; without it only the
    first save (no intake stored yet) is accepted. Completing checks the required answers and
    records who completed it and when.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if not intake_editable(locked):
        raise ValidationError(intake_not_editable_message(locked))
    intake = Intake.objects.filter(case=locked).first() or Intake(case=locked)
    _check_intake_version(intake, version)
    _apply_answers(intake, data)
    if complete:
        missing = intake_missing_answers(intake)
        if missing:
            raise ValidationError(
                {name: _("Vul dit in om de intake af te ronden.") for name in missing}
            )
    first_completion = complete and not intake.is_complete
    if first_completion:
        intake.completed_at = timezone.now()
        intake.completed_by = by
    intake.updated_by = by
    intake.version += 1
    intake.full_clean(exclude=["case"])
    intake.save()
    if first_completion:
        text = _("Intake afgerond.")
    elif complete:
        text = _("Intake bijgewerkt.")
    else:
        text = _("Intake tussentijds opgeslagen.")
    kind = TimelineKind.INTAKE_COMPLETED if first_completion else TimelineKind.INTAKE_SAVED
    timeline_add(case=locked, by=by, kind=kind, text=text)
    return intake


def _check_intake_version(intake: Intake, version: int | None) -> None:
    """A stored intake is only overwritten by a save that started from its version (a first
    save may leave it out)."""
    if intake.pk is not None:
        require_version(version)
    if version is not None and intake.version != version:
        raise ValidationError(
            _(
                "Iemand anders heeft de intake intussen opgeslagen. Laad de pagina opnieuw; "
                "uw wijzigingen zijn niet opgeslagen."
            )
        )


def _apply_answers(intake: Intake, data: Mapping[str, Any]) -> None:
    for name, value in _pick(data, INTAKE_ANSWER_FIELDS).items():
        setattr(intake, name, value.strip() if isinstance(value, str) else value)
    if not intake.signal_substance_use:
        for name in SUBSTANCE_FIELDS:
            setattr(intake, name, False)
