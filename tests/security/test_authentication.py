"""Issue 8: MFA, lockout, sessions, headers."""

import time

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def login(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": username, "password": password}, **extra)


def test_with_mfa_required_every_page_sends_a_user_without_mfa_to_set_it_up(
    client, settings, casemanager
):
    settings.MFA_REQUIRED = True
    client.force_login(casemanager)
    for path in ["/", "/casussen/", "/casussen/lijst/", "/aanmelding/school/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp"), path


def test_without_mfa_required_pages_open(client, casemanager):
    client.force_login(casemanager)
    assert client.get("/casussen/").status_code == 200


def test_login_with_totp_works_once_and_a_replayed_code_is_refused(client, settings, casemanager):
    settings.MFA_REQUIRED = True
    secret = generate_totp_secret()
    TOTP.activate(casemanager, secret)
    code = current_code(secret)

    response = login(client, "cm")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/casussen/").status_code == 200

    other = Client()
    login(other, "cm")
    response = other.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200  # form again, with an error
    assert other.get("/casussen/").status_code == 302


def test_login_rotates_the_session_key(client, casemanager):
    client.get(reverse("account_login"))
    client.session["probe"] = 1
    before = client.cookies.get("sessionid")
    login(client, "cm")
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after


def test_five_failures_lock_the_username_even_with_rotating_ip_and_user_agent(client, casemanager):
    for attempt in range(5):
        login(
            Client(),
            "cm",
            "fout-wachtwoord",
            HTTP_USER_AGENT=f"browser-{attempt}",
            REMOTE_ADDR=f"10.0.0.{attempt + 1}",
        )
    response = login(
        Client(), "cm", PASSWORD, HTTP_USER_AGENT="nog-een-browser", REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 429
    assert "geblokkeerd" in response.content.decode()


def test_changing_the_case_of_the_username_does_not_escape_the_lockout(client, casemanager):
    for attempt, username in enumerate(["cm", "CM", "Cm", " cM", "cm "]):
        login(Client(), username, "fout-wachtwoord", REMOTE_ADDR=f"10.0.1.{attempt + 1}")
    response = login(Client(), "cM", PASSWORD, REMOTE_ADDR="10.9.9.8")
    assert response.status_code == 429
    assert "geblokkeerd" in response.content.decode()


def test_four_failures_do_not_lock(client, casemanager):
    for attempt in range(4):
        login(Client(), "cm", "fout-wachtwoord", HTTP_USER_AGENT=f"b{attempt}")
    response = login(Client(), "cm")
    assert response.status_code == 302


def test_idle_session_expires(client, casemanager):
    login(client, "cm")
    assert client.get("/casussen/").status_code == 200
    session = Session.objects.get(session_key=client.cookies["sessionid"].value)
    from django.utils import timezone

    session.expire_date = timezone.now() - timezone.timedelta(seconds=1)
    session.save()
    response = client.get("/casussen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_session_idle_timeout_is_30_minutes_renewed_at_most_once_a_minute(
    client, casemanager, django_assert_num_queries
):
    """Issue 20: the session was written on every request. Its expiry is now renewed by at
    most one save a minute, so an idle session ends after 29 to 30 minutes, never later."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_RENEW_AFTER == 60
    start = time.time()
    with time_machine.travel(start, tick=False):
        login(client, "cm")
        client.get("/meldingen/bel/")
        key = client.cookies["sessionid"].value
        first_expiry = Session.objects.get(session_key=key).expire_date
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/meldingen/bel/").status_code == 200
        assert not [
            q
            for q in queries.captured_queries
            if "django_session" in q["sql"] and q["sql"].startswith("UPDATE")
        ]
    with time_machine.travel(start + 61, tick=False):
        assert client.get("/meldingen/bel/").status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert (renewed - first_expiry).total_seconds() >= 60
    with time_machine.travel(start + 61 + 30 * 60 + 1, tick=False):
        assert client.get("/casussen/").status_code == 302  # idle 30 minutes: logged out


def test_absolute_timeout_ends_a_12_hour_old_session(client, casemanager):
    login(client, "cm")
    session = client.session
    session["login_at"] = time.time() - 12 * 60 * 60 - 5
    session.save()
    response = client.get("/casussen/")
    assert response.status_code == 302
    assert client.get("/casussen/").status_code == 302


def test_logout_ends_every_session_of_the_user(casemanager):
    laptop, phone = Client(), Client()
    login(laptop, "cm")
    login(phone, "cm")
    assert phone.get("/casussen/").status_code == 200
    laptop.post(reverse("account_logout"))
    assert phone.get("/casussen/").status_code == 302


def test_password_change_ends_other_sessions(casemanager):
    laptop, phone = Client(), Client()
    login(laptop, "cm")
    login(phone, "cm")
    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "nieuw-geheim-wachtwoord-456",
            "password2": "nieuw-geheim-wachtwoord-456",
        },
    )
    assert response.status_code == 302
    assert phone.get("/casussen/").status_code == 302


@pytest.mark.parametrize(
    "path", ["/account/login/", "/casussen/", "/casussen/lijst/", "/aanmelding/school/"]
)
def test_every_html_response_has_a_strict_csp_without_unsafe_inline(client, casemanager, path):
    if path != "/account/login/":
        client.force_login(casemanager)
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in policy
    assert "'nonce-" in policy
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_with_case_data_are_not_stored(client, casemanager):
    client.force_login(casemanager)
    assert client.get("/casussen/")["Cache-Control"] == "no-store"
