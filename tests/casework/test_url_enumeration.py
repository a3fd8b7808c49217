"""Issue 3: every URL pattern that takes a case (or child object) id answers 404 to a
gedragsdeskundige of another school and a casemanager of another region, for GET and POST.

The patterns are walked from the URL conf, so patterns that other apps add later are
checked without touching this file. Every int argument gets the real case's id; a child
object that does not exist also gives 404, which is fine: nothing may reveal the case.
"""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

CASE_PREFIXES = (
    "casussen/",
    "aanmelding/",
    "toestemming/",
    "plannen/",
    "meldingen/",
    "rapportages/",
)
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _routes(patterns=None, prefix=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def case_bound_routes() -> list[str]:
    routes = []
    for route, _pattern in _routes():
        if not route.startswith(CASE_PREFIXES) or route.startswith("^"):
            continue
        converters = [m.group("converter") or "str" for m in PARAMETER.finditer(route)]
        if "int" in converters:
            routes.append(route)
    return sorted(set(routes))


def build(route: str, number: int) -> str:
    def fill(match):
        converter = match.group("converter") or "str"
        if converter == "int":
            return str(number)
        if converter == "uuid":
            return str(uuid.uuid4())
        return "x"

    return "/" + PARAMETER.sub(fill, route)


def test_the_walk_finds_the_casework_case_routes():
    routes = case_bound_routes()
    assert "casussen/<int:pk>/" in routes
    assert "casussen/<int:pk>/tijdlijn/" in routes
    assert "casussen/<int:pk>/afsluiten/" in routes


def test_build_fills_every_int_argument_with_the_case_id():
    assert build("plannen/<int:pk>/doel/<int:goal_pk>/", 7) == "/plannen/7/doel/7/"


@pytest.mark.parametrize("persona", ["other_school_expert", "other_region_casemanager"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_on_every_case_bound_url(request, client, case, persona, method):
    """One test per persona and method (walking ~100 routes with fresh fixtures each would
    take minutes); the failure message lists every offending route."""
    client.force_login(request.getfixturevalue(persona))
    failures = []
    for route in case_bound_routes():
        url = build(route, case.pk)
        response = getattr(client, method)(url)
        if response.status_code == 405:
            # Allowed only if the method is refused before any case is looked up: the
            # same answer comes for an id that does not exist at all.
            missing = getattr(client, method)(build(route, case.pk + 10_000_000))
            if missing.status_code != 405:
                failures.append(f"{method.upper()} {url}: 405 only for a real case")
            continue
        if response.status_code != 404:
            failures.append(f"{method.upper()} {url}: {response.status_code}")
    assert not failures, f"{persona} was not answered 404:\n" + "\n".join(failures)
