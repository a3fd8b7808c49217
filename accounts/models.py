from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEMANAGER = "casemanager", _("Casemanager")
    COORDINATOR = "coordinator", _("Coördinator")
    BEHAVIOURAL_EXPERT = "behavioural_expert", _("Gedragsdeskundige")
    PARTNER = "partner", _("Partner")
    ADMINISTRATOR = "administrator", _("Beheerder")


# The roles with a caseload: the weekly overview (notifications.weekly) and the calendar feed
# (meetings.feed) are theirs.
CASELOAD_ROLES = (Role.CASEMANAGER, Role.COORDINATOR)


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
    # The secret of the user's calendar feed (meetings.feed): whoever has the address reads the
    # feed, so renewing it (accounts.services.user_calendar_token_renew) stops the old one.
    calendar_token = models.CharField(
        _("agendasleutel"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    weekly_overview = models.BooleanField(
        _("wekelijks overzicht per e-mail (maandag)"),
        default=False,
        help_text=_("Alleen voor casemanagers en coördinatoren."),
    )
    # The Monday of the last week whose overview went out: claimed in the same transaction as
    # the mail (notifications.weekly), so two workers send a week's overview once.
    weekly_overview_week = models.DateField(
        _("weekoverzicht verstuurd voor week van"), null=True, blank=True, editable=False
    )

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
    def has_caseload(self) -> bool:
        return self.role in CASELOAD_ROLES


class SecondFactorOutcome(models.TextChoices):
    WRONG_CODE = "wrong_code", _("onjuiste code")
    REFUSED = "refused", _("geweigerd: geblokkeerd")


class SecondFactorFailure(models.Model):
    """A code refused at the second login step (a TOTP or recovery code): wrong, or not even
    checked because the step was locked. The wrong ones that still count lock the step
    (accounts.services.second_factor_locked_until); all rows stay as the record."""

    user = models.ForeignKey(
        User,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="second_factor_failures",
    )
    at = models.DateTimeField(_("moment"), default=timezone.now)
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=SecondFactorOutcome.choices)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    reset = models.BooleanField(
        _("opgeheven"),
        default=False,
        help_text=_("Telt niet meer mee: na een geslaagde aanmelding of door de beheerder."),
    )

    class Meta:
        verbose_name = _("geweigerde tweestapscode")
        verbose_name_plural = _("geweigerde tweestapscodes")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "-at"], name="second_factor_failure_user_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.outcome}"


class SecondFactorDevice(Authenticator):
    """allauth's second-factor device under a Dutch name, for the beheerder to remove a lost
    one (the user then sets up a new one at the next login)."""

    KINDS = {
        Authenticator.Type.TOTP: _("Authenticatie-app (TOTP)"),
        Authenticator.Type.RECOVERY_CODES: _("Herstelcodes"),
        Authenticator.Type.WEBAUTHN: _("Beveiligingssleutel"),
    }

    class Meta:
        proxy = True
        verbose_name = _("tweestapsmiddel")
        verbose_name_plural = _("tweestapsmiddelen")

    def __str__(self) -> str:
        return f"{self.kind} van {self.user}"

    @property
    def kind(self) -> str:
        return str(self.KINDS.get(self.type, self.type))


class PasswordLockout(AccessAttempt):
    """django-axes' record of wrong passwords per user name, under a Dutch name: deleting it
    lifts the lock on the password step."""

    class Meta:
        proxy = True
        verbose_name = _("mislukte wachtwoordpoging")
        verbose_name_plural = _("mislukte wachtwoordpogingen")
