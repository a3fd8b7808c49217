from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEMANAGER = "casemanager", _("Casemanager")
    COORDINATOR = "coordinator", _("Coördinator")
    BEHAVIOURAL_EXPERT = "behavioural_expert", _("Gedragsdeskundige")
    PARTNER = "partner", _("Partner")
    ADMINISTRATOR = "administrator", _("Beheerder")


class User(AbstractUser):
    """A user has one role and belongs to one region; a gedragsdeskundige also to one school,
    a partner to one organisation."""

    role = models.CharField(_("rol"), max_length=32, choices=Role.choices, default=Role.CASEMANAGER)
    region = models.ForeignKey(
        "casework.Region",
        verbose_name=_("werkgebied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    school = models.ForeignKey(
        "casework.School",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Alleen voor gedragsdeskundigen: de school waarvoor zij aanmelden."),
    )
    organisation = models.ForeignKey(
        "casework.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Alleen voor partners."),
    )
    function = models.CharField(_("functie"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                name="behavioural_expert_has_school",
                condition=~Q(role="behavioural_expert") | Q(school__isnull=False),
                violation_error_message=_("Een gedragsdeskundige hoort bij een school."),
            ),
            models.CheckConstraint(
                name="partner_has_organisation",
                condition=~Q(role="partner") | Q(organisation__isnull=False),
                violation_error_message=_("Een partner hoort bij een organisatie."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_casemanager(self) -> bool:
        return self.role == Role.CASEMANAGER

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_behavioural_expert(self) -> bool:
        return self.role == Role.BEHAVIOURAL_EXPERT

    @property
    def is_partner(self) -> bool:
        return self.role == Role.PARTNER

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR
