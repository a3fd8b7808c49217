"""Other processes of the stack (gunicorn, Celery worker and beat, a settings check) started by
tests: they use the test database of this run, on whichever server it lives."""

import os
import signal
import subprocess
from contextlib import contextmanager

from django.db import connection


def subprocess_env(**extra: str) -> dict:
    """This environment, pointed at the test database: a host name as URL, the embedded
    server's socket folder as PGHOST (libpq's own variable; a URL cannot hold a path)."""
    db = connection.settings_dict
    env = dict(os.environ)
    if db["HOST"].startswith("/"):
        env["DATABASE_URL"] = f"postgres://{db['USER']}@/{db['NAME']}"
        env["PGHOST"] = db["HOST"]
    else:
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env["CELERY_TASK_ALWAYS_EAGER"] = "false"
    env.update(extra)
    return env


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM the process group (a worker's children too); SIGKILL after 20 s."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@contextmanager
def queued_tasks():
    """Send tasks to the broker from this process, for a worker to run (without REDIS_URL the
    tests otherwise run them in-process)."""
    from config.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        app.conf.task_always_eager = eager
