"""Demo notifications: the real daily scan for ctx.today, so the dashboard's badges and the
bell agree with the cases. Set-based, so 100 000 demo cases take seconds.

The demo's notifications count as already e-mailed (a running install would have mailed
them on the day they appeared): the first real run must not mail the whole demo at once.
Older ones are marked read, so each demo user sees a handful of unread ones in the bell.
The demo casemanager has the Monday overview on (notifications.weekly).
"""

from django.db.models import F

from accounts.services import user_weekly_overview_set

from .models import Notification
from .services import reminders_run

UNREAD_PER_USER = 5


def seed(ctx) -> None:
    summary = reminders_run(as_of=ctx.today, mail=False)
    Notification.objects.filter(emailed_at__isnull=True).update(emailed_at=F("created_at"))
    for user in ctx.data.get("users", {}).values():
        keep = list(
            Notification.objects.for_user(user)
            .order_by("-id")
            .values_list("id", flat=True)[:UNREAD_PER_USER]
        )
        Notification.objects.for_user(user).unread().exclude(id__in=keep).update(
            read_at=F("created_at")
        )
    ctx.data["notifications"] = summary
    casemanager = ctx.data.get("users", {}).get("casemanager")
    if casemanager is not None:
        user_weekly_overview_set(user=casemanager, wanted=True)
    ctx.stdout.write(f"Meldingen: {summary['inserted']} aangemaakt.")
