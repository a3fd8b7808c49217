"""Malformed and oversized values posted to the consent forms: 200 with errors or a
redirect, never a 500."""

import pytest
from django.urls import reverse

from consent.models import Consent

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "x" * 100_000,
    "\x00",
    "9" * 40,
    "-1",
    "2026-02-30",
    "99999-12-31",
    "1899-01-01",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "😀" * 300,
]

FORMS = {
    "consent:consent_create": [
        "given_on",
        "representative_1",
        "representative_2",
        "youth_consented",
        "missing_representative_reason",
        "organisations",
        "legal_basis",
        "method",
        "signed_file",
    ],
    "consent:consent_withdraw": ["withdrawn_on", "reason"],
}


@pytest.mark.parametrize("name", FORMS)
def test_every_consent_form_survives_nasty_values(login, coordinator, case, mother, name):
    client = login(coordinator)
    url = reverse(name, args=[case.pk])
    for value in NASTY:
        response = client.post(url, dict.fromkeys(FORMS[name], value))
        assert response.status_code in (200, 302), (name, value[:20], response.status_code)
    assert not Consent.objects.filter(case=case).exists()


def test_a_nasty_reason_is_shown_escaped_and_kept(login, casemanager, case, mother, partners):
    response = login(casemanager).post(
        reverse("consent:consent_create", args=[case.pk]),
        {
            "given_on": "2026-02-30",
            "missing_representative_reason": "<script>alert(1)</script>",
            "organisations": [partners[0].pk],
            "method": "conversation",
            "legal_basis": "consent",
        },
    )
    body = response.content.decode()
    assert "Voer een geldige datum in." in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)</script>" not in body


def test_a_consent_date_before_the_pupils_birth_is_refused_beside_the_field(
    login, casemanager, case, mother, partners
):
    """A year typed wrong (1912 for 2012) would otherwise record a consent of a pupil of
    "-3 jaar" that counts as the parents' consent of a child under 12."""
    before_birth = case.student.birth_date.replace(year=case.student.birth_date.year - 3)
    response = login(casemanager).post(
        reverse("consent:consent_create", args=[case.pk]),
        {
            "given_on": before_birth.isoformat(),
            "representative_1": mother.pk,
            "missing_representative_reason": "Vader is onbereikbaar.",
            "organisations": [partners[0].pk],
            "shares_intake": "on",
            "method": "conversation",
            "legal_basis": "consent",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "De datum van de toestemming ligt voor de geboortedatum van de leerling." in body
    assert f'value="{before_birth.isoformat()}"' in body
    assert "Vader is onbereikbaar." in body
    assert not Consent.objects.filter(case=case).exists()
