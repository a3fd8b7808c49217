"""Issue 21: the outcomes report counts the pupils back at school, at least 80% of the planned
hours of the opbouwschema for four consecutive weeks."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from evaluations import services
from reports.selectors import build_report
from tests.evaluations.conftest import active_case, intake_case, older_student  # noqa: F401

from .conftest import Q4

FIRST = date(2026, 11, 2)


def back_at_school(coordinator) -> int:
    report = build_report("outcomes", user=coordinator, period=Q4)
    return next(t for t in report.tables if t.key == "back_at_school").rows[0][1]


def schedule(case, by, attended):
    weeks = [
        {
            "week_start": FIRST + timedelta(weeks=n),
            "planned_hours": Decimal(10),
            "attended_hours": Decimal(hours),
            "shortfall_reason": "" if hours >= 10 else "Moe",
        }
        for n, hours in enumerate(attended)
    ]
    services.build_up_save(plan=case.plans.get(), by=by, weeks=weeks)


@pytest.mark.django_db
def test_four_weeks_in_a_row_at_eighty_percent_count_as_back_at_school(
    active_case,  # noqa: F811
    casemanager,
    coordinator,
):
    schedule(active_case, casemanager, [10, 8, 7, 9, 10])  # the third week breaks the run
    assert back_at_school(coordinator) == 0
    schedule(active_case, casemanager, [10, 8, 7, 9, 10, 8, 9])  # weeks 4 to 7: back
    assert back_at_school(coordinator) == 1


@pytest.mark.django_db
def test_weeks_with_a_gap_between_them_are_not_in_a_row(
    active_case,  # noqa: F811
    casemanager,
    coordinator,
):
    weeks = [
        {
            "week_start": FIRST + timedelta(weeks=n),
            "planned_hours": Decimal(4),
            "attended_hours": Decimal(4),
        }
        for n in (0, 1, 2, 4)  # no week 3
    ]
    services.build_up_save(plan=active_case.plans.get(), by=casemanager, weeks=weeks)
    assert back_at_school(coordinator) == 0
