"""Every view: works for the right role, 404 for outsiders, 405 for the wrong method (the
meeting pages: tests/meetings/test_access.py)."""

import pytest
from django.urls import reverse

from casework.models import AccessLogEntry
from evaluations import services
from evaluations.models import EvaluationKind

# (url name, which objects it needs, allowed methods)
CASE_VIEWS = [
    ("evaluations:plan_detail", "case", {"GET", "POST"}),
    ("evaluations:goal_add", "case", {"POST"}),
    ("evaluations:build_up_edit", "case", {"GET", "POST"}),
    ("evaluations:plan_adopt", "case", {"POST"}),
    ("evaluations:goal_edit", "goal", {"GET", "POST"}),
    ("evaluations:goal_delete", "goal", {"POST"}),
    ("evaluations:evaluation_list", "case", {"GET"}),
    ("evaluations:evaluation_followup", "case", {"POST"}),
    ("evaluations:evaluation_close", "case", {"POST"}),
    ("evaluations:evaluation_record", "evaluation", {"GET", "POST"}),
    ("evaluations:evaluation_reschedule", "evaluation", {"POST"}),
    ("evaluations:load_profile", "case", {"GET", "POST"}),
    ("evaluations:load_profile_school", "case", {"POST"}),
    ("evaluations:load_profile_compare", "case", {"GET"}),
]


@pytest.fixture
def world(active_case, casemanager):
    plan = active_case.plans.get()
    goal = plan.goals.first()
    evaluation = active_case.evaluations.get(kind=EvaluationKind.INTERIM)
    for version, text in enumerate(("Eerste", "Tweede")):
        services.load_profile_save(
            case=active_case,
            by=casemanager,
            expected_version=version,
            profile_date=active_case.registered_on,
            student_name="Anna",
            author_name="X",
            author_function="gz-psycholoog",
            general=text,
        )
    return {
        "case": active_case,
        "goal": goal,
        "evaluation": evaluation,
    }


def url_for(name, needs, world):
    case = world["case"]
    args = {
        "case": [case.pk],
        "goal": [case.pk, world["goal"].pk],
        "evaluation": [case.pk, world["evaluation"].pk],
    }[needs]
    query = "?a=1&b=2" if name.endswith("compare") else ""
    return reverse(name, args=args) + query


def wrong_method(methods) -> str:
    """A method the view does not allow (a GET of a POST-only view goes back to the form's
    page instead, see tests/core/test_error_pages.py)."""
    return "post" if "POST" not in methods else "put"


@pytest.mark.parametrize(("name", "needs", "methods"), CASE_VIEWS)
def test_wrong_method_is_405(world, casemanager, login, name, needs, methods):
    response = getattr(login(casemanager), wrong_method(methods))(url_for(name, needs, world))
    assert response.status_code == 405


@pytest.mark.parametrize("outsider", ["other_school_expert", "other_region_casemanager"])
@pytest.mark.parametrize(("name", "needs", "methods"), CASE_VIEWS)
def test_case_views_are_404_for_outsiders(world, request, login, outsider, name, needs, methods):
    client = login(request.getfixturevalue(outsider))
    method = "get" if "GET" in methods else "post"
    response = getattr(client, method)(url_for(name, needs, world))
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(action="denied").exists()


@pytest.mark.parametrize("persona", ["casemanager", "coordinator", "behavioural_expert"])
@pytest.mark.parametrize(
    "name",
    [
        "evaluations:plan_detail",
        "evaluations:evaluation_list",
        "evaluations:load_profile",
        "evaluations:load_profile_compare",
    ],
)
def test_case_tabs_open_for_the_right_roles(world, request, login, persona, name):
    client = login(request.getfixturevalue(persona))
    response = client.get(url_for(name, "case", world))
    assert response.status_code == 200


def test_evaluation_and_goal_pages_open_for_the_casemanager(world, casemanager, login):
    client = login(casemanager)
    assert (
        client.get(url_for("evaluations:evaluation_record", "evaluation", world)).status_code == 200
    )
    assert client.get(url_for("evaluations:goal_edit", "goal", world)).status_code == 200


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("evaluations:plan_detail", "case"),
        ("evaluations:goal_add", "case"),
        ("evaluations:evaluation_reschedule", "evaluation"),
        ("evaluations:evaluation_record", "evaluation"),
        ("evaluations:load_profile", "case"),
        ("evaluations:goal_edit", "goal"),
    ],
)
def test_behavioural_expert_reads_but_cannot_write(world, behavioural_expert, login, name, needs):
    response = login(behavioural_expert).post(url_for(name, needs, world), {})
    assert response.status_code == 404
