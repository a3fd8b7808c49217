"""The shared case of tests/quality (a plan-actief case shared with partners) and its
partners, for the history tests."""

from tests.quality.conftest import (  # noqa: F401
    _fast_passwords,
    cjg,
    partner,
    shared_case,
    truancy,
    youth_care,
)
