import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Role
from casework.models import Case, Guardian, Student
from tests.factories import UserFactory
from tests.processes import subprocess_env

pytestmark = pytest.mark.django_db


def test_the_tests_run_on_the_postgresql_server_the_mode_names(settings):
    """Without DATABASE_URL: the embedded server of .embedded/postgres (PostgreSQL 18), on its
    Unix socket only, so no other server of the machine took part; with it: that server."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('data_directory'), current_setting('listen_addresses'), "
            "current_setting('server_version_num')::int, inet_server_addr()"
        )
        data_directory, listen_addresses, version, server_address = cursor.fetchone()
    assert list(settings.DATABASES) == ["default"]
    if "DATABASE_URL" in os.environ:
        assert not settings.EMBEDDED_DATABASE
        assert connection.settings_dict["HOST"] == urlsplit(os.environ["DATABASE_URL"]).hostname
        return
    assert settings.EMBEDDED_DATABASE
    embedded_data = (settings.BASE_DIR / ".embedded" / "postgres").resolve()
    assert Path(data_directory) == embedded_data
    assert listen_addresses == "" and server_address is None  # a socket, no TCP port
    assert version >= 180000
    assert Path(connection.settings_dict["HOST"]).exists()


@pytest.mark.parametrize(
    ("role", "start_url"),
    [
        (Role.CASEMANAGER, "/casussen/"),
        (Role.COORDINATOR, "/casussen/"),
        (Role.BEHAVIOURAL_EXPERT, "/aanmelding/school/"),
        (Role.ADMINISTRATOR, "/beheer/"),
    ],
)
def test_each_role_logs_in_and_lands_on_its_own_start_page(client, region, school, role, start_url):
    user = UserFactory(
        username=f"u-{role}",
        role=role,
        region=region,
        school=school if role == Role.BEHAVIOURAL_EXPERT else None,
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
    )
    response = client.post(
        reverse("account_login"),
        {"login": user.username, "password": "geheim-wachtwoord-123"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == start_url
    assert response.wsgi_request.user == user


def test_wrong_password_shows_a_dutch_error_and_keeps_the_username(client, casemanager):
    response = client.post(reverse("account_login"), {"login": "cm", "password": "fout"})
    assert response.status_code == 200
    assert "gebruikersnaam en/of wachtwoord zijn incorrect" in response.content.decode()
    assert 'value="cm"' in response.content.decode()


def _all_paths():
    """Every URL pattern of our own apps, with 1 for each argument."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in {"admin"} or "account" in str(pattern.pattern):
                    continue
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                for converter in ("<int:pk>", "<int:case_pk>", "<int:id>"):
                    route = route.replace(converter, "1")
                if "<" in route or route.startswith("^"):
                    # other converters: fill each with 1
                    import re

                    route = re.sub(r"<[^>]+>", "1", route)
                yield "/" + route

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_page_sends_an_anonymous_visitor_to_login(client):
    # /account/email/ is not found for anyone (tests/accounts/test_email_page.py).
    public = ("/healthz", "/account/email/")
    paths = [
        p for p in _all_paths() if p not in public and not p.startswith(("/enquete/", "/kalender/"))
    ]
    assert len(paths) >= 3
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/account/login/"), path


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    from core import views

    monkeypatch.setattr(views, "_database_ok", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_seed_demo_twice_gives_the_same_counts():
    call_command("seed_demo", cases=40, seed=7, stdout=StringIO())
    counts = (Case.objects.count(), Student.objects.count(), Guardian.objects.count())
    call_command("seed_demo", cases=40, seed=7, stdout=StringIO())
    assert counts[0] == 40
    assert (Case.objects.count(), Student.objects.count(), Guardian.objects.count()) == counts


def test_seed_demo_makes_every_status_and_every_role():
    call_command("seed_demo", cases=200, seed=3, stdout=StringIO())
    assert set(Case.objects.values_list("status", flat=True).distinct()) >= {
        "registered",
        "awaiting_consent",
        "intake",
        "plan_active",
        "closed",
        "not_started",
    }
    from accounts.models import User

    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)


def _run_settings_check(extra_env, code: str = ""):
    env = {k: v for k, v in subprocess_env().items() if k not in ("SECRET_KEY",)}
    env.update(extra_env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings'); django.setup()\n"
            + code,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_refuse_a_missing_secret_key():
    result = _run_settings_check({"PRODUCTION": "true"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_start_with_a_real_secret_key():
    result = _run_settings_check({"PRODUCTION": "true", "SECRET_KEY": "x" * 64})
    assert result.returncode == 0, result.stderr


def test_empty_values_copied_from_env_example_keep_production_safe():
    """`MFA_REQUIRED=`, `DEBUG=true` or `BSN_HASH_KEY=` in a copied .env cannot switch off
    MFA, turn on DEBUG or leave the BSN hash without a key in production."""
    result = _run_settings_check(
        {
            "PRODUCTION": "true",
            "SECRET_KEY": "x" * 64,
            "DEBUG": "true",
            "MFA_REQUIRED": "",
            "BSN_HASH_KEY": "",
            "CELERY_TASK_ALWAYS_EAGER": "",
            "REDIS_URL": "",
        },
        "from django.conf import settings as s\n"
        "print(s.DEBUG, s.MFA_REQUIRED, bool(s.BSN_HASH_KEY), s.CELERY_TASK_ALWAYS_EAGER)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True"]


def test_secret_key_fallbacks_come_from_the_environment():
    result = _run_settings_check(
        {"SECRET_KEY": "nieuw" * 12, "SECRET_KEY_FALLBACKS": "oud" * 20},
        "from django.conf import settings as s\nprint(s.SECRET_KEY_FALLBACKS == ['oud' * 20])",
    )
    assert result.stdout.strip() == "True", result.stderr


def test_pages_are_dutch(client, casemanager):
    client.force_login(casemanager)
    response = client.get("/casussen/")
    assert '<html lang="nl">' in response.content.decode()
    assert "Naar de inhoud" in response.content.decode()
