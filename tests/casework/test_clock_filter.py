"""The clock-level filter in SQL agrees with casework.clock to the day, month ends included."""

from datetime import date, timedelta

import pytest

from casework.clock import case_clock
from casework.constants import ClockLevel
from casework.models import Case
from casework.selectors import clock_level_q

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "today", [date(2027, 2, 28), date(2027, 3, 1), date(2026, 5, 31), date(2024, 2, 29)]
)
def test_the_filter_matches_the_clock_for_every_absence_date(
    make_cases, casemanager, region, today
):
    cases = make_cases(1, casemanager=casemanager)
    template = cases[0]
    # One case per day over the last 150 days: every boundary is crossed.
    rows = []
    for offset in range(150):
        clone = Case(
            reference=f"CL-{today:%Y%m%d}-{offset:03d}",
            region=region,
            student=template.student,
            school=template.school,
            route=template.route,
            status="intake",
            absent_since=today - timedelta(days=offset),
            registered_on=today - timedelta(days=offset),
        )
        rows.append(clone)
    Case.objects.bulk_create(rows)
    queryset = Case.objects.filter(reference__startswith=f"CL-{today:%Y%m%d}").select_related(
        "region"
    )
    for level in ClockLevel:
        selected = set(
            queryset.filter(clock_level_q(level, [region], today)).values_list("pk", flat=True)
        )
        expected = {c.pk for c in queryset if case_clock(c, today).level == level}
        assert selected == expected, level
        if level != ClockLevel.OK:
            assert expected  # the window really holds cases at this level


def test_an_offer_stops_the_clock_in_the_filter(make_cases, casemanager, region):
    today = date(2027, 1, 15)
    cases = make_cases(1, casemanager=casemanager)
    Case.objects.filter(pk=cases[0].pk).update(
        absent_since=today - timedelta(days=200), offer_since=today - timedelta(days=1)
    )
    exceeded = Case.objects.filter(clock_level_q(ClockLevel.EXCEEDED, [region], today))
    assert cases[0].pk not in set(exceeded.values_list("pk", flat=True))
