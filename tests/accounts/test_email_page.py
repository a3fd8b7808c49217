"""Issue 17, finding 9a: allauth's e-mail management page does not exist here (the login is by
username, the beheerder keeps the addresses), and no page links to it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_email_page_is_not_found_for_a_visitor(client, method):
    assert getattr(client, method)("/account/email/").status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_email_page_is_not_found_for_a_logged_in_user(client, casemanager, method):
    client.force_login(casemanager)
    response = getattr(client, method)("/account/email/", {"email": "x@example.nl"})
    assert response.status_code == 404
    assert casemanager.emailaddress_set.count() == 0


def test_no_template_of_the_project_links_to_the_email_page():
    directories = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    directories += [p for p in settings.BASE_DIR.glob("*/templates") if ".venv" not in p.parts]
    templates = [t for d in directories for t in d.rglob("*.html")]
    assert templates
    for template in templates:
        text = template.read_text()
        assert "account_email" not in text, template
        assert "/account/email" not in text, template


def test_the_email_url_name_still_reverses_for_allauth():
    assert reverse("account_email") == "/account/email/"


@pytest.mark.parametrize(
    "name",
    ["account_change_password", "mfa_index", "usersessions_list", "account_reauthenticate"],
)
def test_the_account_pages_do_not_link_to_the_email_page(client, casemanager, name):
    client.force_login(casemanager)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "/account/email/" not in response.content.decode()
