"""Malformed and oversized values posted to every intake form never give a 500."""

import pytest
from django.urls import reverse

from casework.models import Case, Student
from intake.forms import IntakeForm, RegistrationForms
from intake.models import Intake
from tests.factories import CaseFactory

from .helpers import on_behalf_registration_data, school_registration_data

pytestmark = pytest.mark.django_db

HUGE = "x" * 100_000
BAD_VALUES = [
    HUGE,
    "9" * 100_000,
    "-1",
    "abc",
    "1e309",
    "31-02-2026",
    "0000-00-00",
    "\x00nul",
    "<script>alert(1)</script>",
    "🙂" * 1000,
    "not-a-choice",
    "",
]
# Per field, a smaller set keeps the test fast; BAD_VALUES all go into every field at once.
PER_FIELD = [HUGE, "abc", "\x00nul"]


def registration_field_names(region, on_behalf: bool) -> list[str]:
    forms = RegistrationForms(region=region, on_behalf=on_behalf)
    return [form.add_prefix(name) for form in forms.forms for name in form.fields]


@pytest.mark.parametrize("bad", PER_FIELD)
def test_the_school_registration_survives_a_bad_value_in_each_field(
    login, behavioural_expert, region, bad
):
    client = login(behavioural_expert)
    for name in registration_field_names(region, on_behalf=False):
        data = school_registration_data(**{name: bad})
        response = client.post(reverse("intake:school_register"), data)
        assert response.status_code in (200, 302), (name, response.status_code)
    assert Student.objects.filter(first_name=HUGE).count() == 0


def test_the_school_registration_survives_bad_values_in_all_fields_at_once(
    login, behavioural_expert, region
):
    client = login(behavioural_expert)
    names = registration_field_names(region, on_behalf=False)
    for bad in BAD_VALUES:
        response = client.post(reverse("intake:school_register"), dict.fromkeys(names, bad))
        assert response.status_code == 200, bad
    assert not Case.objects.exists()


@pytest.mark.parametrize("bad", [HUGE, "abc", "\x00", "999999999999999999999"])
def test_the_on_behalf_registration_survives_any_value_in_every_field(
    login, coordinator, region, bad
):
    client = login(coordinator)
    for name in registration_field_names(region, on_behalf=True):
        response = client.post(
            reverse("intake:register"), on_behalf_registration_data(**{name: bad})
        )
        assert response.status_code in (200, 302), (name, response.status_code)


def test_lists_instead_of_single_values_do_not_break_the_registration(login, behavioural_expert):
    data = school_registration_data()
    data["student-bsn"] = ["123456782", "111222333"]
    data["student-level"] = ["havo", "vwo"]
    response = login(behavioural_expert).post(reverse("intake:school_register"), data)
    assert response.status_code in (200, 302)


def test_oversized_text_is_refused_beside_the_field(login, behavioural_expert):
    response = login(behavioural_expert).post(
        reverse("intake:school_register"),
        school_registration_data(**{"registration-support_reason": HUGE}),
    )
    assert response.status_code == 200
    errors = response.context["forms"].registration.errors["support_reason"]
    assert errors == ["Maximaal 5000 tekens (u typte er 100000)."]
    assert not Case.objects.exists()


@pytest.mark.parametrize("bad", PER_FIELD)
def test_the_intake_form_survives_a_bad_value_in_each_field(login, casemanager, school, bad):
    case = CaseFactory(school=school, casemanager=casemanager, in_intake=True)
    client = login(casemanager)
    url = reverse("intake:intake_edit", args=[case.pk])
    for name in IntakeForm().fields:
        response = client.post(url, {"action": "save", name: bad})
        assert response.status_code in (200, 302), (name, response.status_code)
    for intake in Intake.objects.all():
        assert intake.happiness_score is None or 0 <= intake.happiness_score <= 10


def test_the_intake_form_survives_bad_values_in_all_fields_at_once(login, casemanager, school):
    case = CaseFactory(school=school, casemanager=casemanager, in_intake=True)
    client = login(casemanager)
    url = reverse("intake:intake_edit", args=[case.pk])
    names = list(IntakeForm().fields)
    for bad in BAD_VALUES:
        for action in ("save", "complete", "bogus"):
            response = client.post(url, {"action": action, **dict.fromkeys(names, bad)})
            assert response.status_code in (200, 302), (bad[:20], action)
    for intake in Intake.objects.all():
        assert intake.happiness_score is None or 0 <= intake.happiness_score <= 10


def test_a_nul_character_gets_one_message_also_in_an_email_or_phone_field(
    login, behavioural_expert
):
    client = login(behavioural_expert)
    for name in ("guardian1-email", "guardian1-phone"):
        response = client.post(
            reverse("intake:school_register"), school_registration_data(**{name: "a\x00b"})
        )
        assert response.status_code == 200
        errors = response.context["forms"].guardian1.errors[name.split("-")[1]]
        assert errors == ["Null-tekens zijn niet toegestaan."], (name, errors)


@pytest.mark.parametrize("tampered", ["maybe", "1", "True", "\x00"])
def test_a_tampered_yes_no_answer_is_refused_not_stored_as_unknown(
    login, casemanager, school, tampered
):
    case = CaseFactory(school=school, casemanager=casemanager, in_intake=True)
    url = reverse("intake:intake_edit", args=[case.pk])
    response = login(casemanager).post(
        url, {"action": "save", "signal_anxiety": tampered, "leisure": "Tekenen"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["signal_anxiety"] == ["Kies ja of nee."]
    assert "Tekenen" in response.content.decode()
    assert not Intake.objects.exists()


@pytest.mark.parametrize(
    ("posted", "stored"), [("true", True), ("false", False), ("unknown", None)]
)
def test_the_buttons_are_stored_as_they_say(login, casemanager, school, posted, stored):
    case = CaseFactory(school=school, casemanager=casemanager, in_intake=True)
    url = reverse("intake:intake_edit", args=[case.pk])
    login(casemanager).post(url, {"action": "save", "signal_anxiety": posted})
    assert Intake.objects.get(case=case).signal_anxiety is stored


def test_a_fresh_intake_ticks_no_signal_and_says_how_to_complete(login, casemanager, school):
    """Issue 19, finding 8: all nine signals started on "onbekend", which "Intake afronden"
    then refused."""
    case = CaseFactory(school=school, casemanager=casemanager, in_intake=True)
    page = login(casemanager).get(reverse("intake:intake_edit", args=[case.pk])).content.decode()
    assert 'name="signal_anxiety"' in page and "onbekend" not in page.lower()
    assert "checked" not in page.split('name="signal_anxiety"', 1)[1].split(">", 1)[0]
    assert "Afronden kan als elke vraag met een * is beantwoord" in page
