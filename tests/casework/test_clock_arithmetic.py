"""The clock's month arithmetic, once (casework.clock): the inverse that the list filters and
reports use agrees with threshold_date on every day around month ends and leap days."""

from datetime import date, timedelta

import pytest

from casework.clock import first_absence_reaching, threshold_date

DAYS = [date(2023, 11, 15) + timedelta(days=n) for n in range(0, 900, 3)]


@pytest.mark.parametrize("months", [1, 3, 4, 6])
def test_first_absence_reaching_is_the_exact_inverse_of_threshold_date(months):
    for day in DAYS:
        first = first_absence_reaching(day, months)
        assert threshold_date(first, months) >= day
        assert threshold_date(first - timedelta(days=1), months) < day
