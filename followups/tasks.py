"""The followups app's Celery tasks: the daily scan (beat, config/celery.py) and the survey
invitations of one closed case.

The registered names stay those of the former quality app ("quality.tasks.…"): the task
outbox (core.outbox) keeps a task's name in the database until it is drained, and the broker
may hold messages under that name; a new name would leave those unknown to the worker. The
name is a key, not a module path."""

from celery import shared_task
from django.utils import timezone

from .services import followups_daily, surveys_create_for_closed_case


@shared_task(name="quality.tasks.create_follow_ups")
def create_follow_ups() -> dict[str, int]:
    """Daily (beat): follow-ups due, survey invitations for closed cases, unsent invitations
    again, history of anonymised cases purged. Idempotent: unique keys in the database."""
    return followups_daily(today=timezone.localdate())


@shared_task(name="quality.tasks.send_survey_invitations", acks_late=True)
def send_survey_invitations(case_id: int) -> int:
    """At closing (queued by services.surveys_enqueue_for_case): the survey invitations of
    one closed case. Idempotent: a second run, or the daily catch-up, sends nothing twice."""
    return surveys_create_for_closed_case(case_id=case_id)
