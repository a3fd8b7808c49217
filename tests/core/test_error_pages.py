"""Issue 19: error pages are Dutch and lead somewhere: 404 (also a case one may not see),
405 (a reload of a form's POST-only address), 403 for a failed CSRF check, and 500 rendered
without the database."""

import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse

from core import errors

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gets_the_dutch_404_page_with_the_menu(login, casemanager):
    response = login(casemanager).get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Pagina niet gevonden" in page
    assert '<html lang="nl">' in page
    assert "Not Found" not in page
    assert reverse("casework:dashboard") in page  # the menu: the user can go on from here


def test_a_case_one_may_not_see_is_the_same_dutch_404(login, other_region_casemanager, case):
    response = login(other_region_casemanager).get(reverse("casework:case_detail", args=[case.pk]))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert case.reference not in response.content.decode()


def test_reloading_a_post_only_address_goes_back_to_the_form_s_page(login, casemanager, case):
    client = login(casemanager)
    for name, page in (
        ("casework:case_assign", reverse("casework:case_detail", args=[case.pk])),
        ("consent:consent_create", reverse("consent:consent_detail", args=[case.pk])),
        ("evaluations:goal_add", reverse("evaluations:plan_detail", args=[case.pk])),
    ):
        response = client.get(reverse(name, args=[case.pk]))
        assert (response.status_code, response["Location"]) == (302, page), name
    page = client.get(reverse("casework:case_assign", args=[case.pk]), follow=True)
    assert page.status_code == 200
    assert "Er is niets opgeslagen of gewijzigd." in page.content.decode()


def test_a_reload_outside_a_case_goes_to_the_nearest_page(login, casemanager):
    response = login(casemanager).get(reverse("notifications:mark_read", args=[12345]))
    assert (response.status_code, response["Location"]) == (302, reverse("notifications:list"))


def test_another_wrong_method_gets_the_dutch_405_page_with_a_way_back(login, casemanager, case):
    response = login(casemanager).put(reverse("casework:case_assign", args=[case.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "Er is niets opgeslagen of gewijzigd" in page
    assert f'href="{reverse("casework:case_detail", args=[case.pk])}"' in page


def test_a_failed_csrf_check_is_a_dutch_403(casemanager, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(casemanager)
    response = client.post(reverse("casework:case_assign", args=[case.pk]), {})
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()


def test_the_handlers_are_the_dutch_ones():
    resolver = get_resolver()
    assert resolver.resolve_error_handler(400) is errors.bad_request
    assert resolver.resolve_error_handler(403) is errors.permission_denied
    assert resolver.resolve_error_handler(404) is errors.page_not_found
    assert resolver.resolve_error_handler(500) is errors.server_error


def test_the_500_page_is_dutch_and_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_bad_request_and_permission_denied_pages_are_dutch(rf, casemanager):
    request = rf.get("/")
    request.user = casemanager
    assert "Ongeldig verzoek" in errors.bad_request(request).content.decode()
    assert "Geen toegang" in errors.permission_denied(request).content.decode()
