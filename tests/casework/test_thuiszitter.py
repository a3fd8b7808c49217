"""Issue 18 (5): only langdurig relatief verzuim and absoluut verzuim make a thuiszitter (the
Inspectie's definition); the Thuiszitterspact's clock runs for every pupil without passend
aanbod. casework.clock.is_thuiszitter decides for the case page and the reports."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.clock import is_thuiszitter
from casework.constants import AbsenceKind, ClockLevel
from tests.factories import CaseFactory

DAY = date(2026, 11, 23)
FIVE_WEEKS_AGO = DAY - timedelta(weeks=5)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (AbsenceKind.RELATIVE, True),
        (AbsenceKind.ABSOLUTE, True),
        (AbsenceKind.AUTHORISED, False),
        (AbsenceKind.EXEMPTION_5A, False),
        (AbsenceKind.EXEMPTION_OTHER, False),
        (AbsenceKind.THREATENED, False),
        ("", False),
    ],
)
def test_only_unauthorised_and_absolute_absence_make_a_thuiszitter(kind, expected):
    answer = is_thuiszitter(
        absence_kind=kind,
        absent_since=FIVE_WEEKS_AGO,
        offer_since=None,
        truancy_weeks=4,
        today=DAY,
    )
    assert answer is expected


@pytest.mark.parametrize(
    ("absent_since", "offer_since", "expected"),
    [
        (DAY - timedelta(weeks=4), None, True),  # the fourth week is complete today
        (DAY - timedelta(weeks=4) + timedelta(days=1), None, False),
        (FIVE_WEEKS_AGO, DAY, False),  # passend aanbod from today
        (FIVE_WEEKS_AGO, DAY + timedelta(days=1), True),  # an offer still to come
    ],
)
def test_a_thuiszitter_after_the_region_s_weeks_until_passend_aanbod(
    absent_since, offer_since, expected
):
    answer = is_thuiszitter(
        absence_kind=AbsenceKind.RELATIVE,
        absent_since=absent_since,
        offer_since=offer_since,
        truancy_weeks=4,
        today=DAY,
    )
    assert answer is expected


@pytest.mark.django_db
def test_an_exemption_has_no_thuiszitter_date_but_the_pact_clock_runs(login, coordinator, region):
    absent = timezone.localdate() - timedelta(days=100)
    case = CaseFactory(region=region, absent_since=absent, absence_kind=AbsenceKind.EXEMPTION_5A)
    clock = case.clock()
    assert clock.truant_from is None and not clock.is_thuiszitter
    assert clock.level == ClockLevel.EXCEEDED
    page = login(coordinator).get(reverse("casework:case_detail", args=[case.pk])).content
    page = page.decode()
    assert "vrijstelling art. 5 onder a Leerplichtwet telt niet als thuiszitter" in page
    assert "De termijn van het Thuiszitterspact loopt wel." in page
    assert "termijn overschreden" in page


@pytest.mark.django_db
def test_unauthorised_absence_shows_the_thuiszitter_date(login, coordinator, region):
    absent = timezone.localdate() - timedelta(weeks=6)
    case = CaseFactory(region=region, absent_since=absent, absence_kind=AbsenceKind.RELATIVE)
    clock = case.clock()
    assert clock.truant_from == absent + timedelta(weeks=region.truancy_weeks)
    assert clock.is_thuiszitter
    page = login(coordinator).get(reverse("casework:case_detail", args=[case.pk])).content
    assert "telt niet als thuiszitter" not in page.decode()
    assert ">thuiszitter</span>" in page.decode()
