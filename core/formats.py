"""The house style for dates and times, in one place: Django's Dutch formats, in local time
(Europe/Amsterdam).

- a day: "3 december 2026" (DATE_FORMAT; in templates `|date`);
- a moment: "3 december 2026 11:34" (DATETIME_FORMAT; in templates `|date:"DATETIME_FORMAT"`);
- with the weekday where a day is planned (meetings): "maandag 14 december 2026".
Machine values (`<time datetime>`, form inputs, file names) stay ISO 8601.
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def long_date(value: date) -> str:
    """A day as words: "3 december 2026"."""
    return date_format(value, "DATE_FORMAT")


def long_datetime(value: datetime) -> str:
    """A moment in local time: "3 december 2026 11:34"."""
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def display_value(field, value) -> str:
    """A stored value of `field` the way a page shows it: the choice's label, else as
    `format_value`. Foreign keys are the caller's (they need a query)."""
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    return format_value(value)


def format_value(value) -> str:
    """A value in pages, PDFs and the timeline: ja/nee, a date or moment in the house style,
    "—" for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime):
        return long_datetime(value)
    if isinstance(value, date):
        return long_date(value)
    return str(value)
