"""Optimistic locking: the second save of the same thing is refused, shows what changed, and
keeps what the second person typed (no silent overwrite)."""

import pytest
from django.test import Client
from django.urls import reverse

from evaluations import services
from evaluations.models import EvaluationKind, Goal, Plan


def goal_data(text, version):
    return {
        "description": text,
        "actions": "Acties",
        "term": "6 weken",
        "responsible": "Mentor",
        "version": str(version),
    }


def test_two_sessions_saving_the_same_goal_both_texts_survive(
    active_case, casemanager, coordinator
):
    goal = active_case.plans.get().goals.first()
    url = reverse("evaluations:goal_edit", args=[active_case.pk, goal.pk])
    first, second = Client(), Client()
    first.force_login(casemanager)
    second.force_login(coordinator)
    # Both open the edit page at the same version.
    assert first.get(url).status_code == 200
    assert second.get(url).status_code == 200
    opened = goal.version

    response = first.post(url, goal_data("Tekst van de casemanager", opened))
    assert response.status_code == 302
    response = second.post(url, goal_data("Tekst van de coördinator", opened))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit doel intussen opgeslagen" in page
    # The table shows the stored value next to theirs; their text is still in the form.
    assert "Tekst van de casemanager" in page
    assert page.count("Tekst van de coördinator") >= 2
    goal.refresh_from_db()
    assert goal.description == "Tekst van de casemanager"

    # The re-rendered form carries the current version: saving again is deliberate.
    current = goal.version
    assert f'name="version" value="{current}"' in page
    response = second.post(url, goal_data("Tekst van de coördinator", current))
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.description == "Tekst van de coördinator"


def test_goal_update_service_refuses_a_stale_version(active_case, casemanager):
    goal = active_case.plans.get().goals.first()
    services.goal_update(
        goal=goal, by=casemanager, expected_version=goal.version, description="Eerste"
    )
    with pytest.raises(services.EditConflict) as exc:
        services.goal_update(
            goal=goal, by=casemanager, expected_version=goal.version, description="Tweede"
        )
    change = exc.value.changes[0]
    assert (change.label, change.stored, change.theirs) == ("doel", "Eerste", "Tweede")
    assert Goal.objects.get(pk=goal.pk).description == "Eerste"


def test_plan_edit_conflict_keeps_the_second_persons_input(intake_case, casemanager, coordinator):
    from .test_flow import plan_post

    services.plan_save(
        case=intake_case,
        by=casemanager,
        drawn_up_on=intake_case.registered_on,
        director_name="A",
        director_organisation="B",
        director_email="a@example.nl",
        director_phone="0612345678",
    )
    plan = Plan.objects.get(case=intake_case)
    opened = plan.version
    services.plan_save(
        case=intake_case,
        by=casemanager,
        expected_version=opened,
        director_name="Naam van de eerste",
        drawn_up_on=plan.drawn_up_on,
        director_organisation="B",
        director_email="a@example.nl",
        director_phone="0612345678",
    )
    client = Client()
    client.force_login(coordinator)
    response = client.post(
        reverse("evaluations:plan_detail", args=[intake_case.pk]),
        plan_post(version=str(opened), director_name="Naam van de tweede"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft het plan van aanpak intussen opgeslagen" in page
    assert "Naam van de eerste" in page and "Naam van de tweede" in page
    assert "Mevrouw Jansen" in page  # the betrokkenen they typed are kept too
    assert Plan.objects.get(pk=plan.pk).director_name == "Naam van de eerste"


def test_rescheduling_a_changed_evaluation_is_refused(active_case, casemanager, coordinator):
    interim = active_case.evaluations.get(kind=EvaluationKind.INTERIM)
    opened = interim.version
    first_date = interim.due_on.replace(day=1)
    services.evaluation_reschedule(
        evaluation=interim, by=casemanager, due_on=first_date, expected_version=opened
    )
    client = Client()
    client.force_login(coordinator)
    response = client.post(
        reverse("evaluations:evaluation_reschedule", args=[active_case.pk, interim.pk]),
        {f"verzet-{interim.pk}-due_on": "2031-05-05", f"verzet-{interim.pk}-version": opened},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft deze evaluatie intussen opgeslagen" in page
    assert "2031-05-05" in page
    interim.refresh_from_db()
    assert interim.due_on == first_date


def test_recording_an_evaluation_changed_meanwhile_is_refused_and_records_nothing(
    active_case, casemanager, coordinator
):
    interim = active_case.evaluations.get(kind=EvaluationKind.INTERIM)
    opened = interim.version
    services.evaluation_reschedule(
        evaluation=interim,
        by=coordinator,
        due_on=interim.due_on.replace(day=1),
        expected_version=opened,
    )
    reviews = [
        services.ReviewInput(goal=goal, achieved=True) for goal in interim.plan.goals.active()
    ]
    with pytest.raises(services.EditConflict, match="Iemand anders heeft deze evaluatie intussen"):
        services.evaluation_record(
            evaluation=interim,
            by=casemanager,
            held_on=interim.due_on,
            participants="leerling, moeder, mentor",
            reviews=reviews,
            expected_version=opened,
        )
    interim.refresh_from_db()
    assert interim.held_on is None and not interim.reviews.exists()
