"""Issue 16: every page of a case moved under /casussen/<pk>/…; the old addresses (links in
e-mails already sent, bookmarks) answer with a permanent redirect to the new one, through the
one table in config.legacy_urls. Outsiders following them meet the new page's 404: the URL
walk in test_url_enumeration follows redirects."""

import pytest
from django.urls import resolve, reverse

from config.legacy_urls import MOVED
from tests.casework.test_url_enumeration import (  # noqa: F401
    PARAMETER,
    _ids,
    _routes,
    build,
    dossier,
    id_routes,
)

pytestmark = pytest.mark.django_db


def _new_url(old: str, name: str, ids: dict) -> str:
    """The new address of an old route's URL, its arguments filled as `build` fills them."""
    old_url = build(old, ids)
    return reverse(name, kwargs=resolve(old_url).kwargs)


@pytest.mark.parametrize(("old", "name"), MOVED)
def test_an_old_address_redirects_permanently_to_the_page_with_its_query(
    client,
    dossier,  # noqa: F811
    casemanager,
    old,
    name,
):
    client.force_login(casemanager)
    ids = _ids(dossier)
    new = _new_url(old, name, ids)
    assert new.startswith(("/casussen/", "/overleg/", "/opvolging/")), new
    response = client.get(build(old, ids), {"terug": "1"})
    assert (response.status_code, response["Location"]) == (301, f"{new}?terug=1")
    # A form opened before the move still posts: 308 keeps the method and the body.
    response = client.post(build(old, ids))
    assert (response.status_code, response["Location"]) == (308, new)


def test_the_new_addresses_are_in_the_url_walk_and_the_old_ones_too(dossier):  # noqa: F811
    walk, every, ids = id_routes(), {route for route, _ in _routes()}, _ids(dossier)
    for old, name in MOVED:
        # A page without an id (the follow-up list, the survey report) is no case's: not walked.
        routes = walk if PARAMETER.search(old) else every
        assert old in routes
        assert resolve(_new_url(old, name, ids)).route in routes


def test_the_case_owner_following_an_old_link_lands_on_the_page(
    client,
    dossier,  # noqa: F811
    casemanager,
):
    client.force_login(casemanager)
    old = build("plannen/<int:pk>/evaluaties/", _ids(dossier))
    response = client.get(old, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(f"/casussen/{dossier['case'].pk}/evaluaties/", 301)]


def test_the_follow_up_pages_and_the_partner_note_have_their_new_addresses():
    assert reverse("followups:follow_ups") == "/opvolging/"
    assert reverse("followups:follow_up_record", args=[3]) == "/opvolging/3/"
    assert reverse("followups:survey_report") == "/opvolging/tevredenheid/"
    assert reverse("casework:partner_note", args=[3]) == "/casussen/3/notitie/"
    assert reverse("survey:thanks") == "/enquete/bedankt/"
