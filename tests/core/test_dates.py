"""core.dates.age_on: the one definition of a person's age, 29 February included."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from core.dates import age_on


@pytest.mark.parametrize(
    ("day", "age"),
    [
        (date(2026, 2, 28), 13),  # non-leap year: 28 February is still the day before
        (date(2026, 3, 1), 14),  # the birthday is 1 March
        (date(2028, 2, 28), 15),
        (date(2028, 2, 29), 16),  # leap year: the birthday is 29 February itself
    ],
)
def test_a_29_february_birthday_is_1_march_in_a_non_leap_year(day, age):
    assert age_on(date(2012, 2, 29), day) == age


def test_age_on_differs_from_relativedelta_on_28_february():
    # relativedelta would make the pupil a year older one day early (see core.dates).
    born, day = date(2012, 2, 29), date(2026, 2, 28)
    assert relativedelta(day, born).years == 14
    assert age_on(born, day) == 13


def test_an_ordinary_birthday_counts_from_the_day_itself():
    assert age_on(date(2012, 5, 17), date(2026, 5, 16)) == 13
    assert age_on(date(2012, 5, 17), date(2026, 5, 17)) == 14
