"""In the browser, issue 21 (3, 4): the casemanager makes a calendar link on their settings
page, a calendar (icalendar, without a session) reads the feed with the right events and no
names; renewing the link stops the old one; the weekly overview, switched on there, is mailed
once and without names."""

import re
import urllib.error
import urllib.request
from datetime import timedelta

import icalendar
import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone

from casework.clock import threshold_date
from notifications.weekly import week_monday, weekly_overviews_send
from tests.e2e.conftest import check_accessibility, log_in
from tests.factories import CaseFactory, StudentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _feed_status(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the live server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_the_calendar_link_and_the_weekly_overview_from_the_settings_page(
    page, e2e_users, school, settings
):
    casemanager = e2e_users["casemanager"]
    today = timezone.localdate()
    # At home for almost three months: the threshold falls within the region's warning weeks.
    absent_since = today - relativedelta(months=3) + timedelta(days=10)
    student = StudentFactory(first_name="Fenna", last_name="Bakker")
    case = CaseFactory(
        school=school, casemanager=casemanager, student=student, absent_since=absent_since
    )

    log_in(page, casemanager.username)
    page.get_by_role("button", name=re.compile(str(casemanager))).click()
    page.get_by_role("link", name="Instellingen").click()
    page.wait_for_url(re.compile(r"/instellingen/$"))
    check_accessibility(page)
    page.get_by_role("button", name="Agendalink maken").click()
    page.wait_for_url(re.compile(r"/instellingen/$"))
    old = page.get_by_label("Uw persoonlijke agendalink").input_value()
    assert re.search(r"/kalender/[\w-]{20,}\.ics$", old)
    check_accessibility(page)

    status, body = _feed_status(old)
    assert status == 200
    calendar = icalendar.Calendar.from_ical(body)
    [event] = calendar.walk("VEVENT")
    assert (
        str(event["summary"]) == f"Termijn Thuiszitterspact – casus {case.reference} (Plusdossier)"
    )
    assert event.decoded("dtstart") == threshold_date(absent_since, 3)
    text = body.decode()
    for name in ("Fenna", "Bakker", "El Amrani"):
        assert name not in text

    page.get_by_role("link", name="Nieuwe link maken").click()
    assert page.get_by_text("De huidige link werkt daarna meteen niet meer").is_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Ja, nieuwe link maken").click()
    page.wait_for_url(re.compile(r"/instellingen/$"))
    new = page.get_by_label("Uw persoonlijke agendalink").input_value()
    assert new != old
    assert _feed_status(old)[0] == 404
    assert _feed_status(new)[0] == 200

    page.get_by_label("Wekelijks overzicht per e-mail (maandag)").check()
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("U ontvangt elke maandag het weekoverzicht.").is_visible()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    monday = week_monday(today)
    assert weekly_overviews_send(as_of=monday)["sent"] == 1
    assert weekly_overviews_send(as_of=monday)["sent"] == 0
    [overview] = mail.outbox
    assert overview.to == [casemanager.email]
    assert f"- {case.reference}: termijn verloopt op" in overview.body
    for name in ("Fenna", "Bakker", "El Amrani", "Mohamed"):
        assert name not in overview.body
