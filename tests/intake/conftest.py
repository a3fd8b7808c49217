from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine


@pytest.fixture(autouse=True)
def _today():
    """The intake tests run on a fixed day so ages and 'future' dates are stable."""
    with time_machine.travel(datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        yield
