"""Demo aanmeldingen for every case and intakes for cases from status intake onwards.

Encrypted answers cost a Fernet encryption each (about 50-250 µs here), so an intake fills
about a dozen short texts, and while seeding each distinct demo phrase is encrypted once and its
token reused (`_reuse_tokens`): still valid Fernet tokens, but equal phrases get equal
ciphertext, which is acceptable for made-up demo data only. Half of the cases in status intake
have a half-done intake.
"""

from contextlib import contextmanager
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from encrypted_fields.fields import EncryptedFieldMixin

from casework.constants import Route
from casework.workflow import Status

from .models import SIGNAL_FIELDS, Intake, Registration

REASONS = [
    "Angstklachten; komt sinds enkele weken niet meer in de klas.",
    "Oplopend verzuim, somber, trekt zich terug.",
    "Vastgelopen na pestincidenten; wil niet meer naar school.",
    "Overprikkeld in de grote groep; thuis veel conflicten.",
    "Schoolweigering na langdurige ziekte.",
]
WHERE = [
    "Op school, met ambulante begeleiding.",
    "Eerst deels thuis, daarna in een kleine groep op school.",
    "Bij een dagbehandeling met onderwijs.",
]
WHAT = [
    "Een opbouwrooster en een vaste begeleider.",
    "Jeugdhulp in de school en afstemming met leerplicht.",
    "Diagnostiek en een belastbaarheidsprofiel.",
]
EXIT = [
    "havo-diploma",
    "vmbo-tl diploma, daarna mbo",
    "mbo niveau 2",
    "vwo-diploma",
    "arbeidsmarkt",
]
SUPPORT_QUESTIONS = [
    "Hoe krijgen we de leerling weer volledig naar school?",
    "Welke ondersteuning is nodig om thuiszitten te voorkomen?",
    "Is de huidige school passend, of is een andere plek nodig?",
    "Hoe stemmen school, jeugdhulp en gezin de aanpak af?",
]
LEISURE = [
    "Gamen en tekenen.",
    "Voetbal, maar sinds kort niet meer.",
    "Veel op de kamer.",
    "Paardrijden.",
]
REASONING = [
    "Mist vrienden.",
    "Thuis is het rustig.",
    "Zorgen over school.",
    "Gaat beter sinds de zomer.",
]
VIEWS = [
    "Wil terug, maar niet naar de oude klas.",
    "Vindt dat school niet naar hem luistert.",
    "Schaamt zich voor het verzuim.",
    "Wil hulp bij de angst.",
]
DIAGNOSES = ["ASS", "ADHD", "angststoornis", "depressieve stoornis", "dyslexie"]
HOME = [
    "Ouders gescheiden, wisselende structuur.",
    "Moeder ziek geweest; weinig geld.",
    "Stabiel gezin, ouders betrokken.",
    "Veel ruzie thuis; jeugdhulp betrokken.",
]
SCHOOL_BACKGROUND = [
    "Verzuim begon na de overstap naar leerjaar 2.",
    "Pestincident in de brugklas.",
    "Cijfers gingen snel achteruit.",
]
OPP = ["Uitstroom haalbaar met aangepast rooster.", "OPP wordt bijgesteld na de intake."]

# Chance of "ja" per signal; about one in ten answers stays "onbekend".
SIGNAL_CHANCES = {
    "signal_anxiety": 0.6,
    "signal_withdrawn": 0.5,
    "signal_substance_use": 0.15,
    "signal_absence": 0.85,
    "signal_learning_problems": 0.4,
    "signal_bullying": 0.3,
    "signal_repeated_year": 0.35,
}


class _ReusingFernet:
    """Wraps a field's Fernet: one encryption per distinct plaintext (demo seeding only)."""

    def __init__(self, fernet):
        self._fernet = fernet
        self._tokens: dict[bytes, bytes] = {}

    def encrypt(self, data: bytes) -> bytes:
        token = self._tokens.get(data)
        if token is None:
            token = self._tokens[data] = self._fernet.encrypt(data)
        return token

    def decrypt(self, token, *args, **kwargs):
        return self._fernet.decrypt(token, *args, **kwargs)


@contextmanager
def _reuse_tokens(*models):
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedFieldMixin)
    ]
    saved = {field: field.__dict__.get("f") for field in fields}
    # Every encrypted field uses the same keys (core.encryption): one Fernet for all of them.
    shared = _ReusingFernet(fields[0].f) if fields else None
    for field in fields:
        field.__dict__["f"] = shared
    try:
        yield
    finally:
        for field, original in saved.items():
            if original is None:
                field.__dict__.pop("f", None)
            else:
                field.__dict__["f"] = original


def _moment(day, tz) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=tz)


def seed(ctx) -> None:
    with _reuse_tokens(Registration, Intake):
        _seed(ctx)


def _seed(ctx) -> None:
    rng = ctx.rng
    tz = ZoneInfo(settings.TIME_ZONE)
    cases = ctx.data.get("cases", [])

    registrations = []
    for case in cases:
        school = case.route == Route.SCHOOL
        registrations.append(
            Registration(
                case=case,
                support_needed=school or rng.random() < 0.7,
                support_reason=rng.choice(REASONS),
                support_what=rng.choice(WHAT),
                support_where=rng.choice(WHERE) if rng.random() < 0.5 else None,
                has_opp=school and rng.random() < 0.6,
                opp_exit_destination=rng.choice(EXIT) if school else "",
                parents_informed=True,
                submitted_by=case.registered_by,
                submitted_at=_moment(case.registered_on, tz),
            )
        )
    Registration.objects.bulk_create(registrations, batch_size=2000)

    intakes = []
    half_done = 0
    for case in cases:
        if case.status not in (Status.INTAKE, Status.PLAN_ACTIVE, Status.CLOSED):
            continue
        partial = case.status == Status.INTAKE and rng.random() < 0.5
        intake = Intake(
            case=case,
            support_question=rng.choice(SUPPORT_QUESTIONS),
            leisure=rng.choice(LEISURE),
            updated_by=case.casemanager,
            version=1 if partial else 2,
        )
        names = SIGNAL_FIELDS[:3] if partial else SIGNAL_FIELDS
        for name in names:
            roll = rng.random()
            setattr(intake, name, None if roll < 0.1 else roll < 0.1 + 0.9 * SIGNAL_CHANCES[name])
        if intake.signal_substance_use:
            intake.substance_gaming = rng.random() < 0.6
            intake.substance_drugs = rng.random() < 0.4
            intake.substance_alcohol = not (intake.substance_gaming or intake.substance_drugs)
        if partial:
            half_done += 1
        else:
            intake.happiness_score = rng.randint(2, 8)
            intake.happiness_reasoning = rng.choice(REASONING)
            intake.student_view = rng.choice(VIEWS)
            intake.school_background = rng.choice(SCHOOL_BACKGROUND)
            intake.home_factors = rng.choice(HOME)
            intake.has_diagnosis = rng.random() < 0.45
            if intake.has_diagnosis:
                intake.diagnosis_which = rng.choice(DIAGNOSES)
            intake.load_profile_needed = rng.random() < 0.3
            intake.opp_rationale = rng.choice(OPP) if rng.random() < 0.5 else None
            intake.completed_by = case.casemanager
            intake.completed_at = _moment(case.registered_on, tz)
        intakes.append(intake)
    Intake.objects.bulk_create(intakes, batch_size=2000)
    ctx.data.update(registrations=registrations, intakes=intakes)
    ctx.stdout.write(
        f"intake: {len(registrations)} aanmeldingen, {len(intakes)} intakes "
        f"({half_done} half ingevuld)."
    )
