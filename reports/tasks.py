"""Background work for documents: prepare a meeting's bundle before the coördinator prints it."""

from celery import shared_task


@shared_task(name="reports.tasks.warm_meeting_bundle", acks_late=True)
def warm_meeting_bundle(meeting_id: int) -> int:
    """Render the missing plan PDFs of a meeting's agenda cases into the cache.

    Enqueue with transaction.on_commit after a case is put on the agenda or a plan of an
    agenda case changes (or daily for the coming meetings). Running it twice renders nothing
    the second time; a meeting that no longer exists is skipped.
    """
    from evaluations.models import Meeting

    from .documents import meeting_bundle_warm

    meeting = Meeting.objects.filter(pk=meeting_id).select_related("region").first()
    if meeting is None:
        return 0
    return meeting_bundle_warm(meeting)
