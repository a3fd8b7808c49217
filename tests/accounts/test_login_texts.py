"""Issue 19, finding 5: the login page offers "Wachtwoord vergeten?" once, and the messages
after logging in and out address the user with "u" and by name, not by username."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_login_page_has_one_forgotten_password_link(client):
    page = client.get(reverse("account_login")).content.decode()
    assert page.count("Wachtwoord vergeten?") == 1
    assert reverse("account_reset_password") in page


def test_logging_in_and_out_say_u_and_the_name(casemanager):
    casemanager.first_name, casemanager.last_name = "Sanne", "de Vries"
    casemanager.set_password("geheim-wachtwoord-123")
    casemanager.save()
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": casemanager.username, "password": "geheim-wachtwoord-123"},
        follow=True,
    )
    assert "U bent ingelogd als Sanne de Vries." in response.content.decode()
    response = client.post(reverse("account_logout"), follow=True)
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["U bent uitgelogd."]
