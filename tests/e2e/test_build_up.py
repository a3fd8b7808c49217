"""In the browser, issue 21: the casemanager enters a week of the opbouwschema and what
happened in it, and sees the chart and its table change."""

from datetime import date, timedelta

from django.utils import timezone

from evaluations import services
from tests.consent.helpers import record_consent
from tests.e2e.conftest import check_accessibility, dutch_date, log_in
from tests.evaluations.conftest import make_plan
from tests.factories import CaseFactory, StudentFactory


def test_entering_a_week_and_its_attendance_changes_the_chart_and_the_table(
    page, e2e_users, school
):
    casemanager = e2e_users["casemanager"]
    student = StudentFactory(birth_date=date(timezone.localdate().year - 17, 1, 1))
    case = CaseFactory(
        school=school,
        casemanager=casemanager,
        registered_by=casemanager,
        student=student,
        awaiting_consent=True,
    )
    record_consent(case, casemanager)
    make_plan(case, casemanager, goals=1)
    services.plan_adopt(case=case, by=casemanager)
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    week = monday.isocalendar().week

    log_in(page, casemanager.username)
    page.goto(f"/casussen/{case.pk}/plan/")
    assert page.get_by_text("Nog geen opbouwschema").is_visible()
    page.get_by_role("link", name="Opbouwschema opstellen").click()
    check_accessibility(page)
    page.get_by_label("Week (maandag) (regel 1)").fill(monday.isoformat())
    page.get_by_label("Geplande uren (regel 1)").fill("10")
    page.get_by_role("button", name="Opbouwschema opslaan").click()
    page.wait_for_load_state()

    table = page.get_by_role("table", name="Opbouwschema: geplande en aanwezige uren per week")
    row = table.get_by_role("row", name=f"week {week} ({dutch_date(monday)})")
    assert row.get_by_role("cell").nth(1).inner_text() == "10"
    assert row.get_by_role("cell").nth(2).inner_text() == "—"
    chart = page.get_by_role("img", name=f"week {week}: 10 gepland, — aanwezig", exact=False)
    assert chart.is_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Opbouwschema en aanwezigheid invullen").click()
    page.get_by_label("Aanwezige uren (regel 1)").fill("7")
    page.get_by_role("button", name="Opbouwschema opslaan").click()
    assert page.get_by_text("Geef aan waarom de leerling minder uren").is_visible()
    page.get_by_label("Reden minder uren (regel 1)").fill("Twee ochtenden ziek")
    page.get_by_role("button", name="Opbouwschema opslaan").click()
    page.wait_for_load_state()

    row = table.get_by_role("row", name=f"week {week} ({dutch_date(monday)})")
    assert row.get_by_role("cell").nth(2).inner_text() == "7"
    assert row.get_by_role("cell").nth(3).inner_text() == "70%"
    assert row.get_by_role("cell").nth(4).inner_text() == "Twee ochtenden ziek"
    chart = page.get_by_role("img", name=f"week {week}: 10 gepland, 7 aanwezig", exact=False)
    assert chart.is_visible()
