"""Issue 17: the access log is append-only against the app's own database role too.

The app role of `grant_app_role` connects like web, worker and beat do and tries every way
round the log's protection; the owner (the test's own role) shows that the same tricks work
without the role split, except TRUNCATE, which the statement trigger refuses."""

import uuid

import pgtrigger
import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import errors, sql

from casework.access import log_access
from casework.models import AccessAction, AccessLogEntry
from core.postgres import DatabaseOperationError, connect_kwargs, grant_app_role
from tests.factories import CaseFactory

# Committed rows and grants: the app role reads them over its own connection.
pytestmark = pytest.mark.django_db(transaction=True)

LOG = "casework_accesslogentry"


@pytest.fixture
def app_role():
    role = f"plusdossier_app_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**connect_kwargs(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
    yield role
    with psycopg.connect(**connect_kwargs(), autocommit=True) as conn:
        # DROP OWNED also revokes the role's grants in this database, so DROP ROLE may run.
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


@pytest.fixture
def logged(casemanager):
    case = CaseFactory(school__region=casemanager.region, casemanager=casemanager)
    entry = log_access(None, user=casemanager, case=case, action=AccessAction.VIEW)
    return case, entry


def _connect_as(role: str) -> psycopg.Connection:
    kwargs = connect_kwargs() | {"user": role}
    kwargs.pop("password", None)
    return psycopg.connect(**kwargs, autocommit=True)


def _pgtrigger_ignore_value() -> str:
    """What `pgtrigger.ignore("casework.AccessLogEntry:access_log_append_only")` puts in
    the setting: the table-qualified URI and the trigger's pgid (its function compares the
    pgid with TG_NAME)."""
    trigger = AccessLogEntry._meta.triggers[0]
    pgid = trigger.get_pgid(AccessLogEntry)
    return "{" + f"{LOG}:{pgid},{pgid}" + "}"


def _copy_row_sql(conn: psycopg.Connection) -> sql.Composed:
    """INSERT … SELECT of an existing log row (every column but id), so the test needs no
    list of the log's columns."""
    columns = [
        sql.Identifier(name)
        for (name,) in conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name <> 'id' ORDER BY ordinal_position",
            [LOG],
        )
    ]
    listed = sql.SQL(", ").join(columns)
    return sql.SQL("INSERT INTO {log} ({cols}) SELECT {cols} FROM {log} WHERE id = %s").format(
        log=sql.Identifier(LOG), cols=listed
    )


def test_the_app_role_cannot_change_empty_or_unprotect_the_access_log(app_role, logged):
    case, entry = logged
    call_command("grant_app_role", app_role)
    call_command("grant_app_role", app_role)  # idempotent: after every migrate

    with _connect_as(app_role) as conn:
        refused = {}
        for label, statement in {
            "TRUNCATE": f"TRUNCATE {LOG}",
            "UPDATE": f"UPDATE {LOG} SET detail = 'gewist'",
            "DELETE": f"DELETE FROM {LOG}",
            "DISABLE TRIGGER USER": f"ALTER TABLE {LOG} DISABLE TRIGGER USER",
            "DROP TRIGGER": f"DROP TRIGGER access_log_no_truncate ON {LOG}",
        }.items():
            with pytest.raises(errors.InsufficientPrivilege) as exc:
                conn.execute(statement)
            refused[label] = exc.value.sqlstate
        with pytest.raises(errors.InsufficientPrivilege), conn.transaction():
            conn.execute(
                "SELECT set_config('pgtrigger.ignore', %s, true)", [_pgtrigger_ignore_value()]
            )
            conn.execute(f"UPDATE {LOG} SET detail = 'gewist' WHERE id = %s", [entry.pk])
        assert set(refused.values()) == {"42501"}, refused

        inserted = conn.execute(_copy_row_sql(conn) + sql.SQL(" RETURNING id"), [entry.pk])
        assert inserted.fetchone()[0] > entry.pk
        assert conn.execute(f"SELECT count(*) FROM {LOG}").fetchone()[0] == 2
        # Normal work on the other tables.
        assert conn.execute(
            "SELECT reference FROM casework_case WHERE id = %s", [case.pk]
        ).fetchone() == (case.reference,)
        updated = conn.execute(
            "UPDATE casework_case SET updated_at = now() WHERE id = %s", [case.pk]
        )
        assert updated.rowcount == 1

    entry.refresh_from_db()
    assert entry.detail == ""
    assert AccessLogEntry.objects.count() == 2


@pytest.fixture
def owner_role():
    """A second role made by the test: a plain (not superuser) owner of the access log, as the
    migrate role of production is; the table goes back to its owner afterwards."""
    role = f"plusdossier_owner_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**connect_kwargs(), autocommit=True) as conn:
        (original,) = conn.execute(
            "SELECT tableowner FROM pg_tables WHERE tablename = %s", [LOG]
        ).fetchone()
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER").format(sql.Identifier(role)))
        conn.execute(
            sql.SQL("ALTER TABLE {} OWNER TO {}").format(sql.Identifier(LOG), sql.Identifier(role))
        )
    yield role
    with psycopg.connect(**connect_kwargs(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("ALTER TABLE {} OWNER TO {}").format(
                sql.Identifier(LOG), sql.Identifier(original)
            )
        )
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_the_owner_can_bypass_update_and_delete_protection_but_not_truncate(owner_role, logged):
    """Why production needs the role split: as the table's owner (a plain role, not a
    superuser), pgtrigger's ignore setting (in the exact form pgtrigger.ignore uses) and
    DISABLE TRIGGER get round the Protect trigger; only the TRUNCATE trigger holds (the test
    database has it off, see conftest.py, so the owner turns it on first)."""
    _case, entry = logged
    with _connect_as(owner_role) as conn:
        assert conn.execute(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone() == (False,)
        with conn.transaction(force_rollback=True):
            conn.execute(
                "SELECT set_config('pgtrigger.ignore', %s, true)", [_pgtrigger_ignore_value()]
            )
            changed = conn.execute(f"UPDATE {LOG} SET detail = 'gewist' WHERE id = %s", [entry.pk])
            assert changed.rowcount == 1
        with conn.transaction(force_rollback=True):
            conn.execute(f"ALTER TABLE {LOG} DISABLE TRIGGER USER")
            assert conn.execute(f"DELETE FROM {LOG} WHERE id = %s", [entry.pk]).rowcount == 1
        with conn.transaction(force_rollback=True):
            conn.execute(f"ALTER TABLE {LOG} ENABLE TRIGGER access_log_no_truncate")
            with pytest.raises(errors.RaiseException, match="append-only: TRUNCATE is refused"):
                conn.execute(f"TRUNCATE {LOG}")
    assert AccessLogEntry.objects.filter(pk=entry.pk, detail="").exists()


def test_the_migration_installs_the_truncate_trigger_for_every_statement():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgtype FROM pg_trigger WHERE tgname = 'access_log_no_truncate'"
            " AND tgrelid = %s::regclass",
            [LOG],
        )
        (tgtype,) = cursor.fetchone()
    # TRIGGER_TYPE_BEFORE (2) | TRIGGER_TYPE_TRUNCATE (32); no ROW bit (1): per statement.
    assert tgtype == 2 | 32


def test_the_grant_step_refuses_the_owner_role():
    with pytest.raises(DatabaseOperationError, match="superuser|eigenaar"):
        grant_app_role(connection.settings_dict["USER"])


def test_the_grant_step_names_a_missing_role():
    with pytest.raises(DatabaseOperationError, match="bestaat niet"):
        grant_app_role(f"plusdossier_missing_{uuid.uuid4().hex[:8]}")


def test_pgtrigger_is_what_the_ignore_value_was_read_from():
    """Guard against a pgtrigger upgrade changing the format the test relies on."""
    with pgtrigger.ignore("casework.AccessLogEntry:access_log_append_only"):
        from pgtrigger import runtime

        assert "{" + ",".join(sorted(runtime._ignore.value)) + "}" == _pgtrigger_ignore_value()
