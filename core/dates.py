"""Dates: one definition of a person's age."""

from datetime import date


def age_on(birth_date: date, day: date) -> int:
    """Whole years on `day`: the birthday is reached when (month, day) of `day` is not before
    the birth date's, so a 29 February birthday counts from 1 March in a non-leap year (see
    consent.rules for why the consent age limits need exactly this)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
