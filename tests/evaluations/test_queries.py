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
