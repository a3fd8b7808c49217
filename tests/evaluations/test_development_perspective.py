"""Issue 18 (4): the cover letter's "een gezamenlijk vastgesteld ontwikkelingsperspectief is
noodzakelijk": without the OPP's uitstroombestemming, the belastbaarheidsprofiel and the plan
say that it is missing."""

import pytest
from django.urls import reverse

from intake.models import Registration

pytestmark = pytest.mark.django_db

NOTICE = "Ontwikkelingsperspectief ontbreekt."
PAGES = ["evaluations:plan_detail", "evaluations:load_profile"]


def _page(client, name, case) -> str:
    response = client.get(reverse(name, args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_an_opp_without_uitstroombestemming_is_shown_as_missing(
    active_case, casemanager, login, name
):
    Registration.objects.create(
        case=active_case, parents_informed=True, has_opp=True, opp_exit_destination="  "
    )
    page = _page(login(casemanager), name, active_case)
    assert NOTICE in page
    assert "Het OPP vermeldt geen uitstroombestemming." in page


@pytest.mark.parametrize("name", PAGES)
def test_a_registration_without_opp_is_shown_as_missing(active_case, casemanager, login, name):
    Registration.objects.create(case=active_case, parents_informed=True, has_opp=False)
    page = _page(login(casemanager), name, active_case)
    assert "Bij de aanmelding is geen OPP met een uitstroombestemming vastgelegd." in page


@pytest.mark.parametrize("name", PAGES)
def test_an_opp_with_uitstroombestemming_gives_no_notice(active_case, casemanager, login, name):
    Registration.objects.create(
        case=active_case,
        parents_informed=True,
        has_opp=True,
        opp_exit_destination="havo-diploma, daarna hbo",
    )
    assert NOTICE not in _page(login(casemanager), name, active_case)
