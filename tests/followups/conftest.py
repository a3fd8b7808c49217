"""The shared case of tests/partners.py (a plan-actief case shared with partners), for the
follow-up and survey tests."""

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
