"""Issue 10: the partner variant of a case document exists for the plan only. The intake
(family and health answers) and the belastbaarheidsprofiel are not printed for partners,
not even by the casemanager or the coördinator."""

import pytest
from django.urls import reverse

from casework.models import AccessAction, AccessLogEntry
from evaluations import services as evaluation_services
from intake.models import Intake
from reports import documents

pytestmark = pytest.mark.django_db

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
