"""The shared case (tests/partners.py) for the minutes tab's tests, the last of the quality
app's tests (they move with case_minutes to the meetings app)."""

from tests.partners import (  # noqa: F401
    _fast_passwords,
    cjg,
    make_shared_case,
    partner,
    shared_case,
    truancy,
    truancy_partner,
    youth_care,
    youth_care_partner,
)
