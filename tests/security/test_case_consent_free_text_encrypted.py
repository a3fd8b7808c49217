"""core.encryption's policy for casework and consent: the case's closing agreements, the
timeline's texts, the consent's reason for a missing signature and its note on withdrawal are
encrypted at rest, in their table and (case, consent) in their history copy. The raw
PostgreSQL column never holds the clear text, the model reads it back, and the history
columns have the types of the tracked ones so the triggers still copy them."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from casework.constants import Outcome
from casework.models import Case, CaseEvent, TimelineEntry
from casework.services import case_close, timeline_add
from casework.workflow import Status
from consent.models import Consent, ConsentEvent, ConsentMethod
from consent.services import consent_record, consent_withdraw
from core.encryption import (
    EncryptedCharField,
    EncryptedTextField,
    encrypt_in_place,
    history_update_triggers,
)
from history.selectors import EVENT_MODELS
from tests.factories import CaseFactory, GuardianFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ENCRYPTED = {
    Case: ["closing_agreements"],
    TimelineEntry: ["text"],
    Consent: ["missing_representative_reason", "end_note"],
}
HISTORY = {Case: CaseEvent, Consent: ConsentEvent}  # the timeline has no history
# Text fields in these apps that are not about a pupil (see the policy in core.encryption).
NOT_ABOUT_THE_PUPIL = {("casework", "Region", "municipalities")}


def _raw(table: str, column: str, pk_column: str, pk: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE "{pk_column}" = %s', [pk])
        return cursor.fetchone()[0]


def _types(table: str) -> dict[str, tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type, character_maximum_length "
            "FROM information_schema.columns WHERE table_name = %s",
            [table],
        )
        return {name: (kind, length) for name, kind, length in cursor.fetchall()}


@pytest.fixture
def consent(school, casemanager):
    case = CaseFactory(school=school, casemanager=casemanager, awaiting_consent=True)
    return Consent.objects.create(
        case=case,
        given_on=timezone.localdate(),
        method=ConsentMethod.CONVERSATION,
        recorded_by=casemanager,
    )


def test_the_policy_covers_every_free_text_field_of_casework_and_consent():
    unencrypted = []
    for app_label in ("casework", "consent"):
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.concrete_fields:
                encrypted = isinstance(field, EncryptedTextField | EncryptedCharField)
                # pghistory's own columns of the event models (the label) say nothing of the pupil.
                if field.name == "pgh_label":
                    continue
                if isinstance(field, models.TextField) and not encrypted:
                    unencrypted.append((app_label, model.__name__, field.name))
    assert set(unencrypted) == NOT_ABOUT_THE_PUPIL
    for model, names in ENCRYPTED.items():
        for name in names:
            field = model._meta.get_field(name)
            assert isinstance(field, EncryptedTextField), (model, name)
            if model in HISTORY:
                assert type(HISTORY[model]._meta.get_field(name)) is type(field), (model, name)
    assert not any(e.pgh_tracked_model is TimelineEntry for e in EVENT_MODELS)


def test_the_migrations_rewrite_exactly_these_columns():
    def columns(module):
        return importlib.import_module(module).COLUMNS

    casework = columns("casework.migrations.0006_encrypt_free_text")
    consent = importlib.import_module("consent.migrations.0003_encrypt_free_text")
    history = columns("quality.migrations.0008_encrypt_case_and_consent_history")
    tables = {**casework, consent.TABLE: consent.COLUMNS}
    assert tables == {m._meta.db_table: names for m, names in ENCRYPTED.items()}
    # quality's history tables of then (their rows are now in the event models' tables).
    assert history == {f"quality_{e._meta.model_name}": ENCRYPTED[m] for m, e in HISTORY.items()}


def test_free_text_is_encrypted_in_the_table_and_in_its_history(case, consent):
    entry = timeline_add(case=case, by=None, kind="situation", text="x")
    rows = {Case: case, TimelineEntry: entry, Consent: consent}
    checked = 0
    for model, names in ENCRYPTED.items():
        obj = rows[model]
        clear = {name: f"Geheim over de leerling {model.__name__}.{name}" for name in names}
        model.objects.filter(pk=obj.pk).update(**clear)  # one statement: one history row
        stored = model.objects.get(pk=obj.pk)
        event_model = HISTORY.get(model)
        event = None
        if event_model is not None:
            event = event_model.objects.filter(pgh_obj_id=obj.pk).order_by("-pgh_id").first()
            assert event is not None and event.pgh_label == "update", model
        for name, text in clear.items():
            column = model._meta.get_field(name).column
            raw = _raw(model._meta.db_table, column, "id", obj.pk)
            assert raw and "Geheim" not in raw, (model, name)
            assert getattr(stored, name) == text
            if event is not None:
                raw_history = _raw(event_model._meta.db_table, column, "pgh_id", event.pgh_id)
                assert raw_history and "Geheim" not in raw_history, (model, name)
                assert getattr(event, name) == text
            checked += 1
    assert checked == 4


def test_the_services_store_ciphertext(school, casemanager, behavioural_expert, region):
    """Through the real flow: a consent without the father's signature and a reason, its
    withdrawal with a note (on the timeline too), and the case closed with agreements."""
    case = CaseFactory(
        school=school,
        casemanager=casemanager,
        registered_by=behavioural_expert,
        awaiting_consent=True,
    )
    student = case.student
    student.birth_date = timezone.localdate() - timedelta(days=365 * 10)
    student.save()
    mother = GuardianFactory(student=student, name="Anna de Vries")
    GuardianFactory(student=student, name="Bert de Vries")
    recorded = consent_record(
        case=case,
        by=casemanager,
        given_on=timezone.localdate(),
        method=ConsentMethod.CONVERSATION,
        organisations=[OrganisationFactory(region=region)],
        representative_1=mother,
        missing_representative_reason="Vader zit in de gevangenis.",
    )
    assert recorded.is_complete
    consent_withdraw(
        case=case, by=casemanager, withdrawn_on=timezone.localdate(), reason="Moeder is boos."
    )
    case.refresh_from_db()
    case_close(
        case=case,
        by=casemanager,
        outcome=Outcome.BACK_AT_SCHOOL,
        agreements="Moeder belt wekelijks.",
    )

    raw = _raw("consent_consent", "missing_representative_reason", "id", recorded.pk)
    assert "gevangenis" not in raw
    assert "boos" not in _raw("consent_consent", "end_note", "id", recorded.pk)
    stored = Consent.objects.get(pk=recorded.pk)
    assert stored.missing_representative_reason == "Vader zit in de gevangenis."
    assert stored.end_note == "Moeder is boos."
    assert "wekelijks" not in _raw("casework_case", "closing_agreements", "id", case.pk)
    closed = Case.objects.get(pk=case.pk)
    assert closed.status == Status.CLOSED
    assert closed.closing_agreements == "Moeder belt wekelijks."
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM casework_timelineentry WHERE case_id = %s", [case.pk])
        raw_texts = [row[0] for row in cursor.fetchall()]
    assert raw_texts and not any("boos" in t or "Toestemming" in t for t in raw_texts)
    assert any("Moeder is boos" in e.text for e in TimelineEntry.objects.filter(case=case))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT end_note, missing_representative_reason FROM consent_consentevent "
            "WHERE pgh_obj_id = %s",
            [recorded.pk],
        )
        history = [value for row in cursor.fetchall() for value in row if value]
        cursor.execute(
            "SELECT closing_agreements FROM casework_caseevent WHERE pgh_obj_id = %s", [case.pk]
        )
        history += [row[0] for row in cursor.fetchall() if row[0]]
    assert history and not any(
        "boos" in v or "gevangenis" in v or "wekelijks" in v for v in history
    )


def test_an_empty_text_stays_empty_and_filterable(case):
    Case.objects.filter(pk=case.pk).update(closing_agreements="")
    assert _raw("casework_case", "closing_agreements", "id", case.pk) == ""
    assert Case.objects.get(pk=case.pk).closing_agreements == ""
    assert not Case.objects.filter(pk=case.pk).exclude(closing_agreements="").exists()


def test_history_columns_have_the_types_of_the_tracked_columns(db):
    for model, event_model in HISTORY.items():
        tracked, history = _types(model._meta.db_table), _types(event_model._meta.db_table)
        for name in ENCRYPTED[model]:
            column = model._meta.get_field(name).column
            assert tracked[column] == history[column] == ("text", None), (model, name)


def test_the_data_migration_encrypts_clear_rows_once_and_records_no_history(case, consent):
    events = CaseEvent.objects.filter(pgh_obj_id=case.pk)
    with connection.cursor() as cursor:  # rows from before the migration: clear text
        cursor.execute(
            "UPDATE casework_case SET closing_agreements = %s WHERE id = %s",
            ["Oude afspraak in klare taal", case.pk],
        )
        cursor.execute(
            "UPDATE consent_consent SET end_note = %s WHERE id = %s",
            ["Oude toelichting", consent.pk],
        )
    entry = timeline_add(case=case, by=None, kind="situation", text="x")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE casework_timelineentry SET text = %s WHERE id = %s",
            ["Oude notitie", entry.pk],
        )
    before = events.count()
    consent_events = ConsentEvent.objects.filter(pgh_obj_id=consent.pk).count()
    for table, columns in (
        ("casework_case", ["closing_agreements"]),
        ("consent_consent", ["missing_representative_reason", "end_note"]),
        ("casework_timelineentry", ["text"]),
    ):
        assert encrypt_in_place(
            connection, table, columns, ignore_triggers=history_update_triggers(table)
        )
        assert encrypt_in_place(connection, table, columns) == 0  # idempotent
    assert "klare taal" not in _raw("casework_case", "closing_agreements", "id", case.pk)
    assert Case.objects.get(pk=case.pk).closing_agreements == "Oude afspraak in klare taal"
    assert "Oude" not in _raw("consent_consent", "end_note", "id", consent.pk)
    assert Consent.objects.get(pk=consent.pk).end_note == "Oude toelichting"
    assert "Oude" not in _raw("casework_timelineentry", "text", "id", entry.pk)
    assert TimelineEntry.objects.get(pk=entry.pk).text == "Oude notitie"
    assert events.count() == before  # the rewrite is no change anyone made
    assert ConsentEvent.objects.filter(pgh_obj_id=consent.pk).count() == consent_events


def test_the_demo_copy_of_consents_and_timeline_encrypts(case):
    from consent.demo import _insert

    _insert(
        TimelineEntry,
        [
            {
                "case_id": case.pk,
                "at": timezone.now(),
                "user_id": None,
                "kind": "consent",
                "text": "Geheime demotekst",
            }
        ],
    )
    entry = TimelineEntry.objects.filter(case=case, kind="consent").get()
    assert "Geheim" not in _raw("casework_timelineentry", "text", "id", entry.pk)
    assert entry.text == "Geheime demotekst"
