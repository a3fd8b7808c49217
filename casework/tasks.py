from celery import shared_task
from django.utils import timezone

from .privacy import anonymise_expired


@shared_task(name="casework.tasks.anonymise_expired_cases", acks_late=True)
def anonymise_expired_cases() -> int:
    """Daily: anonymise closed cases past their retention term. Idempotent."""
    return len(anonymise_expired(today=timezone.localdate()))
