"""POST-only actions on a case: situation, close, niet gestart, assign."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.constants import CaseKind
from casework.models import AccessAction, AccessLogEntry
from casework.workflow import Status
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

ACTIONS = [
    "casework:case_update_situation",
    "casework:case_close",
    "casework:case_mark_not_started",
    "casework:case_assign",
]


def _close_data(**overrides):
    data = {
        "close-outcome": "back_at_school",
        "close-closed_on": timezone.localdate().isoformat(),
        "close-agreements": "Mentor belt wekelijks met ouders.",
    }
    data.update(overrides)
    return data


def test_casemanager_updates_the_situation_and_scenario(login, casemanager, case):
    absent = timezone.localdate() - timedelta(days=20)
    response = login(casemanager).post(
        reverse("casework:case_update_situation", args=[case.pk]),
        {
            "situation-absence_kind": "relative",
            "situation-absence_extent": "partial",
            "situation-absent_since": absent.isoformat(),
            "situation-scenario": "b",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.absence_kind, case.absence_extent, case.absent_since, case.scenario) == (
        "relative",
        "partial",
        absent,
        "b",
    )
    assert case.timeline.filter(kind="situation").exists()
    assert AccessLogEntry.objects.filter(case=case, action=AccessAction.CHANGE).exists()


def test_situation_with_offer_before_absence_is_refused_in_dutch_and_keeps_input(
    login, casemanager, case
):
    today = timezone.localdate()
    response = login(casemanager).post(
        reverse("casework:case_update_situation", args=[case.pk]),
        {
            "situation-absent_since": (today - timedelta(days=5)).isoformat(),
            "situation-offer_since": (today - timedelta(days=10)).isoformat(),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Passend aanbod kan niet beginnen voordat de leerling thuis kwam te zitten." in html
    assert (today - timedelta(days=10)).isoformat() in html
    case.refresh_from_db()
    assert case.absent_since is None


def test_situation_date_in_the_future_is_refused(login, casemanager, case):
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = login(casemanager).post(
        reverse("casework:case_update_situation", args=[case.pk]),
        {"situation-absent_since": future},
    )
    assert response.status_code == 200
    assert "Deze datum ligt in de toekomst." in response.content.decode()


def test_casemanager_closes_a_case_with_agreements(login, casemanager, case):
    case.status = Status.PLAN_ACTIVE
    case.save()
    response = login(casemanager).post(
        reverse("casework:case_close", args=[case.pk]),
        _close_data(
            **{
                "close-case_direction_continues": "on",
                "close-case_direction_email": "j.devries@cjg-pekela.nl",
                "close-case_direction_phone": "06 12 34 56 78",
            }
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.outcome == "back_at_school"
    assert case.case_direction_email == "j.devries@cjg-pekela.nl"
    assert case.case_direction_phone == "0612345678"


def test_closing_needs_whom_when_casusregie_continues(login, casemanager, case):
    case.status = Status.PLAN_ACTIVE
    case.save()
    response = login(casemanager).post(
        reverse("casework:case_close", args=[case.pk]),
        _close_data(**{"close-case_direction_continues": "on"}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vul het e-mailadres van de casusregisseur in." in page
    assert "Vul het 06-nummer van de casusregisseur in." in page


def test_lifecycle_refusal_is_shown_in_dutch(login, casemanager, case):
    """A case waiting for consent cannot be closed: the lifecycle says so, in Dutch."""
    response = login(casemanager).post(
        reverse("casework:case_close", args=[case.pk]), _close_data()
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Een casus met status &#x27;wacht op toestemming&#x27; kan niet naar &#x27;afgesloten&#x27;."
        in html
    )
    assert "Mentor belt wekelijks met ouders." in html  # input kept
    case.refresh_from_db()
    assert case.status == Status.AWAITING_CONSENT


def test_a_fresh_intensive_registration_cannot_be_closed(login, coordinator, school):
    registration = CaseFactory(school=school, casemanager=None, registered_by=coordinator)
    response = login(coordinator).post(
        reverse("casework:case_close", args=[registration.pk]), _close_data()
    )
    assert response.status_code == 200
    assert "Alleen een adviesvraag kan direct na aanmelding worden afgesloten." in (
        response.content.decode()
    )


def test_an_advice_registration_can_be_closed_directly(login, coordinator, school):
    advice = CaseFactory(
        school=school, casemanager=None, registered_by=coordinator, kind=CaseKind.ADVICE
    )
    response = login(coordinator).post(
        reverse("casework:case_close", args=[advice.pk]),
        _close_data(**{"close-outcome": "advice_given"}),
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.status == Status.CLOSED


def test_closing_before_registration_is_refused(login, casemanager, case):
    case.status = Status.PLAN_ACTIVE
    case.save()
    before = (case.registered_on - timedelta(days=1)).isoformat()
    response = login(casemanager).post(
        reverse("casework:case_close", args=[case.pk]), _close_data(**{"close-closed_on": before})
    )
    assert response.status_code == 200
    assert "De datum van afsluiting ligt voor de aanmelding." in response.content.decode()


def test_closing_in_the_future_is_refused_with_the_closing_s_own_words(login, casemanager, case):
    """Issue 19, finding 5: the closing's own words, not the consent's ("intrekking")."""
    case.status = Status.PLAN_ACTIVE
    case.save()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = login(casemanager).post(
        reverse("casework:case_close", args=[case.pk]), _close_data(**{"close-closed_on": tomorrow})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "De datum van afsluiting kan niet in de toekomst liggen." in page
    assert "intrekking" not in page
    case.refresh_from_db()
    assert case.status == Status.PLAN_ACTIVE


def test_mark_not_started_with_reason(login, casemanager, case):
    response = login(casemanager).post(
        reverse("casework:case_mark_not_started", args=[case.pk]),
        {"not_started-reason": "Ouders zien af van het traject."},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.NOT_STARTED
    # The text is encrypted (core.encryption): read it back, a filter on it matches nothing.
    assert any("Ouders zien af" in entry.text for entry in case.timeline.all())


def test_mark_not_started_needs_a_reason(login, casemanager, case):
    response = login(casemanager).post(
        reverse("casework:case_mark_not_started", args=[case.pk]), {"not_started-reason": "   "}
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode() or "Geef een reden op." in (
        response.content.decode()
    )


def test_not_started_twice_shows_the_lifecycle_error(login, casemanager, case):
    client = login(casemanager)
    url = reverse("casework:case_mark_not_started", args=[case.pk])
    client.post(url, {"not_started-reason": "Verhuisd."})
    response = client.post(url, {"not_started-reason": "Nogmaals."})
    # Issue 18: an ended case changes no more (casework.workflow.CHANGEABLE_WHEN_ENDED).
    assert response.status_code == 403
    assert "Deze casus is niet gestart: er kan niets meer in worden gewijzigd." in (
        response.content.decode()
    )


def test_coordinator_reassigns_from_the_case_page(login, coordinator, region, case):
    other = UserFactory(role="casemanager", region=region)
    response = login(coordinator).post(
        reverse("casework:case_assign", args=[case.pk]),
        {"assign-casemanager": other.pk, "assign-next": "detail"},
    )
    assert response.status_code == 302
    assert response.url == reverse("casework:case_detail", args=[case.pk])
    case.refresh_from_db()
    assert case.casemanager == other


def test_assigning_a_casemanager_of_another_region_is_refused(
    login, coordinator, case, other_region_casemanager
):
    response = login(coordinator).post(
        reverse("casework:case_assign", args=[case.pk]),
        {"assign-casemanager": other_region_casemanager.pk, "assign-next": "detail"},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_a_casemanager_may_not_assign(login, casemanager, case):
    response = login(casemanager).post(
        reverse("casework:case_assign", args=[case.pk]),
        {"assign-casemanager": casemanager.pk},
    )
    assert response.status_code == 404


@pytest.mark.parametrize("name", ACTIONS)
def test_a_behavioural_expert_of_the_school_cannot_act(login, behavioural_expert, case, name):
    assert login(behavioural_expert).post(reverse(name, args=[case.pk]), {}).status_code == 404


@pytest.mark.parametrize("name", ACTIONS)
@pytest.mark.parametrize("persona", ["other_school_expert", "other_region_casemanager"])
def test_actions_are_404_for_outsiders(request, login, case, name, persona):
    user = request.getfixturevalue(persona)
    assert login(user).post(reverse(name, args=[case.pk]), {}).status_code == 404
    case.refresh_from_db()
    assert case.status == Status.AWAITING_CONSENT


@pytest.mark.parametrize("name", ACTIONS)
def test_actions_refuse_get_and_go_back_to_the_case(login, coordinator, case, name):
    """A reload of the action's address (issue 19, finding 3): back to the case page."""
    response = login(coordinator).get(reverse(name, args=[case.pk]))
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("casework:case_detail", args=[case.pk]),
    )
    assert login(coordinator).put(reverse(name, args=[case.pk])).status_code == 405
    case.refresh_from_db()
    assert case.status == Status.AWAITING_CONSENT


def test_the_reference_number_counts_on_past_9999(region, school):
    from casework.services import next_reference

    CaseFactory(school=school, reference="VD-2026-9999")
    assert next_reference(region, 2026) == "VD-2026-10000"
    CaseFactory(school=school, reference="VD-2026-10000")
    CaseFactory(school=school, reference="VD-2025-12345")
    assert next_reference(region, 2026) == "VD-2026-10001"
    assert next_reference(region, 2027) == "VD-2027-0001"
