"""Seeded cases with known answers for the management reports (period: Q4 2026)."""

import itertools
from datetime import date

import pytest

from accounts.models import Role
from casework.constants import AbsenceKind, CaseKind, Outcome
from casework.workflow import Status
from intake.models import Intake
from reports.tables import Period
from tests.consent.helpers import record_consent
from tests.factories import CaseFactory, RegionFactory, SchoolFactory, StudentFactory, UserFactory

Q4 = Period(date(2026, 10, 1), date(2026, 12, 31))


_pupils = itertools.count(1)


def make_case(region, school, *, residence="Veendam", **fields):
    fields.setdefault("registered_on", date(2026, 9, 1))
    # A name no user fixture can have, so "no pupil on the page" checks are exact.
    student = StudentFactory(residence=residence, last_name=f"Leerlingnaam{next(_pupils):03d}")
    return CaseFactory(region=region, school=school, student=student, **fields)


@pytest.fixture
def seeded(region, school):
    """Known answers, see the comments per case (period Q4 2026, threshold 3 months)."""
    other_school = SchoolFactory(region=region, name="Winkler Prins", brin="21CD")
    relative = AbsenceKind.RELATIVE
    cases = {
        # At home on 31-12-2026: 11 days → 0–4 weeks.
        "A": make_case(region, school, absent_since=date(2026, 12, 20), absence_kind=relative),
        # 46 days → 4 weeks–3 months; lives in Pekela.
        "B": make_case(
            region,
            school,
            residence="Pekela",
            absent_since=date(2026, 11, 15),
            absence_kind=relative,
        ),
        # 15-09 + 3 months = 15-12 → 3–6 months; passed the threshold on 16-12 (in Q4).
        "C": make_case(
            region, None, absent_since=date(2026, 9, 15), absence_kind=AbsenceKind.ABSOLUTE
        ),
        # 01-05 + 6 months = 01-11 → over 6 months; passed 3 months in August (not Q4).
        "D": make_case(
            region,
            other_school,
            registered_on=date(2026, 5, 1),
            absent_since=date(2026, 5, 1),
            absence_kind=AbsenceKind.EXEMPTION_5A,
        ),
        # Offer on 10-11 after 101 days: resolved in Q4; threshold 01-11 passed on 02-11.
        "E": make_case(
            region,
            school,
            absent_since=date(2026, 8, 1),
            offer_since=date(2026, 11, 10),
            absence_kind=relative,
            status=Status.PLAN_ACTIVE,
        ),
        # Offer in September: not at home, not resolved in Q4, never passed the threshold.
        "F": make_case(
            region,
            school,
            registered_on=date(2026, 7, 1),
            absent_since=date(2026, 7, 1),
            offer_since=date(2026, 9, 20),
            absence_kind=relative,
        ),
        # Closed in Q4 while at home, back at school: resolved.
        "G": make_case(
            region,
            school,
            absent_since=date(2026, 10, 1),
            absence_kind=relative,
            status=Status.CLOSED,
            closed_on=date(2026, 11, 20),
            outcome=Outcome.BACK_AT_SCHOOL,
        ),
        # Advice request closed in Q4.
        "H": make_case(
            region,
            other_school,
            kind=CaseKind.ADVICE,
            status=Status.CLOSED,
            closed_on=date(2026, 10, 15),
            outcome=Outcome.ADVICE_GIVEN,
        ),
        # Not started: does not count for capacity; counts as "niet gestart".
        "I": make_case(region, school, status=Status.NOT_STARTED, closed_on=date(2026, 10, 5)),
        # Registered last year: not in this year's capacity.
        "L": make_case(region, school, registered_on=date(2025, 12, 15)),
        # Offer after 10 days, in Q4.
        "M": make_case(
            region,
            school,
            absent_since=date(2026, 10, 1),
            offer_since=date(2026, 10, 11),
            absence_kind=relative,
        ),
        # Closed before Q4: its intake's signals do not count.
        "N": make_case(
            region,
            school,
            status=Status.CLOSED,
            closed_on=date(2026, 9, 10),
            outcome=Outcome.MBO,
        ),
    }
    elsewhere = RegionFactory(name="Ommeland", code="OM")
    far_school = SchoolFactory(region=elsewhere, name="Ver Weg", brin="99ZZ")
    cases["J"] = make_case(
        elsewhere, far_school, absent_since=date(2026, 12, 1), absence_kind=relative
    )
    Intake.objects.create(case=cases["A"], signal_anxiety=True, signal_bullying=True)
    Intake.objects.create(case=cases["B"], signal_anxiety=True, signal_withdrawn=False)
    Intake.objects.create(case=cases["C"], signal_absence=True)
    Intake.objects.create(case=cases["H"], signal_anxiety=True)
    Intake.objects.create(case=cases["N"], signal_anxiety=True)
    Intake.objects.create(case=cases["J"], signal_anxiety=True)
    return cases


@pytest.fixture
def other_coordinator(db):
    return UserFactory(
        username="coord-elders",
        role=Role.COORDINATOR,
        region=RegionFactory(name="Nergens", code="NG"),
    )


# --- documents ---------------------------------------------------------------------------

XSS = "<script>alert(1)</script>"
GOALS = [
    "Leerling gaat drie ochtenden per week naar school",
    "Wekelijks gesprek met de mentor over de voortgang",
    "Jeugdhulp start begeleiding thuis bij angstklachten",
    "Leerplicht en ouders maken afspraken over aanwezigheid",
    f"Rooster wordt aangepast {XSS}",
]


def make_plan_case(school, casemanager, *, first_name="Sanne", last_name="de Vries", goals=GOALS):
    """A 17-year-old's case with valid consent, an adopted plan and goals, via the services."""
    from django.utils import timezone

    from casework.constants import GuardianRole
    from evaluations import services
    from tests.factories import GuardianFactory

    today = timezone.localdate()
    student = StudentFactory(
        first_name=first_name, last_name=last_name, birth_date=date(today.year - 17, 1, 1)
    )
    GuardianFactory(student=student, role=GuardianRole.PARENT_WITH_CUSTODY, name="Karin de Vries")
    case = CaseFactory(
        school=school,
        casemanager=casemanager,
        registered_by=casemanager,
        student=student,
        awaiting_consent=True,
    )
    record_consent(case, casemanager)
    plan = services.plan_save(
        case=case,
        by=casemanager,
        drawn_up_on=date(2026, 10, 5),
        director_name="Mohamed El Amrani",
        director_organisation="Taskforce Veendam",
        director_email="m.elamrani@example.nl",
        director_phone="0612345678",
        pupil_view="Ik wil weer naar school, eerst een paar uur.",
        stakeholders=[{"name": "Mevrouw Jansen", "organisation_name": "Dollard College"}],
    )
    for text in goals:
        services.goal_add(
            plan=plan,
            by=casemanager,
            description=text,
            actions=f"Acties voor: {text}. Criterium: drie weken achter elkaar gelukt.",
            term="6 weken",
            responsible="Mentor",
        )
    services.plan_adopt(case=case, by=casemanager)
    case.refresh_from_db()
    return case


@pytest.fixture
def plan_case(school, casemanager):
    return make_plan_case(school, casemanager)


@pytest.fixture
def evaluated_plan_case(plan_case, casemanager):
    """The plan case with its tussentijdse evaluatie recorded on 16 november 2026."""
    from evaluations import services
    from evaluations.models import Evaluation, EvaluationKind

    evaluation = Evaluation.objects.get(case=plan_case, kind=EvaluationKind.INTERIM)
    goals = list(evaluation.plan.goals.filter(active=True))
    services.evaluation_record(
        evaluation=evaluation,
        by=casemanager,
        expected_version=evaluation.version,
        held_on=date(2026, 11, 16),
        participants="Sanne, moeder, mentor, casemanager",
        pupil_view="Het gaat beter dan ik dacht.",
        reviews=[
            services.ReviewInput(
                goal=goal,
                achieved=index != 0,
                explanation="Twee ochtenden gelukt." if index == 0 else "",
                extra_actions="Mentor haalt haar op bij de ingang." if index == 0 else "",
            )
            for index, goal in enumerate(goals)
        ],
    )
    return plan_case
