"""consent.rules: who must consent, by the pupil's age on the consent date (issue #4)."""

from dataclasses import dataclass
from datetime import date

import pytest

from consent.rules import age_on, consent_missing


@dataclass
class G:
    pk: int
    name: str
    has_custody: bool = True


MOTHER = G(1, "Anna de Vries")
FATHER = G(2, "Bert de Vries")
CARER = G(3, "Cor Jansen", has_custody=False)
BORN = date(2012, 5, 17)


def missing(given_on, *, reps=(MOTHER, FATHER), youth=False, reason="", guardians=None):
    return consent_missing(
        birth_date=BORN,
        given_on=given_on,
        guardians=guardians if guardians is not None else [MOTHER, FATHER, CARER],
        representatives=list(reps),
        youth_consented=youth,
        missing_representative_reason=reason,
    )


def test_the_day_before_the_12th_birthday_the_parents_alone_consent():
    assert missing(date(2024, 5, 16), youth=False) == []


def test_on_the_12th_birthday_the_youth_must_consent_too():
    result = missing(date(2024, 5, 17), youth=False)
    assert result == ["Toestemming van de jongere zelf ontbreekt (12 jaar)."]
    assert missing(date(2024, 5, 17), youth=True) == []


def test_on_the_12th_birthday_the_youth_alone_is_not_enough():
    result = missing(date(2024, 5, 17), reps=(), youth=True)
    assert result == ["Toestemming van de ouder(s) met gezag ontbreekt (leerling is 12 jaar)."]


def test_the_day_before_the_16th_birthday_youth_and_parents_must_consent():
    assert missing(date(2028, 5, 16), reps=(), youth=True) == [
        "Toestemming van de ouder(s) met gezag ontbreekt (leerling is 15 jaar)."
    ]
    assert missing(date(2028, 5, 16), youth=False) == [
        "Toestemming van de jongere zelf ontbreekt (15 jaar)."
    ]
    assert missing(date(2028, 5, 16), youth=True) == []


def test_on_the_16th_birthday_the_youth_alone_consents():
    assert missing(date(2028, 5, 17), reps=(), youth=True) == []
    assert missing(date(2028, 5, 17), youth=False) == [
        "Toestemming van de jongere zelf ontbreekt (16 jaar)."
    ]


def test_under_12_the_youths_consent_is_not_needed_nor_sufficient():
    assert missing(date(2020, 1, 1), reps=(), youth=True) == [
        "Toestemming van de ouder(s) met gezag ontbreekt (leerling is 7 jaar)."
    ]


def test_a_29_february_birthday_turns_12_on_1_march_in_a_non_leap_year():
    # 2100 is not a leap year: the first year a 29-02 pupil's 12th birthday has no 29-02.
    born = date(2088, 2, 29)
    assert age_on(born, date(2100, 2, 28)) == 11
    assert age_on(born, date(2100, 3, 1)) == 12
    common = {"guardians": [MOTHER], "representatives": [MOTHER], "youth_consented": False}
    assert consent_missing(birth_date=born, given_on=date(2100, 2, 28), **common) == []
    assert consent_missing(birth_date=born, given_on=date(2100, 3, 1), **common) == [
        "Toestemming van de jongere zelf ontbreekt (12 jaar)."
    ]


def test_a_29_february_birthday_turns_16_on_1_march_in_a_non_leap_year():
    born = date(2084, 2, 29)
    assert age_on(born, date(2100, 2, 28)) == 15
    assert age_on(born, date(2100, 3, 1)) == 16
    # In other non-leap years too (here the 13th birthday): 28 February is still the day before.
    assert age_on(date(2012, 2, 29), date(2025, 2, 28)) == 12
    assert age_on(date(2012, 2, 29), date(2025, 3, 1)) == 13
    # In a leap year the birthday is 29 February itself.
    assert age_on(date(2012, 2, 29), date(2024, 2, 28)) == 11
    assert age_on(date(2012, 2, 29), date(2024, 2, 29)) == 12


def test_joint_gezag_with_one_signature_missing_needs_a_reason():
    result = missing(date(2020, 1, 1), reps=(MOTHER,))
    assert result == [
        "Handtekening van Bert de Vries (gezamenlijk gezag) ontbreekt: geef de reden op "
        "waarom deze ouder niet tekent."
    ]
    assert missing(date(2020, 1, 1), reps=(MOTHER,), reason="Vader is onbereikbaar.") == []


def test_a_whitespace_reason_is_no_reason():
    assert missing(date(2020, 1, 1), reps=(MOTHER,), reason="   ") != []


def test_a_parent_without_gezag_is_never_needed():
    # The carer has no gezag: not signing is not a gap.
    assert missing(date(2020, 1, 1), reps=(MOTHER, FATHER)) == []


def test_sole_gezag_one_signature_is_complete():
    assert missing(date(2020, 1, 1), reps=(MOTHER,), guardians=[MOTHER, CARER]) == []


def test_no_guardian_with_gezag_known_asks_to_record_one():
    result = missing(date(2020, 1, 1), reps=(), guardians=[CARER])
    assert result == [
        "Er is geen ouder met gezag of voogd bekend: leg eerst vast wie het gezag heeft "
        "(leerling is 7 jaar)."
    ]


@pytest.mark.parametrize(
    ("given_on", "parents", "youth"),
    [
        (date(2024, 5, 16), True, False),
        (date(2024, 5, 17), True, True),
        (date(2028, 5, 16), True, True),
        (date(2028, 5, 17), False, True),
    ],
)
def test_who_must_consent_at_each_boundary(given_on, parents, youth):
    result = missing(given_on, reps=(), youth=False)
    assert any("ouder(s) met gezag" in m for m in result) is parents
    assert any("jongere zelf" in m for m in result) is youth
