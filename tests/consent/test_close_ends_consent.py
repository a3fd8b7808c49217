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


def test_closing_a_case_ends_its_consent(case, casemanager, mother, father, partners):
    today = timezone.localdate()
    set_age(case, 17, today - timedelta(days=30))
    consent_record(
        case=case,
        by=casemanager,
        given_on=today,
        method=ConsentMethod.CONVERSATION,
        youth_consented=True,
        organisations=partners,
    )
    case.refresh_from_db()
    assert has_valid_consent(case)
    case_close(
        case=case, by=casemanager, outcome=Outcome.BACK_AT_SCHOOL, agreements="Mentor volgt."
    )
    consent = Consent.objects.filter(case=case).latest("pk")
    assert consent.ended_on is not None
    assert consent.end_reason == EndReason.CASE_CLOSED
    assert not has_valid_consent(case)
