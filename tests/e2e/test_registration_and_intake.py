"""In the browser: a gedragsdeskundige registers a pupil, the coördinator assigns a
casemanager, the casemanager fills in the intake over two sittings. Uses the Playwright
fixtures and the axe check of tests/e2e."""

import re

from casework.models import Case
from intake.models import SIGNAL_FIELDS, Intake
from tests.consent.helpers import record_complete_consent
from tests.e2e.conftest import check_accessibility, log_in


def test_register_in_the_browser_then_fill_the_intake_in_two_sittings(page, e2e_users):
    log_in(page, e2e_users["gedrag"].username)
    page.get_by_role("link", name="Leerling aanmelden").first.click()
    page.wait_for_url(re.compile(r"/aanmelding/school/nieuw/$"))
    check_accessibility(page)
    fields = {
        "#id_student-first_name": "Noor",
        "#id_student-last_name": "de Vries",
        "#id_student-birth_date": "2012-03-14",
        "#id_student-bsn": "123.456.782",
        "#id_student-school_year": "2",
        "#id_student-class_name": "2B",
        "#id_student-residence": "Veendam",
        "#id_guardian1-name": "Anja de Vries",
        "#id_guardian1-phone": "06 12345678",
        "#id_situation-absent_since": "2026-10-01",
        "#id_registration-support_reason": "Angstklachten.",
        "#id_registration-support_what": "Een opbouwrooster.",
    }
    for selector, value in fields.items():
        page.fill(selector, value)
    page.select_option("#id_student-gender", "f")
    page.select_option("#id_student-level", "havo")
    page.select_option("#id_guardian1-role", "parent_custody")
    page.select_option("#id_situation-absence_kind", "relative")
    page.select_option("#id_situation-absence_extent", "full")
    page.check("#id_registration-support_needed")
    page.check("#id_registration-parents_informed")
    # An invalid BSN comes back with a Dutch message beside it; what was typed stays.
    page.fill("#id_student-bsn", "123456789")
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_load_state()
    assert "voldoet niet aan de 11-proef" in page.locator("#error_1_id_student-bsn").inner_text()
    assert page.input_value("#id_student-first_name") == "Noor"
    assert page.input_value("#id_registration-support_reason") == "Angstklachten."
    check_accessibility(page)
    page.fill("#id_student-bsn", "123.456.782")
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_url(re.compile(r"/aanmelding/school/$"))
    case = Case.objects.get()
    assert page.get_by_text(f"aangemeld onder casusnummer {case.reference}").is_visible()
    check_accessibility(page)

    # The coördinator sees the new registration on the dashboard and assigns a casemanager.
    coordinator, casemanager = e2e_users["coordinator"], e2e_users["casemanager"]
    page.context.clear_cookies()
    log_in(page, coordinator.username)
    page.wait_for_url(re.compile(r"/casussen/$"))
    unassigned = page.get_by_role("table", name=re.compile("Aanmeldingen die nog een casemanager"))
    assert case.reference in unassigned.inner_text()
    page.get_by_label(f"Casemanager voor {case.reference}").select_option(str(casemanager.pk))
    unassigned.get_by_role("button", name="Toewijzen").click()
    page.wait_for_load_state()
    assert "Alle aanmeldingen hebben een casemanager." in page.content()
    case.refresh_from_db()
    assert case.casemanager == casemanager

    record_complete_consent(case, casemanager)  # the consent journey is in the browser elsewhere

    page.context.clear_cookies()
    log_in(page, casemanager.username)
    page.goto(f"/casussen/{case.pk}/intake/")
    check_accessibility(page)
    substance_group = page.locator("[data-show-when=signal_substance_use]")
    assert substance_group.is_hidden()  # intake.js: only after "ja"
    page.locator("input[name=signal_substance_use][value=true]").check()
    assert substance_group.is_visible()
    page.fill("#id_support_question", "Hoe gaat Noor weer naar school?")
    page.fill("#id_happiness_score", "4")
    page.get_by_role("button", name="Tussentijds opslaan", exact=True).click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/intake/$"))
    assert page.get_by_text("De intake is opgeslagen.").is_visible()

    # The second sitting, another day: a new login finds the answers of the first.
    page.context.clear_cookies()
    log_in(page, casemanager.username)
    page.goto(f"/casussen/{case.pk}/intake/")
    assert page.input_value("#id_support_question") == "Hoe gaat Noor weer naar school?"
    assert page.input_value("#id_happiness_score") == "4"
    page.get_by_role("button", name="Intake afronden").click()
    page.wait_for_load_state()
    assert "Vul dit in om de intake af te ronden." in page.content()
    assert not Intake.objects.get().is_complete
    check_accessibility(page)

    for name in SIGNAL_FIELDS:
        if name != "signal_substance_use":
            page.locator(f"input[name={name}][value=false]").check()
    page.get_by_label("Gamen").check()  # which middelengebruik: asked after "ja"
    page.fill("#id_student_view", "Ik wil wel, maar niet naar mijn oude klas.")
    page.locator("input[name=has_diagnosis][value=false]").check()
    page.locator("input[name=load_profile_needed][value=false]").check()
    page.get_by_role("button", name="Intake afronden").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/intake/$"))
    assert "De intake is afgerond." in page.locator(".messages").inner_text()
    intake = Intake.objects.get()
    assert intake.is_complete and intake.completed_by == casemanager
    assert intake.signal_substance_use is True and intake.substance_gaming is True
    assert intake.happiness_score == 4
