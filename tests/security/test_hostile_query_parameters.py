"""Issue 17: a number in the query string that is no number gives a default or a 404, never a
500. '²'.isdigit() is true while int('²') fails; int('١٢') is 12; '9' * 30 overflows."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluations import services as evaluation_services
from tests.reports.conftest import make_plan_case

pytestmark = pytest.mark.django_db

HOSTILE = ["²", "-1", "9" * 30, "\x00", "١٢", "0", "", " 1", "1e3", "0x10", "+1", "1.0"]


@pytest.fixture
def plan_case(school, casemanager):
    case = make_plan_case(school, casemanager)
    evaluation_services.load_profile_save(
        case=case,
        by=casemanager,
        profile_date=date(2026, 11, 2),
        student_name=case.student.full_name,
        author_name="Drs. P. Bakker",
        author_function="orthopedagoog-generalist",
        general="Halve dagen.",
    )
    return case


def pdf_url(case, document):
    return reverse("reports:case_pdf", args=[case.pk, document])


def quiet_client(user) -> Client:
    """A client that answers 500 like the server does, instead of raising."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_superscript_two_as_plan_version_is_a_404_not_a_500(plan_case, casemanager):
    response = quiet_client(casemanager).get(pdf_url(plan_case, "plan"), {"version": "²"})
    assert response.status_code == 404


def test_superscript_two_as_load_profile_version_is_a_404_not_a_500(plan_case, casemanager):
    client = quiet_client(casemanager)
    response = client.get(pdf_url(plan_case, "belastbaarheidsprofiel"), {"version": "²"})
    assert response.status_code == 404
    assert (
        client.get(pdf_url(plan_case, "belastbaarheidsprofiel"), {"version": "1"}).status_code
        == 200
    )


def test_superscript_two_as_survey_year_shows_this_year(coordinator):
    response = quiet_client(coordinator).get(reverse("followups:survey_report"), {"jaar": "²"})
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


def _parameter_sites(case):
    """Every view that reads a number from request.GET, with the user who may open it."""
    return [
        ("casemanager", pdf_url(case, "plan"), "version"),
        ("casemanager", pdf_url(case, "belastbaarheidsprofiel"), "version"),
        ("casemanager", pdf_url(case, "intake"), "version"),
        ("coordinator", reverse("followups:survey_report"), "jaar"),
        ("casemanager", reverse("casework:timeline", args=[case.pk]), "pagina"),
        ("casemanager", reverse("notifications:list"), "pagina"),
        ("behavioural_expert", reverse("intake:school_overview"), "pagina"),
        ("casemanager", reverse("evaluations:load_profile_compare", args=[case.pk]), "a"),
        ("casemanager", reverse("evaluations:load_profile_compare", args=[case.pk]), "b"),
    ]


def test_every_number_in_a_query_string_survives_hostile_values(
    plan_case, casemanager, coordinator, behavioural_expert
):
    clients = {
        "casemanager": quiet_client(casemanager),
        "coordinator": quiet_client(coordinator),
        "behavioural_expert": quiet_client(behavioural_expert),
    }
    failures = []
    for who, url, name in _parameter_sites(plan_case):
        for value in HOSTILE:
            params = {name: value}
            if name in ("a", "b"):
                params = {"a": "1", "b": "1", name: value}
            status = clients[who].get(url, params).status_code
            if status not in (200, 404):
                failures.append((url, name, value, status))
    assert failures == []


def test_keyset_cursors_of_the_case_list_survive_hostile_numbers(casemanager):
    client = quiet_client(casemanager)
    for value in HOSTILE:
        for name in ("na", "voor"):
            cursor = f"2026-01-01_{value}"
            assert client.get(reverse("casework:case_list"), {name: cursor}).status_code == 200
