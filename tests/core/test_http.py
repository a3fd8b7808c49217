"""core.http.query_int: ASCII digits in range, else the default or a 404 (issue 17)."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from core.http import INT_MAX, parse_int, query_int


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        ("0", 0),
        ("²", None),
        ("١٢", None),  # Arabic-Indic digits: int() reads them, we do not
        ("９", None),  # a fullwidth nine
        ("-1", None),
        ("9" * 30, None),
        (str(INT_MAX + 1), None),
        ("\x00", None),
        ("", None),
        (" 1", None),
        ("1.0", None),
        ("+1", None),
        ("-", None),
    ],
)
def test_parse_int_accepts_only_ascii_digits_in_range(raw, expected):
    assert parse_int(raw) == expected


def test_parse_int_reads_a_negative_number_only_when_the_range_allows_it():
    assert parse_int("-3", minimum=-5, maximum=5) == -3
    assert parse_int("6", minimum=-5, maximum=5) is None


def test_query_int_gives_the_default_when_absent_or_invalid():
    factory = RequestFactory()
    assert query_int(factory.get("/"), "jaar", 2026) == 2026
    assert query_int(factory.get("/", {"jaar": "²"}), "jaar", 2026) == 2026
    assert query_int(factory.get("/", {"jaar": "1999"}), "jaar", 2026, minimum=2000) == 2026
    assert query_int(factory.get("/", {"jaar": "2024"}), "jaar", 2026, minimum=2000) == 2024


def test_query_int_can_answer_an_invalid_value_with_a_404():
    request = RequestFactory().get("/", {"version": "²"})
    with pytest.raises(Http404):
        query_int(request, "version", minimum=1, invalid_404=True)
    assert query_int(RequestFactory().get("/"), "version", minimum=1, invalid_404=True) is None
