"""Evaluation dates: +6 weeks and +3 calendar months, month-end clamped (dateutil)."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from casework.models import TimelineEntry
from evaluations import services
from evaluations.models import Evaluation, EvaluationKind

from .conftest import make_plan


@pytest.mark.parametrize(
    ("plan_date", "interim", "final"),
    [
        (date(2026, 1, 31), date(2026, 3, 14), date(2026, 4, 30)),  # 31 Jan → 30 Apr
        (date(2026, 11, 30), date(2027, 1, 11), date(2027, 2, 28)),  # → 28 Feb (no leap year)
        (date(2027, 11, 30), date(2028, 1, 11), date(2028, 2, 29)),  # year before a leap year
        (date(2028, 2, 29), date(2028, 4, 11), date(2028, 5, 29)),  # leap day
        (date(2027, 2, 28), date(2027, 4, 11), date(2027, 5, 28)),
        (date(2026, 8, 31), date(2026, 10, 12), date(2026, 11, 30)),
    ],
)
def test_evaluation_dates_follow_the_calendar(plan_date, interim, final):
    assert services.interim_due_on(plan_date) == interim
    assert services.final_due_on(plan_date) == final


@pytest.mark.parametrize(
    ("plan_date", "interim", "final"),
    [
        (date(2026, 1, 31), date(2026, 3, 14), date(2026, 4, 30)),
        (date(2026, 11, 30), date(2027, 1, 11), date(2027, 2, 28)),
        (date(2027, 11, 30), date(2028, 1, 11), date(2028, 2, 29)),
        (date(2028, 2, 29), date(2028, 4, 11), date(2028, 5, 29)),
    ],
)
def test_adopting_a_plan_schedules_both_evaluations_from_the_plan_date(
    intake_case, casemanager, plan_date, interim, final
):
    make_plan(intake_case, casemanager, drawn_up_on=plan_date, goals=1)
    with time_machine.travel(plan_date, tick=False):
        services.plan_adopt(case=intake_case, by=casemanager)
    dates = dict(intake_case.evaluations.values_list("kind", "due_on"))
    assert dates == {EvaluationKind.INTERIM: interim, EvaluationKind.FINAL: final}
    intake_case.refresh_from_db()
    assert intake_case.status == "plan_active"


def test_adopting_needs_a_goal(intake_case, casemanager):
    make_plan(intake_case, casemanager, goals=0)
    with pytest.raises(ValidationError, match="minstens één doel"):
        services.plan_adopt(case=intake_case, by=casemanager)
    assert not Evaluation.objects.exists()


def test_adopting_needs_a_case_in_intake(active_case, casemanager):
    with pytest.raises(ValidationError):
        services.plan_adopt(case=active_case, by=casemanager)
    assert active_case.evaluations.count() == 2


def test_casemanager_moves_an_evaluation_and_the_timeline_says_so(active_case, casemanager):
    interim = active_case.evaluations.get(kind=EvaluationKind.INTERIM)
    new_date = date(2030, 3, 3)
    services.evaluation_reschedule(
        evaluation=interim, by=casemanager, due_on=new_date, expected_version=interim.version
    )
    interim.refresh_from_db()
    assert interim.due_on == new_date
    assert Evaluation.objects.open().filter(due_on=new_date).exists()
    # The text is encrypted (core.encryption): read it back, a filter on it matches nothing.
    texts = [e.text for e in TimelineEntry.objects.filter(case=active_case)]
    assert any("verzet" in text for text in texts)


def test_open_evaluation_index_is_partial_on_due_on():
    index = next(i for i in Evaluation._meta.indexes if i.name == "evaluation_open_due_on")
    assert index.fields == ["due_on"]
    assert "held_on__isnull" in str(index.condition)


def test_correcting_the_plan_date_moves_the_evaluations_still_on_their_suggested_date(
    intake_case, casemanager
):
    make_plan(intake_case, casemanager, drawn_up_on=date(2026, 10, 5), goals=1)
    with time_machine.travel(date(2026, 10, 5), tick=False):
        plan = services.plan_adopt(case=intake_case, by=casemanager)
    final = intake_case.evaluations.get(kind=EvaluationKind.FINAL)
    services.evaluation_reschedule(
        evaluation=final, by=casemanager, due_on=date(2027, 1, 12), expected_version=final.version
    )
    plan.refresh_from_db()
    services.plan_save(
        case=intake_case,
        by=casemanager,
        expected_version=plan.version,
        drawn_up_on=date(2026, 10, 1),
    )
    dates = dict(intake_case.evaluations.values_list("kind", "due_on"))
    # The interim follows the new plan date; the final was moved by hand and stays.
    assert dates == {
        EvaluationKind.INTERIM: date(2026, 11, 12),
        EvaluationKind.FINAL: date(2027, 1, 12),
    }
    texts = [e.text for e in TimelineEntry.objects.filter(case=intake_case)]
    assert any("verzet van 16 november 2026 naar 12 november 2026" in text for text in texts)
