import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


def track_history(verbose_name, *, exclude: tuple[str, ...] = ()):
    """The change history of a case record, as django-pghistory documents it: an insert,
    update and delete event per statement (PGHISTORY_LEVEL), in an event model of the
    tracked model's own app, named "<model>Event". The row timestamps are never tracked (the
    event has its own), so touching a row without changing it records nothing; `exclude`
    names what else stays out (the BSN, derived fields). Fresh trackers per model: pghistory
    deep-copies shared ones, and pgtrigger then sees a changed trigger on every migrate."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        exclude=["created_at", "updated_at", *exclude],
        meta={"verbose_name": verbose_name},
    )


class OutboxEntry(models.Model):
    """A task to send to the broker, written in the transaction of the change that asks for it.

    Sent and deleted once that transaction commits; if the broker cannot be reached the row
    stays until the beat's drain sends it (core/outbox.py).
    """

    task_name = models.CharField(_("taak"), max_length=200)
    args = models.JSONField(_("argumenten"), default=list, blank=True)
    kwargs = models.JSONField(_("benoemde argumenten"), default=dict, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("mislukte pogingen"), default=0)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("taak in de wachtrij")
        verbose_name_plural = _("taken in de wachtrij")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk}"
