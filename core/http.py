"""Addresses: a path as the full address mails and calendars carry (site_url), and reading
numbers from a URL's query string, the one way every view does it.

`str.isdigit()` and `int()` accept far more than the digits 0–9: '²'.isdigit() is true while
int('²') fails, int('١٢') is 12 and int('9' * 30) overflows a database integer. A query
parameter is typed by anyone, so it counts as a number only when it is ASCII digits within
the range the view can use.
"""

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _


def site_url(path: str) -> str:
    """`path` (from reverse) as a full address on SITE_URL, for a mail or a calendar, which are
    read outside a request."""
    return settings.SITE_URL.rstrip("/") + path


# A PostgreSQL integer column; a larger value is never a valid id or version.
INT_MAX = 2**31 - 1


def parse_int(raw: str | None, *, minimum: int = 0, maximum: int = INT_MAX) -> int | None:
    """The whole number in `raw` (ASCII digits 0–9, an optional leading '-'), or None when it
    is none or lies outside minimum..maximum."""
    if not raw or len(raw) > 20 or not raw.isascii():
        return None
    digits = raw[1:] if raw.startswith("-") else raw
    if not digits.isdecimal():
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def query_int(
    request: HttpRequest,
    name: str,
    default: int | None = None,
    *,
    minimum: int = 0,
    maximum: int = INT_MAX,
    invalid_404: bool = False,
) -> int | None:
    """The GET parameter `name` as a number in minimum..maximum.

    Absent or empty gives `default`; an invalid value gives `default` too, or a 404 with
    `invalid_404` (where a wrong number names something that does not exist).
    """
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    value = parse_int(raw, minimum=minimum, maximum=maximum)
    if value is None:
        if invalid_404:
            raise Http404(_("Niet gevonden."))
        return default
    return value
