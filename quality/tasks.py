from celery import shared_task
from django.utils import timezone

from .services import quality_daily


@shared_task(name="quality.tasks.create_follow_ups")
def create_follow_ups() -> dict[str, int]:
    """Daily (beat): follow-ups due, survey invitations for closed cases, unsent invitations
    again, history of anonymised cases purged. Idempotent: unique keys in the database."""
    return quality_daily(today=timezone.localdate())
