"""Demo data: an aanmelding for every case, intakes from status intake onwards."""

import random
from io import StringIO

import pytest
from django.utils import timezone
from faker import Faker

import casework.demo
import intake.demo
from casework.workflow import Status
from demo.management.commands.seed_demo import DemoContext
from intake.demo import _ReusingFernet
from intake.models import SIGNAL_FIELDS, Intake, Registration

pytestmark = pytest.mark.django_db


def test_demo_makes_registrations_and_varied_intakes():
    fake = Faker("nl_NL")
    fake.seed_instance(5)
    ctx = DemoContext(
        rng=random.Random(5), fake=fake, today=timezone.localdate(), cases=150, stdout=StringIO()
    )
    casework.demo.seed(ctx)
    intake.demo.seed(ctx)

    assert Registration.objects.count() == 150
    assert not Registration.objects.filter(parents_informed=False).exists()
    with_intake = {Status.INTAKE, Status.PLAN_ACTIVE, Status.CLOSED}
    assert set(Intake.objects.values_list("case__status", flat=True).distinct()) == with_intake
    expected = sum(1 for case in ctx.data["cases"] if case.status in with_intake)
    assert Intake.objects.count() == expected
    half_done = Intake.objects.filter(completed_at__isnull=True)
    assert half_done.exists()
    assert set(half_done.values_list("case__status", flat=True)) == {Status.INTAKE}
    for name in SIGNAL_FIELDS:
        values = set(Intake.objects.values_list(name, flat=True))
        assert {True, False} <= values, name

    # The answers decrypt after seeding, and the normal per-field encryption is back.
    sample = Intake.objects.filter(completed_at__isnull=False).first()
    assert sample.support_question in intake.demo.SUPPORT_QUESTIONS
    assert sample.student_view in intake.demo.VIEWS
    assert not isinstance(Intake._meta.get_field("student_view").f, _ReusingFernet)
