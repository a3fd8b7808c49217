"""The NEN 7513 access log: one row per access to a dossier (casework.access.log writes them)."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role

from .cases import Case


class AccessAction(models.TextChoices):
    VIEW = "view", _("inzien")
    SEARCH = "search", _("zoeken")
    CREATE = "create", _("aanmaken")
    CHANGE = "change", _("wijzigen")
    PRINT = "print", _("afdrukken")
    EXPORT = "export", _("exporteren")
    DOWNLOAD = "download", _("downloaden")
    DENIED = "denied", _("geweigerd")


class AccessResult(models.TextChoices):
    GRANTED = "granted", _("toegestaan")
    DENIED = "denied", _("geweigerd")


class AccessLogEntry(models.Model):
    """NEN 7513 access log: who did what with which dossier, when and from where.

    One row per access, with the NEN 7513 fields: event (`action`), time (`at`), client
    (`student_pseudonym`), user (`user`, `username`), role, organisation (the user's school,
    partner organisation or region, as a name at that moment), on behalf of whom (blank
    unless the user acted for someone else), access point (`ip_address`), object (`case`
    plus `detail`: what of it) and result (toegestaan/geweigerd). Written only through
    `casework.access.log_access`.

    Rows are never updated or deleted (a database trigger enforces that on PostgreSQL);
    the pupil is recorded by pseudonym so the row survives anonymisation.
    """

    at = models.DateTimeField(_("moment"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_constraint=False,
    )
    username = models.CharField(_("gebruikersnaam"), max_length=150)
    role = models.CharField(_("rol"), max_length=32, blank=True, choices=Role.choices)
    organisation = models.CharField(
        _("organisatie"),
        max_length=200,
        blank=True,
        db_default="",
        help_text=_("School, partnerorganisatie of werkgebied van de gebruiker."),
    )
    on_behalf_of = models.CharField(
        _("namens"),
        max_length=200,
        blank=True,
        db_default="",
        help_text=_("Leeg, tenzij de gebruiker namens een ander handelde."),
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("casus"),
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    student_pseudonym = models.UUIDField(
        _("pseudoniem leerling"), null=True, blank=True, db_index=True
    )
    action = models.CharField(_("handeling"), max_length=16, choices=AccessAction.choices)
    detail = models.CharField(_("omschrijving"), max_length=200, blank=True)
    result = models.CharField(
        _("resultaat"),
        max_length=16,
        choices=AccessResult.choices,
        db_default=AccessResult.GRANTED,
        db_index=True,
    )
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-at", "-id"]
        triggers = [
            pgtrigger.Protect(
                name="access_log_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.case_id}"

    @property
    def user_label(self) -> str:
        """The user's name with the username (which the row keeps if the user is deleted);
        select_related("user") when listing."""
        name = self.user.get_full_name() if self.user else ""
        return f"{name} ({self.username})" if name else self.username
