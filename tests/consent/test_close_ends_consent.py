"""Closing a case ends its consent (casework.services.case_close → consent_end_on_close)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.constants import Outcome
from casework.services import case_close
from consent.models import Consent, ConsentMethod, EndReason
from consent.selectors import has_valid_consent
from consent.services import consent_record

from .helpers import set_age

pytestmark = pytest.mark.django_db


def consent_of_17_year_old(case, casemanager, partners):
    """Valid consent today: the pupil is 17 and consents."""
    today = timezone.localdate()
    set_age(case, 17, today - timedelta(days=30))
    return consent_record(
        case=case,
        by=casemanager,
        given_on=today,
        method=ConsentMethod.CONVERSATION,
        youth_consented=True,
        organisations=partners,
    )


def test_closing_a_case_ends_its_consent(case, casemanager, mother, father, partners):
    consent_of_17_year_old(case, casemanager, partners)
    case.refresh_from_db()
    assert has_valid_consent(case)
    case_close(
        case=case, by=casemanager, outcome=Outcome.BACK_AT_SCHOOL, agreements="Mentor volgt."
    )
    consent = Consent.objects.filter(case=case).latest("pk")
    assert consent.ended_on is not None
    assert consent.end_reason == EndReason.CASE_CLOSED
    assert not has_valid_consent(case)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("consent:consent_create", {"method": "conversation", "legal_basis": "consent"}),
        ("consent:consent_withdraw", {"reason": "Moeder belde."}),
    ],
)
def test_a_form_posted_to_a_closed_case_says_why_nothing_was_recorded(
    login, case, casemanager, partners, name, data
):
    """A tab opened before the case was closed still has the forms; the page after closing
    shows neither form, so the refusal is said above the page instead of beside a field."""
    from django.urls import reverse

    today = timezone.localdate()
    consent_of_17_year_old(case, casemanager, partners)
    case_close(case=case, by=casemanager, outcome=Outcome.BACK_AT_SCHOOL, agreements="Klaar.")
    day = today.isoformat()
    payload = {"given_on": day, "withdrawn_on": day, "organisations": [partners[0].pk], **data}
    response = login(casemanager).post(reverse(name, args=[case.pk]), payload)
    # Issue 18: the one guard of closed cases refuses it, with the reason and a way back.
    assert response.status_code == 403
    body = response.content.decode()
    assert "Deze casus is afgesloten: er kan niets meer in worden gewijzigd." in body
    assert reverse("casework:case_detail", args=[case.pk]) in body
    assert Consent.objects.filter(case=case).count() == 1
