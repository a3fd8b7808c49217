"""Meldingen: reminders and signals to users, each sent once.

The unique constraint over (recipient, case, kind, due_on) is what makes the daily scans
exactly-once: they insert with ON CONFLICT DO NOTHING, so a second run, or a second worker
running at the same moment, adds nothing. `due_on` is the evaluation's due date for
evaluation reminders, the Thuiszitterspact threshold date for clock signals (so a moved
evaluation date or a new absence episode gets its own reminder), the day of an assignment,
the 12th or 16th birthday for consent_age and the vrijstelling's last day for
exemption_expiring.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    EVALUATION_DUE = "evaluation_due", _("evaluatie binnenkort")
    EVALUATION_OVERDUE = "evaluation_overdue", _("evaluatie te laat")
    CLOCK_APPROACHING = "clock_approaching", _("nadert termijn")
    CLOCK_EXCEEDED = "clock_exceeded", _("termijn overschreden")
    CASE_ASSIGNED = "case_assigned", _("casus toegewezen")
    CONSENT_AGE = "consent_age", _("toestemming opnieuw vragen (leeftijd)")
    EXEMPTION_EXPIRING = "exemption_expiring", _("vrijstelling verloopt")


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> "NotificationQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def unsent(self) -> "NotificationQuerySet":
        """Not yet e-mailed to a recipient who can receive mail."""
        return self.filter(emailed_at__isnull=True, recipient__is_active=True).exclude(
            recipient__email=""
        )


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,  # notification_once starts with recipient: one index fewer to write
    )
    case = models.ForeignKey(
        "casework.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    kind = models.CharField(_("soort"), max_length=32, choices=NotificationKind.choices)
    due_on = models.DateField(
        _("datum"),
        null=True,
        blank=True,
        help_text=_("Geplande datum van de evaluatie of de termijndatum van het Thuiszitterspact."),
    )
    text = models.CharField(_("tekst"), max_length=300)
    created_at = models.DateTimeField(_("aangemaakt op"), db_default=models.functions.Now())
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "case", "kind", "due_on"], name="notification_once"
            ),
        ]
        indexes = [
            # The bell: unread count per user.
            models.Index(
                fields=["recipient"],
                name="notification_unread",
                condition=Q(read_at__isnull=True),
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
            # The mail step selects what has not been e-mailed yet.
            models.Index(
                fields=["id"], name="notification_unsent", condition=Q(emailed_at__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id} ({self.due_on})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
