"""A plan-actief case shared with a partner: valid consent naming CJG and leerplicht, and
CJG among the plan's betrokkenen. Built through the real services."""

from datetime import date

import pytest
from django.utils import timezone

from accounts.models import Role
from casework.constants import GuardianRole
from casework.models import OrganisationKind
from consent.models import ConsentMethod
from consent.services import consent_record
from evaluations import services as plan_services
from tests.factories import (
    CaseFactory,
    GuardianFactory,
    OrganisationFactory,
    StudentFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cjg(region):
    return OrganisationFactory(region=region, name="CJG Veendam", kind=OrganisationKind.CJG)


@pytest.fixture
def truancy(region):
    return OrganisationFactory(
        region=region, name="Leerplicht Veendam", kind=OrganisationKind.TRUANCY
    )


@pytest.fixture
def youth_care(region):
    return OrganisationFactory(
        region=region, name="Reik jeugdhulp", kind=OrganisationKind.YOUTH_CARE
    )


@pytest.fixture
def partner(region, cjg):
    return UserFactory(username="cjg", role=Role.PARTNER, region=region, organisation=cjg)


@pytest.fixture
def truancy_partner(region, truancy):
    """Covered by the consent but not among the betrokkenen."""
    return UserFactory(username="lpa", role=Role.PARTNER, region=region, organisation=truancy)


@pytest.fixture
def youth_care_partner(region, youth_care):
    """Among the betrokkenen but not covered by the consent."""
    return UserFactory(username="reik", role=Role.PARTNER, region=region, organisation=youth_care)


def make_shared_case(*, school, casemanager, covered, involved, student=None):
    today = timezone.localdate()
    student = student or StudentFactory(birth_date=date(today.year - 17, 1, 1))
    GuardianFactory(
        student=student, role=GuardianRole.PARENT_WITH_CUSTODY, email="ouder@example.nl"
    )
    case = CaseFactory(
        school=school,
        casemanager=casemanager,
        registered_by=casemanager,
        student=student,
        awaiting_consent=True,
    )
    consent_record(
        case=case,
        by=casemanager,
        given_on=today,
        method=ConsentMethod.CONVERSATION,
        organisations=covered,
        youth_consented=True,
    )
    plan_services.plan_save(
        case=case,
        by=casemanager,
        drawn_up_on=today,
        director_name="Mohamed El Amrani",
        director_organisation="Taskforce Veendam",
        director_email="m.elamrani@example.nl",
        director_phone="0612345678",
        pupil_view="Ik wil weer naar school.",
        stakeholders=[{"name": f"Contact {org.name}", "organisation": org} for org in involved],
    )
    plan = plan_services.current_plan(case)
    plan_services.goal_add(
        plan=plan,
        by=casemanager,
        description="Twee ochtenden per week naar school.",
        actions="Rooster aanpassen.",
        term="6 weken",
        responsible="Mentor",
    )
    plan_services.plan_adopt(case=case, by=casemanager)
    case.refresh_from_db()
    return case


@pytest.fixture
def shared_case(school, casemanager, cjg, truancy, youth_care):
    case = make_shared_case(
        school=school, casemanager=casemanager, covered=[cjg, truancy], involved=[cjg, youth_care]
    )
    assert case.status == "plan_active"
    return case
