"""Fixtures for the casework screens: many cases made in bulk, a case in each state; the case
shared with partners (tests/partners.py) for the partner tests."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from casework.constants import AbsenceExtent, AbsenceKind, CaseKind, Route
from casework.models import Case, Student, TimelineEntry
from casework.workflow import Status
from tests.factories import CaseFactory, GuardianFactory, SchoolFactory
from tests.partners import (  # noqa: F401
    _fast_passwords,
    cjg,
    partner,
    shared_case,
    truancy,
    truancy_partner,
    youth_care,
    youth_care_partner,
)

STATUS_CYCLE = [
    Status.REGISTERED,
    Status.AWAITING_CONSENT,
    Status.INTAKE,
    Status.PLAN_ACTIVE,
    Status.CLOSED,
    Status.NOT_STARTED,
]


@pytest.fixture
def case(school, casemanager):
    """As the root fixture, plus who registered it: Case.full_clean() (run by every lifecycle
    service) refuses a case without registered_by."""
    return CaseFactory(
        school=school, casemanager=casemanager, registered_by=casemanager, awaiting_consent=True
    )


@pytest.fixture
def make_cases(region, school):
    """make_cases(n, casemanager=..., prefix=...) bulk-creates n cases in the region, with a mix
    of statuses, schools, clock states and unassigned registrations."""
    other_school = SchoolFactory(region=region, name="Ubbo Emmius", brin="22EF")
    today = timezone.localdate()
    counter = {"n": 0}

    def _make(n: int, *, casemanager=None, prefix: str = "BK") -> list[Case]:
        students = [
            Student(
                first_name=f"Leerling{counter['n'] + i}",
                last_name="Bulk",
                birth_date=date(2011, 3, 4),
                gender="f",
            )
            for i in range(n)
        ]
        Student.objects.bulk_create(students, batch_size=1000)
        cases = []
        for i, student in enumerate(students):
            number = counter["n"] + i
            status = STATUS_CYCLE[number % len(STATUS_CYCLE)]
            unassigned = status == Status.REGISTERED and number % 12 == 0
            cases.append(
                Case(
                    reference=f"{prefix}-2026-{number:05d}",
                    region=region,
                    school=school if number % 2 else other_school,
                    student=student,
                    kind=CaseKind.ADVICE if number % 4 == 0 else CaseKind.INTENSIVE,
                    route=Route.SCHOOL,
                    status=status,
                    casemanager=None if unassigned else casemanager,
                    registered_by=casemanager,
                    registered_on=today - timedelta(days=number % 300),
                    absence_kind=AbsenceKind.RELATIVE,
                    absence_extent=AbsenceExtent.FULL,
                    absent_since=today - timedelta(days=(number * 7) % 200),
                    offer_since=today if number % 5 == 0 else None,
                    closed_on=today if status in (Status.CLOSED, Status.NOT_STARTED) else None,
                )
            )
        Case.objects.bulk_create(cases, batch_size=1000)
        TimelineEntry.objects.bulk_create(
            [TimelineEntry(case=c, kind="registered", text="Aangemeld.") for c in cases]
        )
        counter["n"] += n
        return cases

    return _make


@pytest.fixture
def case_with_family(case):
    GuardianFactory(student=case.student, name="Ans Jansen", phone="0612345678")
    case.absent_since = timezone.localdate() - timedelta(days=40)
    case.save()
    return case
