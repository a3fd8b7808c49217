"""The belastbaarheidsprofiel of a case, a groeidocument: every save is a LoadProfileVersion.
Who may write one (the qualified functions) and which fields the school may fill in."""

import pghistory
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.encryption import EncryptedTextField
from core.models import TimestampedModel, track_history

# The seed form's rule ("kan alleen ingevuld worden door ..."), not a law: a region may widen
# it through settings.LOAD_PROFILE_QUALIFIED_FUNCTIONS.
DEFAULT_QUALIFIED_FUNCTIONS = (
    "gz-psycholoog",
    "orthopedagoog-generalist",
    "klinisch psycholoog",
    "medisch specialist",
)


def qualified_functions() -> tuple[str, ...]:
    return tuple(getattr(settings, "LOAD_PROFILE_QUALIFIED_FUNCTIONS", DEFAULT_QUALIFIED_FUNCTIONS))


# The author's registration: a BIG number (gz-psycholoog, klinisch psycholoog, medisch
# specialist: the BIG register's numbers have 11 digits) or an SKJ or NVO number
# (orthopedagoog-generalist: SKJ hands out numbers of 9 digits, NVO's are shorter). Neither
# register can be asked from here, so this catches what is no number of any of them: letters,
# or too few or too many digits (a number half typed, two run together). 6 to 10 digits is
# left to SKJ/NVO on purpose, so that an older, shorter number is not refused.
REGISTRATION_NUMBER_MESSAGE = _(
    "Vul een BIG-nummer (11 cijfers) of een SKJ- of NVO-registratienummer (6 tot 10 cijfers) in."
)
validate_registration_number = RegexValidator(r"^\d{6,11}$", REGISTRATION_NUMBER_MESSAGE)


def normalise_registration_number(value: str) -> str:
    """As typed from a card or letter: spaces, dots and dashes between the digits go."""
    return "".join(value.replace(".", " ").replace("-", " ").split())


@track_history(_("geschiedenis belastbaarheidsprofiel"))
class LoadProfile(TimestampedModel):
    """The belastbaarheidsprofiel of a case: a groeidocument, every save a LoadProfileVersion."""

    case = models.OneToOneField(
        "casework.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="load_profile",
    )
    version = models.PositiveIntegerField(_("versie"), default=0, editable=False)

    class Meta:
        verbose_name = _("belastbaarheidsprofiel")
        verbose_name_plural = _("belastbaarheidsprofielen")

    def __str__(self) -> str:
        return f"{_('Belastbaarheidsprofiel')} {self.case_id}"

    @property
    def latest(self) -> "LoadProfileVersion | None":
        return self.versions.order_by("-number").first()


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    meta={"verbose_name": _("geschiedenis versie belastbaarheidsprofiel")},
)
class LoadProfileVersion(models.Model):
    profile = models.ForeignKey(
        LoadProfile, verbose_name=_("profiel"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versienummer"))
    saved_at = models.DateTimeField(_("opgeslagen op"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeslagen door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    school_part_only = models.BooleanField(_("aanvulling vanuit school"), default=False)

    profile_date = models.DateField(_("datum"))
    # Pupil.
    student_name = models.CharField(_("naam leerling"), max_length=200)
    residence = models.CharField(_("woonplaats"), max_length=100, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    class_level = models.CharField(_("klas/niveau"), max_length=100, blank=True)
    # Author (jeugdhulp).
    author_name = models.CharField(_("profiel opgesteld door (naam)"), max_length=150)
    author_function = models.CharField(
        _("functie"),
        max_length=100,
        help_text=_(
            "Kan alleen ingevuld worden door gz-psycholoog, orthopedagoog-generalist, "
            "klinisch psycholoog of medisch specialist."
        ),
    )
    author_big = models.CharField(
        _("BIG- of SKJ/NVO-registratienummer"),
        max_length=11,
        blank=True,
        validators=[validate_registration_number],
        help_text=_("BIG-nummer: 11 cijfers; SKJ- of NVO-registratienummer: 6 tot 10 cijfers."),
    )
    # School.
    mentor = models.CharField(_("mentor/groepsleerkracht"), max_length=150, blank=True)
    behavioural_expert = models.CharField(
        _("gedragsdeskundige / IB'er"), max_length=150, blank=True
    )
    school_location = models.CharField(_("school(-locatie)"), max_length=200, blank=True)
    school_contact = models.CharField(_("contactpersoon school"), max_length=150, blank=True)
    # Others.
    truancy_officer = models.CharField(_("leerplicht"), max_length=150, blank=True)
    youth_doctor = models.CharField(_("jeugdarts"), max_length=150, blank=True)
    municipality_contact = models.CharField(
        _("contactpersoon gemeente/jeugdhulp"), max_length=150, blank=True
    )
    # Content.
    general = EncryptedTextField(
        _("algemeen over het profiel"),
        blank=True,
        help_text=_(
            "Doel: vaststellen of de leerling in staat is volledig aanwezig te zijn op school en "
            "welke aanpassingen in uren en/of programma nodig zijn."
        ),
    )
    development_perspective = EncryptedTextField(
        _("gezamenlijk vastgesteld ontwikkelingsperspectief"), blank=True
    )
    functioning = EncryptedTextField(
        _("functioneren van de leerling"),
        blank=True,
        help_text=_(
            "Zelfstandigheid (werkhouding, taakaanpak, motivatie, organisatie); omgaan met sturing; "
            "toezicht; schakelen tussen docenten; pedagogische do's & don'ts; kan de leerling "
            "aangeven wanneer het niet goed gaat?"
        ),
    )
    schedule_load = EncryptedTextField(
        _("belastbaarheid ten aanzien van lesrooster"),
        blank=True,
        help_text=_(
            "Later beginnen / eerder ophouden / break in de week; vrijstelling of dispensatie; "
            "spreiding van programma; onderschrijding onderwijstijd."
        ),
    )
    free_moments_load = EncryptedTextField(
        _("belastbaarheid ten aanzien van de vrije momenten op school"),
        blank=True,
        help_text=_(
            "Wisselen van lokaal, tussenuren, pauzes, activiteiten buiten het curriculum, "
            "aankomen op school en naar huis gaan."
        ),
    )
    specific_agreements = EncryptedTextField(
        _("specifieke afspraken (w.c.-gang, eten, drinken, medicatie, telefoon)"), blank=True
    )
    home_load = EncryptedTextField(
        _("belastbaarheid ten aanzien van de vrije tijd/thuis(-situatie)"),
        blank=True,
        help_text=_(
            "Behandelcontacten, huiswerk, dag-nachtritme, sociale media, eetgedrag, hobby's."
        ),
    )
    overload_signals = EncryptedTextField(
        _("bij welke signalen is er sprake van overbelasting?"),
        blank=True,
        help_text=_("Spanningsklachten, psychosomatische klachten."),
    )
    signal_judged_by = EncryptedTextField(
        _("wie vanuit school beoordeelt het signaal?"),
        blank=True,
        help_text=_("In overleg met ouders, jeugdarts, leerplicht, GGZ."),
    )
    school_addition = EncryptedTextField(
        _("aanvulling vanuit school"),
        blank=True,
        help_text=_("Vertaalslag naar de dagelijkse gang van zaken op school."),
    )
    # Contact / terugkoppeling.
    joint_goals = EncryptedTextField(_("welke gezamenlijke doelen?"), blank=True)
    agreed_with = EncryptedTextField(_("met wie afgesproken?"), blank=True)
    agreements_start_on = models.DateField(
        _("wanneer gaan de afspraken in?"), null=True, blank=True
    )
    agreements_duration = models.CharField(_("voor hoe lang?"), max_length=150, blank=True)
    evaluated_with = EncryptedTextField(_("met wie wordt geëvalueerd?"), blank=True)
    evaluation_date = models.DateField(_("datum van evaluatie"), null=True, blank=True)
    monitored_by = models.CharField(
        _("wie heeft de regie / wie monitort de afspraken?"), max_length=200, blank=True
    )
    interim_adjustment = EncryptedTextField(
        _("mocht tussentijds bijstellen noodzakelijk zijn, hoe en met wie?"),
        blank=True,
        help_text=_("Werk vanuit één plan en stem dit gezamenlijk af."),
    )

    class Meta:
        verbose_name = _("versie belastbaarheidsprofiel")
        verbose_name_plural = _("versies belastbaarheidsprofiel")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "number"], name="load_profile_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} v{self.number}"


# The fields a gedragsdeskundige of the pupil's school may fill in (the school's part).
SCHOOL_FIELDS = (
    "mentor",
    "behavioural_expert",
    "school_location",
    "school_contact",
    "signal_judged_by",
    "school_addition",
)
# Every content field of a version, in form order (used for copying and comparing).
PROFILE_FIELDS = (
    "profile_date",
    "student_name",
    "residence",
    "birth_date",
    "class_level",
    "author_name",
    "author_function",
    "author_big",
    "mentor",
    "behavioural_expert",
    "school_location",
    "school_contact",
    "truancy_officer",
    "youth_doctor",
    "municipality_contact",
    "general",
    "development_perspective",
    "functioning",
    "schedule_load",
    "free_moments_load",
    "specific_agreements",
    "home_load",
    "overload_signals",
    "signal_judged_by",
    "school_addition",
    "joint_goals",
    "agreed_with",
    "agreements_start_on",
    "agreements_duration",
    "evaluated_with",
    "evaluation_date",
    "monitored_by",
    "interim_adjustment",
)
