"""The meeting tests use the case fixtures of the evaluations and reports tests and of
tests/partners.py (a case with an active plan, a plan case to print, a coördinator of another
region, a case shared with partners)."""

from tests.evaluations.conftest import active_case, intake_case, older_student  # noqa: F401
from tests.partners import cjg, partner, shared_case, truancy, youth_care  # noqa: F401
from tests.reports.conftest import other_coordinator, plan_case  # noqa: F401
