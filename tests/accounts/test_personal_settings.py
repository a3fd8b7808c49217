"""Issue 21 (3, 4): the user's own settings page: the calendar feed's secret address with a
confirmed renewal that stops the old one, and the Monday overview for casemanagers and
coördinatoren."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SETTINGS = reverse("accounts:settings")
RENEW = reverse("accounts:calendar_link_renew")


def test_the_user_menu_leads_to_the_settings_page(login, casemanager):
    page = login(casemanager).get(reverse("casework:dashboard")).content.decode()
    assert f'href="{SETTINGS}"' in page


def test_a_casemanager_makes_a_calendar_link_and_sees_it(login, casemanager):
    client = login(casemanager)
    page = client.get(SETTINGS).content.decode()
    assert "Agendalink maken" in page
    response = client.post(RENEW)
    assert response.status_code == 302 and response["Location"] == SETTINGS
    casemanager.refresh_from_db()
    feed = reverse("meetings:calendar_feed", args=[casemanager.calendar_token])
    page = client.get(SETTINGS).content.decode()
    assert f"http://testserver{feed}" in page
    assert "Nieuwe link maken" in page


def test_renewing_asks_to_confirm_and_stops_the_old_feed(login, client, casemanager):
    login(casemanager).post(RENEW)
    casemanager.refresh_from_db()
    old = reverse("meetings:calendar_feed", args=[casemanager.calendar_token])
    confirm = client.get(RENEW).content.decode()
    assert "De huidige link werkt daarna meteen niet meer" in confirm
    assert "Ja, nieuwe link maken" in confirm
    client.post(RENEW)
    casemanager.refresh_from_db()
    new = reverse("meetings:calendar_feed", args=[casemanager.calendar_token])
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_coordinator_subscribes_to_the_weekly_overview_and_unsubscribes(login, coordinator):
    client = login(coordinator)
    assert "Wekelijks overzicht per e-mail (maandag)" in client.get(SETTINGS).content.decode()
    client.post(SETTINGS, {"weekly_overview": "on"})
    coordinator.refresh_from_db()
    assert coordinator.weekly_overview is True
    assert "checked" in client.get(SETTINGS).content.decode()
    client.post(SETTINGS, {})  # an unticked box sends nothing
    coordinator.refresh_from_db()
    assert coordinator.weekly_overview is False


def test_a_gedragsdeskundige_has_neither_feed_nor_overview(login, behavioural_expert):
    client = login(behavioural_expert)
    page = client.get(SETTINGS).content.decode()
    assert "Wekelijks overzicht" not in page
    assert client.post(SETTINGS, {"weekly_overview": "on"}).status_code == 404
    assert client.post(RENEW).status_code == 404
    assert client.get(RENEW).status_code == 404
    behavioural_expert.refresh_from_db()
    assert (behavioural_expert.weekly_overview, behavioural_expert.calendar_token) == (False, None)


def test_the_settings_pages_answer_405_to_other_methods(login, casemanager):
    client = login(casemanager)
    assert client.put(SETTINGS).status_code == 405
    assert client.delete(RENEW).status_code == 405


def test_an_anonymous_visitor_is_sent_to_login(client):
    assert client.get(SETTINGS)["Location"].startswith("/account/login/")
