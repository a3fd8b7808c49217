"""Notifications that follow what a user does, rather than the daily scans."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notification, NotificationKind


def notify_assigned(sender, *, case, casemanager, by, **kwargs) -> None:
    """The casemanager hears that a case is theirs (not when they took it themselves). Once a
    day per case: assigning twice on one day gives one notification."""
    if casemanager.pk == by.pk:
        return
    text = _("Casus %(reference)s is aan u toegewezen door %(by)s.") % {
        "reference": case.reference,
        "by": by,
    }
    Notification.objects.get_or_create(
        recipient=casemanager,
        case=case,
        kind=NotificationKind.CASE_ASSIGNED,
        due_on=timezone.localdate(),
        defaults={"text": text},
    )
