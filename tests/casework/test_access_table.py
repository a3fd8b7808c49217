"""Issue 16, one access table: for every section and role, the tab bar and the page answer
(200 or 404) follow casework.access.table, so the two can never disagree; and the table still
says what the hand-written checks said before it (EXPECTED_READERS)."""

import re

import pytest
from django.urls import reverse

from accounts.models import Role
from casework.access import SECTIONS, can, grant_for
from casework.access.table import ROLES, WRITE
from casework.templatetags.case_tabs import TABS
from casework.workflow import Status
from consent.selectors import intake_shared_with
from evaluations import services as evaluation_services
from intake.models import Intake
from reports.documents import DOCUMENTS
from tests.casework.test_partner_intake import record_version
from tests.factories import UserFactory
from tests.partners import make_shared_case

pytestmark = pytest.mark.django_db

CM, CO, BE, PA = ROLES
STAFF = {CM, CO}
EVERYONE = {CM, CO, BE, PA}
SHARED = "partner if the consent shares the intake"

# Who read each tab's page before the table (the tab bar's old "who" codes and the views'
# hand-written checks): the table must keep saying the same.
EXPECTED_READERS = {
    "overview": EVERYONE,
    "intake": STAFF | {SHARED},
    "consent": STAFF,
    "plan": EVERYONE,
    "evaluations": EVERYONE,
    "load_profile": {CM, CO, BE},
    "minutes": {CM, CO, PA},
    "documents": EVERYONE,
    "timeline": EVERYONE,
    "note": {PA},
    "history": STAFF,
    "access_log": {CO},
    "document.plan": {CM, CO, PA},
    "document.intake": STAFF | {SHARED},
    "document.belastbaarheidsprofiel": {CM, CO, BE},
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisations(region):
    from casework.models import OrganisationKind
    from tests.factories import OrganisationFactory

    return {
        "cjg": OrganisationFactory(region=region, name="CJG", kind=OrganisationKind.CJG),
        "reik": OrganisationFactory(region=region, name="Reik", kind=OrganisationKind.YOUTH_CARE),
    }


@pytest.fixture
def users(region, casemanager, coordinator, behavioural_expert, organisations):
    partner = UserFactory(
        username="cjg", role=Role.PARTNER, region=region, organisation=organisations["cjg"]
    )
    return {CM: casemanager, CO: coordinator, BE: behavioural_expert, PA: partner}


@pytest.fixture(params=["consent without the intake", "consent sharing the intake"])
def shared_case(request, school, casemanager, organisations):
    """A plan-actief case shared with the partner (CJG covered and involved), with an intake
    and a belastbaarheidsprofiel, in both consent states."""
    covered = [organisations["cjg"]]
    case = make_shared_case(
        school=school, casemanager=casemanager, covered=covered, involved=covered
    )
    if request.param == "consent sharing the intake":
        record_version(case, casemanager, covered, shares_intake=True)
    Intake.objects.create(case=case, support_question="Hoe komt zij weer op school?")
    evaluation_services.load_profile_save(
        case=case,
        by=casemanager,
        profile_date=case.registered_on,
        student_name=case.student.full_name,
        author_name="Drs. P. Bakker",
        author_function="orthopedagoog-generalist",
        general="Halve dagen.",
    )
    return case


def expected_read(section, role, case, user) -> bool:
    readers = EXPECTED_READERS[section]
    if role in readers:
        return True
    return SHARED in readers and role == PA and intake_shared_with(case, user.organisation_id)


def tab_bar_urls(content: str) -> set[str]:
    nav = content.split('aria-label="Onderdelen van de casus"', 1)[1].split("</nav>", 1)[0]
    return set(re.findall(r'href="([^"]+)"', nav))


def page_url(section: str, case) -> str:
    if section.startswith("document."):
        return reverse("reports:case_pdf", args=[case.pk, section.removeprefix("document.")])
    name = {key: name for key, _, name in TABS}[section]
    return reverse(name, args=[case.pk])


@pytest.mark.parametrize("role", ROLES)
def test_the_tab_bar_and_every_page_answer_as_the_table_says(client, users, shared_case, role):
    user = users[role]
    client.force_login(user)
    overview = client.get(reverse("casework:case_detail", args=[shared_case.pk]))
    assert overview.status_code == 200
    tabs = tab_bar_urls(overview.content.decode())
    wrong = []
    for section in EXPECTED_READERS:
        granted = can(user, shared_case, section)
        if granted != expected_read(section, role, shared_case, user):
            wrong.append(f"table: {section} read={granted}")
        url = page_url(section, shared_case)
        status = client.get(url).status_code
        if status != (200 if granted else 404):
            wrong.append(f"page: {section} answered {status}, table read={granted}")
        if not section.startswith("document.") and (url in tabs) != granted:
            wrong.append(f"tab: {section} shown={url in tabs}, table read={granted}")
    assert not wrong, f"{role} on a case with {shared_case.status}:\n" + "\n".join(wrong)


def test_every_tab_is_a_section_and_every_document_has_its_row():
    assert {key for key, _, _ in TABS} <= set(SECTIONS)
    assert {f"document.{key}" for key in DOCUMENTS} <= set(SECTIONS)
    assert all(len(row) == len(ROLES) for row in SECTIONS.values())


@pytest.mark.parametrize("key", sorted(DOCUMENTS))
def test_a_partner_prints_a_document_as_the_document_goes_to_partners(key):
    spec, grant = DOCUMENTS[key], grant_for(PA, f"document.{key}")
    if spec.for_partners:
        assert grant is not None and grant.when is None
    elif spec.for_partners_if_consent_shares_intake:
        assert grant is not None and grant.when is not None
    else:
        assert grant is None


def test_a_casemanager_reaches_nothing_of_another_casemanagers_case(
    client, region, shared_case, coordinator
):
    colleague = UserFactory(username="cm2", role=Role.CASEMANAGER, region=region)
    assert not any(can(colleague, shared_case, section) for section in SECTIONS)
    client.force_login(colleague)
    assert client.get(reverse("casework:case_detail", args=[shared_case.pk])).status_code == 404


def test_the_beheerder_reaches_no_section(administrator, shared_case):
    assert not any(can(administrator, shared_case, section) for section in SECTIONS)


@pytest.mark.parametrize("role", ROLES)
def test_the_pages_offer_their_forms_as_the_table_says(client, users, shared_case, role):
    """may_write and may_assign: the table's write grant, in the states casework.workflow.EDITABLE_IN names."""
    user = users[role]
    client.force_login(user)
    pages = {
        "plan": "evaluations:plan_detail",
        "evaluations": "evaluations:evaluation_list",
        "load_profile": "evaluations:load_profile",
        "overview": "casework:case_detail",
    }
    for section, name in pages.items():
        response = client.get(reverse(name, args=[shared_case.pk]))
        if response.status_code == 404:
            assert not can(user, shared_case, section)
            continue
        assert response.context["may_write"] == can(user, shared_case, section, WRITE)
    overview = client.get(reverse("casework:case_detail", args=[shared_case.pk]))
    assert overview.context["may_assign"] == (role == CO)
    assert shared_case.status == Status.PLAN_ACTIVE
