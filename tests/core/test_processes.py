"""Process smoke test: gunicorn, a Celery worker and Celery beat as separate processes
against the test database and the broker of this run (Redis with REDIS_URL, else the
embedded mode's folder broker, as `make run` uses)."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.processes import queued_tasks, stop, subprocess_env

pytestmark = pytest.mark.django_db(transaction=True)

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args, tmp_path, name):
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed by _stop
    proc = subprocess.Popen(
        args, env=subprocess_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    return proc, log


def _stop(proc, log):
    stop(proc)
    log.close()


def _wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_gunicorn_worker_and_beat_start_and_work_together(tmp_path):
    port = _free_port()
    procs = [
        _start(
            [str(BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
            tmp_path,
            "web",
        ),
        _start(
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "-c",
                "1",
                "-Q",
                f"smoke{port}",
                "-n",
                f"smoke{port}@%h",
                "--loglevel=INFO",
            ],
            tmp_path,
            "worker",
        ),
        _start(
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "beat",
                "--loglevel=INFO",
                "-s",
                str(tmp_path / "beat-schedule"),
            ],
            tmp_path,
            "beat",
        ),
    ]
    try:

        def healthy():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    return r.status == 200 and b'"database": "ok"' in r.read()
            except OSError:
                return False

        assert _wait_for(healthy), (tmp_path / "web.log").read_text()

        from config.celery import ping

        with queued_tasks():
            result = ping.apply_async(queue=f"smoke{port}")
            assert result.get(timeout=60) == "pong", (tmp_path / "worker.log").read_text()
        assert _wait_for(lambda: "beat: Starting" in (tmp_path / "beat.log").read_text(), 30)
    finally:
        for proc, log in procs:
            _stop(proc, log)
