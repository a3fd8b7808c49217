"""Issue 18 (1): one closing form, with the seed's fields, on the case page and the
evaluations tab."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.forms import CloseForm
from casework.workflow import Status
from evaluations.views import evaluations as evaluation_views

pytestmark = pytest.mark.django_db


def _closing(**overrides):
    data = {
        "close-outcome": "back_at_school",
        "close-closed_on": timezone.localdate().isoformat(),
        "close-agreements": "Mentor belt wekelijks met ouders.",
        "close-case_direction_continues": "on",
    }
    data.update(overrides)
    return data


def test_the_evaluations_tab_closes_with_the_case_page_s_form():
    assert evaluation_views.CloseForm is CloseForm


def test_the_closing_form_asks_the_seed_s_e_mail_address_and_06_number(login, casemanager, case):
    page = login(casemanager).get(reverse("casework:case_detail", args=[case.pk])).content
    page = page.decode()
    assert "E-mailadres van de betrokken casusregisseur" in page
    assert "06-nummer van de betrokken casusregisseur" in page
    assert "Naam en organisatie" not in page


@pytest.mark.parametrize(
    ("email", "phone", "message"),
    [
        ("regie@cjg.nl", "0598 123456", "Vul een 06-nummer in van tien cijfers"),
        ("regie@cjg.nl", "+32 470 12 34 56", "Vul een 06-nummer in van tien cijfers"),
        ("regie bij het cjg", "06 12345678", "Voer een geldig e-mailadres in."),
    ],
)
def test_a_closing_with_a_wrong_contact_is_refused_and_keeps_what_was_typed(
    login, casemanager, case, email, phone, message
):
    case.status = Status.PLAN_ACTIVE
    case.save()
    response = login(casemanager).post(
        reverse("casework:case_close", args=[case.pk]),
        _closing(**{"close-case_direction_email": email, "close-case_direction_phone": phone}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'value="{phone}"' in page
    case.refresh_from_db()
    assert case.status == Status.PLAN_ACTIVE


def test_the_contact_is_not_kept_when_casusregie_does_not_continue(login, casemanager, case):
    case.status = Status.PLAN_ACTIVE
    case.save()
    response = login(casemanager).post(
        reverse("casework:case_close", args=[case.pk]),
        _closing(
            **{
                "close-case_direction_continues": "",
                "close-case_direction_email": "regie@cjg.nl",
                "close-case_direction_phone": "0612345678",
            }
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.case_direction_email, case.case_direction_phone) == ("", "")


def test_a_closing_date_to_come_is_refused_in_the_closing_s_words(login, casemanager, case):
    case.status = Status.PLAN_ACTIVE
    case.save()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = login(casemanager).post(
        reverse("casework:case_close", args=[case.pk]),
        _closing(
            **{
                "close-closed_on": tomorrow,
                "close-case_direction_email": "regie@cjg.nl",
                "close-case_direction_phone": "0612345678",
            }
        ),
    )
    page = response.content.decode()
    assert "De datum van afsluiting kan niet in de toekomst liggen." in page
    assert "intrekking" not in page
