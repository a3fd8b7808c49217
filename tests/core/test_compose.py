"""The full stack's docker-compose.yml: there is no Docker engine on our machines, so its
structure is checked here (and `docker compose config` runs where the plugin exists)."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"
LONG_RUNNING = {"db", "redis", "web", "worker", "beat"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_every_long_running_service_has_a_healthcheck(compose):
    services = compose["services"]
    assert LONG_RUNNING | {"migrate"} == set(services)
    for name in LONG_RUNNING:
        assert services[name]["healthcheck"]["test"], name


def test_migrations_run_once_before_web_worker_and_beat(compose):
    services = compose["services"]
    assert services["migrate"]["command"] == [
        "sh",
        "-c",
        "python manage.py migrate --noinput && python manage.py grant_app_role plusdossier_app"
        " --create",
    ]
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }


def test_migrate_runs_as_the_owner_and_the_app_as_its_own_role(compose):
    """Issue 17: the app's role may only INSERT and SELECT on the access log."""
    services = compose["services"]
    assert services["migrate"]["environment"]["DATABASE_URL"].startswith("postgres://plusdossier:")
    for name in ("web", "worker", "beat"):
        assert services[name]["environment"]["DATABASE_URL"].startswith(
            "postgres://plusdossier_app:"
        ), name


def test_the_app_runs_in_production_mode_on_postgresql_and_redis(compose):
    environment = compose["services"]["web"]["environment"]
    assert environment["PRODUCTION"] == "true"
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["REDIS_URL"].startswith("redis://")
    # The healthcheck calls localhost, which ALLOWED_HOSTS therefore always holds.
    assert "localhost:8000/healthz" in " ".join(compose["services"]["web"]["healthcheck"]["test"])
    assert environment["ALLOWED_HOSTS"].endswith(",localhost")
    assert "gunicorn" in (COMPOSE.parent / "Dockerfile").read_text()


@pytest.mark.skipif(
    not shutil.which("docker")
    or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0,
    reason="no docker compose plugin on this machine",
)
def test_docker_compose_config_parses():
    result = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "config", "--quiet"],
        capture_output=True,
        text=True,
        env={"SECRET_KEY": "x" * 64, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
