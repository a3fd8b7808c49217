"""The meeting tests use the case fixtures of the evaluations and reports tests (a case with an
active plan, a plan case to print, a coördinator of another region)."""

from tests.evaluations.conftest import active_case, intake_case, older_student  # noqa: F401
from tests.reports.conftest import other_coordinator, plan_case  # noqa: F401
