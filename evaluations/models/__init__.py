"""Plan van aanpak, goals, evaluations and belastbaarheidsprofiel, by sub-domain:

- `plans`: the plan van aanpak, its betrokkenen and goals;
- `evaluations`: the evaluations of a plan and the review of each goal;
- `load_profiles`: the belastbaarheidsprofiel and its versions;
- `build_up`: the plan's opbouwschema, planned and attended hours per week.

Optimistic locking: Plan, Goal, Evaluation and LoadProfile carry a `version` integer that the
services compare (under select_for_update) with the version the editor started from.

Free text about the pupil (the pupil's view, goals and actions, evaluation texts, goal reviews,
the profile's texts) is encrypted at rest: the policy is in core.encryption. Names and contact
details of professionals stay plain.

Callers import from this package: `from evaluations.models import Plan`.
"""

from .build_up import MAX_WEEK_HOURS, BuildUpWeek
from .evaluations import Evaluation, EvaluationKind, EvaluationQuerySet, GoalReview
from .load_profiles import (
    DEFAULT_QUALIFIED_FUNCTIONS,
    PROFILE_FIELDS,
    SCHOOL_FIELDS,
    LoadProfile,
    LoadProfileVersion,
    normalise_registration_number,
    qualified_functions,
)
from .plans import Goal, GoalQuerySet, Plan, Stakeholder, validate_mobile

__all__ = [
    "MAX_WEEK_HOURS",
    "BuildUpWeek",
    "DEFAULT_QUALIFIED_FUNCTIONS",
    "PROFILE_FIELDS",
    "SCHOOL_FIELDS",
    "Evaluation",
    "EvaluationKind",
    "EvaluationQuerySet",
    "Goal",
    "GoalQuerySet",
    "GoalReview",
    "LoadProfile",
    "LoadProfileVersion",
    "Plan",
    "Stakeholder",
    "normalise_registration_number",
    "qualified_functions",
    "validate_mobile",
]
