"""The pupil, their parents or carers, the case and its timeline. The BSN is stored
encrypted with a keyed digest for lookups (normalise_bsn, bsn_hash)."""

import hashlib
import hmac
import uuid
from datetime import date

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from localflavor.nl.validators import NLBSNFieldValidator

from core.encryption import EncryptedCharField, EncryptedTextField
from core.models import TimestampedModel, track_history

from ..clock import case_clock
from ..constants import (
    CUSTODY_ROLES,
    PRIMARY_LEVELS,
    AbsenceExtent,
    AbsenceKind,
    CaseKind,
    Gender,
    GuardianRole,
    Level,
    Outcome,
    Route,
    Scenario,
    TimelineKind,
)
from ..signals import consent_rules
from ..workflow import OPEN_STATUSES, Status
from .organisations import Region, School


@deconstructible
class BSNValidator(NLBSNFieldValidator):
    """localflavor's BSN check (nine digits, the 11-proef), with a Dutch message: localflavor
    has no Dutch translation of its "Enter a valid BSN."."""

    error_message = _("Dit is geen geldig BSN: het voldoet niet aan de 11-proef.")


# A Dutch mobile number as stored: 06 and eight digits (casework.forms.MobileField cleans
# what is typed to this form).
validate_mobile = RegexValidator(
    r"^06\d{8}$",
    _("Vul een 06-nummer in van tien cijfers, bijvoorbeeld 06 12345678."),
)


def normalise_bsn(value: str) -> str:
    """Strip spaces, dots and dashes; pad an old 8-digit number with a leading 0."""
    digits = "".join(ch for ch in str(value) if ch not in " .-")
    if len(digits) == 8 and digits.isdigit():
        digits = "0" + digits
    return digits


def bsn_hash(value: str) -> str:
    """Keyed hash used to find a pupil by exact BSN without storing it in clear text."""
    normalised = normalise_bsn(value)
    key = settings.BSN_HASH_KEY.encode()
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


@track_history(
    _("geschiedenis leerling"),
    exclude=(
        "bsn",
        "bsn_digest",
        "pseudonym",
    ),
)
class Student(TimestampedModel):
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    birth_date = models.DateField(_("geboortedatum"))
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices)
    bsn = EncryptedCharField(
        _("BSN"), max_length=9, null=True, blank=True, validators=[BSNValidator()]
    )
    bsn_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    level = models.CharField(_("niveau"), max_length=16, choices=Level.choices, blank=True)
    school_year = models.PositiveSmallIntegerField(
        _("leerjaar of groep"),
        null=True,
        blank=True,
        help_text=_("In het primair onderwijs: de groep (6, 7 of 8)."),
    )
    class_name = models.CharField(_("klas/groep"), max_length=20, blank=True)
    lwoo = models.BooleanField(_("lwoo"), default=False)
    residence = models.CharField(_("woonplaats"), max_length=100, blank=True)
    pseudonym = models.UUIDField(_("pseudoniem"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def school_year_label(self) -> str:
        """ "groep 7" in the primair onderwijs, "leerjaar 2" in the voortgezet onderwijs."""
        if self.school_year is None:
            return ""
        word = _("groep") if self.level in PRIMARY_LEVELS else _("leerjaar")
        return f"{word} {self.school_year}"

    @property
    def masked_bsn(self) -> str:
        return f"*****{self.bsn[-4:]}" if self.bsn else ""

    def set_bsn(self, value: str | None) -> None:
        self.bsn = normalise_bsn(value) if value else None
        self.bsn_digest = bsn_hash(self.bsn) if self.bsn else ""


@track_history(_("geschiedenis ouder/verzorger"))
class Guardian(TimestampedModel):
    student = models.ForeignKey(
        Student, verbose_name=_("leerling"), on_delete=models.CASCADE, related_name="guardians"
    )
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("relatie"), max_length=32, choices=GuardianRole.choices)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    residence = models.CharField(_("woonplaats"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("ouder/verzorger")
        verbose_name_plural = _("ouders/verzorgers")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def has_custody(self) -> bool:
        return self.role in CUSTODY_ROLES


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def visible_to(self, user) -> "CaseQuerySet":
        """The one place that decides which cases a user may see.

        casemanager: the region's cases assigned to them; coördinator: the region;
        gedragsdeskundige: their own school's cases; beheerder: none by default.
        """
        from accounts.models import Role

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role == Role.COORDINATOR:
            return self.filter(region_id=user.region_id)
        if user.role == Role.CASEMANAGER:
            return self.filter(region_id=user.region_id, casemanager_id=user.pk)
        if user.role == Role.BEHAVIOURAL_EXPERT:
            return self.filter(school_id=user.school_id)
        if user.role == Role.PARTNER:
            # Valid consent naming their organisation, and that organisation a betrokkene:
            # the partner rule (evaluations.selectors.cases_shared_with, plugged in at ready).
            return consent_rules.cases_shared_with(self, user)
        return self.none()


@track_history(_("geschiedenis casus"))
class Case(TimestampedModel):
    reference = models.CharField(_("casusnummer"), max_length=20, unique=True, editable=False)
    region = models.ForeignKey(
        Region, verbose_name=_("werkgebied"), on_delete=models.PROTECT, related_name="cases"
    )
    student = models.ForeignKey(
        Student, verbose_name=_("leerling"), on_delete=models.PROTECT, related_name="cases"
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("school van inschrijving"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        help_text=_("Leeg bij absoluut verzuim (niet ingeschreven)."),
    )
    kind = models.CharField(
        _("soort"), max_length=16, choices=CaseKind.choices, default=CaseKind.INTENSIVE
    )
    route = models.CharField(_("aangemeld via"), max_length=32, choices=Route.choices)
    scenario = models.CharField(_("scenario"), max_length=1, choices=Scenario.choices, blank=True)
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=Status.choices,
        default=Status.REGISTERED,
        editable=False,
    )
    casemanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("casemanager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_cases",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemeld door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="registered_cases",
    )
    registered_on = models.DateField(_("datum aanmelding"), default=timezone.localdate)
    closed_on = models.DateField(_("datum afsluiting"), null=True, blank=True)

    # Thuiszit-situation.
    absence_kind = models.CharField(
        _("verzuimsituatie"), max_length=32, choices=AbsenceKind.choices, blank=True
    )
    absence_extent = models.CharField(
        _("thuis"), max_length=16, choices=AbsenceExtent.choices, blank=True
    )
    absent_since = models.DateField(_("thuis sinds"), null=True, blank=True)
    offer_since = models.DateField(_("passend aanbod sinds"), null=True, blank=True)
    truancy_reported_on = models.DateField(_("verzuimmelding DUO op"), null=True, blank=True)

    # Closing.
    outcome = models.CharField(_("uitkomst"), max_length=32, choices=Outcome.choices, blank=True)
    closing_agreements = EncryptedTextField(_("afspraken bij afsluiting"), blank=True)
    case_direction_continues = models.BooleanField(_("casusregie loopt door"), default=False)
    # Closings before issue 18 wrote a name and organisation here; no form asks for it now.
    case_direction_by = models.CharField(_("casusregie bij"), max_length=200, blank=True)
    # The seed form asks for the casusregisseur's e-mail address and 06 number.
    case_direction_email = models.EmailField(_("e-mailadres casusregisseur"), blank=True)
    case_direction_phone = models.CharField(
        _("06-nummer casusregisseur"), max_length=10, blank=True, validators=[validate_mobile]
    )
    anonymised_at = models.DateTimeField(
        _("geanonimiseerd op"), null=True, blank=True, editable=False
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["region", "status"], name="case_region_status"),
            models.Index(fields=["casemanager", "status"], name="case_casemanager_status"),
            models.Index(fields=["school", "status"], name="case_school_status"),
            models.Index(
                fields=["absent_since"],
                name="case_open_absent_since",
                condition=Q(status__in=OPEN_STATUSES, offer_since__isnull=True),
            ),
            # Keyset pages of the case list: (-registered_on, -id) within what a user sees.
            models.Index(fields=["region", "-registered_on", "-id"], name="case_region_registered"),
            models.Index(
                fields=["casemanager", "-registered_on", "-id"], name="case_cm_registered"
            ),
            models.Index(fields=["school", "-registered_on", "-id"], name="case_school_registered"),
        ]
        constraints = [
            models.CheckConstraint(
                name="case_closed_after_registered",
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("registered_on")),
                violation_error_message=_("De datum van afsluiting ligt voor de aanmelding."),
            ),
            models.CheckConstraint(
                name="case_offer_after_absence",
                condition=Q(offer_since__isnull=True)
                | Q(absent_since__isnull=True)
                | Q(offer_since__gte=models.F("absent_since")),
                violation_error_message=_(
                    "Passend aanbod kan niet beginnen voordat de leerling thuis kwam te zitten."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def clock(self, today: date | None = None):
        return case_clock(self, today or timezone.localdate())

    @property
    def case_direction_contact(self) -> str:
        """How to reach the casusregisseur after the closing: e-mail and 06 number, or what a
        closing before issue 18 wrote (name and organisation)."""
        parts = [self.case_direction_email, self.case_direction_phone]
        return " · ".join(part for part in parts if part) or self.case_direction_by


class TimelineEntry(models.Model):
    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="timeline"
    )
    at = models.DateTimeField(_("moment"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("soort"), max_length=40, choices=TimelineKind.choices)
    text = EncryptedTextField(_("omschrijving"))

    class Meta:
        verbose_name = _("tijdlijnregel")
        verbose_name_plural = _("tijdlijn")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"], name="timeline_case_at")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d}"
