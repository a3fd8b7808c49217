"""Evaluation reminders: due within the region's reminder_days → casemanager; overdue →
casemanager again (another kind) and the coördinatoren; each once."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from casework.models import Case
from notifications.models import Notification, NotificationKind
from notifications.scans import reminders_scan
from notifications.services import reminders_run
from tests.notifications.factories import EvaluationFactory, PlanFactory


def notes():
    return list(
        Notification.objects.order_by("id").values_list("recipient__username", "kind", "due_on")
    )


@pytest.fixture
def evaluation(case, coordinator):
    Case.objects.filter(pk=case.pk).update(status="plan_active")
    return EvaluationFactory(plan=PlanFactory(case=case), due_on=date(2026, 6, 15))


@pytest.mark.django_db
def test_evaluation_walks_from_due_to_overdue(evaluation, mailoutbox):
    reminders_run(as_of=date(2026, 6, 7))
    assert notes() == []

    reminders_run(as_of=date(2026, 6, 8))  # 7 days before
    reminders_run(as_of=date(2026, 6, 8))
    reminders_run(as_of=date(2026, 6, 15))  # the day itself: still "due"
    assert notes() == [("cm", NotificationKind.EVALUATION_DUE, date(2026, 6, 15))]

    reminders_run(as_of=date(2026, 6, 16))
    reminders_run(as_of=date(2026, 6, 30))
    assert notes()[1:] == [
        ("cm", NotificationKind.EVALUATION_OVERDUE, date(2026, 6, 15)),
        ("coord", NotificationKind.EVALUATION_OVERDUE, date(2026, 6, 15)),
    ]
    assert len(mailoutbox) == 3
    text = Notification.objects.get(recipient__username="cm", kind="evaluation_due").text
    assert text == (
        f"Casus {evaluation.case.reference}: tussentijdse evaluatie (6 weken) "
        "staat gepland op 15-06-2026."
    )


@pytest.mark.django_db
def test_at_fixed_dates_the_daily_run_walks_an_evaluation_from_due_to_overdue(evaluation):
    """The clock is set (time-machine) and the daily command runs without --as-of."""
    due = ("cm", NotificationKind.EVALUATION_DUE, date(2026, 6, 15))
    overdue = [
        ("cm", NotificationKind.EVALUATION_OVERDUE, date(2026, 6, 15)),
        ("coord", NotificationKind.EVALUATION_OVERDUE, date(2026, 6, 15)),
    ]
    walk = [
        ("2026-06-07", []),
        ("2026-06-08", [due]),
        ("2026-06-15", [due]),
        ("2026-06-16", [due, *overdue]),
        ("2026-06-30", [due, *overdue]),
    ]
    for day, expected in walk:
        with time_machine.travel(f"{day} 06:30 +0200", tick=False):
            call_command("send_reminders", stdout=StringIO())
        assert notes() == expected, day


@pytest.mark.django_db
def test_held_evaluations_superseded_plans_and_closed_cases_are_not_reminded(evaluation):
    held = EvaluationFactory(
        plan=evaluation.plan, kind="final", due_on=date(2026, 6, 10), held_on=date(2026, 6, 10)
    )
    old_plan = PlanFactory(case=evaluation.case, current=False)
    EvaluationFactory(plan=old_plan, kind="interim", due_on=date(2026, 5, 1))
    evaluation.held_on = date(2026, 6, 14)
    evaluation.save()
    reminders_scan(date(2026, 6, 20))
    assert notes() == []
    assert held.pk


@pytest.mark.django_db
def test_a_moved_due_date_gets_its_own_reminder(evaluation):
    reminders_scan(date(2026, 6, 10))
    evaluation.due_on = date(2026, 6, 29)
    evaluation.save()
    reminders_scan(date(2026, 6, 22))
    assert [n[2] for n in notes()] == [date(2026, 6, 15), date(2026, 6, 29)]


@pytest.mark.django_db
def test_reminder_days_is_a_region_setting(evaluation):
    region = evaluation.case.region
    region.reminder_days = 14
    region.save()
    reminders_scan(date(2026, 6, 1))
    assert notes() == [("cm", NotificationKind.EVALUATION_DUE, date(2026, 6, 15))]


@pytest.mark.django_db
def test_without_casemanager_the_coordinator_gets_the_due_reminder(evaluation):
    Case.objects.filter(pk=evaluation.case_id).update(casemanager=None)
    reminders_scan(date(2026, 6, 10))
    assert notes() == [("coord", NotificationKind.EVALUATION_DUE, date(2026, 6, 15))]


@pytest.mark.django_db
def test_the_reminder_texts_name_the_case_the_evaluation_and_the_dutch_date(evaluation):
    reminders_scan(date(2026, 6, 20))
    texts = set(Notification.objects.values_list("recipient__username", "text"))
    reference = evaluation.case.reference
    overdue = (
        f"Casus {reference}: tussentijdse evaluatie (6 weken) was gepland op 15-06-2026 en is "
        "nog niet vastgelegd."
    )
    assert texts == {("cm", overdue), ("coord", overdue)}
