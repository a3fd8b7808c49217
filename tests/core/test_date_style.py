"""Issue 19, finding 1: one Dutch way of showing dates, in local time: "3 december 2026" for a
day and "3 december 2026 11:34" for a moment (core.formats), in pages and documents."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from core.formats import display_value, format_value, long_date, long_datetime
from intake.models import Registration
from tests.intake.factories import RegistrationFactory

# Display formats a template may name: the house formats, seconds for the access log, the
# weekday of a planned day, and ISO for machines (<time datetime>, inputs, query strings).
ALLOWED = {"DATETIME_FORMAT", "j F Y H:i:s", "l j F Y", "c", "Y-m-d"}
DATE_FILTER = re.compile(r"""\|date:["']([^"']*)["']""")


def test_templates_use_only_the_house_formats():
    root = Path(settings.BASE_DIR)
    used = {}
    for template in root.glob("**/templates/**/*.html"):
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        for fmt in DATE_FILTER.findall(template.read_text()):
            used.setdefault(fmt, []).append(str(template.relative_to(root)))
    assert set(used) <= ALLOWED, {f: used[f] for f in set(used) - ALLOWED}


def test_the_formats_are_dutch_words_in_local_time():
    assert long_date(date(2026, 12, 3)) == "3 december 2026"
    moment = datetime(2026, 12, 3, 10, 34, 20, 271870, tzinfo=ZoneInfo("UTC"))
    assert long_datetime(moment) == "3 december 2026 11:34"
    summer = datetime(2026, 7, 1, 10, 0, tzinfo=ZoneInfo("UTC"))
    assert long_datetime(summer) == "1 juli 2026 12:00"
    assert (format_value(None), format_value(True), format_value(False)) == ("—", "ja", "nee")
    submitted_at = Registration._meta.get_field("submitted_at")
    assert display_value(submitted_at, moment) == "3 december 2026 11:34"


@pytest.mark.django_db
def test_the_case_page_shows_the_registration_moment_in_words(login, casemanager, case):
    moment = datetime(2026, 12, 3, 10, 34, 20, 271870, tzinfo=ZoneInfo("UTC"))
    RegistrationFactory(case=case, submitted_at=moment)
    page = login(casemanager).get(reverse("casework:case_detail", args=[case.pk])).content
    page = page.decode()
    assert "3 december 2026 11:34" in page
    assert "+00:00" not in page and "2026-12-03 10:34" not in page
