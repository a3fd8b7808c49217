"""Issue 18 (2): a consent dated more than 30 days before the registration is saved only
once the casemanager confirms the date (core.forms.ConfirmUnusualDateMixin)."""

from datetime import date

import pytest
from django.urls import reverse

from consent.models import Consent

pytestmark = pytest.mark.django_db

CONFIRM = "Ja, deze datum klopt"
UNUSUAL = "Deze datum ligt meer dan 30 dagen vóór de aanmelding (1 november 2026)."


@pytest.fixture
def november_case(case):
    case.registered_on = date(2026, 11, 1)
    case.save(update_fields=["registered_on"])
    return case


def _post(client, case, mother, partners, given_on, **extra):
    return client.post(
        reverse("consent:consent_create", args=[case.pk]),
        {
            "given_on": given_on,
            "representative_1": mother.pk,
            "missing_representative_reason": "Vader is onbereikbaar.",
            "organisations": [partners[0].pk],
            "method": "conversation",
            "legal_basis": "consent",
            **extra,
        },
    )


def test_a_consent_six_years_before_the_registration_asks_for_confirmation(
    login, casemanager, november_case, mother, partners
):
    client = login(casemanager)
    page = client.get(reverse("consent:consent_detail", args=[november_case.pk]))
    assert CONFIRM not in page.content.decode()

    response = _post(client, november_case, mother, partners, "2020-11-01")
    assert response.status_code == 200
    body = response.content.decode()
    assert UNUSUAL in body
    assert CONFIRM in body and 'type="checkbox" name="confirm_date"' in body
    assert 'value="2020-11-01"' in body and "Vader is onbereikbaar." in body
    assert not Consent.objects.filter(case=november_case).exists()

    response = _post(client, november_case, mother, partners, "2020-11-01", confirm_date="on")
    assert response.status_code == 302
    assert Consent.objects.get(case=november_case).given_on == date(2020, 11, 1)


@pytest.mark.parametrize("given_on", ["2026-10-02", "2026-11-01", "2026-11-23"])
def test_a_consent_around_the_registration_saves_without_the_box(
    login, casemanager, november_case, mother, partners, given_on
):
    response = _post(login(casemanager), november_case, mother, partners, given_on)
    assert response.status_code == 302
    assert Consent.objects.get(case=november_case).given_on == date.fromisoformat(given_on)


def test_a_consent_31_days_before_the_registration_is_unusual(
    login, casemanager, november_case, mother, partners
):
    response = _post(login(casemanager), november_case, mother, partners, "2026-10-01")
    assert response.status_code == 200
    assert UNUSUAL in response.content.decode()
    assert not Consent.objects.filter(case=november_case).exists()
