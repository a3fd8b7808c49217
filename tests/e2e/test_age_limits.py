"""In the browser, issue 21: a pupil turning 16 in the test's clock. The daily scan tells the
casemanager beforehand (once); on the birthday the case overview and the consent page say
"toestemming opnieuw vragen" while the consent stays valid (consent.rules: the youth's own
consent, given at 15, holds on from 16)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from consent.rules import turns_on
from notifications.models import Notification, NotificationKind
from notifications.services import reminders_run
from tests.consent.helpers import record_complete_consent
from tests.e2e.conftest import check_accessibility, dutch_date, log_in
from tests.factories import CaseFactory


def test_a_pupil_turning_16_is_announced_and_on_the_birthday_consent_is_asked_again(
    page, e2e_users, e2e_partner, school
):
    casemanager = e2e_users["casemanager"]
    today = timezone.localdate()
    birthday = today + timedelta(days=10)
    case = CaseFactory(
        school=school,
        casemanager=casemanager,
        registered_by=e2e_users["gedrag"],
        awaiting_consent=True,
    )
    case.student.birth_date = birthday.replace(year=birthday.year - 16)
    case.student.save(update_fields=["birth_date"])
    birthday = turns_on(case.student.birth_date, 16)  # 29 February: 1 March
    record_complete_consent(case, casemanager)

    reminders_run(as_of=today, mail=False)
    reminders_run(as_of=today + timedelta(days=1), mail=False)
    assert Notification.objects.filter(kind=NotificationKind.CONSENT_AGE, case=case).count() == 1

    log_in(page, casemanager.username)
    page.goto("/meldingen/")
    notice = page.get_by_text(
        f"Casus {case.reference}: de leerling wordt 16 op {birthday:%d-%m-%Y}"
    )
    assert notice.is_visible()
    page.goto(f"/casussen/{case.pk}/")
    assert page.locator("[data-consent-renewal]").count() == 0

    moment = datetime(
        birthday.year, birthday.month, birthday.day, 10, tzinfo=ZoneInfo("Europe/Amsterdam")
    )
    with time_machine.travel(moment, tick=True):
        context = page.context
        context.clear_cookies()
        log_in(page, casemanager.username)
        page.goto(f"/casussen/{case.pk}/")
        renewal = page.locator("[data-consent-renewal]")
        assert "Toestemming opnieuw vragen" in renewal.inner_text()
        assert f"op {dutch_date(birthday)} 16 geworden" in renewal.inner_text()
        check_accessibility(page)
        renewal.get_by_role("link", name="Naar de toestemming").click()
        page.wait_for_load_state()
        assert "Geldig" in page.locator("main").inner_text()  # sharing continues
        assert page.locator("[data-consent-renewal]").is_visible()
        check_accessibility(page)
