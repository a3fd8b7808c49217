"""Cases in the states the evaluations tests start from, made through the real services."""

from datetime import date

import pytest
from django.utils import timezone

from casework.constants import GuardianRole
from evaluations import services
from tests.consent.helpers import record_consent
from tests.factories import CaseFactory, GuardianFactory, StudentFactory


@pytest.fixture
def older_student(db):
    today = timezone.localdate()
    student = StudentFactory(birth_date=date(today.year - 17, 1, 1))
    GuardianFactory(student=student, role=GuardianRole.PARENT_WITH_CUSTODY)
    return student


@pytest.fixture
def intake_case(school, casemanager, older_student):
    """A case in intake, reached by recording valid consent."""
    case = CaseFactory(
        school=school,
        casemanager=casemanager,
        registered_by=casemanager,
        student=older_student,
        awaiting_consent=True,
    )
    record_consent(case, casemanager)  # a pupil of 16+: the youth consents alone
    case.refresh_from_db()
    assert case.status == "intake"
    return case


def make_plan(case, by, *, drawn_up_on=None, goals=3):
    plan = services.plan_save(
        case=case,
        by=by,
        drawn_up_on=drawn_up_on or timezone.localdate(),
        director_name="Mohamed El Amrani",
        director_organisation="Taskforce Veendam",
        director_email="m.elamrani@example.nl",
        director_phone="0612345678",
        pupil_view="Ik wil weer naar school, eerst een paar uur.",
        stakeholders=[{"name": "Mevrouw Jansen", "organisation_name": "Dollard College"}],
    )
    for n in range(1, goals + 1):
        services.goal_add(
            plan=plan,
            by=by,
            description=f"Doel {n}",
            actions=f"Acties {n}",
            term="6 weken",
            responsible="Mentor",
        )
    return plan


@pytest.fixture
def active_case(intake_case, casemanager):
    """A case with an adopted plan of three goals."""
    make_plan(intake_case, casemanager)
    services.plan_adopt(case=intake_case, by=casemanager)
    intake_case.refresh_from_db()
    return intake_case
