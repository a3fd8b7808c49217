"""Plan van aanpak, evaluations and belastbaarheidsprofiel, by sub-domain.

- `plans`: the plan tab (plan, betrokkenen, goals, adopting the plan, the opbouwschema);
- `evaluations`: the evaluations tab (reschedule, record, follow-up, close after one);
- `load_profiles`: the belastbaarheidsprofiel tab (versions, the school's part, compare);
- `editing`: what the edit views share (the cleaned fields a service takes, the form rebound
  after an edit conflict).

Case pages start with casework.access.get_case_for_user(section=..., write=True for
changes), which asks the access table; their may_write flags come from `case.access`. A
refused save (EditConflict, ValidationError) re-renders the form with everything the user
typed. `evaluations.urls` uses the names below.
"""

from .evaluations import (
    evaluation_close_case,
    evaluation_followup,
    evaluation_list,
    evaluation_record,
    evaluation_reschedule,
)
from .load_profiles import load_profile, load_profile_compare, load_profile_school
from .plans import build_up_edit, goal_add, goal_delete, goal_edit, plan_adopt, plan_detail

__all__ = [
    "build_up_edit",
    "evaluation_close_case",
    "evaluation_followup",
    "evaluation_list",
    "evaluation_record",
    "evaluation_reschedule",
    "goal_add",
    "goal_delete",
    "goal_edit",
    "load_profile",
    "load_profile_compare",
    "load_profile_school",
    "plan_adopt",
    "plan_detail",
]
