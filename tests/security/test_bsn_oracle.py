"""Issue 17, finding 6: a BSN typed into the school registration tells nothing about another
school's case. The duplicate is registered like a new pupil, routed to the coördinator
(flagged on the dashboard), and the attempt is logged on the existing case."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from casework.models import AccessAction, AccessLogEntry, AccessResult, Case
from casework.services import DUPLICATE_MESSAGE
from tests.factories import CaseFactory, StudentFactory
from tests.intake.helpers import school_registration_data

pytestmark = pytest.mark.django_db

SCHOOL_REGISTER = reverse("intake:school_register")
PROBED_BSN = "123456782"
FRESH_BSN = "111222333"


@pytest.fixture
def other_school_case(other_school_expert):
    return CaseFactory(
        school=other_school_expert.school,
        student=StudentFactory(bsn=PROBED_BSN, first_name="Geheime", last_name="Leerling"),
        reference="VD-2026-0042",
    )


def _answer(client, bsn: str) -> tuple[int, str, list[str], str]:
    """Status, redirect, messages (reference masked) and the page the user lands on."""
    response = client.post(SCHOOL_REGISTER, school_registration_data(**{"student-bsn": bsn}))
    texts = [re.sub(r"VD-\d{4}-\d{4}", "REF", str(m)) for m in get_messages(response.wsgi_request)]
    landing = (
        client.get(response["Location"]).content.decode() if response.status_code == 302 else ""
    )
    return response.status_code, response.get("Location", ""), texts, landing


def test_another_schools_bsn_gets_the_same_answer_as_a_fresh_one_and_is_logged(
    login, behavioural_expert, other_school_expert, other_school_case
):
    client = login(behavioural_expert)

    probed = _answer(client, PROBED_BSN)
    fresh = _answer(client, FRESH_BSN)

    assert probed[:3] == fresh[:3]
    assert probed[0] == 302 and probed[2] == ["Noor de Vries is aangemeld onder casusnummer REF."]
    for text in (*probed[2], probed[3]):
        assert other_school_case.reference not in text
        assert "Geheime" not in text and other_school_expert.school.name not in text
        assert str(DUPLICATE_MESSAGE) not in text and "al aangemeld" not in text

    # Both registrations exist for the own school; the other school's case is untouched.
    own = Case.objects.filter(school=behavioural_expert.school).order_by("id")
    assert own.count() == 2
    duplicate = own.first()

    # One row on the existing case: its pupil's pseudonym, result geweigerd, no BSN.
    rows = AccessLogEntry.objects.filter(case=other_school_case)
    assert rows.count() == 1
    row = rows.get()
    assert row.student_pseudonym == other_school_case.student.pseudonym
    assert row.user == behavioural_expert and row.action == AccessAction.DENIED
    assert row.result == AccessResult.DENIED
    assert row.organisation == behavioural_expert.school.name
    assert duplicate.reference in row.detail
    assert not AccessLogEntry.objects.filter(detail__contains=PROBED_BSN).exists()
    assert not AccessLogEntry.objects.filter(detail__contains=FRESH_BSN).exists()


def test_the_duplicate_is_routed_to_the_coordinator(
    login, behavioural_expert, coordinator, other_school_case
):
    login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"student-bsn": PROBED_BSN})
    )
    duplicate = Case.objects.get(school=behavioural_expert.school)
    assert duplicate.casemanager is None  # in the coördinator's queue

    page = login(coordinator).get(reverse("casework:dashboard")).content.decode()
    assert f"mogelijk dubbel met {other_school_case.reference}" in page
    assert f"mogelijk dubbel met {duplicate.reference}" in page  # and the other way round


def test_the_school_does_not_see_the_duplicate_flag(login, behavioural_expert, other_school_case):
    client = login(behavioural_expert)
    client.post(SCHOOL_REGISTER, school_registration_data(**{"student-bsn": PROBED_BSN}))
    duplicate = Case.objects.get(school=behavioural_expert.school)
    for url in (
        reverse("intake:school_overview"),
        reverse("casework:case_detail", args=[duplicate.pk]),
        reverse("casework:timeline", args=[duplicate.pk]),
    ):
        html = client.get(url).content.decode()
        assert other_school_case.reference not in html and "dubbel" not in html


def test_a_duplicate_of_the_own_schools_case_is_still_refused_beside_the_field(
    login, behavioural_expert, school
):
    """The own school's case is visible to the expert anyway: saying so reveals nothing."""
    CaseFactory(school=school, student=StudentFactory(bsn=PROBED_BSN))
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"student-bsn": PROBED_BSN})
    )
    assert response.status_code == 200
    assert [str(e) for e in response.context["forms"].student.errors["bsn"]] == [
        str(DUPLICATE_MESSAGE)
    ]
    assert Case.objects.count() == 1
