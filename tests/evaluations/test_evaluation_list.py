"""The evaluations tab: each held evaluation's result per goal reads as a sentence."""

from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.models import Evaluation, EvaluationKind


def test_a_goal_ending_in_a_full_stop_reads_cleanly_beside_its_result(
    active_case, casemanager, login
):
    """Issue 19, finding 5: the list showed "… rooster.: niet behaald"."""
    goals = list(active_case.plans.get().goals.active())
    goals[0].description = "Volgt twee ochtenden per week het rooster."
    goals[0].save()
    interim = Evaluation.objects.get(case=active_case, kind=EvaluationKind.INTERIM)
    services.evaluation_record(
        evaluation=interim,
        by=casemanager,
        held_on=timezone.localdate(),
        participants="Leerling, moeder, mentor",
        expected_version=interim.version,
        reviews=[
            services.ReviewInput(goal=goal, achieved=False, extra_actions="Gesprek met mentor.")
            for goal in goals
        ],
    )
    page = login(casemanager).get(reverse("evaluations:evaluation_list", args=[active_case.pk]))
    html = page.content.decode()
    assert "rooster.:" not in html
    assert "niet behaald</span> Volgt twee ochtenden per week het rooster." in html
