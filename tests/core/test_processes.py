"""Process smoke test: gunicorn, a Celery worker and Celery beat as separate processes
against the test database and the broker of this run (Redis with REDIS_URL, else the
embedded mode's folder broker, as `make run` uses)."""

import pytest

from tests.processes import (
    BIN,
    free_port,
    health,
    queued_tasks,
    start,
    start_gunicorn,
    stop,
    wait_for,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_gunicorn_worker_and_beat_start_and_work_together(tmp_path):
    port = free_port()
    celery = str(BIN / "celery")
    procs = [
        start_gunicorn(tmp_path / "web.log", port, workers=2),
        start(
            [
                *(celery, "-A", "config", "worker", "-c", "1"),
                *("-Q", f"smoke{port}", "-n", f"smoke{port}@%h", "--loglevel=INFO"),
            ],
            tmp_path / "worker.log",
        ),
        start(
            [
                celery,
                "-A",
                "config",
                "beat",
                "--loglevel=INFO",
                "-s",
                str(tmp_path / "beat-schedule"),
            ],
            tmp_path / "beat.log",
        ),
    ]
    try:
        assert wait_for(lambda: (health(port) or {}).get("database") == "ok"), (
            tmp_path / "web.log"
        ).read_text()

        from config.celery import ping

        with queued_tasks():
            result = ping.apply_async(queue=f"smoke{port}")
            assert result.get(timeout=60) == "pong", (tmp_path / "worker.log").read_text()
        assert wait_for(lambda: "beat: Starting" in (tmp_path / "beat.log").read_text(), 30)
    finally:
        for proc in procs:
            stop(proc)
