"""Query counts stay flat as plans grow (no N+1 over goals, reviews or evaluations)."""

from django.urls import reverse

from evaluations import services


def test_plan_and_evaluation_pages_do_not_grow_with_goals(
    active_case, casemanager, login, django_assert_max_num_queries
):
    plan = active_case.plans.get()
    for n in range(6):
        services.goal_add(
            plan=plan,
            by=casemanager,
            description=f"Extra {n}",
            actions="a",
            term="t",
            responsible="r",
        )
    client = login(casemanager)
    with django_assert_max_num_queries(30):
        assert (
            client.get(reverse("evaluations:plan_detail", args=[active_case.pk])).status_code == 200
        )
    with django_assert_max_num_queries(30):
        response = client.get(reverse("evaluations:evaluation_list", args=[active_case.pk]))
        assert response.status_code == 200


def test_the_lists_show_the_next_evaluation_and_flag_it_when_overdue(
    intake_case, casemanager, coordinator, login
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.evaluations.conftest import make_plan

    make_plan(intake_case, casemanager, drawn_up_on=timezone.localdate() - timedelta(weeks=7))
    services.plan_adopt(case=intake_case, by=casemanager)
    client = login(coordinator)
    for url in (reverse("casework:case_list"), reverse("casework:dashboard")):
        html = client.get(url).content.decode()
        assert "evaluatie verlopen" in html, url

    interim = intake_case.evaluations.get(kind="interim")
    interim.due_on = timezone.localdate() + timedelta(days=3)
    interim.save()
    html = client.get(reverse("casework:case_list")).content.decode()
    assert "evaluatie verlopen" not in html
    assert f"{interim.due_on.day} " in html
