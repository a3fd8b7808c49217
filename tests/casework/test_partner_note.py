"""Issue 10: a partner writes one thing in a dossier, a note on the case's timeline
(casework:partner_note, /casussen/<pk>/notitie/); everyone else gets 404."""

import pytest
from django.urls import reverse

from casework.models import AccessAction, AccessLogEntry, TimelineEntry
from core.free_text import TEXT_LIMIT

pytestmark = pytest.mark.django_db


def test_partner_adds_a_note_to_the_timeline(login, partner, shared_case):
    client = login(partner)
    url = reverse("casework:partner_note", args=[shared_case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "Gezin is aangemeld bij jeugdhulp."})
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:timeline", args=[shared_case.pk])
    entry = TimelineEntry.objects.filter(case=shared_case, kind="partner_note").get()
    assert entry.user == partner
    assert "CJG Veendam" in entry.text and "jeugdhulp" in entry.text
    assert AccessLogEntry.objects.filter(
        user=partner, case=shared_case, action=AccessAction.CREATE
    ).exists()


def test_empty_note_is_refused_beside_the_field(login, partner, shared_case):
    response = login(partner).post(
        reverse("casework:partner_note", args=[shared_case.pk]), {"text": "   "}
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    assert not TimelineEntry.objects.filter(kind="partner_note").exists()


def test_too_long_note_keeps_the_input(login, partner, shared_case):
    text = "x" * (TEXT_LIMIT + 1)  # the one free-text limit (core.free_text)
    response = login(partner).post(
        reverse("casework:partner_note", args=[shared_case.pk]), {"text": text}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert text in page and "Maximaal 5000 tekens (u typte er 5001)." in page


@pytest.mark.parametrize(
    "who", ["casemanager", "coordinator", "behavioural_expert", "truancy_partner"]
)
def test_note_page_is_404_for_everyone_but_a_partner_who_sees_the_case(
    request, login, shared_case, who
):
    user = request.getfixturevalue(who)
    url = reverse("casework:partner_note", args=[shared_case.pk])
    assert login(user).get(url).status_code == 404
    assert login(user).post(url, {"text": "x"}).status_code == 404


def test_note_page_refuses_other_methods(login, partner, shared_case):
    url = reverse("casework:partner_note", args=[shared_case.pk])
    assert login(partner).put(url).status_code == 405
