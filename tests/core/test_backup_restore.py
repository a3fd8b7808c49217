"""Issue 17: the restore drill. Cases with consents (one with a signed form), access-log rows:
backed up with `manage.py backup`, restored with `manage.py restore` into a fresh database and
an empty folder, and found there whole."""

import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from psycopg import sql

from casework.access import log_access
from casework.models import AccessAction, AccessLogEntry
from consent.models import Consent, ConsentMethod
from core.postgres import connect_kwargs
from tests.consent.helpers import PDF_BYTES, record_complete_consent, record_consent, upload
from tests.factories import CaseFactory, GuardianFactory

# pg_dump reads the database over its own connection: the seeded rows must be committed.
pytestmark = pytest.mark.django_db(transaction=True)

QUERIES = {
    "cases": "SELECT id, reference, status FROM casework_case ORDER BY id",
    "consents": "SELECT id, case_id, version, method, signed_file, is_complete"
    " FROM consent_consent ORDER BY id",
    "access_log": "SELECT id, username, action, case_id, detail FROM casework_accesslogentry"
    " ORDER BY id",
}


@pytest.fixture
def restore_database():
    name = f"plusdossier_restore_{uuid.uuid4().hex[:12]}"
    yield name
    with psycopg.connect(**connect_kwargs("postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def seeded(school, casemanager):
    cases = [
        CaseFactory(school=school, casemanager=casemanager, awaiting_consent=True) for _ in range(3)
    ]
    GuardianFactory(student=cases[0].student)
    record_complete_consent(cases[0], casemanager)
    signed = record_consent(
        cases[1],
        casemanager,
        method=ConsentMethod.SIGNED_FORM,
        signed_file=upload(PDF_BYTES, name="scan van de ouders.pdf"),
    )
    for case in cases:
        log_access(None, user=casemanager, case=case, action=AccessAction.VIEW)
    log_access(None, user=casemanager, case=cases[1], action=AccessAction.DOWNLOAD, detail="form")
    return signed


def _rows(conn) -> dict[str, list[tuple]]:
    return {name: conn.execute(query).fetchall() for name, query in QUERIES.items()}


def test_a_backup_restores_into_a_fresh_database_with_the_same_rows_and_files(
    seeded, restore_database, tmp_path, settings
):
    with psycopg.connect(**connect_kwargs()) as conn:
        before = _rows(conn)
    assert len(before["cases"]) == 3
    assert len(before["consents"]) == 2
    # Ours and the consent service's own rows.
    assert len(before["access_log"]) >= 4
    original = settings.PRIVATE_MEDIA_ROOT / seeded.signed_file.name
    assert original.read_bytes() == PDF_BYTES

    call_command("backup", tmp_path / "backup")
    restored_files = tmp_path / "restored-files"
    call_command(
        "restore",
        tmp_path / "backup",
        database_name=restore_database,
        files_dir=restored_files,
    )

    with psycopg.connect(**connect_kwargs(restore_database)) as conn:
        assert _rows(conn) == before
        # The log's protection came along: the Protect trigger and the TRUNCATE trigger.
        triggers = {
            name
            for (name,) in conn.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'casework_accesslogentry'::regclass"
            )
        }
    assert {"access_log_no_truncate", "pgtrigger_access_log_append_only_af73a"} <= triggers
    assert (restored_files / seeded.signed_file.name).read_bytes() == PDF_BYTES
    assert sorted(p.relative_to(restored_files) for p in restored_files.rglob("*.pdf")) == [
        original.relative_to(settings.PRIVATE_MEDIA_ROOT)
    ]
    # The source is untouched.
    assert Consent.objects.count() == 2
    assert AccessLogEntry.objects.count() == len(before["access_log"])


def test_restore_refuses_a_database_or_folder_that_is_not_empty(seeded, restore_database, tmp_path):
    call_command("backup", tmp_path / "backup")
    call_command(
        "restore", tmp_path / "backup", database_name=restore_database, files_dir=tmp_path / "a"
    )
    with pytest.raises(CommandError, match="database .* is niet leeg"):
        call_command(
            "restore",
            tmp_path / "backup",
            database_name=restore_database,
            files_dir=tmp_path / "b",
        )
    with pytest.raises(CommandError, match="map .* is niet leeg"):
        call_command(
            "restore",
            tmp_path / "backup",
            database_name=restore_database,
            files_dir=tmp_path / "a",
        )


def test_a_damaged_backup_is_refused_before_anything_is_restored(
    seeded, restore_database, tmp_path
):
    call_command("backup", tmp_path / "backup")
    dump = tmp_path / "backup" / "database.dump"
    dump.write_bytes(dump.read_bytes()[:-10])
    with pytest.raises(CommandError, match="beschadigd"):
        call_command(
            "restore", tmp_path / "backup", database_name=restore_database, files_dir=tmp_path / "a"
        )
    with psycopg.connect(**connect_kwargs("postgres")) as conn:
        assert not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [restore_database]
        ).fetchone()
