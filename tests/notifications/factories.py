"""Factories for notifications tests (plans and evaluations kept minimal)."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from evaluations.models import Evaluation, EvaluationKind, Plan
from notifications.models import Notification, NotificationKind


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    drawn_up_on = date(2026, 5, 4)
    director_name = "Casusregisseur"
    director_organisation = "Taskforce"
    director_email = "regie@example.nl"
    director_phone = "0612345678"


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = Evaluation

    case = factory.LazyAttribute(lambda e: e.plan.case)
    kind = EvaluationKind.INTERIM
    due_on = date(2026, 6, 15)


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    kind = NotificationKind.CLOCK_APPROACHING
    due_on = date(2026, 4, 10)
    text = "Casus TS-2026-0001 nadert de termijn."
