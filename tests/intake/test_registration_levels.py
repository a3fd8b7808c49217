"""Issue 18 (2, 3): "VO en bovenbouw PO": a pupil in groep 6, 7 or 8 can be registered, with
age bounds and leerjaren (groepen) that follow the niveau, and messages that say them."""

import random

import pytest
from django.urls import reverse
from django.utils import timezone
from faker import Faker

from casework import demo as casework_demo
from casework.constants import PRIMARY_LEVELS, Level
from casework.models import Case, Student
from demo.management.commands.seed_demo import DemoContext

from .helpers import on_behalf_registration_data, school_registration_data
from .test_registration import REGISTER, SCHOOL_REGISTER, field_error

pytestmark = pytest.mark.django_db

GROEP_6 = {  # nine years old on 23 November 2026
    "student-birth_date": "2017-05-10",
    "student-level": "po",
    "student-school_year": "6",
    "student-class_name": "groep 6",
}


def test_a_pupil_in_groep_6_is_registered(login, behavioural_expert):
    response = login(behavioural_expert).post(SCHOOL_REGISTER, school_registration_data(**GROEP_6))
    assert response.status_code == 302
    student = Student.objects.get()
    assert (student.level, student.school_year) == (Level.PO, 6)
    assert student.school_year_label == "groep 6"


def test_the_case_page_says_groep_for_a_primary_pupil(login, behavioural_expert, coordinator):
    login(behavioural_expert).post(SCHOOL_REGISTER, school_registration_data(**GROEP_6))
    case = Case.objects.get()
    page = login(coordinator).get(reverse("casework:case_detail", args=[case.pk]))
    assert "groep 6" in page.content.decode()
    assert "leerjaar 6" not in page.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"student-level": "havo", "student-school_year": "2"},
            "Een leerling in het voortgezet onderwijs is 10 tot en met 21 jaar oud; deze "
            "geboortedatum geeft 9 jaar.",
        ),
        (
            {"student-birth_date": "2010-05-10"},
            "Een leerling in groep 6 tot en met 8 is 8 tot en met 13 jaar oud; deze "
            "geboortedatum geeft 16 jaar.",
        ),
    ],
)
def test_the_age_bounds_follow_the_level(login, behavioural_expert, data, message):
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{**GROEP_6, **data})
    )
    assert response.status_code == 200
    errors = field_error(response, "student-birth_date")
    assert len(errors) == 1 and errors[0].startswith(message), errors


@pytest.mark.parametrize(
    ("level", "year", "message"),
    [
        ("po", "5", "Bij po – basisonderwijs (groep 6–8) hoort groep 6 tot en met 8."),
        ("so", "9", "Bij so – speciaal onderwijs (groep 6–8) hoort groep 6 tot en met 8."),
    ],
)
def test_a_primary_pupil_s_groep_is_6_to_8(login, behavioural_expert, level, year, message):
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER,
        school_registration_data(
            **{**GROEP_6, "student-level": level, "student-school_year": year}
        ),
    )
    assert field_error(response, "student-school_year") == [message]


def test_the_demo_has_a_pupil_in_groep_7_at_a_primary_school():
    ctx = DemoContext(
        rng=random.Random(2026),
        fake=Faker("nl_NL"),
        today=timezone.localdate(),
        cases=30,
        stdout=None,
    )
    casework_demo.seed(ctx)
    primary = Student.objects.filter(level__in=PRIMARY_LEVELS)
    assert [(s.school_year, s.class_name) for s in primary] == [(7, "groep 7")]
    pupil = primary.get()
    assert 10 <= (ctx.today - pupil.birth_date).days // 365 <= 11
    assert pupil.cases.get().school.name == "OBS De Tweemaster"


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("-1", "Bij havo hoort leerjaar 1 tot en met 5."),
        ("0", "Bij havo hoort leerjaar 1 tot en met 5."),
        ("6", "Bij havo hoort leerjaar 1 tot en met 5."),
    ],
)
def test_a_leerjaar_out_of_range_says_the_level_s_real_range(
    login, behavioural_expert, year, message
):
    """Issue 18 (3): "-1" said "… groter dan of gelijk aan 0", a minimum no level has."""
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"student-school_year": year})
    )
    assert field_error(response, "student-school_year") == [message]
    assert f'value="{year}"' in response.content.decode()


def test_a_leerjaar_without_a_level_says_the_range_of_all_levels(login, casemanager):
    response = login(casemanager).post(
        REGISTER,
        on_behalf_registration_data(**{"student-level": "", "student-school_year": "-1"}),
    )
    assert field_error(response, "student-school_year") == ["Het leerjaar is 1 tot en met 8."]
    assert field_error(response, "student-level") == ["Kies het niveau bij dit leerjaar."]
