"""Demo consents: every demo case past 'wacht op toestemming' has one.

intake / plan actief: a consent in force (a few withdrawn since); afgesloten: ended on the
closing date; aangemeld / wacht op toestemming / niet gestart: none. Bulk inserts, and the
partners covered are linked with one INSERT … SELECT. None shares the intake with partners
until `finish` (after the other apps) picks one case the demo partner reads.
"""

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from casework.constants import CUSTODY_ROLES
from casework.models import Guardian, TimelineEntry
from casework.workflow import Status
from core.encryption import EncryptedTextField

from .models import Consent, ConsentMethod, EndReason, LegalBasis
from .rules import YOUTH_ALONE_FROM, age_on, consent_missing

# A tiny real PDF shared by the demo's "signed form" consents (one file, not thousands).
DEMO_FILE = "toestemming/demo/voorbeeld-ondertekend.pdf"
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
WITHDRAWN_SHARE = 0.04
SIGNED_FORM_SHARE = 0.3
WITHDRAWAL_NOTES = [
    "Moeder belde: wil niet dat er nog informatie gedeeld wordt.",
    "Jongere trekt toestemming in na gesprek met mentor.",
    "Ouders per brief: toestemming ingetrokken.",
]


@dataclass(frozen=True)
class _Guardian:
    pk: int
    name: str = ""
    has_custody: bool = True


def _ensure_demo_file() -> None:
    from django.core.files.base import ContentFile

    from .uploads import private_storage

    storage = private_storage()
    if not storage.exists(DEMO_FILE):
        storage.save(DEMO_FILE, ContentFile(DEMO_PDF))


def seed(ctx) -> None:
    rng, today = ctx.rng, ctx.today
    cases = [
        case
        for case in ctx.data.get("cases", [])
        if case.status in (Status.INTAKE, Status.PLAN_ACTIVE, Status.CLOSED)
    ]
    if not cases:
        return
    users = ctx.data.get("users", {})
    custody = defaultdict(list)
    for student_id, guardian_id in Guardian.objects.filter(role__in=CUSTODY_ROLES).values_list(
        "student_id", "id"
    ):
        custody[student_id].append(_Guardian(guardian_id))

    now = timezone.now()
    recorders = {}
    consents, timeline = [], []
    for case in cases:
        recorder = case.casemanager or users.get("coordinator")
        recorders[case.pk] = recorder
        latest = min(today, case.closed_on) if case.closed_on else today
        given_on = min(case.registered_on + timedelta(days=rng.randint(2, 21)), latest)
        age = age_on(case.student.birth_date, given_on)
        guardians = custody[case.student_id][:2]
        representatives = guardians if age < YOUTH_ALONE_FROM else []
        missing = consent_missing(
            birth_date=case.student.birth_date,
            given_on=given_on,
            guardians=guardians,
            representatives=representatives,
            youth_consented=True,
            missing_representative_reason="",
        )
        signed = rng.random() < SIGNED_FORM_SHARE
        ended_on, end_reason, end_note, withdrawn_by = None, "", "", None
        if case.status == Status.CLOSED:
            ended_on, end_reason = max(case.closed_on or today, given_on), EndReason.CASE_CLOSED
        elif rng.random() < WITHDRAWN_SHARE:
            ended_on = min(today, given_on + timedelta(days=rng.randint(1, 60)))
            end_reason, end_note = EndReason.WITHDRAWN, rng.choice(WITHDRAWAL_NOTES)
            withdrawn_by = recorder.pk
        consents.append(
            {
                "created_at": now,
                "updated_at": now,
                "case_id": case.pk,
                "version": 1,
                "representative_1_id": representatives[0].pk if representatives else None,
                "representative_2_id": representatives[1].pk if len(representatives) > 1 else None,
                "youth_consented": True,
                "missing_representative_reason": "",
                "given_on": given_on,
                "method": ConsentMethod.SIGNED_FORM if signed else ConsentMethod.CONVERSATION,
                "recorded_by_id": recorder.pk,
                "legal_basis": LegalBasis.CONSENT,
                "shares_intake": False,
                "signed_file": DEMO_FILE if signed else "",
                "signed_file_type": "application/pdf" if signed else "",
                "is_complete": not missing,
                "missing": missing,
                "ended_on": ended_on,
                "end_reason": end_reason,
                "end_note": end_note,
                "withdrawn_by_id": withdrawn_by,
            }
        )
        timeline.append(
            {
                "case_id": case.pk,
                "at": now,
                "user_id": recorder.pk,
                "kind": "consent",
                "text": f"Toestemming vastgelegd (versie 1, {given_on:%d-%m-%Y}, demo).",
            }
        )
    if any(row["signed_file"] for row in consents):
        _ensure_demo_file()
    first_id = (Consent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    _insert(Consent, consents, json_fields={"missing"})
    _insert(TimelineEntry, timeline)
    _cover_region_partners(first_id)


DEMO_PARTNER = "partner"  # casework.demo's leerplicht login


def finish(ctx) -> None:
    """Make the intake sharing visible: the consent of one case the demo partner reads (an
    open case with an intake whose plan names the partner's organisation, see followups.demo)
    also shares the intake. Runs after every app's seed, when the betrokkenen exist."""
    from accounts.models import User
    from casework.models import Case

    partner = User.objects.filter(username=DEMO_PARTNER).first()
    if partner is None:
        return
    case = (
        Case.objects.visible_to(partner)
        .filter(intake__isnull=False)
        .order_by("pk")
        .only("pk", "reference")
        .first()
    )
    if case is None:
        return
    Consent.objects.valid().filter(case=case).update(shares_intake=True)
    ctx.stdout.write(
        f"toestemming: bij {case.reference} deelt de toestemming ook de intake; "
        f"{DEMO_PARTNER} leest daar de intake."
    )


def _insert(model, rows: list[dict], json_fields: frozenset | set = frozenset()) -> None:
    """Insert plain rows with COPY (about 5x faster than bulk_create for 100 000 rows)."""
    if not rows:
        return
    columns = list(rows[0])
    fields = [model._meta.get_field(c.removesuffix("_id")) for c in columns]
    names = ", ".join(f.column for f in fields)
    # COPY bypasses the fields: the free text about the pupil is encrypted here
    # (core.encryption's policy), as a save would.
    encrypted = {
        c: f for c, f in zip(columns, fields, strict=True) if isinstance(f, EncryptedTextField)
    }

    def value(row, c):
        if c in json_fields:
            return json.dumps(row[c])
        if c in encrypted:
            return encrypted[c].get_db_prep_save(row[c], connection)
        return row[c]

    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor, for COPY
        with raw.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([value(row, c) for c in columns])


def _cover_region_partners(first_id: int) -> None:
    """Each new consent covers its region's partners on the consent form (one statement)."""
    through = Consent.organisations.through._meta.db_table
    consent = Consent._meta.db_table
    case = Consent._meta.get_field("case").related_model._meta.db_table
    organisation = Consent.organisations.field.related_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {through} (consent_id, organisation_id)
            SELECT c.id, o.id
            FROM {consent} c
            JOIN {case} k ON k.id = c.case_id
            JOIN {organisation} o ON o.region_id = k.region_id AND o.on_consent_form
            WHERE c.id >= %s
            """,  # noqa: S608 -- table names come from the models, the value is a parameter
            [first_id],
        )
