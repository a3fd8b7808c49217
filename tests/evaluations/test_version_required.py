"""Optimistic locking is not optional: a post that leaves out the hidden `version` (or sends
garbage) is refused with a Dutch message above the form (no 500, nothing written), for every
form that edits a stored record; the services refuse such an edit without a version."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from evaluations import services
from evaluations.models import EvaluationKind, Goal, LoadProfile, Plan
from intake import services as intake_services
from intake.models import Intake

from .test_flow import plan_post
from .test_load_profile import profile_data
from .test_locking import goal_data

MISSING = "Het formulier mist de versie waarmee u begon"
TRIALS = 30


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _refused(response) -> str:
    assert response.status_code == 200
    page = response.content.decode()
    assert MISSING in page
    return page


@pytest.mark.parametrize("version", [None, "", "x"])
def test_a_goal_edit_without_version_is_refused_every_time(active_case, coordinator, version):
    goal = active_case.plans.get().goals.first()
    url = reverse("evaluations:goal_edit", args=[active_case.pk, goal.pk])
    client = _client(coordinator)
    overwrites = 0
    for n in range(TRIALS):
        data = goal_data(f"Overschreven {n}", 0)
        if version is None:
            del data["version"]
        else:
            data["version"] = version
        response = client.post(url, data)
        _refused(response)
        overwrites += Goal.objects.get(pk=goal.pk).description != goal.description
    assert overwrites == 0
    assert Goal.objects.get(pk=goal.pk).version == goal.version


def test_a_plan_edit_without_version_is_refused(active_case, coordinator):
    plan = active_case.plans.get()
    url = reverse("evaluations:plan_detail", args=[plan.case_id])
    for missing in ({}, {"version": ""}):
        data = plan_post(director_name="Zonder versie")
        del data["version"]
        _refused(_client(coordinator).post(url, data | missing))
    stored = Plan.objects.get(pk=plan.pk)
    assert stored.director_name == "Mohamed El Amrani" and stored.version == plan.version


def test_a_new_plan_is_saved_from_version_0(intake_case, casemanager):
    client = _client(casemanager)
    page = client.get(reverse("evaluations:plan_detail", args=[intake_case.pk]))
    assert page.context["plan_form"]["version"].value() == 0
    response = client.post(
        reverse("evaluations:plan_detail", args=[intake_case.pk]), plan_post(version="0")
    )
    assert response.status_code == 302
    assert Plan.objects.get(case=intake_case).version == 1


def test_a_reschedule_without_version_is_refused(active_case, coordinator):
    interim = active_case.evaluations.get(kind=EvaluationKind.INTERIM)
    response = _client(coordinator).post(
        reverse("evaluations:evaluation_reschedule", args=[active_case.pk, interim.pk]),
        {f"verzet-{interim.pk}-due_on": "2031-05-05"},
    )
    assert response.status_code == 200
    assert MISSING in response.content.decode()
    interim.refresh_from_db()
    assert str(interim.due_on) != "2031-05-05"


def test_an_evaluation_record_without_version_is_refused(active_case, casemanager):
    from .test_flow import review_post

    interim = active_case.evaluations.get(kind=EvaluationKind.INTERIM)
    goals = list(interim.plan.goals.active())
    data = review_post(interim, goals, [{"achieved": "ja"} for _ in goals])
    del data["version"]
    _refused(
        _client(casemanager).post(
            reverse("evaluations:evaluation_record", args=[active_case.pk, interim.pk]), data
        )
    )
    interim.refresh_from_db()
    assert interim.held_on is None and not interim.reviews.exists()


def test_a_load_profile_save_without_version_is_refused(active_case, casemanager):
    client = _client(casemanager)
    url = reverse("evaluations:load_profile", args=[active_case.pk])
    assert client.post(url, profile_data()).status_code == 302
    data = profile_data(general="Zonder versie")
    del data["version"]
    _refused(client.post(url, data))
    profile = LoadProfile.objects.get(case=active_case)
    assert profile.version == 1 and profile.latest.general != "Zonder versie"


def test_the_school_part_without_version_is_refused(active_case, casemanager, behavioural_expert):
    services.load_profile_save(case=active_case, by=casemanager, **_profile_fields())
    response = _client(behavioural_expert).post(
        reverse("evaluations:load_profile_school", args=[active_case.pk]),
        {"school-mentor": "Zonder versie"},
    )
    _refused(response)
    assert LoadProfile.objects.get(case=active_case).version == 1


def _profile_fields() -> dict:
    data = profile_data()
    del data["version"]
    return {k: v for k, v in data.items() if v != ""}


def test_an_intake_save_without_version_is_refused(intake_case, casemanager):
    intake_services.intake_save(case=intake_case, by=casemanager, data={"leisure": "Judo"})
    client = _client(casemanager)
    url = reverse("intake:intake_edit", args=[intake_case.pk])
    overwrites = 0
    for n in range(TRIALS):
        _refused(client.post(url, {"action": "save", "leisure": f"Overschreven {n}"}))
        overwrites += Intake.objects.get(case=intake_case).leisure != "Judo"
    assert overwrites == 0


def test_the_services_refuse_an_edit_without_version(active_case, casemanager):
    plan = active_case.plans.get()
    goal = plan.goals.first()
    interim = active_case.evaluations.get(kind=EvaluationKind.INTERIM)
    common = {"case": active_case, "by": casemanager}
    with pytest.raises(ValidationError, match=MISSING):
        services.plan_save(**common, expected_version=None, director_name="X")
    with pytest.raises(ValidationError, match=MISSING):
        services.goal_update(goal=goal, by=casemanager, expected_version=None, description="X")
    with pytest.raises(ValidationError, match=MISSING):
        services.evaluation_reschedule(
            evaluation=interim, by=casemanager, due_on=interim.due_on.replace(day=1)
        )
    with pytest.raises(ValidationError, match=MISSING):
        services.evaluation_record(
            evaluation=interim,
            by=casemanager,
            held_on=interim.due_on,
            participants="mentor",
            reviews=[],
        )
    services.load_profile_save(**common, **_profile_fields())  # the first version needs none
    with pytest.raises(ValidationError, match=MISSING):
        services.load_profile_save(**common, **_profile_fields())
    intake_services.intake_save(case=active_case, by=casemanager, data={"leisure": "Judo"})
    with pytest.raises(ValidationError, match="Het formulier mist de versie"):
        intake_services.intake_save(case=active_case, by=casemanager, data={"leisure": "X"})
    assert Goal.objects.get(pk=goal.pk).description == goal.description
    assert Plan.objects.get(pk=plan.pk).director_name == plan.director_name
