"""Issue 15: the beheerder's admin speaks Dutch and shows only what the beheerder works with; the
site has a favicon that needs no login and no loosening of the CSP."""

import re

import pytest
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.contrib import admin
from django.urls import reverse

from accounts.models import PasswordLockout, SecondFactorDevice

pytestmark = pytest.mark.django_db

# The sections of /beheer/, in Django's (alphabetical) order, and the models under each.
EXPECTED = {
    "Gebruikers en inloggen": [
        "Geweigerde tweestapscodes",
        "Gebruikers",
        "Mislukte wachtwoordpogingen",
        "Tweestapsmiddelen",
    ],
    "Opvolging en tevredenheid": [
        "Opvolgingen na afsluiting",
        "Uitnodigingen tevredenheidsonderzoek",
    ],
    "Meldingen": ["Meldingen"],
    "Regio, organisaties en toegangslog": [
        "Partnerorganisaties",
        "Schoolbesturen",
        "Scholen",
        "Toegangslog",
        "Werkgebieden",
    ],
}


def _sections(html: str) -> dict[str, list[str]]:
    sections = {}
    for caption, body in re.findall(
        r"<caption>\s*<a [^>]*>([^<]+)</a>\s*</caption>(.*?)</table>", html, re.S
    ):
        sections[caption.strip()] = re.findall(
            r'<th scope="row"[^>]*>\s*<a [^>]*>([^<]+)</a>', body
        )
    return sections


def test_the_admin_index_shows_the_beheerders_models_under_dutch_names(login, administrator):
    response = login(administrator).get(reverse("admin:index"))
    assert response.status_code == 200
    sections = _sections(response.content.decode())
    assert {caption: sorted(models) for caption, models in sections.items()} == {
        caption: sorted(models) for caption, models in EXPECTED.items()
    }


def test_third_party_models_are_hidden_or_under_a_dutch_proxy():
    registered = {model._meta.label for model in admin.site._registry}
    for hidden in (
        "auth.Group",
        "account.EmailAddress",
        "usersessions.UserSession",
        "mfa.Authenticator",
        "axes.AccessAttempt",
        "axes.AccessLog",
        "axes.AccessFailureLog",
    ):
        assert hidden not in registered
    assert SecondFactorDevice._meta.concrete_model is Authenticator
    assert PasswordLockout._meta.concrete_model is AccessAttempt


def test_every_admin_list_and_form_opens_in_dutch(login, administrator):
    """A lockout and a device to look at; every list and change page answers 200, and the
    English names of the third-party models appear nowhere."""
    AccessAttempt.objects.create(
        username="casemanager1",
        ip_address="10.0.0.1",
        user_agent="Chromium",
        http_accept="*/*",
        path_info="/account/login/",
        get_data="",
        post_data="",
        failures_since_start=5,
    )
    Authenticator.objects.create(user=administrator, type=Authenticator.Type.TOTP, data={})
    client = login(administrator)
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = client.get(changelist)
        assert response.status_code == 200, changelist
        body = response.content.decode()
        for english in ("Access attempt", "Authenticator", "User session", "Email address"):
            assert english.lower() not in body.lower(), (changelist, english)
        first = model_admin.get_queryset(None).first()
        if first is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            assert client.get(change).status_code == 200, change
    lockouts = client.get(reverse("admin:accounts_passwordlockout_changelist")).content.decode()
    assert "casemanager1" in lockouts and "Mislukte pogingen" in lockouts
    devices = client.get(reverse("admin:accounts_secondfactordevice_changelist")).content.decode()
    assert "Authenticatie-app (TOTP)" in devices


def test_the_favicon_is_served_without_a_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_every_page_links_the_favicon_under_the_strict_csp(client, login, administrator):
    login_page = client.get(reverse("account_login"))
    assert 'rel="icon"' in login_page.content.decode()
    policy = login_page["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "img-src 'self' data:" in policy
    admin_page = login(administrator).get(reverse("admin:index"))
    assert 'rel="icon"' in admin_page.content.decode()


def test_the_user_form_has_the_role_but_no_groups_or_permissions(login, administrator):
    body = (
        login(administrator)
        .get(reverse("admin:accounts_user_change", args=[administrator.pk]))
        .content.decode()
    )
    assert 'name="role"' in body
    assert 'name="groups"' not in body and 'name="user_permissions"' not in body


def test_logs_are_append_only_and_made_rows_read_only_in_the_admin(rf, administrator):
    from accounts.models import SecondFactorFailure
    from casework.models import AccessLogEntry
    from followups.models import FollowUp
    from notifications.models import Notification

    request = rf.get("/beheer/")
    request.user = administrator
    for model in (AccessLogEntry, SecondFactorFailure):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
    for model in (Notification, FollowUp, PasswordLockout, SecondFactorDevice):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert model_admin.has_delete_permission(request)  # lifting a lock, a lost device
