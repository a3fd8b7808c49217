"""A real Celery worker (2 processes) against the real Redis and PostgreSQL: the daily task
sent twice, one after the other and at the same moment, delivers each reminder once."""

import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest

from notifications.models import Notification, NotificationKind
from tests.factories import CaseFactory
from tests.notifications.factories import EvaluationFactory, PlanFactory
from tests.processes import queued_tasks, stop, subprocess_env

pytestmark = pytest.mark.django_db(transaction=True)

BIN = Path(sys.executable).parent


@pytest.fixture
def worker(tmp_path):
    queue = f"notifications-test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "-Q",
            queue,
            "-c",
            "2",
            "-n",
            f"{queue}@%h",
            "--loglevel=INFO",
        ],
        env=subprocess_env(
            EMAIL_URL=f"filemail:///{mail_dir}",  # four slashes: an absolute path
            SITE_URL="https://plusdossier.example.nl",
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        with queued_tasks():
            yield queue, mail_dir, tmp_path / "worker.log"
    finally:
        stop(proc)
        log.close()


def _mails(mail_dir: Path) -> list[str]:
    """Subjects of every message the worker's file backend wrote."""
    subjects = []
    for path in mail_dir.glob("*.log"):
        for line in path.read_text().splitlines():
            if line.startswith("Subject: "):
                subjects.append(line)
    return subjects


def _to(mail_dir: Path) -> list[str]:
    return sorted(
        line
        for path in mail_dir.glob("*.log")
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    )


def test_a_real_worker_delivers_each_reminder_exactly_once(
    worker, school, casemanager, coordinator
):
    from notifications.tasks import send_daily_reminders

    queue, mail_dir, log = worker
    exceeded = CaseFactory(school=school, casemanager=casemanager, absent_since=date(2026, 1, 10))

    def run(day: str):
        return send_daily_reminders.apply_async(args=[day], queue=queue)

    try:
        # One after the other: the second run inserts and sends nothing.
        first = run("2026-04-20").get(timeout=90)
        second = run("2026-04-20").get(timeout=90)
    except Exception:  # pragma: no cover - show the worker's side
        print(log.read_text())
        raise
    assert first["clock_exceeded"] == 2 and first["emailed"] == 2
    assert second["inserted"] == 0 and second["emailed"] == 0
    assert len(_mails(mail_dir)) == 2

    # At the same moment, on the worker's two processes: a new evaluation reminder.
    plan = PlanFactory(case=exceeded)
    EvaluationFactory(plan=plan, due_on=date(2026, 4, 25))
    pending = [run("2026-04-21"), run("2026-04-21")]
    results = [r.get(timeout=90) for r in pending]
    assert sum(r["evaluation_due"] for r in results) == 1
    assert sum(r["emailed"] for r in results) == 1
    assert sorted(r["inserted"] for r in results) == [0, 1]

    assert Notification.objects.count() == 3
    assert Notification.objects.filter(kind=NotificationKind.EVALUATION_DUE).count() == 1
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    subjects = _mails(mail_dir)
    assert len(subjects) == 3
    assert _to(mail_dir) == ["To: cm@example.nl", "To: cm@example.nl", "To: coord@example.nl"]
    assert "Traceback" not in log.read_text()
