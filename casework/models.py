import hashlib
import hmac
import uuid
from datetime import date

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from localflavor.nl.validators import NLBSNFieldValidator

from core.encryption import EncryptedCharField, EncryptedTextField
from core.models import TimestampedModel

from .constants import (
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
from .workflow import OPEN_STATUSES, Status


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


class Region(TimestampedModel):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    code = models.CharField(
        _("code"),
        max_length=8,
        unique=True,
        help_text=_("Voorvoegsel van het casusnummer, bijvoorbeeld VD voor VD-2026-0007."),
    )
    partnership = models.CharField(_("samenwerkingsverband"), max_length=150, blank=True)
    municipalities = models.TextField(
        _("gemeenten"), blank=True, help_text=_("Eén gemeente per regel.")
    )
    truancy_weeks = models.PositiveSmallIntegerField(
        _("thuiszitter na (weken)"),
        default=4,
        help_text=_("Weken ongeoorloofd verzuim waarna een leerling als thuiszitter telt."),
    )
    threshold_months = models.PositiveSmallIntegerField(
        _("termijn Thuiszitterspact (maanden)"), default=3
    )
    warning_weeks = models.PositiveSmallIntegerField(
        _("signaal 'nadert termijn' (weken vooraf)"), default=4
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("herinnering evaluatie (dagen vooraf)"), default=7
    )
    retention_years = models.PositiveSmallIntegerField(
        _("bewaartermijn na afsluiting (jaren)"),
        default=3,
        help_text=_(
            "3 jaar voor een dossier van het samenwerkingsverband; 20 jaar als jeugdhulpdossier."
        ),
    )
    yearly_intensive_target = models.PositiveSmallIntegerField(
        _("capaciteit intensieve trajecten per jaar"), default=25
    )
    yearly_advice_target = models.PositiveSmallIntegerField(
        _("capaciteit adviesvragen per jaar"), default=25
    )

    class Meta:
        verbose_name = _("werkgebied")
        verbose_name_plural = _("werkgebieden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchoolBoard(TimestampedModel):
    name = models.CharField(_("naam"), max_length=150, unique=True)

    class Meta:
        verbose_name = _("schoolbestuur")
        verbose_name_plural = _("schoolbesturen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(TimestampedModel):
    name = models.CharField(_("naam"), max_length=150)
    brin = models.CharField(
        _("BRIN"),
        max_length=6,
        unique=True,
        help_text=_("Vier tekens, eventueel gevolgd door twee cijfers voor de vestiging."),
    )
    board = models.ForeignKey(
        SchoolBoard,
        verbose_name=_("schoolbestuur"),
        on_delete=models.PROTECT,
        related_name="schools",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("werkgebied"), on_delete=models.PROTECT, related_name="schools"
    )
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.brin})"


class OrganisationKind(models.TextChoices):
    BEHAVIOURAL_EXPERTS = "behavioural_experts", _("gedragsdeskundigen schoolbesturen")
    CJG = "cjg", _("CJG")
    TRUANCY = "truancy", _("leerplicht")
    SWV = "swv", _("samenwerkingsverband")
    YOUTH_CARE = "youth_care", _("jeugdhulp")
    TRAIN_THE_TRAINER = "train_the_trainer", _("train-de-trainer")
    OTHER = "other", _("overig")


class Organisation(TimestampedModel):
    region = models.ForeignKey(
        Region, verbose_name=_("werkgebied"), on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)
    on_consent_form = models.BooleanField(
        _("staat op het toestemmingsformulier"),
        default=True,
        help_text=_("Partners die op het toestemmingsformulier van het werkgebied worden genoemd."),
    )

    class Meta:
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="organisation_unique_per_region"
            )
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["created_at", "updated_at", "bsn", "bsn_digest", "pseudonym"],
    meta={"verbose_name": _("geschiedenis leerling")},
)
class Student(TimestampedModel):
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    birth_date = models.DateField(_("geboortedatum"))
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices)
    bsn = EncryptedCharField(
        _("BSN"), max_length=9, null=True, blank=True, validators=[NLBSNFieldValidator()]
    )
    bsn_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    level = models.CharField(_("niveau"), max_length=16, choices=Level.choices, blank=True)
    school_year = models.PositiveSmallIntegerField(_("leerjaar"), null=True, blank=True)
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
    def masked_bsn(self) -> str:
        return f"*****{self.bsn[-4:]}" if self.bsn else ""

    def set_bsn(self, value: str | None) -> None:
        self.bsn = normalise_bsn(value) if value else None
        self.bsn_digest = bsn_hash(self.bsn) if self.bsn else ""


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["created_at", "updated_at"],
    meta={"verbose_name": _("geschiedenis ouder/verzorger")},
)
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
        from .constants import CUSTODY_ROLES

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
            from .signals import consent_rules

            return consent_rules.cases_shared_with(self, user)
        return self.none()


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["created_at", "updated_at"],
    meta={"verbose_name": _("geschiedenis casus")},
)
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
    case_direction_by = models.CharField(_("casusregie bij"), max_length=200, blank=True)
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
        from .clock import case_clock

        return case_clock(self, today or timezone.localdate())


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
    role = models.CharField(_("rol"), max_length=32, blank=True)
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
