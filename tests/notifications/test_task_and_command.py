"""The Celery task and `manage.py send_reminders` run the same service."""

from datetime import date
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from notifications.models import Notification
from notifications.services import reminders_enqueue
from notifications.tasks import send_daily_reminders
from tests.factories import CaseFactory


@pytest.fixture
def exceeded_case(school, casemanager, coordinator):
    return CaseFactory(school=school, casemanager=casemanager, absent_since=date(2026, 1, 10))


@pytest.mark.django_db
def test_send_reminders_as_of_prints_a_dutch_summary(exceeded_case, mailoutbox):
    out = StringIO()
    call_command("send_reminders", "--as-of", "2026-04-20", stdout=out)
    text = out.getvalue()
    assert "Peildatum: 20-04-2026" in text
    assert "Nieuwe meldingen 'termijn overschreden': 2" in text
    assert "E-mails verstuurd: 2" in text
    out = StringIO()
    call_command("send_reminders", "--as-of", "2026-04-20", stdout=out)
    assert "Nieuwe meldingen 'termijn overschreden': 0" in out.getvalue()
    assert "E-mails verstuurd: 0" in out.getvalue()


@pytest.mark.django_db
def test_send_reminders_no_mail(exceeded_case, mailoutbox):
    call_command("send_reminders", "--as-of", "2026-04-20", "--no-mail", stdout=StringIO())
    assert mailoutbox == [] and Notification.objects.count() == 2


@pytest.mark.django_db
def test_send_reminders_refuses_a_bad_date():
    with pytest.raises(CommandError, match="Ongeldige datum"):
        call_command("send_reminders", "--as-of", "20-04-2026", stdout=StringIO())


@pytest.mark.django_db
def test_task_runs_eagerly_and_is_idempotent(exceeded_case, settings, mailoutbox):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    first = send_daily_reminders.apply(args=["2026-04-20"]).get()
    second = send_daily_reminders.apply(args=["2026-04-20"]).get()
    assert first["clock_exceeded"] == 2 and second["inserted"] == 0
    assert len(mailoutbox) == 2
    assert send_daily_reminders.name == "notifications.tasks.send_daily_reminders"
    assert send_daily_reminders.acks_late


@pytest.mark.django_db
def test_enqueue_waits_for_the_commit(exceeded_case, django_capture_on_commit_callbacks):
    # Sent through the outbox (core/outbox.py), without a result to wait for.
    with mock.patch("notifications.tasks.send_daily_reminders.apply_async") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            reminders_enqueue(as_of=date(2026, 4, 20))
        send.assert_not_called()
        assert len(callbacks) == 1
        callbacks[0]()
        send.assert_called_once_with(args=["2026-04-20"], kwargs={}, ignore_result=True)
