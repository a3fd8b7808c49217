"""In the browser, issue 19's daily-use findings: an assignment reaches the casemanager, the
gedragsdeskundige's school list opens cases, the reports' default period ends today, a Dutch
page for a case one may not see, and a reload after a failed form lands on a live page."""

import io
import re
from datetime import date

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.consent.helpers import record_consent
from tests.e2e.conftest import check_accessibility, dutch_date, log_in
from tests.factories import CaseFactory, OrganisationFactory, StudentFactory


def log_out(page, user) -> None:
    page.get_by_role("button", name=re.compile(str(user))).click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/account/login/"))


def test_an_assignment_reaches_the_casemanager_and_the_school_list_opens_the_case(
    page, e2e_users, school
):
    users = e2e_users
    registration = CaseFactory(school=school, casemanager=None, registered_by=users["gedrag"])

    log_in(page, users["coordinator"].username)
    page.goto("/casussen/")
    page.get_by_label(f"Casemanager voor {registration.reference}").select_option(
        str(users["casemanager"].pk)
    )
    page.get_by_role("button", name="Toewijzen").first.click()
    page.wait_for_load_state()
    log_out(page, users["coordinator"])

    log_in(page, users["casemanager"].username)
    page.goto("/meldingen/")
    notice = page.get_by_text(f"Casus {registration.reference} is aan u toegewezen")
    assert notice.is_visible()
    check_accessibility(page)
    log_out(page, users["casemanager"])

    log_in(page, users["gedrag"].username)
    page.get_by_role("link", name=registration.reference).click()
    page.wait_for_url(re.compile(rf"/casussen/{registration.pk}/$"))
    assert registration.student.full_name in page.locator("main").inner_text()
    check_accessibility(page)


def test_the_reports_count_up_to_today_by_default(page, e2e_users):
    log_in(page, e2e_users["coordinator"].username)
    page.goto("/rapportages/")
    today = timezone.localdate()
    assert page.get_by_label("Tot en met").input_value() == today.isoformat()
    assert (
        f"Thuis zonder passend aanbod op {dutch_date(today)}" in page.locator("main").inner_text()
    )


def test_a_case_one_may_not_see_gets_a_dutch_page(page, e2e_users, region):
    other = CaseFactory()  # another region's case
    log_in(page, e2e_users["casemanager"].username)
    response = page.goto(f"/casussen/{other.pk}/")
    assert response.status == 404
    text = page.locator("body").inner_text()
    assert "Pagina niet gevonden" in text and "Not Found" not in text
    check_accessibility(page)


def test_a_reload_after_a_failed_form_lands_on_a_live_page(page, e2e_users, school):
    users = e2e_users
    case = CaseFactory(school=school, casemanager=users["casemanager"])
    log_in(page, users["coordinator"].username)
    page.goto(reverse("casework:case_detail", args=[case.pk]))
    # The assign form sent without a choice fails and leaves its POST-only URL in the bar.
    page.get_by_text("Andere casemanager toewijzen").click()
    page.locator("#id_assign-casemanager").select_option("")
    page.get_by_role("button", name="Toewijzen").click()
    page.wait_for_url(re.compile(r"/toewijzen/$"))
    assert page.get_by_text("Dit veld is verplicht.").first.is_visible()
    # Opening that address again (Enter in the address bar, a bookmark) is a GET.
    response = page.goto(page.url)
    assert response.status == 200
    assert page.url.endswith(f"/casussen/{case.pk}/")
    text = page.locator("main").inner_text()
    assert "405" not in text and case.reference in text
    check_accessibility(page)


def test_fresh_date_fields_are_not_shown_as_errors(page, e2e_users, school):
    """Issue 19, finding 2: a new profile and a new plan opened with their date fields red."""
    case = CaseFactory(
        school=school,
        casemanager=e2e_users["casemanager"],
        registered_by=e2e_users["casemanager"],
        student=StudentFactory(birth_date=date(2009, 1, 1)),
        awaiting_consent=True,
    )
    record_consent(case, e2e_users["casemanager"])
    log_in(page, e2e_users["casemanager"].username)
    for name in ("load_profile", "plan_detail"):
        page.goto(reverse(f"evaluations:{name}", args=[case.pk]))
        dates = page.locator("input[type=date]")
        assert dates.count() > 0
        shown_red = page.evaluate(
            """() => [...document.querySelectorAll('input, select, textarea')]
                .filter(e => e.matches('.is-invalid, :user-invalid')
                    || getComputedStyle(e).borderColor === 'rgb(220, 53, 69)')
                .map(e => e.name)"""
        )
        assert shown_red == [], name
        assert page.locator(".invalid-feedback:visible, .alert-danger").count() == 0


def _open_a_new_intake(page, e2e_users, school):
    """A case with consent whose intake the casemanager opens for the first time."""
    case = CaseFactory(
        school=school,
        casemanager=e2e_users["casemanager"],
        registered_by=e2e_users["casemanager"],
        student=StudentFactory(birth_date=date(2009, 1, 1)),
        awaiting_consent=True,
    )
    record_consent(case, e2e_users["casemanager"])
    log_in(page, e2e_users["casemanager"].username)
    page.goto(reverse("intake:intake_edit", args=[case.pk]))
    return case


def test_after_a_failed_form_the_errors_are_in_view_and_lead_to_their_fields(
    page, e2e_users, school
):
    """Issue 19, finding 7: the page opened at the top with the message two screens down, the
    summary did not link to the fields, and a radio group's message was hidden."""
    _open_a_new_intake(page, e2e_users, school)
    page.get_by_role("button", name="Intake afronden").click()
    page.wait_for_load_state()

    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("(element) => element === document.activeElement")
    assert summary.evaluate(
        "(e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )
    # Every message of a radio group is on screen, not only its red colour.
    assert page.locator("fieldset .invalid-feedback").count() > 0
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('.invalid-feedback')]
            .filter(e => getComputedStyle(e).display === 'none').length"""
    )
    assert hidden == 0
    # A link in the summary takes focus to its field.
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")[1:]
    link.click()
    assert page.evaluate("() => document.activeElement.id") == target
    check_accessibility(page)


def test_the_intake_in_sections_with_a_menu_a_save_per_section_and_a_save_bar(
    page, e2e_users, school
):
    """Issue 19, finding 8: the intake was one 7,000-pixel page whose nine signals started
    on "onbekend", which "Intake afronden" then refused."""
    case = _open_a_new_intake(page, e2e_users, school)
    menu = page.get_by_role("navigation", name="Onderdelen van de intake")
    links = menu.get_by_role("link")
    assert links.count() == 6
    assert re.fullmatch(r"Ondersteuningsvraag\s*1 open", links.first.inner_text().strip())
    assert page.locator("input[name^=signal_]:checked").count() == 0  # nothing preselected
    check_accessibility(page)

    # The menu leads to a section, whose own button saves and comes back to it.
    menu.get_by_role("link", name=re.compile("Situatie school")).click()
    school_section = page.get_by_role("region", name="Situatie school")
    assert school_section.is_visible()
    page.locator("input[name=signal_absence][value=true]").check()
    page.get_by_label("Ondersteuningsvraag *").fill("Hoe gaat Lotte weer naar school?")
    school_section.get_by_role("button", name="Tussentijds opslaan (Situatie school)").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/intake/#intake-deel-3$"))
    assert "De intake is opgeslagen." in page.locator(".messages").inner_text()
    assert re.fullmatch(r"Ondersteuningsvraag\s*compleet", links.first.inner_text().strip())
    assert page.locator("input[name=signal_absence][value=true]").is_checked()

    # Halfway down the long form the save bar is still on screen.
    page.get_by_role("region", name="Situatie thuis").scroll_into_view_if_needed()
    bar = page.locator(".intake-savebar")
    assert bar.evaluate(
        "(e) => { const r = e.getBoundingClientRect(); return r.bottom <= innerHeight && r.top >= 0; }"
    )
    assert bar.get_by_role("button", name="Intake afronden").is_visible()
    check_accessibility(page)


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_one_dutch_way_of_showing_words_dates_and_who(page, e2e_users, school):
    """Issue 19, findings 1, 5 and 6 in the browser: the case page dates in words (no ISO, no
    raw timestamp), the login page's link once, the welcome in the "u" form with the name,
    capitalised labels, and the access log's role and user by their Dutch names."""
    case = CaseFactory(school=school, casemanager=e2e_users["casemanager"])
    log_in(page, e2e_users["casemanager"].username)
    welcome = page.locator(".messages").inner_text()
    assert "U bent ingelogd als Mohamed El Amrani." in welcome
    page.goto(reverse("casework:case_detail", args=[case.pk]))
    main = page.get_by_role("main").inner_text()
    assert not ISO_DATE.search(main), ISO_DATE.search(main)
    assert dutch_date(case.registered_on) in main
    log_out(page, e2e_users["casemanager"])
    log_in(page, e2e_users["coordinator"].username)  # the coördinator reads the access log
    page.goto(reverse("privacy:access_log", args=[case.pk]))
    log = page.get_by_role("table").first.inner_text()
    # The name first, the unique username beside it (NEN 7513), the role by its Dutch label.
    assert "Mohamed El Amrani (e2e-cm)\tCasemanager" in log
    assert not re.search(r"\bcasemanager\b", log)
    check_accessibility(page)

    page.context.clear_cookies()
    page.goto("/account/login/")
    assert page.get_by_role("link", name="Wachtwoord vergeten?").count() == 1
    labels = page.locator("label").all_inner_texts()
    assert all(label.strip()[:1].isupper() for label in labels if label.strip()), labels


def test_the_consent_form_to_sign_ticks_only_the_covered_partners(
    page, e2e_users, school, e2e_partner
):
    """Issue 19, finding 10 in the browser: the printable form listed every partner with no
    box to tick; now each has a box, ticked where the recorded consent covers it."""
    OrganisationFactory(region=e2e_partner.region, name="CJG Veendam", on_consent_form=True)
    case = _open_a_new_intake(page, e2e_users, school)
    page.goto(reverse("consent:consent_detail", args=[case.pk]))
    link = page.get_by_role("link", name="Toestemmingsformulier afdrukken (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    lines = [line.strip() for p in reader.pages for line in p.extract_text().splitlines()]
    covered = {org.name for org in case.consents.get().organisations.all()}
    ticked = {line[2:] for line in lines if line.startswith("X ")}
    assert ticked == covered == {"Leerplicht Veendam"}
    assert "CJG Veendam" in lines  # on the form, not ticked
    assert "Met een partner zonder kruisje wordt niets gedeeld." in " ".join(lines)
    signature_pages = [
        n for n, p in enumerate(reader.pages) if "Handtekeningen" in p.extract_text()
    ]
    assert len(signature_pages) == 1
