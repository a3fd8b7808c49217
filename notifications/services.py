"""Writes on notifications: the daily run (scans + e-mail) and marking as read.

`reminders_run` is what the Celery task, `manage.py send_reminders` and the demo call.
It is idempotent: the scans insert with ON CONFLICT DO NOTHING against the unique key
(recipient, case, kind, due_on), and the mail step sends only what has `emailed_at` empty,
locking the rows it sends (SKIP LOCKED) so a second worker takes other rows.
"""

from __future__ import annotations

import logging
import time
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from core.http import site_url
from core.outbox import outbox_enqueue

from .models import Notification, NotificationKind
from .scans import reminders_scan

logger = logging.getLogger(__name__)

MAIL_BATCH = 50  # rows locked per transaction while their mails go out


def reminders_run(*, as_of: date, mail: bool = True) -> dict:
    """Scan for `as_of` (clock levels, evaluation reminders), then e-mail what is unsent.

    Returns a JSON-serialisable summary. A failure while mailing is raised after the mails
    already sent are marked; the next run sends the rest.
    """
    started = time.monotonic()
    result = reminders_scan(as_of)
    summary = {"as_of": as_of.isoformat(), **result.as_dict(), "scan_queries": result.queries}
    summary["emailed"] = notifications_mail_unsent() if mail else 0
    summary["seconds"] = round(time.monotonic() - started, 3)
    logger.debug("reminders_run %s", summary)
    return summary


def reminders_enqueue(*, as_of: date | None = None) -> None:
    """Queue the daily run from web code: sent once the surrounding transaction commits, kept in
    the outbox (core/outbox.py) if the broker is down."""
    from .tasks import send_daily_reminders

    outbox_enqueue(send_daily_reminders, as_of.isoformat() if as_of else None)


# --------------------------------------------------------------------------- e-mail


def pupil_initials(case) -> str:
    """ "J.D." at most: no names in mail. Empty for an anonymised case."""
    if case is None or case.anonymised_at is not None:
        return ""
    student = case.student
    first = student.first_name.strip()[:1]
    last_words = student.last_name.split()
    last = last_words[-1][:1] if last_words else ""
    return ".".join(part.upper() for part in (first, last) if part) + ("." if first or last else "")


def case_url(case) -> str:
    return site_url(reverse("casework:case_detail", args=[case.pk]))


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    """Plain text and HTML: the kind, the case reference (plus initials) and a link.

    No BSN, no names, no health details: the reader logs in to see the dossier.
    """
    case = notification.case
    context = {
        "notification": notification,
        "kind_label": notification.get_kind_display(),
        "reference": case.reference if case else "",
        "initials": pupil_initials(case),
        "case_url": case_url(case) if case else settings.SITE_URL,
        "list_url": site_url(reverse("notifications:list")),
        "as_coordinator": notification.recipient.role == Role.COORDINATOR,
        "recipient_name": notification.recipient.get_full_name() or notification.recipient.username,
    }
    subject = _("Plusdossier: %(kind)s – casus %(reference)s") % {
        "kind": context["kind_label"],
        "reference": context["reference"],
    }
    if not case:
        subject = _("Plusdossier: %(kind)s") % {"kind": context["kind_label"]}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("notifications/email_notification.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
    )
    message.attach_alternative(
        render_to_string("notifications/email_notification.html", context), "text/html"
    )
    return message


def send_notification_email(message: EmailMultiAlternatives, mail_connection) -> None:
    """One mail out. A separate function so tests can make it fail midway."""
    message.connection = mail_connection
    message.send(fail_silently=False)


def notifications_mail_unsent(*, batch_size: int = MAIL_BATCH) -> int:
    """E-mail every notification with `emailed_at` empty; return how many were sent.

    Each batch is locked FOR UPDATE SKIP LOCKED, sent, and marked in the same transaction,
    so two workers never send the same row. If a mail fails, the ones already sent are
    marked and committed before the error is raised: nothing is lost, the next run sends
    the rest. (Only a hard kill between sending and the commit can repeat a batch's mails.)
    """
    sent_total = 0
    mail_connection = get_connection()
    while True:
        error: Exception | None = None
        with transaction.atomic():
            batch = list(
                Notification.objects.unsent()
                .select_related("recipient", "case__student")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("id")[:batch_size]
            )
            sent_ids = []
            for notification in batch:
                try:
                    send_notification_email(notification_email(notification), mail_connection)
                except Exception as exc:  # noqa: BLE001 - marked what went out, then re-raised
                    error = exc
                    break
                sent_ids.append(notification.pk)
            if sent_ids:
                Notification.objects.filter(pk__in=sent_ids).update(emailed_at=timezone.now())
        sent_total += len(sent_ids)
        if error is not None:
            logger.error("Meldingen mailen afgebroken na %s mails: %s", sent_total, error)
            raise error
        if len(batch) < batch_size:
            return sent_total


# --------------------------------------------------------------------------- in-app


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    """Mark one of the user's own notifications as read (idempotent)."""
    if notification.recipient_id != by.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, by: User) -> int:
    """Mark all of the user's unread notifications as read; return how many."""
    return Notification.objects.for_user(by).unread().update(read_at=timezone.now())


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.for_user(user).unread().count()


__all__ = [
    "NotificationKind",
    "notification_email",
    "notification_mark_read",
    "notifications_mail_unsent",
    "notifications_mark_all_read",
    "reminders_enqueue",
    "reminders_run",
    "unread_count",
]
