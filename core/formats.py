"""Display formats in Dutch text (messages, documents, history)."""

from datetime import date

from django.utils.formats import date_format


def long_date(value: date) -> str:
    """A day as words: "3 december 2026"."""
    return date_format(value, "j F Y")
