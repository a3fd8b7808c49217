"""Every meeting view: works for the right role, 404 for outsiders, 405 for the wrong method
(moved from tests/evaluations/test_access.py)."""

import pytest
from django.urls import reverse

from meetings import services as meeting_services
from meetings.models import MeetingKind
from tests.evaluations.test_access import wrong_method

# (url name, which objects it needs, allowed methods)
MEETING_VIEWS = [
    ("meetings:meeting_list", "none", {"GET"}),
    ("meetings:meeting_create", "none", {"GET", "POST"}),
    ("meetings:meeting_detail", "meeting", {"GET"}),
    ("meetings:meeting_edit", "meeting", {"GET", "POST"}),
    ("meetings:meeting_delete", "meeting", {"GET", "POST"}),
    ("meetings:meeting_add_case", "meeting", {"POST"}),
    ("meetings:meeting_minutes", "item", {"GET", "POST"}),
    ("meetings:meeting_remove_case", "item", {"POST"}),
    ("meetings:meeting_bundle", "meeting", {"GET", "POST"}),
    ("meetings:case_minutes", "case", {"GET"}),
]


@pytest.fixture
def world(active_case, coordinator):
    meeting = meeting_services.meeting_create(
        by=coordinator, kind=MeetingKind.BIWEEKLY, date=active_case.registered_on
    )
    item = meeting_services.meeting_add_case(meeting=meeting, case=active_case, by=coordinator)
    return {"case": active_case, "meeting": meeting, "item": item}


def url_for(name, needs, world):
    args = {
        "none": [],
        "case": [world["case"].pk],
        "meeting": [world["meeting"].pk],
        "item": [world["meeting"].pk, world["item"].pk],
    }[needs]
    return reverse(name, args=args)


@pytest.mark.parametrize(("name", "needs", "methods"), MEETING_VIEWS)
def test_wrong_method_is_405(world, casemanager, login, name, needs, methods):
    response = getattr(login(casemanager), wrong_method(methods))(url_for(name, needs, world))
    assert response.status_code == 405


@pytest.mark.parametrize("outsider", ["other_school_expert", "other_region_casemanager"])
@pytest.mark.parametrize(("name", "needs", "methods"), [v for v in MEETING_VIEWS if v[1] != "none"])
def test_meeting_views_are_404_for_outsiders(world, request, login, outsider, name, needs, methods):
    client = login(request.getfixturevalue(outsider))
    method = "get" if "GET" in methods else "post"
    response = getattr(client, method)(url_for(name, needs, world))
    assert response.status_code == 404


@pytest.mark.parametrize("outsider", ["behavioural_expert", "other_school_expert"])
def test_meeting_list_and_create_are_404_for_other_roles(request, login, outsider):
    client = login(request.getfixturevalue(outsider))
    assert client.get(reverse("meetings:meeting_list")).status_code == 404
    assert client.get(reverse("meetings:meeting_create")).status_code == 404


def test_casemanager_cannot_plan_meetings(casemanager, login):
    assert login(casemanager).get(reverse("meetings:meeting_create")).status_code == 404


def test_casemanager_cannot_change_the_agenda(world, casemanager, login):
    client = login(casemanager)
    url = url_for("meetings:meeting_remove_case", "item", world)
    assert client.post(url).status_code == 404


def test_meeting_pages_open_for_coordinator(world, coordinator, login):
    client = login(coordinator)
    for name, needs in [
        ("meetings:meeting_list", "none"),
        ("meetings:meeting_detail", "meeting"),
        ("meetings:meeting_minutes", "item"),
    ]:
        assert client.get(url_for(name, needs, world)).status_code == 200


def test_meeting_detail_query_count_is_bounded(
    world, coordinator, login, django_assert_max_num_queries
):
    client = login(coordinator)
    with django_assert_max_num_queries(25):
        client.get(url_for("meetings:meeting_detail", "meeting", world))
