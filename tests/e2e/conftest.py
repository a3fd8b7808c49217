"""Browser journeys: Playwright (Python, sync API) driving Debian's Chromium against the live
server. axe-core (tests/e2e/axe.min.js, from the npm registry) checks WCAG 2.1 AA on each page;
a failing test leaves a screenshot in tests/e2e/screenshots/."""

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from accounts.models import Role
from casework.models import OrganisationKind
from tests.factories import OrganisationFactory, UserFactory

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# between browser steps are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).with_name("axe.min.js")
SCREENSHOTS = Path(__file__).with_name("screenshots")
PASSWORD = "geheim-wachtwoord-123"
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

pytestmark = pytest.mark.skipif(
    not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists(), reason="no Chromium"
)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        page = item.funcargs.get("page")
        if page is not None:
            SCREENSHOTS.mkdir(exist_ok=True)
            # The browser may be gone; the failure itself is what matters.
            with contextlib.suppress(Exception):
                page.screenshot(path=str(SCREENSHOTS / f"{item.name}.png"), full_page=True)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def check_accessibility(page) -> None:
    """No serious or critical WCAG 2.1 AA violation on the current page."""
    # Through the DevTools protocol, which the page's CSP (no inline scripts) does not govern.
    page.evaluate("(source) => { (0, eval)(source); }", AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{page.url}: " + "; ".join(bad)


def log_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/account/login/")
    check_accessibility(page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def dutch_date(value) -> str:
    """A date as the pages show it ({{ value|date:"j F Y" }} in Dutch): 3 oktober 2026."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@pytest.fixture
def e2e_users(transactional_db, region, school):
    return {
        "gedrag": UserFactory(
            username="e2e-gedrag", role=Role.BEHAVIOURAL_EXPERT, region=region, school=school
        ),
        "casemanager": UserFactory(
            username="e2e-cm",
            role=Role.CASEMANAGER,
            region=region,
            first_name="Mohamed",
            last_name="El Amrani",
        ),
        "coordinator": UserFactory(username="e2e-coord", role=Role.COORDINATOR, region=region),
    }


@pytest.fixture
def e2e_partner(e2e_users, region):
    """A partner of the region on the consent form, so a consent can name it."""
    return OrganisationFactory(
        region=region, name="Leerplicht Veendam", kind=OrganisationKind.TRUANCY
    )
