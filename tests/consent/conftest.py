"""Fixtures for consent: the pupil's guardians and the region's partners."""

import pytest

from casework.constants import GuardianRole
from casework.models import OrganisationKind
from tests.factories import CaseFactory, GuardianFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The personas' passwords are hashed with PBKDF2 (~1 s each on a busy machine)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def case(school, casemanager, behavioural_expert):
    """The root fixture's case, with registered_by set: CaseFactory leaves it empty, and
    Case.full_clean (run by casework.services._move on the move to intake) requires it."""
    return CaseFactory(
        school=school,
        casemanager=casemanager,
        registered_by=behavioural_expert,
        awaiting_consent=True,
    )


@pytest.fixture
def mother(case):
    return GuardianFactory(
        student=case.student, name="Anna de Vries", role=GuardianRole.PARENT_WITH_CUSTODY
    )


@pytest.fixture
def father(case):
    return GuardianFactory(
        student=case.student, name="Bert de Vries", role=GuardianRole.PARENT_WITH_CUSTODY
    )


@pytest.fixture
def stepfather(case):
    """A carer without gezag: may not sign."""
    return GuardianFactory(student=case.student, name="Cor Jansen", role=GuardianRole.CARER)


@pytest.fixture
def partners(region):
    return [
        OrganisationFactory(region=region, name="CJG Veendam", kind=OrganisationKind.CJG),
        OrganisationFactory(
            region=region, name="Leerplicht Veendam", kind=OrganisationKind.TRUANCY
        ),
    ]


@pytest.fixture
def not_on_form(region):
    return OrganisationFactory(
        region=region,
        name="Reik jeugdhulp",
        kind=OrganisationKind.YOUTH_CARE,
        on_consent_form=False,
    )
