"""Issue 10, "unless the consent says so": a partner reads the intake (tab, read-only, and the
partner variant of the PDF) only while a valid consent that names their organisation also
shares the intake (Consent.shares_intake). Without it everything answers 404, as before."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casework.models import AccessAction, AccessLogEntry
from consent.models import ConsentMethod
from consent.selectors import intake_shared_with, intake_shared_with_partners
from consent.services import consent_record, consent_withdraw
from evaluations import services as evaluation_services
from intake.models import Intake
from tests.factories import GuardianFactory
from tests.partners import make_shared_case

pytestmark = pytest.mark.django_db

ANSWER = "Moeder is langdurig ziek; Sanne zorgt veel voor haar broertje."
SUPPORT_QUESTION = "Hoe komt zij weer op school?"


def intake_url(case) -> str:
    return reverse("intake:intake_edit", args=[case.pk])


def pdf_url(case, document: str = "intake") -> str:
    return reverse("reports:case_pdf", args=[case.pk, document])


def pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def record_version(case, by, organisations, *, shares_intake: bool):
    """A new consent version (the pupil is 17: the youth consents), through the service."""
    return consent_record(
        case=case,
        by=by,
        given_on=timezone.localdate(),
        method=ConsentMethod.CONVERSATION,
        organisations=organisations,
        youth_consented=True,
        shares_intake=shares_intake,
    )


@pytest.fixture
def intake_case(shared_case):
    """The shared case (consent covers CJG and leerplicht, CJG is betrokkene) with an intake
    and a guardian; the consent does not share the intake."""
    Intake.objects.create(case=shared_case, support_question=SUPPORT_QUESTION, home_factors=ANSWER)
    GuardianFactory(student=shared_case.student, name="Ingrid Verzorger", phone="0611223344")
    return shared_case


@pytest.fixture
def sharing_case(intake_case, casemanager, cjg, truancy):
    """The same case after a new consent version that also shares the intake."""
    record_version(intake_case, casemanager, [cjg, truancy], shares_intake=True)
    return intake_case


# --- without shares_intake: as before ------------------------------------------------------


@pytest.mark.parametrize("query", [{}, {"for": "partner"}])
def test_without_shares_intake_the_partner_gets_404_for_the_tab_and_the_pdf(
    login, partner, intake_case, query
):
    client = login(partner)
    assert client.get(intake_url(intake_case)).status_code == 404
    assert client.get(pdf_url(intake_case), query).status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessAction.PRINT).exists()
    denied = AccessLogEntry.objects.filter(user=partner, action=AccessAction.DENIED)
    assert [row.detail for row in denied.order_by("id")] == [
        f"casus {intake_case.pk}: intake",
        f"casus {intake_case.pk}: document intake",
    ]
    # Refused before the case is fetched: no read of the case is logged.
    assert not AccessLogEntry.objects.filter(user=partner, action=AccessAction.VIEW).exists()


def test_without_shares_intake_the_partner_is_offered_no_intake(login, partner, intake_case):
    client = login(partner)
    overview = client.get(reverse("casework:case_detail", args=[intake_case.pk]))
    assert intake_url(intake_case) not in overview.content.decode()
    documents = client.get(reverse("reports:case_documents", args=[intake_case.pk]))
    assert pdf_url(intake_case) not in documents.content.decode()


# --- with shares_intake ----------------------------------------------------------------------


def test_with_shares_intake_the_partner_reads_the_intake_tab_read_only(
    login, partner, sharing_case
):
    response = login(partner).get(intake_url(sharing_case))
    assert response.status_code == 200
    body = response.content.decode()
    assert ANSWER.replace("'", "&#x27;") in body
    assert SUPPORT_QUESTION in body
    assert "Vertrouwelijk" in body
    assert 'name="action" value="complete"' not in body  # no form, nothing to save
    assert "data-warn-unsaved" not in body
    assert "Ingrid Verzorger" not in body  # the answers, not the family's contact details
    read = AccessLogEntry.objects.get(user=partner, case=sharing_case, action=AccessAction.VIEW)
    assert read.detail == "intake" and read.role == "partner"


def test_with_shares_intake_the_partner_downloads_the_partner_variant_of_the_intake(
    login, partner, sharing_case, caplog
):
    response = login(partner).get(pdf_url(sharing_case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "-partners.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert ANSWER in text
    assert "Vertrouwelijk. Gedeeld met partners op grond van de geldige toestemming" in text
    assert "Ingrid Verzorger" not in text and "0611223344" not in text
    printed = AccessLogEntry.objects.get(user=partner, case=sharing_case, action=AccessAction.PRINT)
    assert printed.detail == "Intakeformulier (pdf, voor partners)"
    assert printed.role == "partner"
    # One row for a print, not a view row besides (issue 17, finding 5).
    assert not AccessLogEntry.objects.filter(
        user=partner, case=sharing_case, action=AccessAction.VIEW, detail="document intake"
    ).exists()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_with_shares_intake_the_partner_is_offered_the_intake_tab_and_pdf(
    login, partner, sharing_case
):
    client = login(partner)
    overview = client.get(reverse("casework:case_detail", args=[sharing_case.pk]))
    html = overview.content.decode()
    assert intake_url(sharing_case) in html
    assert reverse("consent:consent_detail", args=[sharing_case.pk]) not in html
    documents = client.get(reverse("reports:case_documents", args=[sharing_case.pk]))
    assert pdf_url(sharing_case) in documents.content.decode()


def test_a_partner_never_writes_the_intake_even_when_it_is_shared(login, partner, sharing_case):
    intake = Intake.objects.get(case=sharing_case)
    response = login(partner).post(
        intake_url(sharing_case), {"support_question": "Overschreven", "action": "save"}
    )
    assert response.status_code == 404
    intake.refresh_from_db()
    assert intake.support_question == SUPPORT_QUESTION
    denied = AccessLogEntry.objects.get(user=partner, action=AccessAction.DENIED)
    assert denied.detail == f"casus {sharing_case.pk}: intake"


def test_the_belastbaarheidsprofiel_stays_unshared_when_the_intake_is_shared(
    login, partner, casemanager, sharing_case
):
    evaluation_services.load_profile_save(
        case=sharing_case,
        by=casemanager,
        profile_date=sharing_case.registered_on,
        student_name=sharing_case.student.full_name,
        author_name="Drs. P. Bakker",
        author_function="orthopedagoog-generalist",
        general="Halve dagen.",
    )
    client = login(partner)
    assert client.get(pdf_url(sharing_case, "belastbaarheidsprofiel")).status_code == 404
    profile = reverse("evaluations:load_profile", args=[sharing_case.pk])
    assert client.get(profile).status_code == 404
    overview = client.get(reverse("casework:case_detail", args=[sharing_case.pk]))
    assert profile not in overview.content.decode()


# --- when sharing ends -----------------------------------------------------------------------


def test_withdrawal_ends_reading_the_intake_at_once(login, partner, casemanager, sharing_case):
    client = login(partner)
    assert client.get(intake_url(sharing_case)).status_code == 200
    consent_withdraw(
        case=sharing_case,
        by=casemanager,
        withdrawn_on=timezone.localdate(),
        reason="Jongere wil niet meer dat er gedeeld wordt.",
    )
    assert client.get(intake_url(sharing_case)).status_code == 404
    assert client.get(pdf_url(sharing_case)).status_code == 404


def test_a_new_version_without_shares_intake_ends_reading_the_intake(
    login, partner, casemanager, cjg, truancy, sharing_case
):
    client = login(partner)
    assert client.get(pdf_url(sharing_case)).status_code == 200
    record_version(sharing_case, casemanager, [cjg, truancy], shares_intake=False)
    assert client.get(intake_url(sharing_case)).status_code == 404
    assert client.get(pdf_url(sharing_case)).status_code == 404
    # The plan stays shared.
    assert client.get(pdf_url(sharing_case, "plan")).status_code == 200


# --- other organisations ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["youth_care_partner", "truancy_partner"])
def test_a_partner_who_does_not_reach_the_case_gets_404_though_the_intake_is_shared(
    request, login, sharing_case, who
):
    """Jeugdhulp is betrokkene but not covered by the consent; leerplicht is covered but not
    among the betrokkenen. Neither reaches the case, so neither reads its intake."""
    client = login(request.getfixturevalue(who))
    assert client.get(intake_url(sharing_case)).status_code == 404
    assert client.get(pdf_url(sharing_case)).status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessAction.PRINT).exists()


def test_a_consent_sharing_the_intake_on_another_case_opens_nothing_here(
    login, partner, school, casemanager, cjg, truancy, intake_case
):
    other = make_shared_case(school=school, casemanager=casemanager, covered=[cjg], involved=[cjg])
    Intake.objects.create(case=other, support_question="Andere vraag")
    record_version(other, casemanager, [cjg], shares_intake=True)
    client = login(partner)
    assert client.get(intake_url(other)).status_code == 200
    assert client.get(intake_url(intake_case)).status_code == 404
    assert client.get(pdf_url(intake_case)).status_code == 404


def test_intake_shared_with_names_the_organisation_and_the_case(
    school, casemanager, cjg, truancy, youth_care, sharing_case
):
    assert intake_shared_with(sharing_case, cjg)
    assert intake_shared_with(sharing_case.pk, cjg.pk)
    assert intake_shared_with(sharing_case, truancy)
    assert not intake_shared_with(sharing_case, youth_care)  # not on the consent
    assert not intake_shared_with(sharing_case, None)
    assert intake_shared_with_partners(sharing_case)
    other = make_shared_case(school=school, casemanager=casemanager, covered=[cjg], involved=[cjg])
    assert not intake_shared_with(other, cjg)
    assert not intake_shared_with_partners(other)
