"""Background tasks queued through the database, so none is lost when the broker is down.

`outbox_enqueue(task, *args)` writes an `OutboxEntry` in the caller's transaction and, once that
commits, tries to send it (robust: a failure never reaches the user). The broker's timeouts are
short (config/settings.py); if it cannot be reached the send logs a warning and the row stays.
`outbox_drain` (the beat task `core.tasks.drain_outbox`, every minute) sends what is left once
the broker is back. A row is locked while it is sent (SKIP LOCKED), so the commit hook and the
drain never send the same row twice; a crash between sending and deleting can repeat a task,
which is why every task is idempotent.
"""

from __future__ import annotations

import logging

from celery import Task, current_app
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from .models import OutboxEntry

logger = logging.getLogger(__name__)

# What a broker that is away raises while sending (kombu wraps most; OSError for the folder
# broker and a refused socket, RedisError for what the Redis transport lets through).
BROKER_ERRORS = (OperationalError, RedisError, OSError)

DRAIN_BATCH = 100


def outbox_enqueue(task: Task, *args, **kwargs) -> OutboxEntry:
    """Queue `task(*args, **kwargs)` (JSON-serialisable arguments) with the current transaction:
    the row commits with the change, or not at all; it is sent after the commit."""
    entry = OutboxEntry.objects.create(task_name=task.name, args=list(args), kwargs=kwargs)
    entry_id = entry.pk
    transaction.on_commit(lambda: outbox_send(entry_id=entry_id), robust=True)
    return entry


def outbox_send(*, entry_id: int) -> bool:
    """Send one entry (call via on_commit); False if it was kept or is not ours to send."""
    with transaction.atomic():
        entry = OutboxEntry.objects.select_for_update(skip_locked=True).filter(pk=entry_id).first()
        if entry is None:  # sent already, or the drain is sending it now
            return False
        return _send_locked(entry)


def outbox_drain(*, limit: int = 10 * DRAIN_BATCH) -> int:
    """Send the entries left behind, oldest first; stop at the first one the broker refuses.

    Returns how many were sent. Rows locked by a send in progress are skipped.
    """
    sent = 0
    while sent < limit:
        with transaction.atomic():
            batch = list(
                OutboxEntry.objects.select_for_update(skip_locked=True).order_by("id")[
                    : min(DRAIN_BATCH, limit - sent)
                ]
            )
            for entry in batch:
                if not _send_locked(entry):
                    return sent
                sent += 1
        if len(batch) < DRAIN_BATCH:
            return sent
    return sent


def _task(name: str) -> Task:
    if name not in current_app.tasks:
        # A process that never imported that app's tasks module (a shell, the beat): load the
        # autodiscovered ones, as a worker does at start.
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def _send_locked(entry: OutboxEntry) -> bool:
    task = _task(entry.task_name)
    try:
        # No result: nobody waits for these, and subscribing to it is one more Redis call
        # (the result store's retries were what held a request ~19 s).
        task.apply_async(args=entry.args, kwargs=entry.kwargs, ignore_result=True)
    except BROKER_ERRORS as exc:
        entry.attempts += 1
        entry.last_attempt_at = timezone.now()
        entry.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        entry.save(update_fields=["attempts", "last_attempt_at", "last_error"])
        logger.warning(
            "Taak %s (wachtrij #%s) niet verstuurd, broker onbereikbaar (%s); "
            "blijft bewaard voor de volgende ronde",
            entry.task_name,
            entry.pk,
            entry.last_error,
        )
        return False
    entry.delete()
    return True


__all__ = ["outbox_drain", "outbox_enqueue", "outbox_send"]
