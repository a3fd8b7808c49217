"""Choice lists shared by the apps. Stable English values, Dutch labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "m", _("jongen")
    FEMALE = "f", _("meisje")
    OTHER = "x", _("anders / zegt liever niet")


class Level(models.TextChoices):
    """The pupil's school type and niveau. The Taskforce takes pupils of the voortgezet
    onderwijs and of the bovenbouw of the primair onderwijs (groep 6, 7 and 8)."""

    PO = "po", _("po – basisonderwijs (groep 6–8)")
    SBO = "sbo", _("po – speciaal basisonderwijs (groep 6–8)")
    SO = "so", _("so – speciaal onderwijs (groep 6–8)")
    PRO = "pro", _("praktijkonderwijs")
    VMBO_BB = "vmbo_bb", _("vmbo-bb")
    VMBO_KB = "vmbo_kb", _("vmbo-kb")
    VMBO_GL = "vmbo_gl", _("vmbo-gl")
    VMBO_TL = "vmbo_tl", _("vmbo-tl")
    HAVO = "havo", _("havo")
    VWO = "vwo", _("vwo")
    VSO_FOLLOWUP = "vso_followup", _("vso – uitstroom vervolgonderwijs")
    VSO_LABOUR = "vso_labour", _("vso – uitstroom arbeidsmarkt")
    VSO_DAYCARE = "vso_daycare", _("vso – uitstroom dagbesteding")


PRIMARY_LEVELS = frozenset({Level.PO, Level.SBO, Level.SO})

# The leerjaren per niveau, first and last. In the primair onderwijs the leerjaar is the
# groep, of which the Taskforce takes 6 to 8; vso runs to age 20, counted as 6 leerjaren.
SCHOOL_YEARS = {
    Level.PO: (6, 8),
    Level.SBO: (6, 8),
    Level.SO: (6, 8),
    Level.PRO: (1, 5),
    Level.VMBO_BB: (1, 4),
    Level.VMBO_KB: (1, 4),
    Level.VMBO_GL: (1, 4),
    Level.VMBO_TL: (1, 4),
    Level.HAVO: (1, 5),
    Level.VWO: (1, 6),
    Level.VSO_FOLLOWUP: (1, 6),
    Level.VSO_LABOUR: (1, 6),
    Level.VSO_DAYCARE: (1, 6),
}
FIRST_SCHOOL_YEAR = min(first for first, _last in SCHOOL_YEARS.values())
LAST_SCHOOL_YEAR = max(last for _first, last in SCHOOL_YEARS.values())

# Plausible ages on the registration date: groep 6–8 of the primair onderwijs, and the
# voortgezet onderwijs including vso (to age 20, a year's margin each side).
PRIMARY_AGES = (8, 13)
SECONDARY_AGES = (10, 21)


def age_bounds(level: str | None) -> tuple[int, int]:
    """The youngest and oldest plausible age of a pupil of `level`; without a level, both."""
    if not level:
        return PRIMARY_AGES[0], SECONDARY_AGES[1]
    return PRIMARY_AGES if level in PRIMARY_LEVELS else SECONDARY_AGES


class GuardianRole(models.TextChoices):
    PARENT_WITH_CUSTODY = "parent_custody", _("ouder met gezag")
    PARENT_WITHOUT_CUSTODY = "parent_no_custody", _("ouder zonder gezag")
    GUARDIAN = "guardian", _("voogd")
    CARER = "carer", _("verzorger / pleegouder")


# Who may sign as wettelijk vertegenwoordiger (a voogd has the same powers as gezag).
CUSTODY_ROLES = {GuardianRole.PARENT_WITH_CUSTODY, GuardianRole.GUARDIAN}


class CaseKind(models.TextChoices):
    INTENSIVE = "intensive", _("intensief traject")
    ADVICE = "advice", _("informatie & advies")


class Route(models.TextChoices):
    SCHOOL = "school", _("school (via gedragsdeskundige)")
    CJG = "cjg", _("CJG")
    SWV = "swv", _("samenwerkingsverband")
    TRUANCY = "truancy", _("leerplicht")
    YOUTH_PROFESSIONAL = "youth_professional", _("jeugdprofessional")


class Scenario(models.TextChoices):
    A = "a", _("A – versteviging op school")
    B = "b", _("B – terug-naar-school-traject")
    C = "c", _("C – (dag)behandeling")


class AbsenceKind(models.TextChoices):
    THREATENED = "threatened", _("dreigend thuiszitter")
    RELATIVE = "relative", _("langdurig relatief verzuim")
    ABSOLUTE = "absolute", _("absoluut verzuim")
    AUTHORISED = "authorised", _("geoorloofd verzuim langer dan 4 weken")
    EXEMPTION_5A = "exemption_5a", _("vrijstelling art. 5 onder a Leerplichtwet")
    EXEMPTION_OTHER = "exemption_other", _("vrijstelling, overig")


class AbsenceExtent(models.TextChoices):
    FULL = "full", _("volledig thuis")
    PARTIAL = "partial", _("gedeeltelijk thuis")


class ClockLevel(models.TextChoices):
    OK = "ok", _("binnen termijn")
    APPROACHING = "approaching", _("nadert termijn")
    EXCEEDED = "exceeded", _("termijn overschreden")


class Outcome(models.TextChoices):
    BACK_AT_SCHOOL = "back_at_school", _("terug op school van inschrijving")
    OTHER_SCHOOL = "other_school", _("andere school")
    SPECIAL_EDUCATION = "special_education", _("(v)so")
    MBO = "mbo", _("mbo")
    TREATMENT = "treatment", _("(dag)behandeling")
    EXEMPTION = "exemption", _("vrijstelling")
    MOVED = "moved", _("verhuisd")
    ADVICE_GIVEN = "advice_given", _("advies gegeven")
    OTHER = "other", _("anders")


class TimelineKind(models.TextChoices):
    """What a timeline entry records. The first six are the status changes that a school's
    gedragsdeskundige sees (STATUS_TIMELINE_KINDS), under these labels."""

    REGISTERED = "registered", _("Aangemeld")
    ASSIGNED = "assigned", _("Casemanager toegewezen")
    CONSENT = "consent", _("Toestemming vastgelegd; intake gestart")
    PLAN = "plan", _("Plan van aanpak actief")
    CLOSED = "closed", _("Afgesloten")
    NOT_STARTED = "not_started", _("Niet gestart")
    SITUATION = "situation", _("Situatie gewijzigd")
    INTAKE_SAVED = "intake_saved", _("Intake bijgewerkt")
    INTAKE_COMPLETED = "intake_completed", _("Intake afgerond")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Toestemming ingetrokken")
    CONSENT_ENDED = "consent_ended", _("Toestemming beëindigd")
    EVALUATION = "evaluation", _("Evaluatie")
    GOAL = "goal", _("Doel")
    MEETING = "meeting", _("Overleg")
    LOAD_PROFILE = "load_profile", _("Belastbaarheidsprofiel")
    PARTNER_NOTE = "partner_note", _("Notitie van partner")
    FOLLOW_UP = "follow_up", _("Opvolging na afsluiting")


STATUS_TIMELINE_KINDS = frozenset(
    {
        TimelineKind.REGISTERED,
        TimelineKind.ASSIGNED,
        TimelineKind.CONSENT,
        TimelineKind.PLAN,
        TimelineKind.CLOSED,
        TimelineKind.NOT_STARTED,
    }
)
