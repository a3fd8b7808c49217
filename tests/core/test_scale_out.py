"""Issue 20: scale-out. Two gunicorn processes on two ports stand for two web replicas behind a
load balancer: whatever a person's requests need is shared, nothing is kept per process. The
session is in the database; uploads, the plan PDF cache and meeting bundles are files under one
PRIVATE_MEDIA_ROOT (the shared volume); allauth's rate limits are in the shared cache (the
database, or Redis with REDIS_URL). Each test starts on A and finishes on B."""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account import app_settings as allauth_settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from casework.models import Organisation
from consent.models import Consent, ConsentMethod
from meetings import services as meeting_services
from meetings.bundle import bundle_path
from meetings.models import BundleJob, MeetingKind
from tests.consent.helpers import PDF_BYTES, upload
from tests.factories import UserFactory
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
from tests.reports.conftest import make_plan_case

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "geheim-wachtwoord-123"


@dataclass
class Site:
    a: str
    b: str
    media: Path
    log_paths: tuple[Path, Path]

    def logs(self) -> str:
        return "\n".join(f"--- {path.name}\n{path.read_text()}" for path in self.log_paths)


@pytest.fixture(scope="module")
def replicas(django_db_setup, tmp_path_factory):
    """Two gunicorns (one worker each) on the test database and one media folder, configured
    as bench/load.py runs the site: no production transport rules, no second step."""
    folder = tmp_path_factory.mktemp("scale-out")
    env = subprocess_env(
        PRIVATE_MEDIA_ROOT=str(folder / "private"),
        PRODUCTION="false",
        MFA_REQUIRED="false",
        DEBUG="false",
        # No Celery worker here: the bundle is made in the request that asks for it, by A.
        CELERY_TASK_ALWAYS_EAGER="true",
    )
    ports = free_port(), free_port()
    assert ports[0] != ports[1]
    log_paths = (folder / "a.log", folder / "b.log")
    procs = [
        start_gunicorn(log, port, env=env, args=("--timeout", "120"))
        for log, port in zip(log_paths, ports, strict=True)
    ]
    site = Site(*(f"http://127.0.0.1:{port}" for port in ports), folder / "private", log_paths)
    try:
        assert wait_for(lambda: all(health(port) for port in ports)), site.logs()
        yield site
    finally:
        for proc in procs:
            stop(proc)


@pytest.fixture
def site(replicas, settings):
    """The replicas, with this process reading the same media folder and the cache emptied
    (the rate limits below count every login of the minute)."""
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = replicas.media
    cache.clear()
    yield replicas
    cache.clear()


@pytest.fixture
def coordinator(site, settings, school):
    """The region's coördinator, with a password the replicas can check."""
    settings.PASSWORD_HASHERS = DEFAULT_HASHERS
    return UserFactory(username="coord", role=Role.COORDINATOR, region=school.region)


@pytest.fixture
def plan_case(school, casemanager):
    return make_plan_case(school, casemanager)


def logged_in_on_a_and_b(site: Site) -> tuple[Browser, Browser]:
    a = Browser(site.a)
    assert a.log_in("coord", PASSWORD).status == 302, site.logs()
    return a, Browser(site.b, cookies_of=a)


def test_a_login_on_a_is_a_session_b_accepts_and_a_logout_on_b_ends_it_on_a(
    site, coordinator, plan_case
):
    a, b = logged_in_on_a_and_b(site)
    case_page = reverse("casework:case_detail", args=[plan_case.pk])
    assert a.request(case_page).status == 200

    on_b = b.request(case_page)  # B never saw the login, only A's cookie
    assert on_b.status == 200, site.logs()
    assert plan_case.reference in on_b.text

    logout = b.request(reverse("account_logout"), {"csrfmiddlewaretoken": b.csrf(case_page)})
    assert logout.status == 302
    assert a.cookie("sessionid") is not None  # A's browser still sends the old session cookie
    again = a.request(case_page)
    assert again.status == 302
    assert again.headers["Location"].startswith(reverse("account_login"))


def test_a_file_uploaded_through_a_downloads_byte_identical_through_b(site, coordinator, plan_case):
    a, b = logged_in_on_a_and_b(site)
    partner = Organisation.objects.get(region=plan_case.region, name="Leerplicht Veendam")
    consent_page = reverse("consent:consent_detail", args=[plan_case.pk])
    form = {
        "csrfmiddlewaretoken": a.csrf(consent_page),
        "given_on": timezone.localdate().isoformat(),
        "method": ConsentMethod.SIGNED_FORM,
        "legal_basis": "consent",
        "organisations": [partner.pk],
        "youth_consented": "on",  # the pupil is 17
        "signed_file": upload(PDF_BYTES, name="scan.pdf"),
    }
    recorded = a.request(reverse("consent:consent_create", args=[plan_case.pk]), form, files=True)
    assert recorded.status == 302, recorded.text
    consent = Consent.objects.exclude(signed_file="").get(case=plan_case)
    assert Path(consent.signed_file.path).read_bytes() == PDF_BYTES  # in the shared folder

    download = b.request(reverse("consent:consent_file", args=[plan_case.pk, consent.pk]))
    assert download.status == 200, site.logs()
    assert download.content == PDF_BYTES


def test_a_plan_pdf_rendered_by_a_is_served_by_b_from_the_shared_cache(
    site, coordinator, plan_case
):
    a, b = logged_in_on_a_and_b(site)
    plan = plan_case.plans.get(current=True)
    pdf_page = reverse("reports:case_pdf", args=[plan_case.pk, "plan"])

    rendered = a.request(pdf_page)
    assert rendered.status == 200, site.logs()
    assert rendered.content.startswith(b"%PDF-")
    cached = list((site.media / "pdf-cache").glob(f"plan-{plan.pk}-ua-*.pdf"))
    assert len(cached) == 1 and cached[0].read_bytes() == rendered.content

    # WeasyPrint renders the same bytes on B, so equal bytes would prove nothing: another PDF
    # in A's cache entry shows whether B reads it or renders its own.
    cached[0].write_bytes(PDF_BYTES)
    served = b.request(pdf_page)
    assert served.status == 200, site.logs()
    assert served.content == PDF_BYTES


def test_a_meeting_bundle_asked_for_on_a_downloads_from_b(site, coordinator, plan_case):
    meeting = meeting_services.meeting_create(
        by=coordinator,
        kind=MeetingKind.BIWEEKLY,
        date=timezone.localdate() + timedelta(days=7),
        place="Stadhuis",
    )
    meeting_services.meeting_add_case(meeting=meeting, case=plan_case, by=coordinator)
    a, b = logged_in_on_a_and_b(site)
    meeting_page = reverse("meetings:meeting_detail", args=[meeting.pk])

    asked = a.request(
        reverse("meetings:meeting_bundle", args=[meeting.pk]),
        {"csrfmiddlewaretoken": a.csrf(meeting_page)},
    )
    assert asked.status == 302, site.logs()
    job = BundleJob.objects.get(meeting=meeting)
    assert job.ready, site.logs()  # made by A's process

    download = b.request(reverse("meetings:meeting_bundle_download", args=[meeting.pk, job.pk]))
    assert download.status == 200, site.logs()
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.content == bundle_path(job).read_bytes()


def test_login_attempts_on_a_and_b_count_against_one_limit(site):
    """allauth allows 30 login posts a minute from one address: on the two replicas together,
    not 30 on each (a cache of each process would let all 31 below through)."""
    limit = int(allauth_settings.RATE_LIMITS["login"].split("/")[0])
    login = reverse("account_login")
    browsers = [Browser(site.a), Browser(site.b)]
    tokens = [browser.csrf(login) for browser in browsers]  # GETs do not count
    statuses = []
    for attempt in range(limit + 1):  # alternately on A and B; empty: no password checked
        n = attempt % 2
        form = {"csrfmiddlewaretoken": tokens[n], "login": "", "password": ""}
        response = browsers[n].request(login, form)
        statuses.append(response.status)
    assert statuses == [200] * limit + [429], site.logs()
    assert "Te veel pogingen" in response.text  # the Dutch page, not allauth's English one
