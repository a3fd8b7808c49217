"""The meeting tests use the case fixtures of the evaluations, reports and quality tests (a case
with an active plan, a plan case to print, a coördinator of another region, a case shared with
a partner)."""

from tests.evaluations.conftest import active_case, intake_case, older_student  # noqa: F401
from tests.quality.conftest import cjg, partner, shared_case, truancy, youth_care  # noqa: F401
from tests.reports.conftest import other_coordinator, plan_case  # noqa: F401
