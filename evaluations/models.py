"""Plan van aanpak, goals, evaluations, belastbaarheidsprofiel and meetings (overleg).

Optimistic locking: Plan, Goal, Evaluation and LoadProfile carry a `version` integer that the
services compare (under select_for_update) with the version the editor started from.

Free text about the pupil (the pupil's view, goals and actions, evaluation texts, goal reviews,
the profile's texts, minutes and actions per case) is encrypted at rest: the policy is in
core.encryption. Names and contact details of professionals stay plain.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.encryption import EncryptedTextField
from core.models import TimestampedModel

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


validate_mobile = RegexValidator(
    r"^06\d{8}$",
    _("Vul een 06-nummer in van tien cijfers, bijvoorbeeld 06 12345678."),
)


class EvaluationKind(models.TextChoices):
    INTERIM = "interim", _("tussentijdse evaluatie (6 weken)")
    FINAL = "final", _("evaluatie na 3 maanden")
    FOLLOWUP = "followup", _("vervolgevaluatie")


class MeetingKind(models.TextChoices):
    BIWEEKLY = "biweekly", _("tweewekelijks overleg")
    MPO = "mpo", _("meerpartijenoverleg (MPO)")
    EVALUATION = "evaluation", _("evaluatiegesprek")


class Plan(TimestampedModel):
    case = models.ForeignKey(
        "casework.Case", verbose_name=_("casus"), on_delete=models.CASCADE, related_name="plans"
    )
    current = models.BooleanField(_("huidig plan"), default=True)
    drawn_up_on = models.DateField(_("opgesteld op"))
    director_name = models.CharField(_("casusregisseur"), max_length=150)
    director_organisation = models.CharField(_("instelling casusregisseur"), max_length=150)
    director_email = models.EmailField(_("e-mail casusregisseur"))
    director_phone = models.CharField(
        _("06-nummer casusregisseur"), max_length=10, validators=[validate_mobile]
    )
    pupil_view = EncryptedTextField(
        _("wat vindt de leerling van het plan?"),
        blank=True,
        help_text=_("Hoorrecht: de eigen mening van de leerling over het plan."),
    )
    adopted_on = models.DateField(_("vastgesteld op"), null=True, blank=True, editable=False)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgesteld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")
        ordering = ["-drawn_up_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(current=True), name="plan_one_current_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{_('Plan van aanpak')} {self.case_id} ({self.drawn_up_on:%d-%m-%Y})"

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None


class Stakeholder(TimestampedModel):
    """A betrokkene named on the plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(_("naam"), max_length=150)
    organisation = models.ForeignKey(
        "casework.Organisation",
        verbose_name=_("partnerorganisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation_name = models.CharField(
        _("instelling"),
        max_length=150,
        blank=True,
        help_text=_("Als de instelling niet in de lijst staat."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("06-nummer"), max_length=10, blank=True, validators=[validate_mobile]
    )

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation_name or (self.organisation.name if self.organisation else "")


class GoalQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Goal(TimestampedModel):
    """One goal of a plan. Adjusting a goal at the 3-month evaluation makes a new Goal with
    `previous` pointing at the old one, which becomes inactive and keeps its reviews."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    description = EncryptedTextField(_("doel"))
    actions = EncryptedTextField(_("acties (inclusief criteria)"))
    term = models.CharField(_("tijdspad/termijn"), max_length=200)
    responsible = models.CharField(_("resultaatverantwoordelijke"), max_length=150)
    active = models.BooleanField(_("geldend"), default=True, editable=False)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("vorige versie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="next_version",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.description[:60]

    def history(self) -> list["Goal"]:
        """Earlier versions, newest first."""
        versions, goal = [], self.previous
        while goal is not None:
            versions.append(goal)
            goal = goal.previous
        return versions


class EvaluationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(held_on__isnull=True)


class Evaluation(TimestampedModel):
    case = models.ForeignKey(
        "casework.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="evaluations"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=EvaluationKind.choices)
    due_on = models.DateField(_("gepland op"))
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    participants = EncryptedTextField(_("deelnemers"), blank=True)
    pupil_view = EncryptedTextField(
        _("wat vindt de leerling?"),
        blank=True,
        help_text=_("Hoorrecht: de eigen mening van de leerling over de voortgang."),
    )
    notes = EncryptedTextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["due_on"], name="evaluation_open_due_on", condition=Q(held_on__isnull=True)
            ),
            models.Index(fields=["case", "due_on"], name="evaluation_case_due_on"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind"],
                condition=Q(kind__in=["interim", "final"]),
                name="evaluation_one_interim_and_final_per_plan",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on:%d-%m-%Y}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None


class GoalReview(TimestampedModel):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluatie"), on_delete=models.CASCADE, related_name="reviews"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="reviews"
    )
    achieved = models.BooleanField(_("doel behaald"))
    explanation = EncryptedTextField(_("toelichting"), blank=True)
    extra_actions = EncryptedTextField(_("welke aanvullende acties zijn nodig?"), blank=True)
    needed = EncryptedTextField(_("wat is er nodig om het doel alsnog te bereiken?"), blank=True)
    adjusted = models.BooleanField(_("doel aangepast"), default=False)

    class Meta:
        verbose_name = _("evaluatie van een doel")
        verbose_name_plural = _("evaluaties van doelen")
        ordering = ["goal__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "goal"], name="goal_review_once_per_evaluation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal} — {'ja' if self.achieved else 'nee'}"


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
    author_big = models.CharField(_("BIG-nummer"), max_length=11, blank=True)
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
)


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
        return f"{self.get_kind_display()} {self.date:%d-%m-%Y}"


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
