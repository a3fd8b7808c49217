"""Issue 19: every page of a seeded dossier, as its casemanager and as the coördinator, shows
dates in words (no ISO date), no English from Django or Python (a fixed list) and no raw choice
code where its Dutch label belongs, and every table has a caption. The pages are walked from the URL conf (every GET route,
ids filled from one dossier: tests/casework/test_url_enumeration.py), so new pages are checked
without touching this file."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps

from tests.casework.test_url_enumeration import _ids, _routes, build, dossier  # noqa: F401

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ENGLISH = re.compile(
    r"\b(Not Found|Page not found|Forbidden|Server Error|Bad Request|Enter a valid|"
    r"This field|Submit|Unknown|None|True|False|Choose a file|Currently|Change)\b"
)
# Not walked: the admin (its own language setting is tested in tests/accounts), the account
# pages of allauth (tests/accounts), files and PDFs (read back in their own tests).
SKIPPED = ("beheer/", "account/", "static/", "media/")
SPOKEN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


class _VisibleText(HTMLParser):
    """The text a reader sees or hears: element text (no script or style) and the spoken
    attributes; not other attribute values (a date input's value is ISO by the standard)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        self.parts += [value for name, value in attrs if name in SPOKEN_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def raw_codes() -> re.Pattern:
    """The stored values of the project's choice fields that differ from their label and
    cannot be a Dutch word: snake_case codes and the English ones (advice, closed, …)."""
    codes = set()
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or ():
                value = str(value)
                differs = len(value) >= 4 and value.lower() != str(label).lower()
                if differs and value.isascii() and ("_" in value or value in ENGLISH_CODES):
                    codes.add(value)
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, codes))) + r")\b")


PROJECT_APPS = {
    "accounts",
    "casework",
    "consent",
    "evaluations",
    "followups",
    "intake",
    "meetings",
    "notifications",
    "quality",
}
ENGLISH_CODES = {
    "advice",
    "intensive",
    "registered",
    "closed",
    "biweekly",
    "evaluation",
    "interim",
    "final",
    "coordinator",
    "casemanager",
    "partner",
    "female",
    "male",
    "other",
}


def get_routes() -> list[str]:
    return sorted(
        {
            route
            for route, pattern in _routes()
            if not route.startswith(SKIPPED) and "$" not in route and pattern.name != "legacy"
        }
    )


def test_the_walk_would_see_a_raw_date_an_english_word_and_a_code():
    text = visible_text(
        '<p title="This field">Aangemeld op 2026-12-03</p><script>var x="None";</script>'
        '<input type="date" value="2026-12-04"><td>plan_active</td>'
    )
    assert ISO_DATE.findall(text) == ["2026-12-03"]  # not the input's value
    assert ENGLISH.findall(text) == ["This field"]  # not the script's text
    assert raw_codes().findall(text) == ["plan_active"]


@pytest.mark.parametrize("persona", ["casemanager", "coordinator", "behavioural_expert"])
def test_every_page_shows_dates_in_words_dutch_words_and_labels(
    request,
    client,
    dossier,  # noqa: F811
    persona,
):
    client.force_login(request.getfixturevalue(persona))
    ids = _ids(dossier)
    codes = raw_codes()
    failures, seen = [], 0
    for route in get_routes():
        try:
            url = build(route, ids)
        except KeyError:
            continue
        response = client.get(url, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        html = response.content.decode()
        tables, captions = html.count("<table"), html.count("<caption")
        if tables != captions:
            failures.append(f"{url}: {tables - captions} table(s) without a caption")
        text = visible_text(html)
        for name, pattern in (("ISO date", ISO_DATE), ("English", ENGLISH), ("code", codes)):
            found = sorted(set(pattern.findall(text)))
            if found:
                failures.append(f"{url}: {name} {found[:5]}")
    assert seen >= 20, seen  # the walk reached the dossier's pages
    assert not failures, "\n".join(failures)
