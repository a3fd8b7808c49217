"""Issue 10: a partner reads the plan, never the belastbaarheidsprofiel, and the intake's
family and health answers only when the consent says so (test_partner_intake.py): with the
fixtures' consent, which does not share the intake, neither as a page, a PDF or a tab."""

import pytest
from django.urls import reverse

from casework.models import AccessAction, AccessLogEntry
from evaluations import services as evaluation_services
from intake.models import Intake

pytestmark = pytest.mark.django_db

PROFILE_PAGES = ["evaluations:load_profile", "evaluations:load_profile_compare"]


@pytest.fixture
def documented_case(shared_case, casemanager):
    """The shared case with an intake and two versions of the belastbaarheidsprofiel."""
    Intake.objects.create(
        case=shared_case, support_question="Hoe komt zij weer op school?", signal_anxiety=True
    )
    for version, general in enumerate(["Halve dagen.", "Hele dagen."]):
        evaluation_services.load_profile_save(
            case=shared_case,
            by=casemanager,
            expected_version=version or None,
            profile_date=shared_case.registered_on,
            student_name=shared_case.student.full_name,
            author_name="Drs. P. Bakker",
            author_function="orthopedagoog-generalist",
            general=general,
        )
    return shared_case


def pdf_url(case, document: str) -> str:
    return reverse("reports:case_pdf", args=[case.pk, document])


def profile_url(case, name: str) -> str:
    query = "?a=1&b=2" if name.endswith("compare") else ""
    return reverse(name, args=[case.pk]) + query


def test_partner_of_covered_and_involved_organisation_gets_the_plan_pdf(
    login, partner, documented_case
):
    response = login(partner).get(pdf_url(documented_case, "plan"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    printed = AccessLogEntry.objects.get(user=partner, action=AccessAction.PRINT)
    assert "voor partners" in printed.detail


@pytest.mark.parametrize("document", ["intake", "belastbaarheidsprofiel"])
@pytest.mark.parametrize("query", [{}, {"for": "partner"}, {"version": "1"}])
def test_partner_gets_404_for_the_intake_and_profile_pdf(
    login, partner, documented_case, document, query
):
    response = login(partner).get(pdf_url(documented_case, document), query)
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessAction.PRINT).exists()
    denied = AccessLogEntry.objects.filter(user=partner, action=AccessAction.DENIED).get()
    assert denied.detail == f"casus {documented_case.pk}: document {document}"


@pytest.mark.parametrize("name", PROFILE_PAGES)
def test_partner_gets_404_for_the_profile_pages(login, partner, documented_case, name):
    response = login(partner).get(profile_url(documented_case, name))
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(user=partner, action=AccessAction.DENIED).exists()
    assert not AccessLogEntry.objects.filter(user=partner, action=AccessAction.VIEW).exists()


@pytest.mark.parametrize("name", ["evaluations:load_profile", "evaluations:load_profile_school"])
def test_partner_cannot_write_the_profile(login, partner, documented_case, name):
    response = login(partner).post(reverse(name, args=[documented_case.pk]), {"general": "x"})
    assert response.status_code == 404
    assert documented_case.load_profile.versions.count() == 2


def test_partner_is_offered_no_profile_tab_and_only_the_plan_document(
    login, partner, documented_case
):
    client = login(partner)
    overview = client.get(reverse("casework:case_detail", args=[documented_case.pk]))
    html = overview.content.decode()
    assert reverse("evaluations:plan_detail", args=[documented_case.pk]) in html
    assert reverse("evaluations:load_profile", args=[documented_case.pk]) not in html
    documents = client.get(reverse("reports:case_documents", args=[documented_case.pk]))
    html = documents.content.decode()
    assert pdf_url(documented_case, "plan") in html
    assert pdf_url(documented_case, "intake") not in html
    assert pdf_url(documented_case, "belastbaarheidsprofiel") not in html


@pytest.mark.parametrize("who", ["casemanager", "coordinator", "behavioural_expert"])
def test_case_staff_and_the_school_keep_the_profile(request, login, documented_case, who):
    client = login(request.getfixturevalue(who))
    for name in PROFILE_PAGES:
        assert client.get(profile_url(documented_case, name)).status_code == 200
    overview = client.get(reverse("casework:case_detail", args=[documented_case.pk]))
    assert reverse("evaluations:load_profile", args=[documented_case.pk]) in (
        overview.content.decode()
    )


def test_the_gedragsdeskundige_still_adds_the_school_part(
    login, behavioural_expert, documented_case
):
    response = login(behavioural_expert).post(
        reverse("evaluations:load_profile_school", args=[documented_case.pk]),
        {"school-version": "2", "school-school_addition": "Start om 10 uur."},
    )
    assert response.status_code == 302
    latest = documented_case.load_profile.versions.first()
    assert latest.number == 3 and latest.school_addition == "Start om 10 uur."
