"""Writes on plans, goals, evaluations and load profiles, by sub-domain:

- `plans`: the plan van aanpak, its betrokkenen and goals, adopting it;
- `build_up`: the plan's opbouwschema (planned and attended hours per week);
- `schedule`: when the evaluations are due, moving one;
- `evaluations`: recording a held evaluation with its goal reviews, the step after it;
- `load_profiles`: the belastbaarheidsprofiel's versions.

Every service runs in one transaction, locks the row it changes and writes a timeline entry;
the checks of each move of the plan and its evaluations are in evaluations.rules. Callers use
this package (`from evaluations import services`; `services.plan_save(...)`).
"""

from core.edits import MISSING_VERSION, Change, EditConflict, fmt, require_version

from ..models import qualified_functions
from ..rules import ReviewInput, evaluation_next_step_open, final_due_on, interim_due_on
from .build_up import WEEK_FIELDS, build_up_save
from .evaluations import (
    case_close_after_evaluation,
    evaluation_record,
    evaluation_schedule_followup,
)
from .load_profiles import (
    is_qualified_function,
    load_profile_add_school_part,
    load_profile_compare,
    load_profile_save,
)
from .plans import (
    GOAL_FIELDS,
    PLAN_FIELDS,
    current_plan,
    goal_add,
    goal_delete,
    goal_update,
    plan_adopt,
    plan_save,
)
from .schedule import evaluation_reschedule

__all__ = [
    "GOAL_FIELDS",
    "MISSING_VERSION",
    "PLAN_FIELDS",
    "WEEK_FIELDS",
    "Change",
    "EditConflict",
    "ReviewInput",
    "build_up_save",
    "case_close_after_evaluation",
    "current_plan",
    "evaluation_next_step_open",
    "evaluation_record",
    "evaluation_reschedule",
    "evaluation_schedule_followup",
    "final_due_on",
    "fmt",
    "goal_add",
    "goal_delete",
    "goal_update",
    "interim_due_on",
    "is_qualified_function",
    "load_profile_add_school_part",
    "load_profile_compare",
    "load_profile_save",
    "plan_adopt",
    "plan_save",
    "qualified_functions",
    "require_version",
]
