import pytest

# A case with an adopted plan and its evaluations (the weekly overview's tests).
from tests.evaluations.conftest import active_case, intake_case, older_student  # noqa: F401


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://plusdossier.example.nl"
