"""Writes on consent: record a new version, withdraw, end on closure."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.access import log_access
from casework.models import AccessAction, Case, Guardian, Organisation
from casework.services import case_start_intake, timeline_add
from casework.workflow import OPEN_STATUSES, may_move
from core.formats import long_date

from .models import Consent, ConsentMethod, EndReason, LegalBasis
from .rules import consent_missing
from .selectors import consent_gaps
from .uploads import random_filename, validate_upload


@transaction.atomic
def consent_record(
    *,
    case: Case,
    by: User,
    given_on: date,
    method: str,
    organisations: Iterable[Organisation],
    representative_1: Guardian | None = None,
    representative_2: Guardian | None = None,
    youth_consented: bool = False,
    missing_representative_reason: str = "",
    legal_basis: str = LegalBasis.CONSENT,
    shares_intake: bool = False,
    signed_file=None,
    request: HttpRequest | None = None,
) -> Consent:
    """Record a new version of the case's consent; it supersedes the previous version.

    consent.rules decides whether it is complete (kept on the row with what is missing).
    Each version carries its own `shares_intake`: whether partners also read the intake.
    A complete consent for a case that waits for consent unlocks the intake; an incomplete
    one is recorded but unlocks nothing.
    """
    locked = Case.objects.select_for_update().select_related("student").get(pk=case.pk)
    if locked.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Voor een afgesloten casus wordt geen toestemming meer vastgelegd.")
        )
    organisations = list(organisations)
    errors: dict[str, list[str]] = {}
    if not organisations:
        errors["organisations"] = [_("Kies ten minste één partner.")]
    elif any(org.region_id != locked.region_id for org in organisations):
        errors["organisations"] = [_("Kies alleen partners uit het werkgebied van deze casus.")]
    if method == ConsentMethod.CONVERSATION and signed_file:
        signed_file = None  # a conversation has no form; a stray upload is not kept
    content_type = ""
    if signed_file:
        try:
            content_type = validate_upload(signed_file)
        except ValidationError as exc:
            errors["signed_file"] = exc.messages
        else:
            signed_file.name = random_filename(content_type)
    if errors:
        raise ValidationError(errors)

    previous = (
        Consent.objects.select_for_update().filter(case=locked, superseded_at__isnull=True).first()
    )
    guardians = list(Guardian.objects.filter(student_id=locked.student_id))
    missing = consent_missing(
        birth_date=locked.student.birth_date,
        given_on=given_on,
        guardians=guardians,
        representatives=[representative_1, representative_2],
        youth_consented=youth_consented,
        missing_representative_reason=missing_representative_reason,
    )
    consent = Consent(
        case=locked,
        version=previous.version + 1 if previous else 1,
        supersedes=previous,
        representative_1=representative_1,
        representative_2=representative_2,
        youth_consented=youth_consented,
        missing_representative_reason=missing_representative_reason.strip(),
        given_on=given_on,
        method=method,
        recorded_by=by,
        legal_basis=legal_basis,
        shares_intake=shares_intake,
        signed_file=signed_file or "",
        signed_file_type=content_type,
        is_complete=not missing,
        missing=missing,
    )
    if previous is not None:
        previous.superseded_at = timezone.now()
        previous.save(update_fields=["superseded_at", "updated_at"])
    consent.full_clean()
    consent.save()
    consent.organisations.set(organisations)

    if missing:
        state = _("onvolledig: %(missing)s") % {"missing": " ".join(missing)}
    else:
        state = _("volledig")
    timeline_add(
        case=locked,
        by=by,
        kind="consent",
        text=_(
            "Toestemming vastgelegd (versie %(version)s, %(day)s, %(method)s, %(intake)s): "
            "%(state)s"
        )
        % {
            "version": consent.version,
            "day": long_date(given_on),
            "method": consent.get_method_display(),
            "intake": _("intake gedeeld met partners")
            if shares_intake
            else _("intake niet gedeeld"),
            "state": state,
        },
    )
    log_access(
        request,
        user=by,
        case=locked,
        action=AccessAction.CREATE,
        detail=f"toestemming versie {consent.version}",
    )
    # Valid today, the one rule (consent_gaps): complete, in force, and holding the youth's own
    # consent if the pupil has turned 12 since it was given (consent.rules).
    if may_move(locked, "start_intake") and not consent_gaps(locked, consent=consent):
        case_start_intake(
            case=case,
            by=by,
            text=_("Toestemming compleet (versie %(version)s); de intake kan beginnen.")
            % {"version": consent.version},
        )
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    case: Case,
    by: User,
    withdrawn_on: date,
    reason: str,
    request: HttpRequest | None = None,
) -> Consent:
    """End the consent in force from `withdrawn_on`: sharing stops at once, the case stays."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    consent = Consent.objects.select_for_update().active().filter(case=locked).first()
    if consent is None:
        raise ValidationError(_("Er is geen geldende toestemming om in te trekken."))
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Geef de reden van de intrekking op.")]
    if withdrawn_on > timezone.localdate():
        errors["withdrawn_on"] = [_("De datum van intrekking kan niet in de toekomst liggen.")]
    elif withdrawn_on < consent.given_on:
        errors["withdrawn_on"] = [
            _("De datum van intrekking ligt voor de datum van de toestemming (%(day)s).")
            % {"day": long_date(consent.given_on)}
        ]
    if errors:
        raise ValidationError(errors)
    consent.ended_on = withdrawn_on
    consent.end_reason = EndReason.WITHDRAWN
    consent.end_note = reason.strip()
    consent.withdrawn_by = by
    consent.full_clean()
    consent.save()
    timeline_add(
        case=locked,
        by=by,
        kind="consent_withdrawn",
        text=_("Toestemming ingetrokken op %(day)s: %(reason)s. Er wordt niets meer gedeeld.")
        % {"day": long_date(withdrawn_on), "reason": consent.end_note},
    )
    log_access(
        request,
        user=by,
        case=locked,
        action=AccessAction.CHANGE,
        detail=f"toestemming versie {consent.version} ingetrokken",
    )
    return consent


@transaction.atomic
def consent_end_on_close(*, case: Case, by: User | None = None) -> Consent | None:
    """End the consent in force when the case closes or is marked not started: the receiver of
    casework.signals.case_ended (connected in ConsentConfig.ready), inside that transaction.

    Idempotent: without a consent in force it does nothing.
    """
    consent = Consent.objects.select_for_update().active().filter(case=case).first()
    if consent is None:
        return None
    ended_on = max(case.closed_on or timezone.localdate(), consent.given_on)
    consent.ended_on = ended_on
    consent.end_reason = EndReason.CASE_CLOSED
    consent.full_clean()
    consent.save()
    timeline_add(
        case=case,
        by=by,
        kind="consent_ended",
        text=_("Toestemming beëindigd op %(day)s omdat de casus is afgesloten.")
        % {"day": long_date(ended_on)},
    )
    return consent
