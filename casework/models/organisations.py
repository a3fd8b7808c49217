"""The organisations around a case: regions (samenwerkingsverbanden), school boards,
schools and partner organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel


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
    age_notice_days = models.PositiveSmallIntegerField(
        _("dagen vooraf melden bij leeftijdsgrens"),
        default=30,
        help_text=_(
            "Zoveel dagen voordat de leerling 12 of 16 wordt, krijgt de casemanager een melding "
            "dat de toestemming opnieuw gevraagd moet worden; dezelfde termijn geldt voor het "
            "aflopen van een vrijstelling."
        ),
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
