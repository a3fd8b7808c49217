"""Issue 16: moving the history from quality's hand-made tables onto pghistory's event models
loses nothing. The database goes back to the migrations of commit 49fbd86 (the hand-made
triggers and tables), gets a dossier with insert, update and delete events of every tracked
model, and goes forward again: every count stays and the events read back through the new
event models. The meetings moved on to their own app afterwards (issue 16, meetings 0001
renames their tables): their rows and events are counted under the old and the new names and
read back through the meetings app's models."""

import pghistory
import pytest
from django.db import connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from casework.models import AccessLogEntry, Case, CaseEvent
from consent.models import Consent, ConsentEvent
from evaluations.models import BuildUpWeek, Plan, PlanEvent
from history.selectors import EVENT_MODELS as ALL_EVENT_MODELS
from history.selectors import TRACKED as ALL_TRACKED
from meetings.models import (
    Meeting,
    MeetingAction,
    MeetingActionEvent,
    MeetingItem,
    MeetingItemEvent,
)
from tests.evaluations.conftest import active_case, intake_case, older_student  # noqa: F401
from tests.evaluations.test_free_text_encrypted import dossier  # noqa: F401
from tests.intake.factories import IntakeFactory

# Each worker of pytest-xdist has its own test database, so going back and forth is private.
pytestmark = pytest.mark.django_db(transaction=True)

# The latest migrations of the involved apps at commit 49fbd86.
BEFORE = [
    ("casework", "0007_timeline_kind_choices"),
    ("intake", "0003_encrypt_opp_exit_destination"),
    ("consent", "0003_encrypt_free_text"),
    ("evaluations", "0002_encrypt_free_text"),
    ("quality", "0008_encrypt_case_and_consent_history"),
]
# Tracked models that came after commit 49fbd86 (issue 21: the opbouwschema): no table then.
LATER = {BuildUpWeek}
TRACKED = {model: event for model, event in ALL_TRACKED.items() if model not in LATER}
EVENT_MODELS = tuple(event for event in ALL_EVENT_MODELS if event.pgh_tracked_model not in LATER)
EXCLUDED = {"created_at", "updated_at", "bsn", "bsn_digest", "pseudonym", "signed_file_type"}


def _old_table(model) -> str:
    """The model's table at commit 49fbd86: the meetings were still evaluations'."""
    if model._meta.app_label == "meetings":
        return f"evaluations_{model._meta.model_name}"
    return model._meta.db_table


def _migrate(targets=None) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


# Where the first plain column would break a check constraint (or is empty).
CHANGES = {
    "intake_registration": "UPDATE intake_registration SET submitted_at = submitted_at + '1 minute'",
    "consent_consent": "UPDATE consent_consent SET version = version + 100",
    "intake_intake": "UPDATE intake_intake SET version = version + 1",
}


def _change(model) -> str:
    """An UPDATE that changes one plain tracked column of every row of the model's table."""
    table = model._meta.db_table
    if table in CHANGES:
        return CHANGES[table]
    for fld in model._meta.concrete_fields:
        plain = type(fld) is models.CharField and not (fld.choices or fld.unique)
        if plain and fld.name not in EXCLUDED:
            col, size = fld.column, fld.max_length
            return f'UPDATE "{table}" SET "{col}" = left("{col}" || \'x\', {size})'
    for fld in model._meta.concrete_fields:
        number = isinstance(fld, models.IntegerField) and not isinstance(fld, models.AutoField)
        if number and not fld.unique:
            return f'UPDATE "{table}" SET "{fld.column}" = "{fld.column}" + 1'
    flags = [f for f in model._meta.concrete_fields if type(f) is models.BooleanField]
    if flags:  # the last: the first is more often one a constraint ties to other fields
        return f'UPDATE "{table}" SET "{flags[-1].column}" = NOT "{flags[-1].column}"'
    raise AssertionError(f"no column to change in {table}")


def _old_history(cursor) -> None:
    """With the hand-made triggers: every tracked row deleted and inserted again (in one
    transaction: the foreign keys are checked at commit) and then changed."""
    with transaction.atomic():
        for model in TRACKED:
            table = _old_table(model)
            cursor.execute(f'CREATE TEMP TABLE "keep_{table}" AS SELECT * FROM "{table}"')
            cursor.execute(f'DELETE FROM "{table}"')
        for model in TRACKED:
            table = _old_table(model)
            cursor.execute(f'INSERT INTO "{table}" SELECT * FROM "keep_{table}"')
            cursor.execute(f'DROP TABLE "keep_{table}"')
            cursor.execute(_change(model).replace(model._meta.db_table, table))


def _counts(cursor, tables, *, old: bool = False) -> dict:
    """Rows per table, keyed by the table's name now; `old`: counted under its 49fbd86 name."""
    counts = {}
    for table in tables:
        name = table if isinstance(table, str) else table._meta.db_table
        old_name = _old_table(table) if old and not isinstance(table, str) else name
        cursor.execute(f'SELECT count(*) FROM "{old_name}"')
        counts[name] = cursor.fetchone()[0]
    return counts


def _events(cursor, table) -> list[tuple]:
    cursor.execute(
        f'SELECT pgh_id, pgh_label, pgh_obj_id, pgh_context_id, pgh_created_at FROM "{table}" '
        "ORDER BY pgh_id"
    )
    return cursor.fetchall()


def test_the_move_to_pghistorys_event_models_keeps_every_row(
    dossier,  # noqa: F811
    login,
    casemanager,
):
    IntakeFactory(case=dossier)
    login(casemanager).get(reverse("casework:case_detail", args=[dossier.pk]))
    data_tables = [
        Case,
        Consent,
        Plan,
        AccessLogEntry,
        Meeting,
        MeetingItem,
        MeetingAction,
        "pghistory_context",
    ]
    try:
        _migrate(BEFORE)
        with connection.cursor() as cursor:
            with pghistory.context(user=casemanager.pk):
                _old_history(cursor)
            old = {e: f"quality_{e._meta.model_name}" for e in EVENT_MODELS}
            before = _counts(cursor, data_tables, old=True)
            events_before = {e: _events(cursor, table) for e, table in old.items()}
            cursor.execute(
                "SELECT pgh_obj_id, closing_agreements FROM quality_caseevent "
                "WHERE pgh_label = 'update'"
            )
            (case_id, stored_agreements), *_ = cursor.fetchall()
        labels = {e.__name__: {row[1] for row in rows} for e, rows in events_before.items()}
        assert labels == {e.__name__: {"insert", "update", "delete"} for e in EVENT_MODELS}
        assert before["pghistory_context"] > 0 and before["casework_accesslogentry"] > 0
        assert before["meetings_meetingitem"] > 0 and before["meetings_meetingaction"] > 0

        _migrate()

        with connection.cursor() as cursor:
            assert _counts(cursor, data_tables) == before
            for event_model, rows in events_before.items():
                assert _events(cursor, event_model._meta.db_table) == rows, event_model
            cursor.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'quality_%%event'")
            assert cursor.fetchone()[0] == 0
        # Read back through the new models: the values, an encrypted one still encrypted.
        event = CaseEvent.objects.filter(pgh_obj_id=case_id, pgh_label="update").get()
        assert event.pgh_context.metadata["user"] == casemanager.pk
        assert event.closing_agreements == Case.objects.get(pk=case_id).closing_agreements
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT closing_agreements FROM casework_caseevent WHERE pgh_id = %s",
                [event.pgh_id],
            )
            assert cursor.fetchone()[0] == stored_agreements
        consent = ConsentEvent.objects.filter(pgh_label="insert").latest("pgh_id")
        assert consent.case_id == dossier.pk
        assert PlanEvent.objects.filter(case_id=dossier.pk, pgh_label="update").exists()
        item = MeetingItem.objects.get(case=dossier)
        assert item.minutes and item.meeting == Meeting.objects.get()
        item_event = MeetingItemEvent.objects.filter(pgh_obj=item, pgh_label="update").get()
        assert item_event.minutes == item.minutes  # decrypted through the new event model
        action = MeetingAction.objects.get(item=item)
        assert MeetingActionEvent.objects.filter(pgh_obj=action, pgh_label="insert").exists()
        # The triggers work on the renamed tables.
        MeetingItem.objects.filter(pk=item.pk).update(position=item.position + 1)
        assert MeetingItemEvent.objects.filter(pgh_obj=item).latest("pgh_id").position == (
            item.position + 1
        )
        # New writes get new ids after the copied ones.
        Case.objects.filter(pk=dossier.pk).update(case_direction_by="Leerplicht")
        latest = CaseEvent.objects.latest("pgh_id")
        assert latest.pgh_id > max(row[0] for row in events_before[CaseEvent])
    finally:
        _migrate()
