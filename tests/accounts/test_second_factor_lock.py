"""Issue 17, finding 1: wrong second-step codes lock the step per user, whatever the session
or IP address: 5 wrong codes, then 15 minutes in which even the right code is refused."""

import logging
import time
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import SecondFactorFailure, SecondFactorOutcome
from accounts.services import second_factor_locked_until

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"
LOCKED = "geblokkeerd tot"


def code_at(secret: str, moment: float) -> str:
    return format_hotp_value(hotp_value(secret, int(moment) // 30))


def wrong_code(secret: str) -> str:
    """A code that is not valid now, nor in the periods beside now."""
    now = time.time()
    valid = {code_at(secret, now + shift) for shift in (-30, 0, 30)}
    candidate = 0
    while f"{candidate:06d}" in valid:
        candidate += 1
    return f"{candidate:06d}"


def new_session(number: int) -> Client:
    """A fresh browser from another IP address, past the password step."""
    client = Client(REMOTE_ADDR=f"10.1.0.{number}", HTTP_USER_AGENT=f"browser-{number}")
    response = client.post(reverse("account_login"), {"login": "cm", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    return client


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # allauth remembers used TOTP codes there


@pytest.fixture
def secret(casemanager) -> str:
    secret = generate_totp_secret()
    TOTP.activate(casemanager, secret)
    return secret


def test_31_tries_lock_the_second_step_after_5_wrong_codes_even_for_the_right_code(
    casemanager, secret, caplog
):
    caplog.set_level(logging.WARNING, logger="accounts.services")
    responses = []
    # 30 wrong codes, each in a new session from its own IP address and browser.
    for number in range(30):
        client = new_session(number)
        responses.append(client.post(reverse("mfa_authenticate"), {"code": wrong_code(secret)}))
    # Try 31: the right code, from a seventh, new session.
    client = new_session(99)
    right = client.post(reverse("mfa_authenticate"), {"code": code_at(secret, time.time())})
    responses.append(right)

    assert len(responses) == 31
    assert all(response.status_code == 200 for response in responses)
    bodies = [response.content.decode() for response in responses]
    assert not any(LOCKED in body for body in bodies[:4])
    assert all(LOCKED in body for body in bodies[4:])
    assert "ook een juiste code wordt tot dan geweigerd" in bodies[30]
    assert client.get("/casussen/").status_code == 302  # not logged in

    failures = SecondFactorFailure.objects.filter(user=casemanager).order_by("at", "id")
    assert [f.outcome for f in failures] == [SecondFactorOutcome.WRONG_CODE] * 5 + [
        SecondFactorOutcome.REFUSED
    ] * 26
    assert [f.ip_address for f in failures[:5]] == [f"10.1.0.{n}" for n in range(5)]
    assert failures.last().ip_address == "10.1.0.99"

    refused = [r for r in caplog.records if r.getMessage().startswith("Tweestapscode geweigerd")]
    assert len(refused) == 31
    assert all(r.levelno == logging.WARNING and "gebruiker cm" in r.getMessage() for r in refused)
    locks = [r for r in caplog.records if r.getMessage().startswith("Tweede inlogstap geblokkeerd")]
    assert len(locks) == 1


def test_the_lock_ends_after_15_minutes_and_the_right_code_then_logs_in(casemanager, secret):
    client = new_session(1)
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": wrong_code(secret)})
    until = second_factor_locked_until(user=casemanager)
    assert until is not None
    assert timedelta(minutes=14) < until - timezone.now() <= timedelta(minutes=15)

    with time_machine.travel(until + timedelta(seconds=1), tick=True):
        client = new_session(2)
        response = client.post(reverse("mfa_authenticate"), {"code": code_at(secret, time.time())})
        assert response.status_code == 302
        assert client.get("/casussen/").status_code == 200


def test_four_wrong_codes_do_not_lock_and_a_right_code_resets_the_count(casemanager, secret):
    client = new_session(1)
    for _ in range(4):
        client.post(reverse("mfa_authenticate"), {"code": wrong_code(secret)})
    response = client.post(reverse("mfa_authenticate"), {"code": code_at(secret, time.time())})
    assert response.status_code == 302

    # Four more wrong codes after the good login: still open.
    client = new_session(2)
    for _ in range(4):
        response = client.post(reverse("mfa_authenticate"), {"code": wrong_code(secret)})
    assert LOCKED not in response.content.decode()
    assert second_factor_locked_until(user=casemanager) is None


def test_the_lock_is_per_user(casemanager, coordinator, secret):
    client = new_session(1)
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": wrong_code(secret)})
    assert second_factor_locked_until(user=casemanager) is not None
    assert second_factor_locked_until(user=coordinator) is None


def test_reauthentication_codes_count_towards_the_same_lock(client, casemanager, secret):
    client.force_login(casemanager)
    for _ in range(5):
        response = client.post(reverse("mfa_reauthenticate"), {"code": wrong_code(secret)})
    assert LOCKED in response.content.decode()
    assert second_factor_locked_until(user=casemanager) is not None


def test_wrong_codes_older_than_15_minutes_no_longer_count(casemanager):
    old = timezone.now() - timedelta(minutes=15, seconds=1)
    SecondFactorFailure.objects.bulk_create(
        SecondFactorFailure(user=casemanager, at=old, outcome=SecondFactorOutcome.WRONG_CODE)
        for _ in range(5)
    )
    assert second_factor_locked_until(user=casemanager) is None


def test_refused_codes_do_not_count_towards_the_lock(casemanager):
    SecondFactorFailure.objects.bulk_create(
        SecondFactorFailure(user=casemanager, outcome=SecondFactorOutcome.REFUSED)
        for _ in range(10)
    )
    assert second_factor_locked_until(user=casemanager) is None


def test_the_beheerder_can_lift_the_lock_in_the_admin(client, casemanager, administrator):
    SecondFactorFailure.objects.bulk_create(
        SecondFactorFailure(user=casemanager, outcome=SecondFactorOutcome.WRONG_CODE)
        for _ in range(5)
    )
    assert second_factor_locked_until(user=casemanager) is not None
    client.force_login(administrator)
    changelist = reverse("admin:accounts_secondfactorfailure_changelist")
    response = client.post(
        changelist,
        {
            "action": "unlock",
            "_selected_action": [SecondFactorFailure.objects.first().pk],
        },
    )
    assert response.status_code == 302
    assert second_factor_locked_until(user=casemanager) is None
    assert SecondFactorFailure.objects.filter(user=casemanager).count() == 5  # the record stays
