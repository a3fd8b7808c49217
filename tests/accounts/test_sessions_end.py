"""Issue 17, finding 8: deactivating a user, or changing the role or password, ends every
session of the user, so an old session cookie does not come back after a reactivation."""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.models import Role

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


def logged_in(username: str = "cm") -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/casussen/").status_code == 200
    return client


def session_key(client: Client) -> str:
    return client.cookies["sessionid"].value


def test_deactivating_and_reactivating_a_user_logs_the_old_session_out(casemanager):
    client = logged_in()
    key = session_key(client)

    casemanager.is_active = False
    casemanager.save()
    casemanager.is_active = True
    casemanager.save()

    response = client.get("/casussen/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(user=casemanager).exists()


def test_a_role_change_logs_the_user_out(casemanager):
    client = logged_in()
    casemanager.role = Role.COORDINATOR
    casemanager.save()
    assert client.get("/casussen/").status_code == 302
    assert not Session.objects.filter(session_key=session_key(client)).exists()


def test_a_password_change_deletes_the_sessions(casemanager):
    """Django already refuses the old session (its password hash no longer matches); the rows go
    too, so nothing of the session is left to come back."""
    client = logged_in()
    key = session_key(client)
    casemanager.set_password("nieuw-geheim-wachtwoord-456")
    casemanager.save()
    assert client.get("/casussen/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(user=casemanager).exists()


def test_a_session_without_a_usersession_row_ends_too(client, casemanager):
    client.force_login(casemanager)
    UserSession.objects.filter(user=casemanager).delete()
    casemanager.is_active = False
    casemanager.save()
    casemanager.is_active = True
    casemanager.save()
    assert client.get("/casussen/").status_code == 302


def test_other_users_and_other_changes_keep_their_sessions(casemanager, coordinator):
    mine, theirs = logged_in("cm"), logged_in("coord")
    casemanager.phone = "0612345678"
    casemanager.save()
    casemanager.is_active = True  # already active: activating ends nothing
    casemanager.save()
    assert mine.get("/casussen/").status_code == 200
    coordinator.role = Role.CASEMANAGER
    coordinator.save()
    assert mine.get("/casussen/").status_code == 200
    assert theirs.get("/casussen/").status_code == 302


def test_a_login_saves_last_login_without_ending_other_sessions(casemanager):
    laptop = logged_in()
    logged_in()  # a second login updates last_login
    assert laptop.get("/casussen/").status_code == 200


def test_the_beheerder_deactivating_a_user_in_the_admin_ends_their_session(
    client, casemanager, administrator
):
    old = logged_in()
    client.force_login(administrator)
    response = client.post(
        reverse("admin:accounts_user_change", args=[casemanager.pk]),
        {
            "username": "cm",
            "first_name": casemanager.first_name,
            "last_name": casemanager.last_name,
            "email": casemanager.email,
            "is_active": "",
            "role": Role.CASEMANAGER,
            "region": casemanager.region_id,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    casemanager.refresh_from_db()
    assert casemanager.is_active is False
    casemanager.is_active = True
    casemanager.save()
    assert old.get("/casussen/").status_code == 302


def test_the_beheerder_changing_their_own_password_in_the_admin_is_logged_out_cleanly(
    client, administrator
):
    client.post(reverse("account_login"), {"login": "admin", "password": PASSWORD})
    response = client.post(
        reverse("admin:auth_user_password_change", args=[administrator.pk]),
        {"password1": "nieuw-geheim-wachtwoord-456", "password2": "nieuw-geheim-wachtwoord-456"},
    )
    assert response.status_code == 302  # not 400 for a session deleted under the request
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]
