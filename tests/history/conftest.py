"""The shared case of tests/partners.py (a plan-actief case shared with partners) and its
partners, for the history tests."""

from tests.partners import (  # noqa: F401
    _fast_passwords,
    cjg,
    partner,
    shared_case,
    truancy,
    youth_care,
)
