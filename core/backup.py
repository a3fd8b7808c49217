"""Backup and restore: the database (pg_dump, custom format) and the uploaded files
(PRIVATE_MEDIA_ROOT, a tar), in one folder with a manifest (README, "Operations").

The row counts in the manifest are taken in the snapshot that pg_dump dumps, so `restore`
can check that every table came back whole; the checksums prove the two files unchanged.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.conf import settings
from psycopg import sql

from .postgres import (
    DatabaseOperationError,
    client_binary,
    client_command,
    connect_kwargs,
    server_major,
)

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
FILES_FILE = "files.tar"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _table_counts(conn: psycopg.Connection) -> dict[str, int]:
    tables = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
    ).fetchall()
    return {
        table: conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()[0]
        for (table,) in tables
    }


def _run(command: list, env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise DatabaseOperationError(
            f"{Path(command[0]).name} mislukt ({result.returncode}): {result.stderr.strip()}"
        )


def backup(directory: Path, *, media_root: Path | None = None) -> dict:
    """Write the database of the settings and the files under `media_root` (default
    PRIVATE_MEDIA_ROOT) to `directory`, which must not hold a backup yet. Returns the
    manifest."""
    media_root = Path(media_root or settings.PRIVATE_MEDIA_ROOT)
    directory.mkdir(parents=True, exist_ok=True)
    if (directory / MANIFEST).exists():
        raise DatabaseOperationError(f"In {directory} staat al een backup.")
    kwargs = connect_kwargs()
    with psycopg.connect(**kwargs) as conn:
        # One snapshot for the counts and the dump: pg_dump --snapshot reads exactly what
        # this transaction sees, while it stays open.
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        counts = _table_counts(conn)
        major = server_major(conn)
        pg_dump, pg_dump_major = client_binary("pg_dump", at_least=major)
        conninfo, env = client_command(kwargs)
        _run(
            [
                pg_dump,
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={directory / DATABASE_FILE}",
                f"--dbname={conninfo}",
            ],
            env,
        )
        conn.rollback()

    files = 0
    with tarfile.open(directory / FILES_FILE, "w") as tar:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=path.relative_to(media_root).as_posix())
                    files += 1

    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": kwargs["dbname"],
        "server_major": major,
        "pg_dump_major": pg_dump_major,
        "tables": counts,
        "files": files,
        "sha256": {name: _sha256(directory / name) for name in (DATABASE_FILE, FILES_FILE)},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _database_is_empty(kwargs: dict) -> bool:
    with psycopg.connect(**kwargs) as conn:
        return not conn.execute(
            "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' LIMIT 1"
        ).fetchone()


def restore(directory: Path, *, database: str, media_root: Path) -> dict:
    """Restore the backup in `directory` into the database `database` on the server of the
    settings (created when it does not exist; an existing one must be empty) and its files
    into `media_root` (missing or empty). Checks the checksums before and the row counts of
    every table after. Returns the manifest.

    The restored objects belong to the restoring role and carry no grants: run
    `grant_app_role` against the restored database before the app uses it.
    """
    manifest = json.loads((directory / MANIFEST).read_text())
    for name, expected in manifest["sha256"].items():
        if _sha256(directory / name) != expected:
            raise DatabaseOperationError(f"{directory / name} is beschadigd (checksum klopt niet).")
    if media_root.exists() and any(media_root.iterdir()):
        raise DatabaseOperationError(f"De map {media_root} is niet leeg.")

    with psycopg.connect(**connect_kwargs("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if exists.fetchone() is None:
            # template0: nothing an administrator added to template1 gets in the way.
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(database))
            )
        major = server_major(conn)
    target = connect_kwargs(database)
    if not _database_is_empty(target):
        raise DatabaseOperationError(f"De database {database} is niet leeg.")

    pg_restore, _ = client_binary(
        "pg_restore", at_least=max(major, manifest.get("pg_dump_major", major))
    )
    conninfo, env = client_command(target)
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={conninfo}",
            directory / DATABASE_FILE,
        ],
        env,
    )
    with psycopg.connect(**target) as conn:
        counts = _table_counts(conn)
    if counts != manifest["tables"]:
        different = sorted(
            table
            for table in set(counts) | set(manifest["tables"])
            if counts.get(table) != manifest["tables"].get(table)
        )
        raise DatabaseOperationError(
            f"Na het terugzetten wijken de aantallen rijen af in: {', '.join(different)}."
        )

    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / FILES_FILE) as tar:
        # filter="data": no absolute paths, no "..", no links out of the folder.
        tar.extractall(media_root, filter="data")
    return manifest
