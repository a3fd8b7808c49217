"""Issue 17, finding 3: with Redis down, logins work, agenda changes are not a 500, the access-log
row is written and the task waits in the outbox until Redis is back (and the "Also": the
visibility timeout fits the longest task).

Real parts: a redis-server of the test's own, gunicorn and a drain as separate processes."""

import json
import logging
import subprocess
import sys
from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from accounts.models import Role
from casework.constants import GuardianRole
from casework.models import AccessAction, AccessLogEntry
from core.cache import redis_cache_reset
from core.models import OutboxEntry
from core.outbox import outbox_enqueue
from meetings import services as meeting_services
from meetings.models import MeetingItem, MeetingKind
from tests.consent.helpers import record_consent
from tests.core.redis_server import RedisServer
from tests.factories import CaseFactory, GuardianFactory, StudentFactory, UserFactory
from tests.processes import (
    DEFAULT_HASHERS,
    Browser,
    free_port,
    health,
    start_gunicorn,
    stop,
    subprocess_env,
    wait_for,
)

PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    """The default cache on the test's own Redis, as config/settings.py sets it up."""
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    redis_cache_reset()
    yield redis_server
    redis_cache_reset()


def consented_case(school, casemanager):
    """An open case with valid consent (a pupil of 17 consents alone), so it may be discussed."""
    student = StudentFactory(birth_date=date(date.today().year - 17, 1, 1))
    GuardianFactory(student=student, role=GuardianRole.PARENT_WITH_CUSTODY)
    case = CaseFactory(
        school=school,
        casemanager=casemanager,
        registered_by=casemanager,
        student=student,
        awaiting_consent=True,
    )
    record_consent(case, casemanager)
    return case


# --------------------------------------------------------------------------- in-process


@pytest.mark.django_db
def test_login_works_with_the_cache_redis_stopped_and_says_so_in_the_log(
    client, casemanager, redis_cache, caplog
):
    assert cache.add("probe", 1) and redis_cache.cli("DBSIZE") == "1"  # really on that Redis
    redis_cache.stop()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        response = client.post(reverse("account_login"), {"login": "cm", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    assert client.get("/casussen/").status_code == 200
    assert any("Redis-cache onbereikbaar" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_the_cache_degrades_to_the_process_and_returns_to_redis_when_it_is_back(redis_cache):
    redis_cache.stop()
    assert cache.add("used-code", "y", timeout=30)
    assert not cache.add("used-code", "y", timeout=30)  # the replay guard holds in the process
    assert cache.get("used-code") == "y"

    redis_cache.start()
    redis_cache_reset()  # instead of waiting RETRY_AFTER seconds
    cache.set("shared", 1)
    assert redis_cache.cli("EXISTS", ":1:shared") == "1"


@pytest.mark.django_db
def test_an_outbox_row_commits_with_the_change_or_not_at_all(django_capture_on_commit_callbacks):
    from meetings.tasks import warm_meeting_bundle

    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_enqueue(warm_meeting_bundle, 1)
        raise RuntimeError("rolled back")
    assert not OutboxEntry.objects.exists()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        entry = outbox_enqueue(warm_meeting_bundle, 1)
    assert len(callbacks) == 1
    assert (entry.task_name, entry.args) == ("reports.tasks.warm_meeting_bundle", [1])


def test_the_beat_drains_the_outbox():
    from config.celery import app

    schedule = app.conf.beat_schedule["outbox-drain"]
    assert schedule["task"] == "core.tasks.drain_outbox"
    app.loader.import_default_modules()  # what a worker does at start
    assert "core.tasks.drain_outbox" in app.tasks


def test_the_redis_visibility_timeout_fits_the_longest_task():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from config.celery import app; "
        "print(s.CELERY_TASK_TIME_LIMIT, app.conf.broker_transport_options['visibility_timeout'])"
    )
    env = subprocess_env(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    time_limit, visibility = int(out[0]), int(out[1])
    assert time_limit < visibility <= time_limit + 5 * 60  # not kombu's default hour


# --------------------------------------------------------------------------- processes


@pytest.mark.django_db(transaction=True)
def test_with_redis_stopped_login_and_agenda_work_and_the_task_waits_for_the_drain(
    tmp_path, settings, redis_server, school, casemanager
):
    settings.PASSWORD_HASHERS = DEFAULT_HASHERS
    coordinator = UserFactory(username="coord", role=Role.COORDINATOR, region=school.region)
    case = consented_case(school, casemanager)
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=date(2026, 12, 3), place="Stadhuis"
    )
    OutboxEntry.objects.all().delete()  # consent and meeting queued nothing; be sure

    env = subprocess_env(REDIS_URL=redis_server.url)
    port = free_port()
    log_path = tmp_path / "web.log"
    web = start_gunicorn(log_path, port, env=env)
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        # Ready: the server answers and sees this Redis.
        assert wait_for(lambda: (health(port) or {}).get("redis") == "ok"), log_path.read_text()
        login_token = browser.csrf(reverse("account_login"))

        redis_server.stop()

        login = browser.request(
            reverse("account_login"),
            {"csrfmiddlewaretoken": login_token, "login": "coord", "password": PASSWORD},
        )
        assert login.status == 302, log_path.read_text()
        detail = reverse("meetings:meeting_detail", args=[meeting.pk])
        token = browser.csrf(detail)  # logged in: the meeting page opens
        agenda = browser.request(
            reverse("meetings:meeting_add_case", args=[meeting.pk]),
            {"csrfmiddlewaretoken": token, "cases": case.pk},
        )
        assert agenda.status == 302, log_path.read_text()
        print(f"Redis down: login {login.seconds:.2f} s, agenda {agenda.seconds:.2f} s")
    finally:
        stop(web)
    web_log = log_path.read_text()
    assert "Redis-cache onbereikbaar" in web_log
    assert "niet verstuurd, broker onbereikbaar" in web_log

    assert MeetingItem.objects.filter(meeting=meeting, case=case).exists()
    assert AccessLogEntry.objects.filter(
        case=case, user=coordinator, action=AccessAction.CHANGE
    ).exists()
    entry = OutboxEntry.objects.get()
    assert (entry.task_name, entry.args, entry.attempts) == (
        "reports.tasks.warm_meeting_bundle",
        [meeting.pk],
        1,
    )

    # Redis back (empty: nothing of the failed send reached it); the drain delivers the task.
    redis_server.start()
    assert redis_server.cli("LLEN", "celery") == "0"
    drained = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from core.outbox import outbox_drain; print('drained', outbox_drain())",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "drained 1" in drained.stdout, drained.stdout + drained.stderr
    assert not OutboxEntry.objects.exists()
    assert redis_server.cli("LLEN", "celery") == "1"
    message = json.loads(redis_server.cli("LINDEX", "celery", "0"))
    assert message["headers"]["task"] == "reports.tasks.warm_meeting_bundle"
    assert message["headers"]["argsrepr"] == f"[{meeting.pk}]"
