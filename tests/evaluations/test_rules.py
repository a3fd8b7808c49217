"""evaluations.rules: what a goal's review needs, checked without a database, and the
package evaluations.services still offering every name its callers use."""

import pytest
from django.core.exceptions import ValidationError

from evaluations import rules, services
from evaluations.models import EvaluationKind, Goal

NOT_REACHED_INTERIM = "Doel niet behaald: vul in welke aanvullende acties nodig zijn."
NOT_REACHED_FINAL = "Doel niet behaald: vul in wat er nodig is, of pas het doel aan."
ADJUST_TOO_EARLY = "Een doel wordt pas bij de evaluatie na 3 maanden aangepast."
ADJUSTED_EMPTY = "Vul het aangepaste doel in."


def review(goal=None, **fields):
    return rules.ReviewInput(goal=goal or Goal(pk=1), **({"achieved": False} | fields))


@pytest.mark.parametrize(
    ("fields", "interim", "problems"),
    [
        ({"achieved": True}, True, []),
        ({"achieved": True}, False, []),
        ({"extra_actions": "Buddy in de pauze."}, True, []),
        ({}, True, [NOT_REACHED_INTERIM]),
        ({"extra_actions": "   "}, True, [NOT_REACHED_INTERIM]),
        ({"needed": "Meer tijd."}, False, []),
        ({}, False, [NOT_REACHED_FINAL]),
        ({"adjust": True, "new_goal": {"description": "Drie ochtenden."}}, False, []),
        ({"adjust": True, "new_goal": {"description": " "}}, False, [ADJUSTED_EMPTY]),
        ({"achieved": True, "adjust": True}, True, [ADJUST_TOO_EARLY]),
        (
            {"adjust": True, "new_goal": {"description": "Drie ochtenden."}},
            True,
            [ADJUST_TOO_EARLY, NOT_REACHED_INTERIM],
        ),
    ],
)
def test_a_goal_not_reached_needs_what_its_evaluation_asks(fields, interim, problems):
    assert rules.review_problems(review(**fields), interim=interim) == problems


def test_every_goal_in_force_needs_a_review():
    goals = [Goal(pk=1), Goal(pk=2)]
    with pytest.raises(ValidationError) as exc:
        rules.check_reviews(goals, {1: review(goals[0], achieved=True)}, interim=True)
    assert exc.value.messages == ["Beoordeel elk doel van het plan."]


def test_review_errors_are_keyed_by_goal():
    goals = [Goal(pk=1), Goal(pk=2), Goal(pk=3)]
    by_goal = {
        1: review(goals[0], achieved=True),
        2: review(goals[1]),
        3: review(goals[2], adjust=True),
    }
    with pytest.raises(ValidationError) as exc:
        rules.check_reviews(goals, by_goal, interim=False)
    assert exc.value.message_dict == {
        "goal_2": [NOT_REACHED_FINAL],
        "goal_3": [ADJUSTED_EMPTY],
    }


def test_only_the_interim_and_final_evaluation_have_a_suggested_date():
    assert set(rules.SUGGESTED_DUE_ON) == {EvaluationKind.INTERIM, EvaluationKind.FINAL}


def test_the_services_package_exports_every_name_it_lists():
    for name in services.__all__:
        assert getattr(services, name) is not None, name
