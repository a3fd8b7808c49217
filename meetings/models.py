"""Meetings (overleggen) of a region, the cases on their agenda with the minutes per case, and
the actions agreed for a case."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.encryption import EncryptedTextField
from core.formats import long_date
from core.models import TimestampedModel, track_history


class MeetingKind(models.TextChoices):
    BIWEEKLY = "biweekly", _("tweewekelijks overleg")
    MPO = "mpo", _("meerpartijenoverleg (MPO)")
    EVALUATION = "evaluation", _("evaluatiegesprek")


@track_history(_("geschiedenis overleg"))
class Meeting(TimestampedModel):
    """An overleg of the region. Not bound to one case: access is by region and role."""

    region = models.ForeignKey(
        "casework.Region",
        verbose_name=_("werkgebied"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(
        _("soort overleg"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.BIWEEKLY
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("tijd"), null=True, blank=True)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemers"),
        blank=True,
        related_name="meetings",
    )
    other_attendees = models.TextField(
        _("overige deelnemers"), blank=True, help_text=_("Eén naam (en instelling) per regel.")
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepland door"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["-date", "-start_time", "-id"]
        indexes = [models.Index(fields=["region", "-date"], name="meeting_region_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {long_date(self.date)}"


@track_history(_("geschiedenis agendapunt"))
class MeetingItem(TimestampedModel):
    """A case on a meeting's agenda, with the minutes for that case."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("overleg"), on_delete=models.CASCADE, related_name="items"
    )
    case = models.ForeignKey(
        "casework.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="meeting_items",
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    minutes = EncryptedTextField(_("verslag"), blank=True)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case"], name="meeting_item_case_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.case_id}"


@track_history(_("geschiedenis afgesproken actie"))
class MeetingAction(TimestampedModel):
    """An action agreed in a meeting for one case."""

    item = models.ForeignKey(
        MeetingItem, verbose_name=_("agendapunt"), on_delete=models.CASCADE, related_name="actions"
    )
    description = EncryptedTextField(_("actie"))
    owner = models.CharField(_("wie"), max_length=150)
    due_on = models.DateField(_("wanneer klaar"))

    class Meta:
        verbose_name = _("afgesproken actie")
        verbose_name_plural = _("afgesproken acties")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class BundleJob(models.Model):
    """A meeting bundle made in the background for the coördinator who asked (meetings.tasks.
    build_meeting_bundle): how far it is, and the finished file (meetings.bundle.bundle_path),
    removed with the row after BUNDLE_KEEP_HOURS. Not dossier content: no history."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("overleg"), on_delete=models.CASCADE, related_name="bundle_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd door"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    plans_total = models.PositiveSmallIntegerField(_("plannen"), null=True)
    plans_done = models.PositiveSmallIntegerField(_("plannen klaar"), default=0)
    pages = models.PositiveSmallIntegerField(_("pagina's"), null=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True)
    failed = models.BooleanField(_("mislukt"), default=False)

    class Meta:
        verbose_name = _("overlegbundel in de maak")
        verbose_name_plural = _("overlegbundels in de maak")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.requested_at:%H:%M})"

    @property
    def ready(self) -> bool:
        return self.finished_at is not None and not self.failed
