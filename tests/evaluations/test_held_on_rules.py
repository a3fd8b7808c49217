"""Issue 18 (1): an evaluation is held on or after the day its plan was drawn up, and the
evaluatie na 3 maanden is recorded only after the tussentijdse evaluatie."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluations import services
from evaluations.models import EvaluationKind, GoalReview

from .conftest import make_plan
from .test_flow import review_post

BEFORE_PLAN = "Een evaluatie kan niet gehouden zijn vóór het plan van aanpak is opgesteld"
INTERIM_FIRST = "Leg eerst de tussentijdse evaluatie (6 weken) vast"


@pytest.fixture
def september_case(intake_case, casemanager):
    """A case with a plan drawn up and adopted on 1 September 2026 (today: 23 November)."""
    make_plan(intake_case, casemanager, drawn_up_on=date(2026, 9, 1), goals=2)
    with time_machine.travel(date(2026, 9, 1), tick=False):
        services.plan_adopt(case=intake_case, by=casemanager)
    intake_case.refresh_from_db()
    return intake_case


def _record(evaluation, by, held_on):
    return services.evaluation_record(
        evaluation=evaluation,
        by=by,
        held_on=held_on,
        participants="Leerling, moeder, mentor",
        expected_version=evaluation.version,
        reviews=[
            services.ReviewInput(goal=goal, achieved=True)
            for goal in evaluation.plan.goals.active()
        ],
    )


def test_an_evaluation_held_before_the_plan_was_drawn_up_is_refused_beside_the_date(
    september_case, casemanager, login
):
    interim = september_case.evaluations.get(kind=EvaluationKind.INTERIM)
    goals = list(interim.plan.goals.active())
    url = reverse("evaluations:evaluation_record", args=[september_case.pk, interim.pk])
    data = review_post(interim, goals, [{"achieved": "ja"}] * 2, held_on="2026-08-01")
    response = login(casemanager).post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert BEFORE_PLAN in page and "1 september 2026" in page
    assert 'id="error_1_id_held_on"' in page or "is-invalid" in page
    interim.refresh_from_db()
    assert interim.held_on is None and not GoalReview.objects.exists()


def test_an_evaluation_held_on_the_plan_date_is_recorded(september_case, casemanager):
    interim = september_case.evaluations.get(kind=EvaluationKind.INTERIM)
    assert _record(interim, casemanager, date(2026, 9, 1)).held_on == date(2026, 9, 1)


def test_the_final_evaluation_waits_for_the_interim_one(september_case, casemanager):
    final = september_case.evaluations.get(kind=EvaluationKind.FINAL)
    with pytest.raises(ValidationError) as exc:
        _record(final, casemanager, date(2026, 11, 20))
    assert exc.value.messages[0].startswith(INTERIM_FIRST)
    final.refresh_from_db()
    assert final.held_on is None

    interim = september_case.evaluations.get(kind=EvaluationKind.INTERIM)
    _record(interim, casemanager, date(2026, 10, 13))
    final.refresh_from_db()
    assert _record(final, casemanager, date(2026, 11, 20)).held_on == date(2026, 11, 20)


def test_the_final_evaluation_page_says_to_record_the_interim_one_first(
    september_case, casemanager, login
):
    final = september_case.evaluations.get(kind=EvaluationKind.FINAL)
    url = reverse("evaluations:evaluation_record", args=[september_case.pk, final.pk])
    client = login(casemanager)
    page = client.get(url).content.decode()
    assert INTERIM_FIRST in page and "13 oktober 2026" in page
    assert "Evaluatie vastleggen" not in page

    goals = list(final.plan.goals.active())
    response = client.post(url, review_post(final, goals, [{"achieved": "ja"}] * 2))
    assert response.status_code == 200
    assert INTERIM_FIRST in response.content.decode()
    final.refresh_from_db()
    assert final.held_on is None
