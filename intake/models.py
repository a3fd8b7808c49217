"""Aanmelding (registration) and intakeformulier: the seed's Intakeformulier Taskforce.

Free-text answers about the pupil are encrypted at rest (Fernet, key from SECRET_KEY + SALT_KEY;
the policy is in core.encryption); the yes/no signals stay plain nullable booleans so reports
can count them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.encryption import EncryptedCharField, EncryptedTextField
from core.models import TimestampedModel, track_history


def answer(label, question="", **kwargs) -> EncryptedTextField:
    """An encrypted free-text answer (at most core.free_text.TEXT_LIMIT characters, the
    field's own rule); `question` is the seed form's wording."""
    return EncryptedTextField(
        label,
        null=True,
        blank=True,
        help_text=question,
        **kwargs,
    )


def signal(label) -> models.BooleanField:
    """A yes/no signal: None = not (yet) known, True = ja, False = nee."""
    return models.BooleanField(label, null=True, blank=True, default=None)


@track_history(_("geschiedenis aanmelding"))
class Registration(TimestampedModel):
    """What the school's ondersteuningsteam (or CJG, SWV, leerplicht) established at registration."""

    case = models.OneToOneField(
        "casework.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="registration",
    )
    support_needed = models.BooleanField(
        _("extra ondersteuning nodig die de school niet kan bieden"),
        default=False,
        help_text=_(
            "Het ondersteuningsteam van de school heeft vastgesteld dat extra ondersteuning "
            "nodig is die de school zelf niet kan bieden."
        ),
    )
    support_reason = answer(
        _("waarom extra ondersteuning nodig is"),
        _("Waarom is deze extra ondersteuning nodig?"),
    )
    support_where = answer(
        _("waar de ondersteuning geboden kan worden"),
        _("Waar kan de extra ondersteuning geboden worden?"),
    )
    support_what = answer(
        _("wat er concreet nodig is"),
        _("Wat is er concreet nodig?"),
    )
    has_opp = models.BooleanField(
        _("er is een ontwikkelingsperspectiefplan (OPP)"),
        default=False,
    )
    opp_exit_destination = EncryptedCharField(
        _("verwachte uitstroombestemming"),
        max_length=200,
        blank=True,
        help_text=_("Volgens het OPP, bijvoorbeeld 'vmbo-tl diploma, daarna mbo niveau 3'."),
    )
    opp_hindering_factors = answer(
        _("belemmerende factoren"),
        _("Welke factoren belemmeren het bereiken van de uitstroombestemming?"),
    )
    opp_promoting_factors = answer(
        _("bevorderende factoren"),
        _("Welke factoren helpen de leerling de uitstroombestemming te bereiken?"),
    )
    support_so_far = answer(
        _("geboden ondersteuning tot nu toe"),
        _("Welke ondersteuning heeft de school (en anderen) tot nu toe geboden?"),
    )
    parents_informed = models.BooleanField(
        _("ouders/verzorgers zijn geïnformeerd"),
        default=False,
        help_text=_(
            "Ouders/verzorgers (en de jeugdige) zijn voorafgaand aan de aanmelding "
            "geïnformeerd door onderwijs of CJG."
        ),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemeld door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.CheckConstraint(
                name="registration_parents_informed",
                condition=Q(parents_informed=True),
                violation_error_message=_(
                    "Ouders/verzorgers moeten vóór de aanmelding zijn geïnformeerd."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{_('Aanmelding')} {self.case_id}"


# The yes/no signals of the seed form, in its order (situatie leerling, then situatie school).
# The reports app counts these.
STUDENT_SIGNAL_FIELDS = ("signal_anxiety", "signal_withdrawn", "signal_substance_use")
SCHOOL_SIGNAL_FIELDS = (
    "signal_absence",
    "signal_learning_problems",
    "signal_bullying",
    "signal_repeated_year",
)
SIGNAL_FIELDS = STUDENT_SIGNAL_FIELDS + SCHOOL_SIGNAL_FIELDS
# Which kinds of middelengebruik (only meaningful when signal_substance_use is True).
SUBSTANCE_FIELDS = ("substance_drugs", "substance_alcohol", "substance_gaming")


@track_history(_("geschiedenis intake"))
class Intake(TimestampedModel):
    """The intakeformulier of one case; filled in over one or more sittings."""

    case = models.OneToOneField(
        "casework.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="intake",
    )

    # Ondersteuningsvraag.
    support_question = answer(
        _("ondersteuningsvraag"),
        _("Wat is het doel van inbrengen bij de Taskforce en wat zijn de hulpvragen?"),
    )

    # Situatie leerling: signals.
    signal_anxiety = signal(_("Is er sprake van angst?"))
    signal_withdrawn = signal(_("Teruggetrokken gedrag?"))
    signal_substance_use = signal(
        _("Is er sprake van middelengebruik/verslaving (bijv. drugs, alcohol, gamen)?")
    )
    substance_drugs = models.BooleanField(_("drugs"), default=False)
    substance_alcohol = models.BooleanField(_("alcohol"), default=False)
    substance_gaming = models.BooleanField(_("gamen"), default=False)
    substance_other = answer(
        _("ander middelengebruik"), _("Welk ander middel of welke verslaving?")
    )

    # Situatie leerling: integrale beschrijving (nine questions).
    leisure = answer(
        _("1. vrije tijd"),
        _("Wat doet de leerling in zijn vrije tijd?"),
    )
    future = answer(
        _("2. toekomst"),
        _("Wat wil de leerling later worden, hoe wil hij dit bereiken?"),
    )
    happiness_score = models.PositiveSmallIntegerField(
        _("3. geluksgevoel (cijfer 0–10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_(
            "Als de leerling een cijfer mag geven hoe gelukkig hij/zij is: 10 = gelukkig, "
            "0 = ongelukkig."
        ),
    )
    happiness_reasoning = answer(
        _("3. onderbouwing geluksgevoel"),
        _("Onderbouwing door bespreking met de leerling."),
    )
    likes_at_school = answer(
        _("4. wat de leerling leuk vindt op school"),
        _("Wat vindt de leerling leuk aan/op school?"),
    )
    student_view = answer(
        _("5. visie van de leerling op de zorgen"),
        _(
            "Wat denkt de leerling van de signalen/zorgen? Verheldering door bespreking "
            "met de leerling."
        ),
    )
    physical_complaints = answer(
        _("6a. lichamelijke klachten"),
        _(
            "Is er sprake van lichamelijke klachten, o.a. buikpijn, hoofdpijn en misselijkheid "
            "(hoe lang, hoe vaak en in welke situaties enz.)?"
        ),
    )
    gp_involved = answer(
        _("6b. huisarts"),
        _("Is de huisarts betrokken? Zo ja, welke acties zijn ingezet?"),
    )
    family_plan = answer(
        _("7. een gezin, een plan"),
        _(
            "Is er sprake van een gezin, een plan: integraal plan op meerdere leer-/leefgebieden "
            "(thuis, school, vrije tijd enz.)? Zo ja, welke plannen/doelen in onderwijs, "
            "thuissituatie en jeugdhulp?"
        ),
    )
    family_plan_director = answer(
        _("7. casusregisseur gezinsplan"),
        _("E-mailadres en 06-nummer van de casusregisseur."),
    )
    childhood_experiences = answer(
        _("8. bijzondere ervaringen in de jeugd"),
        _(
            "Zijn er bijzondere specifieke ervaringen in de jeugd geweest (bijv. verlies, hechting)?"
        ),
    )
    student_other = answer(_("9. overige informatie leerling"), _("Overige informatie."))

    # Situatie school: signals.
    signal_absence = signal(_("Is er sprake van (oplopend) verzuim?"))
    signal_learning_problems = signal(
        _("Is er sprake van leerproblemen of ondersteuning bij het leren/plannen/organiseren?")
    )
    signal_bullying = signal(_("Is er sprake van pesten?"))
    signal_repeated_year = signal(
        _("Is er sprake geweest van doubleren, afstromen of onderpresteren?")
    )

    # Situatie school: integrale beschrijving (thirteen questions).
    school_background = answer(
        _("1. achtergrond van de zorgen"),
        _("Wat is de achtergrond van de zorgen/signalen?"),
    )
    school_signal_moments = answer(
        _("2. momenten van de zorgen"),
        _("Op welke momenten zijn er signalen/zorgen (hoe lang, hoe vaak, enz.)?"),
    )
    grades = answer(_("3. cijfers"), _("Hoe zijn de cijfers?"))
    social_contacts = answer(_("4. sociale contacten"), _("Hoe zijn de sociale contacten?"))
    going_well = answer(_("5. wat gaat goed"), _("Wat gaat goed? Bij welke leraren?"))
    subject_problems = answer(
        _("6. problemen bij vakken"),
        _("Heeft de leerling specifieke problemen m.b.t. bepaalde vakken?"),
    )
    has_diagnosis = models.BooleanField(
        _("7. diagnose"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Is er sprake van een diagnose?"),
    )
    diagnosis_which = answer(_("7. welke diagnose"), _("Zo ja, welke?"))
    diagnosis_when = answer(_("7. wanneer gesteld"), _("Wanneer?"))
    diagnosis_by = answer(_("7. door welke organisatie"), _("Bij welke organisatie verricht?"))
    truancy_officer = answer(
        _("8. leerplicht"),
        _("Sinds wanneer is leerplicht betrokken? Op welke wijze? Welke acties zijn ingezet?"),
    )
    school_doctor = answer(
        _("9. schoolarts"),
        _("Is de schoolarts betrokken? Zo ja, welke acties zijn ingezet?"),
    )
    parent_school_conflict = answer(
        _("10. conflict ouders en school"),
        _("Is er een conflict tussen ouders en school? Zo ja, oorzaak?"),
    )
    parents_object_to_education = answer(
        _("11. bezwaar tegen het onderwijs"),
        _("Hebben ouders bezwaar tegen het onderwijs(systeem)?"),
    )
    school_actions = answer(
        _("12a. acties van school"),
        _(
            "Wat zijn ondernomen acties om het onderwijs te behouden/de leerling weer naar school "
            "te krijgen? (Denk aan extra ondersteuning in de school, directe consequenties, "
            "structuur, duidelijkheid, straffen, belonen.)"
        ),
    )
    school_what_worked = answer(
        _("12b. wat werkte"),
        _("Wat heeft gewerkt en wat niet?"),
    )
    school_other = answer(_("13. overige informatie school"), _("Overige informatie."))

    # Situatie thuis: beeld van de gezinssituatie (six questions).
    home_factors = answer(
        _("1. belemmerende/stimulerende factoren"),
        _(
            "Mogelijke belemmerende/stimulerende factoren die van invloed zijn op de schoolgang "
            "(relatieproblematiek, financiën, werk, huisvesting, verslaving, ziekte, "
            "politie-/justitiecontacten)?"
        ),
    )
    home_factors_past = answer(
        _("2. factoren in het verleden"),
        _("Zo niet, zijn deze er in het verleden geweest?"),
    )
    parenting = answer(_("3. opvoedsituatie"), _("Hoe is de opvoedsituatie thuis?"))
    family_support = answer(
        _("4. hulpverlening in het gezin"),
        _("Is er sprake van hulpverlening in het gezin? Zo ja, wie en met welk doel?"),
    )
    parents_actions = answer(
        _("5. acties van ouders/verzorgers"),
        _(
            "Wat hebben ouders/verzorgers aan actie ondernomen om het onderwijs te behouden/hun "
            "kind weer naar school te krijgen? (Denk aan extra ondersteuning in het gezin, "
            "directe consequenties, structuur, duidelijkheid, straffen, belonen.)"
        ),
    )
    home_other = answer(_("6. overige informatie thuis"), _("Overige informatie."))

    # Belastbaarheidsprofiel en OPP.
    load_profile_needed = models.BooleanField(
        _("belastbaarheidsprofiel"),
        null=True,
        blank=True,
        default=None,
        help_text=_(
            "Is er een belastbaarheidsprofiel (nodig)? Zo ja, dan staat het op het "
            "tabblad Belastbaarheidsprofiel."
        ),
    )
    opp_rationale = answer(_("onderbouwing uit OPP"), _("Onderbouwing uit het OPP."))

    version = models.PositiveIntegerField(_("versie"), default=0, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst gewijzigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgerond door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        constraints = [
            models.CheckConstraint(
                name="intake_happiness_score_0_10",
                condition=Q(happiness_score__isnull=True)
                | Q(happiness_score__gte=0, happiness_score__lte=10),
                violation_error_message=_("Het cijfer voor geluksgevoel ligt tussen 0 en 10."),
            ),
            models.CheckConstraint(
                name="intake_completed_with_by",
                condition=Q(completed_at__isnull=True) | Q(completed_by__isnull=False),
                violation_error_message=_("Een afgeronde intake heeft een afronder."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Intake')} {self.case_id}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    def signals(self) -> dict[str, bool | None]:
        return {name: getattr(self, name) for name in SIGNAL_FIELDS}
