"""Personas: the case's casemanager, the region's coördinator, the school's
gedragsdeskundige, and outsiders from another school and another region."""

import pytest

from accounts.models import Role
from tests.factories import CaseFactory, RegionFactory, SchoolFactory, UserFactory

PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as migrated, but with the access log's TRUNCATE guard (core migration
    0001) off: pytest-django empties every table with one TRUNCATE after each transactional
    test. tests/core/test_app_role.py turns it on where it proves the guard."""
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("ALTER TABLE casework_accesslogentry DISABLE TRIGGER access_log_no_truncate")
    yield
    # A process a test started (gunicorn, a Celery worker, the restore) can hold a session a
    # moment after it stopped, and the test database is only dropped without one.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing a test user's password with PBKDF2 takes ~1 s on a loaded 2-core machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def region(db):
    return RegionFactory(name="Taskforce Veendam", code="VD")


@pytest.fixture
def school(region):
    return SchoolFactory(region=region, name="Dollard College", brin="20AB")


@pytest.fixture
def casemanager(region):
    return UserFactory(username="cm", role=Role.CASEMANAGER, region=region)


@pytest.fixture
def coordinator(region):
    return UserFactory(username="coord", role=Role.COORDINATOR, region=region)


@pytest.fixture
def behavioural_expert(school):
    return UserFactory(
        username="gedrag", role=Role.BEHAVIOURAL_EXPERT, region=school.region, school=school
    )


@pytest.fixture
def administrator(region):
    return UserFactory(
        username="admin", role=Role.ADMINISTRATOR, region=region, is_staff=True, is_superuser=True
    )


@pytest.fixture
def other_school_expert(region):
    """A gedragsdeskundige of another school in the same region."""
    other = SchoolFactory(region=region, name="Winkler Prins", brin="21CD")
    return UserFactory(
        username="gedrag-ander", role=Role.BEHAVIOURAL_EXPERT, region=region, school=other
    )


@pytest.fixture
def other_region_casemanager(db):
    return UserFactory(
        username="cm-elders", role=Role.CASEMANAGER, region=RegionFactory(name="Elders", code="EL")
    )


@pytest.fixture
def case(school, casemanager):
    return CaseFactory(school=school, casemanager=casemanager, awaiting_consent=True)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
