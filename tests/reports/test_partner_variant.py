"""Issue 10: the partner variant of a case document exists for the plan; for the intake
(family and health answers) only when the valid consent says so (Consent.shares_intake);
never for the belastbaarheidsprofiel, not even printed by the casemanager or coördinator."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from casework.models import AccessAction, AccessLogEntry, Organisation
from evaluations import services as evaluation_services
from intake.models import Intake
from reports import documents
from tests.consent.helpers import record_consent
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# Not for partners with a consent that does not share the intake (the fixtures' consent).
NOT_FOR_PARTNERS = ["intake", "belastbaarheidsprofiel"]


@pytest.fixture
def documented_case(plan_case, casemanager):
    Intake.objects.create(case=plan_case, support_question="Vraag", home_factors="Thuis zwaar.")
    evaluation_services.load_profile_save(
        case=plan_case,
        by=casemanager,
        profile_date=plan_case.registered_on,
        student_name=plan_case.student.full_name,
        author_name="Drs. P. Bakker",
        author_function="orthopedagoog-generalist",
        general="Halve dagen.",
    )
    return plan_case


@pytest.mark.parametrize("who", ["casemanager", "coordinator"])
@pytest.mark.parametrize("document", NOT_FOR_PARTNERS)
def test_staff_get_a_dutch_404_for_the_partner_variant_of_intake_and_profile(
    request, login, documented_case, who, document
):
    url = reverse("reports:case_pdf", args=[documented_case.pk, document])
    response = login(request.getfixturevalue(who)).get(url, {"for": "partner"})
    assert response.status_code == 404
    assert "Dit document wordt niet met partners gedeeld" in response.content.decode()
    assert not AccessLogEntry.objects.filter(action=AccessAction.PRINT).exists()


def test_the_partner_variant_of_the_plan_and_the_internal_intake_still_print(
    login, casemanager, documented_case
):
    client = login(casemanager)
    plan = reverse("reports:case_pdf", args=[documented_case.pk, "plan"])
    assert client.get(plan, {"for": "partner"}).status_code == 200
    intake = reverse("reports:case_pdf", args=[documented_case.pk, "intake"])
    assert client.get(intake).status_code == 200


@pytest.mark.parametrize("document", NOT_FOR_PARTNERS)
def test_no_partner_html_is_rendered_for_intake_or_profile(documented_case, document):
    with pytest.raises(documents.DocumentUnavailable):
        documents.document_html(document, documented_case, for_partner=True)
    assert documents.document_html(document, documented_case)


# --- the intake, when the consent shares it -------------------------------------------------


def share_intake(case, casemanager, *, shares_intake: bool = True):
    """A new consent version covering the same partner (Leerplicht Veendam)."""
    return record_consent(case, casemanager, shares_intake=shares_intake)


def pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.mark.parametrize("who", ["casemanager", "coordinator"])
def test_staff_print_the_intake_for_partners_when_the_consent_shares_it(
    request, login, casemanager, documented_case, who
):
    url = reverse("reports:case_pdf", args=[documented_case.pk, "intake"])
    client = login(request.getfixturevalue(who))
    refused = client.get(url, {"for": "partner"})
    assert refused.status_code == 404
    assert "de geldige toestemming zegt niet dat ook de intake" in refused.content.decode()

    share_intake(documented_case, casemanager)
    response = client.get(url, {"for": "partner"})
    assert response.status_code == 200
    assert "-partners.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Thuis zwaar." in text
    assert "Vertrouwelijk. Gedeeld met partners op grond van de geldige toestemming" in text
    printed = AccessLogEntry.objects.get(action=AccessAction.PRINT)
    assert printed.detail == "Intakeformulier (pdf, voor partners)"
    # The internal intake has no notice.
    internal = pdf_text(client.get(url).content)
    assert "Thuis zwaar." in internal and "Vertrouwelijk" not in internal


def test_the_documents_page_offers_the_partner_intake_only_when_shared(
    login, coordinator, casemanager, documented_case
):
    page = reverse("reports:case_documents", args=[documented_case.pk])
    partner_intake = (
        reverse("reports:case_pdf", args=[documented_case.pk, "intake"]) + "?for=partner"
    )
    client = login(coordinator)
    body = client.get(page).content.decode()
    assert partner_intake not in body
    assert "de toestemming deelt de intake niet" in body
    share_intake(documented_case, casemanager)
    assert partner_intake in client.get(page).content.decode()


def test_a_withdrawn_consent_that_shared_the_intake_prints_nothing_for_partners(
    login, coordinator, casemanager, documented_case
):
    from django.utils import timezone

    from consent.services import consent_withdraw

    share_intake(documented_case, casemanager)
    consent_withdraw(
        case=documented_case,
        by=casemanager,
        withdrawn_on=timezone.localdate(),
        reason="Ouders trekken in.",
    )
    url = reverse("reports:case_pdf", args=[documented_case.pk, "intake"])
    response = login(coordinator).get(url, {"for": "partner"})
    assert response.status_code == 403
    assert "Dit document kan niet voor partners worden gemaakt." in response.content.decode()
    assert not AccessLogEntry.objects.filter(action=AccessAction.PRINT).exists()


def test_the_profile_has_no_partner_variant_even_when_the_intake_is_shared(
    login, coordinator, casemanager, documented_case
):
    share_intake(documented_case, casemanager)
    url = reverse("reports:case_pdf", args=[documented_case.pk, "belastbaarheidsprofiel"])
    response = login(coordinator).get(url, {"for": "partner"})
    assert response.status_code == 404
    assert "Dit document wordt niet met partners gedeeld" in response.content.decode()
    with pytest.raises(documents.DocumentUnavailable):
        documents.document_html("belastbaarheidsprofiel", documented_case, for_partner=True)


def test_the_partner_html_of_the_intake_follows_the_organisation(casemanager, documented_case):
    share_intake(documented_case, casemanager)
    covered = Organisation.objects.get(name="Leerplicht Veendam")
    other = OrganisationFactory(region=documented_case.region, name="CJG Veendam")
    html = documents.document_html(
        "intake", documented_case, for_partner=True, organisation=covered
    )
    assert "Vertrouwelijk" in html and "Thuis zwaar." in html
    assert "Karin de Vries" not in html  # no guardians' contact details for partners
    assert "Karin de Vries" in documents.document_html("intake", documented_case)
    with pytest.raises(documents.DocumentUnavailable):
        documents.document_html("intake", documented_case, for_partner=True, organisation=other)
