"""Dates: one definition of a person's age."""

from datetime import date


def age_on(birth_date: date, day: date) -> int:
    """Whole years on `day`: the birthday is reached when (month, day) of `day` is not before
    the birth date's, so a 29 February birthday counts from 1 March in a non-leap year.

    Source for 1 March: Dutch law has no article for it; a year of age counted from 29
    February runs to the end of 28 February, and the prevailing reading is that the new age
    starts the day after ("Juridisch gezien ben je als schrikkelkind overigens pas op 1 maart
    een jaar ouder", de Volkskrant, 29 February 2020). It is also the safe side for the
    consent ages (consent.rules): the youth's own say starts no earlier than the law gives it.
    Tests: tests/consent/test_rules.py (the 12th and 16th birthday on 28 February/1 March
    2100) and tests/core/test_dates.py."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
