"""Celery tasks. Each calls one service; both are idempotent (the unique key decides)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from .services import reminders_run
from .weekly import weekly_overviews_send


@shared_task(name="notifications.tasks.send_daily_reminders", acks_late=True)
def send_daily_reminders(as_of: str | None = None) -> dict:
    """Daily at 06:30 (config/celery.py): clock levels, evaluation reminders, e-mail.

    `as_of` is an ISO date (JSON-serialisable); empty means today in Europe/Amsterdam.
    Safe to run twice or on two workers at once: nothing is sent twice.
    """
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return reminders_run(as_of=day)


@shared_task(name="notifications.tasks.send_weekly_overview", acks_late=True)
def send_weekly_overview(as_of: str | None = None) -> dict:
    """Mondays at 07:00 (config/celery.py): the weekly overview of the week of `as_of` (an ISO
    date; empty means today in Europe/Amsterdam). Safe to run twice or on two workers at once:
    each user gets one overview per week."""
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return weekly_overviews_send(as_of=day)
