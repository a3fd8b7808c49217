"""The demo seed runs the real scan and leaves a handful of unread notifications."""

import random
from datetime import date, timedelta
from io import StringIO
from types import SimpleNamespace

import pytest

from notifications import demo
from notifications.models import Notification, NotificationKind
from tests.factories import CaseFactory


@pytest.mark.django_db
def test_demo_seed_runs_the_scan_marks_mailed_and_keeps_a_handful_unread(
    school, casemanager, coordinator
):
    for i in range(12):
        CaseFactory(
            school=school, casemanager=casemanager, absent_since=date(2026, 1, 1) + timedelta(i)
        )
    ctx = SimpleNamespace(
        today=date(2026, 5, 1),
        rng=random.Random(1),
        stdout=StringIO(),
        data={"users": {"casemanager": casemanager, "coordinator": coordinator}},
    )
    demo.seed(ctx)
    exceeded = Notification.objects.filter(kind=NotificationKind.CLOCK_EXCEEDED)
    assert exceeded.values("case").distinct().count() == 12
    assert Notification.objects.count() == 24
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert Notification.objects.for_user(casemanager).unread().count() == demo.UNREAD_PER_USER
    assert "Meldingen: 24 aangemaakt" in ctx.stdout.getvalue()


@pytest.mark.django_db
def test_seed_demo_has_a_pupil_turning_16_whose_casemanager_is_told():
    """Issue 21: the demo shows the age-limit notice."""
    from django.core.management import call_command
    from django.utils import timezone

    from casework.demo import SIXTEEN_IN_DAYS

    call_command("seed_demo", cases=40, seed=7, stdout=StringIO())

    today = timezone.localdate()
    notice = Notification.objects.select_related("case__student", "recipient").get(
        kind=NotificationKind.CONSENT_AGE, due_on=today + timedelta(days=SIXTEEN_IN_DAYS)
    )
    assert notice.recipient == notice.case.casemanager
    assert "wordt 16 op" in notice.text
