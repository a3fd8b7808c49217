"""The gates: intake unlock, meeting agenda, printing for partners, partner coverage.

Each is blocked by missing, incomplete and withdrawn consent and says in Dutch what is
missing.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.models import Case
from casework.workflow import Status
from consent.models import ConsentMethod
from consent.selectors import (
    active_consent,
    cases_with_valid_consent,
    consent_gaps,
    covers_organisation,
    has_valid_consent,
    require_valid_consent,
)
from consent.services import consent_end_on_close, consent_record, consent_withdraw

from .helpers import set_age

pytestmark = pytest.mark.django_db


def give(case, by, reps, *, youth=False, organisations, given_on=None):
    return consent_record(
        case=case,
        by=by,
        given_on=given_on or timezone.localdate(),
        method=ConsentMethod.CONVERSATION,
        representative_1=reps[0] if reps else None,
        representative_2=reps[1] if len(reps) > 1 else None,
        youth_consented=youth,
        organisations=organisations,
    )


def withdraw(case, by):
    consent_withdraw(
        case=case, by=by, withdrawn_on=timezone.localdate(), reason="Ouders trekken in."
    )


@pytest.fixture
def pupil_of_14(case):
    set_age(case, 14, timezone.localdate() - timedelta(days=10))
    return case


# --- missing -----------------------------------------------------------------------------


def test_without_consent_every_gate_is_closed_and_says_so(pupil_of_14, partners):
    case = pupil_of_14
    assert consent_gaps(case) == ["Er is geen toestemming vastgelegd."]
    assert not has_valid_consent(case)
    assert active_consent(case) is None
    with pytest.raises(ValidationError) as exc:
        require_valid_consent(case)
    assert exc.value.messages == ["Er is geen toestemming vastgelegd."]
    assert not cases_with_valid_consent(Case.objects.all()).exists()
    assert not covers_organisation(case, partners[0])
    assert case.status == Status.AWAITING_CONSENT


# --- incomplete --------------------------------------------------------------------------


def test_incomplete_consent_closes_every_gate_and_says_what_is_missing(
    pupil_of_14, casemanager, mother, father, partners
):
    case = pupil_of_14
    give(case, casemanager, [mother, father], youth=False, organisations=partners)
    case.refresh_from_db()
    expected = ["Toestemming onvolledig: Toestemming van de jongere zelf ontbreekt (14 jaar)."]
    assert case.status == Status.AWAITING_CONSENT  # the intake stays locked
    assert consent_gaps(case) == expected
    with pytest.raises(ValidationError) as exc:
        require_valid_consent(case)
    assert exc.value.messages == expected
    assert not cases_with_valid_consent(Case.objects.all()).exists()
    assert not covers_organisation(case, partners[0])


def test_the_consent_page_lists_what_is_missing_without_saying_incomplete_twice(
    pupil_of_14, casemanager, mother, father, partners, login
):
    """Issue 19, finding 5: it read "Onvolledig — wat ontbreekt: Toestemming onvolledig: …"."""
    give(pupil_of_14, casemanager, [mother, father], youth=False, organisations=partners)
    url = reverse("consent:consent_detail", args=[pupil_of_14.pk])
    page = login(casemanager).get(url).content.decode()
    assert "<li>Toestemming van de jongere zelf ontbreekt (14 jaar).</li>" in page
    assert "Toestemming onvolledig:" not in page


# --- valid -------------------------------------------------------------------------------


def test_valid_consent_opens_every_gate(
    pupil_of_14, casemanager, mother, father, partners, not_on_form
):
    case = pupil_of_14
    give(case, casemanager, [mother, father], youth=True, organisations=partners[:1])
    case.refresh_from_db()
    assert case.status == Status.INTAKE
    assert consent_gaps(case) == []
    assert has_valid_consent(case)
    require_valid_consent(case)
    assert list(cases_with_valid_consent(Case.objects.all())) == [case]
    assert covers_organisation(case, partners[0])
    assert not covers_organisation(case, partners[1])
    assert list(cases_with_valid_consent(Case.objects.all(), organisation=partners[1])) == []


def test_consent_given_later_than_the_date_asked_is_not_yet_valid(
    pupil_of_14, casemanager, mother, father, partners
):
    case = pupil_of_14
    give(case, casemanager, [mother, father], youth=True, organisations=partners)
    yesterday = timezone.localdate() - timedelta(days=1)
    assert consent_gaps(case, yesterday)[0].startswith("De toestemming geldt pas vanaf")
    assert not cases_with_valid_consent(Case.objects.all(), yesterday).exists()


# --- withdrawn ---------------------------------------------------------------------------


def test_withdrawn_consent_closes_every_gate_at_once(
    pupil_of_14, casemanager, mother, father, partners
):
    case = pupil_of_14
    give(case, casemanager, [mother, father], youth=True, organisations=partners)
    withdraw(case, casemanager)
    gaps = consent_gaps(case)
    assert len(gaps) == 1 and gaps[0].startswith("De toestemming is ingetrokken op")
    assert not has_valid_consent(case)
    with pytest.raises(ValidationError, match="ingetrokken"):
        require_valid_consent(case)
    assert not cases_with_valid_consent(Case.objects.all()).exists()
    assert not covers_organisation(case, partners[0])


def test_withdrawn_consent_before_intake_keeps_the_intake_locked(
    pupil_of_14, casemanager, mother, father, partners
):
    case = pupil_of_14
    give(case, casemanager, [mother, father], youth=False, organisations=partners)
    withdraw(case, casemanager)
    case.refresh_from_db()
    assert case.status == Status.AWAITING_CONSENT
    assert "ingetrokken" in consent_gaps(case)[0]


def test_consent_ended_by_closure_closes_the_gates(
    pupil_of_14, casemanager, mother, father, partners
):
    case = pupil_of_14
    give(case, casemanager, [mother, father], youth=True, organisations=partners)
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED, closed_on=timezone.localdate())
    case.refresh_from_db()
    # Even before the consent row is ended, a closed case shares nothing.
    assert consent_gaps(case) == ["De casus is afgesloten; de toestemming geldt niet meer."]
    assert not cases_with_valid_consent(Case.objects.all()).exists()
    consent_end_on_close(case=case)
    assert "casus afgesloten" in consent_gaps(case)[0]


# --- the agenda filter is one query -------------------------------------------------------


def test_cases_with_valid_consent_is_one_query_for_many_cases(
    django_assert_num_queries, pupil_of_14, casemanager, mother, father, partners
):
    give(pupil_of_14, casemanager, [mother, father], youth=True, organisations=partners)
    with django_assert_num_queries(1):
        rows = list(cases_with_valid_consent(Case.objects.all()).values_list("pk", flat=True))
    assert rows == [pupil_of_14.pk]
