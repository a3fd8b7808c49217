from celery import shared_task

from .outbox import outbox_drain


@shared_task(name="core.tasks.drain_outbox", ignore_result=True)
def drain_outbox() -> int:
    """Send the queued tasks the broker could not take when they were made (core/outbox.py)."""
    return outbox_drain()
