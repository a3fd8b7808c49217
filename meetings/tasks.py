"""Background work: prepare a meeting's bundle before the coördinator prints it.

The registered task names are still those from before the move to this app
(reports.tasks.…): outbox rows, queued messages and the beat schedule carry them."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .bundle import bundle_job_run, meeting_bundle_warm, prune_bundle_jobs
from .models import Meeting

# The coördinator prints the bundle on the day before the meeting or on the day itself.
WARM_DAYS_AHEAD = 2


@shared_task(name="reports.tasks.warm_meeting_bundle", acks_late=True)
def warm_meeting_bundle(meeting_id: int) -> int:
    """Render the missing plan PDFs of a meeting's agenda cases into the cache.

    Enqueued with transaction.on_commit when a case is put on the agenda; the daily task below
    catches plans changed since then. Running it twice renders nothing the second time; a
    meeting that no longer exists is skipped.
    """
    meeting = Meeting.objects.filter(pk=meeting_id).select_related("region").first()
    if meeting is None:
        return 0
    return meeting_bundle_warm(meeting)


@shared_task(name="meetings.tasks.build_meeting_bundle", acks_late=True)
def build_meeting_bundle(job_id: int) -> bool:
    """Make the bundle a coördinator asked for (meetings.bundle.bundle_job_start)."""
    return bundle_job_run(job_id)


@shared_task(name="reports.tasks.warm_coming_meeting_bundles")
def warm_coming_meeting_bundles() -> int:
    """Early each morning: warm the bundles of the meetings of today and the next
    WARM_DAYS_AHEAD days, so plans changed after their case went on the agenda (or cached
    files pruned meanwhile) are rendered before the print; and remove the bundles made for
    download that are older than BUNDLE_KEEP_HOURS. Returns how many plans were rendered."""
    prune_bundle_jobs()
    today = timezone.localdate()
    meetings = Meeting.objects.filter(
        date__range=(today, today + timedelta(days=WARM_DAYS_AHEAD))
    ).select_related("region")
    return sum(meeting_bundle_warm(meeting) for meeting in meetings.order_by("date", "pk"))
