"""consent.services: versions, completeness, the intake unlock, withdrawal, closure."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.models import AccessAction, AccessLogEntry, TimelineEntry
from casework.workflow import Status
from consent.models import Consent, ConsentMethod, EndReason, LegalBasis
from consent.services import consent_end_on_close, consent_record, consent_withdraw
from tests.factories import GuardianFactory, OrganisationFactory, RegionFactory

from .helpers import PDF_BYTES, set_age, upload

pytestmark = pytest.mark.django_db


def record(case, by, **kwargs):
    kwargs.setdefault("given_on", timezone.localdate())
    kwargs.setdefault("method", ConsentMethod.CONVERSATION)
    return consent_record(case=case, by=by, **kwargs)


def test_consent_for_a_14_year_old_with_youth_and_parents_moves_the_case_to_intake(
    case, casemanager, mother, father, partners
):
    today = timezone.localdate()
    set_age(case, 14, today - timedelta(days=30))
    consent = record(
        case,
        casemanager,
        representative_1=mother,
        representative_2=father,
        youth_consented=True,
        organisations=partners,
    )
    case.refresh_from_db()
    assert consent.is_complete and consent.missing == []
    assert consent.version == 1
    assert case.status == Status.INTAKE
    kinds = list(TimelineEntry.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds.count("consent") == 2  # the record and the move to intake
    assert AccessLogEntry.objects.filter(
        case=case, action=AccessAction.CREATE, detail="toestemming versie 1"
    ).exists()


def test_consent_for_a_14_year_old_without_the_youth_is_recorded_but_does_not_unlock_intake(
    case, casemanager, mother, father, partners
):
    set_age(case, 14, timezone.localdate() - timedelta(days=30))
    consent = record(
        case, casemanager, representative_1=mother, representative_2=father, organisations=partners
    )
    case.refresh_from_db()
    assert not consent.is_complete
    assert consent.missing == ["Toestemming van de jongere zelf ontbreekt (14 jaar)."]
    assert case.status == Status.AWAITING_CONSENT


def test_joint_gezag_with_one_signature_and_a_reason_unlocks_intake(
    case, casemanager, mother, father, partners
):
    set_age(case, 10, timezone.localdate() - timedelta(days=30))
    without_reason = record(case, casemanager, representative_1=mother, organisations=partners)
    assert not without_reason.is_complete
    assert "Bert de Vries" in without_reason.missing[0]
    case.refresh_from_db()
    assert case.status == Status.AWAITING_CONSENT
    with_reason = record(
        case,
        casemanager,
        representative_1=mother,
        missing_representative_reason="Vader woont in het buitenland en is onbereikbaar.",
        organisations=partners,
    )
    case.refresh_from_db()
    assert with_reason.is_complete and with_reason.version == 2
    assert case.status == Status.INTAKE


def test_a_new_version_supersedes_the_previous_and_history_stays(
    case, casemanager, mother, father, partners
):
    set_age(case, 10, timezone.localdate() - timedelta(days=30))
    first = record(case, casemanager, representative_1=mother, organisations=partners[:1])
    second = record(
        case,
        casemanager,
        representative_1=mother,
        representative_2=father,
        organisations=partners,
        legal_basis=LegalBasis.LEGAL_TASK,
    )
    first.refresh_from_db()
    assert first.superseded_at is not None and first.superseded_by == second
    assert second.supersedes == first and second.version == 2
    assert list(Consent.objects.filter(case=case).values_list("version", flat=True)) == [2, 1]
    assert list(first.organisations.all()) == partners[:1]
    assert Consent.objects.active().get(case=case) == second


def test_the_database_allows_only_one_active_consent_per_case(case, casemanager, partners):
    consent = record(case, casemanager, youth_consented=True, organisations=partners)
    duplicate = Consent(
        case=case,
        version=consent.version + 1,
        given_on=consent.given_on,
        method=ConsentMethod.CONVERSATION,
        recorded_by=casemanager,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_guardian_without_gezag_cannot_sign(case, casemanager, stepfather, partners):
    with pytest.raises(ValidationError) as exc:
        record(case, casemanager, representative_1=stepfather, organisations=partners)
    assert "geen gezag" in exc.value.message_dict["representative_1"][0]


def test_a_guardian_of_another_pupil_cannot_sign(case, casemanager, partners):
    stranger = GuardianFactory(name="Iemand Anders")
    with pytest.raises(ValidationError) as exc:
        record(case, casemanager, representative_1=stranger, organisations=partners)
    assert exc.value.message_dict["representative_1"] == [
        "Kies een ouder of voogd van deze leerling."
    ]


def test_a_consent_date_in_the_future_is_refused(case, casemanager, mother, partners):
    with pytest.raises(ValidationError) as exc:
        record(
            case,
            casemanager,
            representative_1=mother,
            organisations=partners,
            given_on=timezone.localdate() + timedelta(days=1),
        )
    assert "toekomst" in exc.value.message_dict["given_on"][0]


def test_partners_of_another_region_are_refused(case, casemanager, mother):
    elsewhere = OrganisationFactory(region=RegionFactory(name="Elders", code="EL"))
    with pytest.raises(ValidationError) as exc:
        record(case, casemanager, representative_1=mother, organisations=[elsewhere])
    assert "werkgebied" in exc.value.message_dict["organisations"][0]


def test_no_partners_is_refused(case, casemanager, mother):
    with pytest.raises(ValidationError) as exc:
        record(case, casemanager, representative_1=mother, organisations=[])
    assert exc.value.message_dict["organisations"] == ["Kies ten minste één partner."]


def test_a_signed_form_needs_a_file_and_stores_it_privately_under_a_random_name(
    case, casemanager, mother, partners, settings
):
    with pytest.raises(ValidationError) as exc:
        record(
            case,
            casemanager,
            representative_1=mother,
            organisations=partners,
            method=ConsentMethod.SIGNED_FORM,
        )
    assert "signed_file" in exc.value.message_dict
    consent = record(
        case,
        casemanager,
        representative_1=mother,
        organisations=partners,
        method=ConsentMethod.SIGNED_FORM,
        signed_file=upload(PDF_BYTES, name="../../etc/passwd.pdf"),
    )
    assert consent.signed_file_type == "application/pdf"
    assert "passwd" not in consent.signed_file.name
    assert consent.signed_file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    with open(consent.signed_file.path, "rb") as stored:
        assert stored.read() == PDF_BYTES


def test_withdrawal_ends_the_consent_at_once_and_keeps_the_case(
    case, casemanager, mother, partners
):
    set_age(case, 10, timezone.localdate() - timedelta(days=30))
    record(case, casemanager, representative_1=mother, organisations=partners)
    case.refresh_from_db()
    assert case.status == Status.INTAKE
    consent = consent_withdraw(
        case=case,
        by=casemanager,
        withdrawn_on=timezone.localdate(),
        reason="Moeder belde: wil niet meer dat er gedeeld wordt.",
    )
    case.refresh_from_db()
    assert consent.end_reason == EndReason.WITHDRAWN and consent.withdrawn_by == casemanager
    assert case.status == Status.INTAKE
    assert TimelineEntry.objects.filter(case=case, kind="consent_withdrawn").exists()
    assert not Consent.objects.active().filter(case=case).exists()


def test_withdrawal_needs_a_reason_a_consent_and_a_sensible_date(
    case, casemanager, mother, partners
):
    with pytest.raises(ValidationError, match="geen geldende toestemming"):
        consent_withdraw(case=case, by=casemanager, withdrawn_on=timezone.localdate(), reason="x")
    given_on = timezone.localdate() - timedelta(days=5)
    record(case, casemanager, representative_1=mother, organisations=partners, given_on=given_on)
    with pytest.raises(ValidationError) as exc:
        consent_withdraw(
            case=case,
            by=casemanager,
            withdrawn_on=given_on - timedelta(days=1),
            reason=" ",
        )
    assert set(exc.value.message_dict) == {"reason", "withdrawn_on"}


def test_a_new_consent_after_withdrawal_is_a_new_version(case, casemanager, mother, partners):
    record(case, casemanager, representative_1=mother, organisations=partners)
    consent_withdraw(
        case=case, by=casemanager, withdrawn_on=timezone.localdate(), reason="Ingetrokken."
    )
    again = record(case, casemanager, representative_1=mother, organisations=partners)
    assert again.version == 2 and again.ended_on is None


def test_closing_the_case_ends_the_consent(case, casemanager, mother, partners):
    record(case, casemanager, representative_1=mother, organisations=partners)
    ended = consent_end_on_close(case=case, by=casemanager)
    assert ended.end_reason == EndReason.CASE_CLOSED
    assert consent_end_on_close(case=case, by=casemanager) is None


def test_no_consent_is_recorded_for_a_closed_case(case, casemanager, mother, partners):
    type(case).objects.filter(pk=case.pk).update(status=Status.CLOSED)
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="afgesloten"):
        record(case, casemanager, representative_1=mother, organisations=partners)
