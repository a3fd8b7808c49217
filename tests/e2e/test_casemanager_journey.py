"""In the browser, one case from assignment to closure: the coördinator assigns a registered
case to the casemanager; the casemanager records consent (a pupil of 14: both parents with
gezag and the youth), completes the intake, draws up and adopts the plan van aanpak with three
goals, records the tussentijdse evaluatie and the evaluatie na 3 maanden (one goal adjusted)
and closes the case. Every distinct page passes the axe check."""

import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from casework.constants import Gender, GuardianRole, Level, Outcome, Route
from casework.models import Case, Guardian, Student
from casework.services import case_register
from casework.workflow import Status
from consent.models import Consent, ConsentMethod, EndReason
from evaluations.models import Evaluation, EvaluationKind, Goal, GoalReview, Plan
from intake.models import SIGNAL_FIELDS, Intake
from tests.e2e.conftest import check_accessibility, dutch_date, log_in

GOALS = [
    ("Noor gaat drie ochtenden per week naar school.", "Opbouwrooster met de mentor."),
    ("Noor heeft een vaste vertrouwenspersoon op school.", "Kennismaking met de coach."),
    ("Noor doet mee aan de lessen lichamelijke opvoeding.", "Afspraken met de docent LO."),
]
ADJUSTED_GOAL = "Noor doet mee aan één les lichamelijke opvoeding per week."


def _register_case(*, by, region, school, registered_on) -> Case:
    """A school's registration of Noor (14) with two parents with gezag, via the service."""
    student = Student(
        first_name="Noor",
        last_name="de Vries",
        birth_date=timezone.localdate() - relativedelta(years=14, months=6),
        gender=Gender.FEMALE,
        level=Level.HAVO,
        school_year=2,
        class_name="2B",
        residence="Veendam",
    )
    guardians = [
        Guardian(name="Anja de Vries", role=GuardianRole.PARENT_WITH_CUSTODY, phone="0612345678"),
        Guardian(name="Peter de Vries", role=GuardianRole.PARENT_WITH_CUSTODY, phone="0687654321"),
    ]
    return case_register(
        by=by,
        region=region,
        school=school,
        student=student,
        guardians=guardians,
        route=Route.SCHOOL,
        registered_on=registered_on,
    )


def _message(page, text: str) -> None:
    assert text in page.locator(".messages").inner_text()


def _open_tab(page, name: str) -> None:
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role(
        "link", name=name, exact=True
    ).click()
    page.wait_for_load_state()


def test_case_from_assignment_to_closure_in_the_browser(
    page, e2e_users, region, school, e2e_partner
):
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm on closing buttons
    today = timezone.localdate()
    plan_date = today - timedelta(days=100)
    interim_on = plan_date + timedelta(weeks=6)
    final_on = plan_date + relativedelta(months=3)
    coordinator, casemanager = e2e_users["coordinator"], e2e_users["casemanager"]
    case = _register_case(
        by=e2e_users["gedrag"],
        region=region,
        school=school,
        registered_on=today - timedelta(days=120),
    )

    # 1. The coördinator assigns the new registration from the dashboard.
    log_in(page, coordinator.username)
    page.wait_for_url(re.compile(r"/casussen/$"))
    check_accessibility(page)
    unassigned = page.get_by_role("table", name=re.compile("Aanmeldingen die nog een casemanager"))
    assert case.reference in unassigned.inner_text()
    page.get_by_label(f"Casemanager voor {case.reference}").select_option(str(casemanager.pk))
    unassigned.get_by_role("button", name="Toewijzen").click()
    page.wait_for_load_state()
    _message(page, f"{case.reference} is toegewezen aan Mohamed El Amrani.")
    assert "Alle aanmeldingen hebben een casemanager." in page.content()
    case.refresh_from_db()
    assert (case.status, case.casemanager) == (Status.AWAITING_CONSENT, casemanager)

    # 2. The casemanager opens the case and records consent on the Toestemming tab.
    page.context.clear_cookies()
    log_in(page, casemanager.username)
    page.wait_for_url(re.compile(r"/casussen/$"))
    check_accessibility(page)
    page.get_by_role("link", name=case.reference).first.click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/$"))
    assert "wacht op toestemming" in page.locator("main header").inner_text()
    check_accessibility(page)

    _open_tab(page, "Toestemming")
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/toestemming/$"))
    check_accessibility(page)
    consent_on = today - timedelta(days=110)
    page.get_by_label("Datum toestemming").fill(consent_on.isoformat())
    page.get_by_label("Wettelijk vertegenwoordiger 1").select_option(
        label="Anja de Vries (ouder met gezag)"
    )
    page.get_by_label("Wettelijk vertegenwoordiger 2").select_option(
        label="Peter de Vries (ouder met gezag)"
    )
    page.get_by_label("De jeugdige (12 jaar of ouder) geeft toestemming").check()
    assert page.get_by_label("Leerplicht Veendam").is_checked()
    page.get_by_label(re.compile("mondeling gegeven in een gesprek")).check()
    assert page.locator("#div_id_signed_file").is_hidden()  # consent.js: no upload needed
    page.get_by_role("button", name="Toestemming vastleggen").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/toestemming/$"))
    _message(page, "De toestemming is vastgelegd en volledig.")
    status = page.get_by_role("status").filter(has_text="Geldig").inner_text()
    assert f"versie 1, gegeven op {dutch_date(consent_on)}" in status
    assert "intake" in page.locator("main header .badge").first.inner_text()
    check_accessibility(page)
    consent = Consent.objects.get(case=case)
    assert consent.is_complete and consent.youth_consented
    assert {consent.representative_1.name, consent.representative_2.name} == {
        "Anja de Vries",
        "Peter de Vries",
    }
    assert consent.method == ConsentMethod.CONVERSATION
    assert list(consent.organisations.all()) == [e2e_partner]
    case.refresh_from_db()
    assert case.status == Status.INTAKE

    # 3. The intake: the answers it needs, then "Intake afronden".
    _open_tab(page, "Intake")
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/intake/$"))
    check_accessibility(page)
    page.get_by_label("Ondersteuningsvraag *").fill("Hoe gaat Noor weer naar school?")
    for name in SIGNAL_FIELDS:
        value = "true" if name == "signal_anxiety" else "false"
        page.locator(f"input[name={name}][value={value}]").check()
    page.fill("#id_happiness_score", "5")
    page.fill("#id_student_view", "Ik wil wel, maar de drukte in de klas is te veel.")
    page.locator("input[name=has_diagnosis][value=false]").check()
    page.locator("input[name=load_profile_needed][value=false]").check()
    page.get_by_role("button", name="Intake afronden").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/intake/$"))
    _message(page, "De intake is afgerond.")
    assert "Afgerond op" in page.content() and "door Mohamed El Amrani" in page.content()
    check_accessibility(page)
    intake = Intake.objects.get(case=case)
    assert intake.is_complete and intake.completed_by == casemanager
    assert intake.signal_anxiety is True and intake.happiness_score == 5

    # 4. The plan van aanpak: draw it up, add three goals, adopt it.
    _open_tab(page, "Plan van aanpak")
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/plan/$"))
    assert "Er is nog geen plan van aanpak." in page.content()
    check_accessibility(page)
    page.get_by_label("Opgesteld op").fill(plan_date.isoformat())
    page.get_by_label(re.compile(r"^\s*Casusregisseur\*?\s*$")).fill("Mohamed El Amrani")
    page.get_by_label("Instelling casusregisseur").fill("Taskforce Veendam")
    page.get_by_label("E-mail casusregisseur").fill("m.elamrani@example.nl")
    page.get_by_label("06-nummer casusregisseur").fill("06 12345678")
    page.get_by_label("Wat vindt de leerling van het plan?").fill("Eerst ochtenden, dan meer.")
    page.locator("#id_betrokkenen-0-name").fill("Mevrouw Jansen")
    page.locator("#id_betrokkenen-0-organisation_name").fill("Dollard College")
    page.get_by_role("button", name="Plan opslaan").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/plan/$"))
    _message(page, "Het plan van aanpak is opgeslagen.")
    for description, actions in GOALS:
        page.get_by_label(re.compile(r"^\s*Doel\*?\s*$")).fill(description)
        page.get_by_label("Acties (inclusief criteria)").fill(actions)
        page.get_by_label("Tijdspad/termijn").fill("6 weken")
        page.get_by_label("Resultaatverantwoordelijke").fill("Mentor")
        page.get_by_role("button", name="Doel toevoegen").click()
        page.wait_for_url(re.compile(rf"/casussen/{case.pk}/plan/$"))
        _message(page, "Het doel is toegevoegd.")
    for number, (description, _actions) in enumerate(GOALS, start=1):
        card = page.get_by_role("article", name=f"Doel {number}")
        assert description in card.inner_text()
    assert "Mevrouw Jansen" in page.content()
    check_accessibility(page)
    plan = Plan.objects.get(case=case)
    assert plan.drawn_up_on == plan_date and plan.director_phone == "0612345678"
    assert [g.description for g in plan.goals.order_by("position")] == [g for g, _a in GOALS]

    page.get_by_role("button", name="Plan vaststellen en evaluaties plannen").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/evaluaties/$"))
    _message(page, "Het plan is vastgesteld; de evaluaties zijn gepland.")
    evaluations = page.get_by_role("table", name="Geplande en gehouden evaluaties")
    interim_row = evaluations.get_by_role("row", name=re.compile("Tussentijdse evaluatie"))
    final_row = evaluations.get_by_role("row", name=re.compile("Evaluatie na 3 maanden"))
    assert dutch_date(interim_on) in interim_row.inner_text()
    assert dutch_date(final_on) in final_row.inner_text()
    check_accessibility(page)
    case.refresh_from_db()
    plan.refresh_from_db()
    assert case.status == Status.PLAN_ACTIVE
    assert plan.adopted_on == today and plan.adopted_by == casemanager
    assert dict(Evaluation.objects.filter(case=case).values_list("kind", "due_on")) == {
        EvaluationKind.INTERIM: interim_on,
        EvaluationKind.FINAL: final_on,
    }
    # The overview shows the same two dates.
    _open_tab(page, "Overzicht")
    overview = page.locator(".case-overview").inner_text()
    assert f"Datum tussentijdse evaluatie\n{dutch_date(interim_on)}" in overview
    assert f"Datum evaluatie na 3 maanden\n{dutch_date(final_on)}" in overview
    assert "plan actief" in page.locator("main header .badge").first.inner_text()

    # 5. The tussentijdse evaluatie: goals 1 and 2 reached, goal 3 not (extra actions).
    _open_tab(page, "Evaluaties")
    page.get_by_role("link", name="Vastleggen tussentijdse evaluatie (6 weken)").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/evaluaties/\d+/$"))
    assert page.get_by_role("heading", name="Tussentijdse evaluatie (6 weken)").is_visible()
    check_accessibility(page)
    page.get_by_label("Gehouden op").fill(interim_on.isoformat())
    page.get_by_label("Deelnemers").fill("Noor, Anja de Vries, mentor, casemanager")
    page.get_by_label("Wat vindt de leerling?").fill("Het gaat beter dan ik dacht.")
    for number, achieved in [(1, "ja"), (2, "ja"), (3, "nee")]:
        goal = page.get_by_role("group", name=f"Doel {number}")
        goal.get_by_role("radio", name=achieved, exact=True).check()
        goal.get_by_label("Toelichting", exact=True).fill(f"Toelichting bij doel {number}.")
    page.get_by_role("group", name="Doel 3").get_by_label(
        "zo nee: welke aanvullende acties zijn nodig?"
    ).fill("Gesprek met de docent LO over een aangepast programma.")
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/evaluaties/$"))
    _message(page, "De evaluatie is vastgelegd.")
    interim_text = interim_row.inner_text()
    assert dutch_date(interim_on) in interim_text
    assert "niet behaald" in interim_text and interim_text.count("behaald") == 3
    interim = Evaluation.objects.get(case=case, kind=EvaluationKind.INTERIM)
    assert interim.held_on == interim_on and interim.recorded_by == casemanager
    reviews = {r.goal.position: r for r in interim.reviews.select_related("goal")}
    assert [reviews[n].achieved for n in (1, 2, 3)] == [True, True, False]
    assert reviews[3].extra_actions.startswith("Gesprek met de docent LO")
    # Closing waits for the evaluatie na 3 maanden.
    assert page.get_by_role("region", name="Na de evaluatie: afsluiten of verder").count() == 0

    # 6. The evaluatie na 3 maanden: goal 3 not reached and adjusted (a new version).
    page.get_by_role("link", name="Vastleggen evaluatie na 3 maanden").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/evaluaties/\d+/$"))
    assert page.get_by_role("heading", name="Evaluatie na 3 maanden").is_visible()
    goal_3 = page.get_by_role("group", name="Doel 3")
    adjusted_goal_field = goal_3.get_by_label("aangepast doel")
    assert adjusted_goal_field.is_hidden()  # evaluations.js: only once "aanpassen" is ticked
    check_accessibility(page)
    page.get_by_label("Gehouden op").fill(final_on.isoformat())
    page.get_by_label("Deelnemers").fill("Noor, beide ouders, mentor, casemanager")
    for number, achieved in [(1, "ja"), (2, "ja"), (3, "nee")]:
        page.get_by_role("group", name=f"Doel {number}").get_by_role(
            "radio", name=achieved, exact=True
        ).check()
    goal_3.get_by_label("of: het doel aanpassen").check()
    assert adjusted_goal_field.is_visible()
    assert adjusted_goal_field.input_value() == GOALS[2][0]
    adjusted_goal_field.fill(ADJUSTED_GOAL)
    check_accessibility(page)
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/evaluaties/$"))
    _message(page, "De evaluatie is vastgelegd.")
    assert "niet behaald, aangepast" in final_row.inner_text()
    # Not filtered on the text: it is encrypted (core.encryption), each save differently.
    old_goal = Goal.objects.get(plan=plan, position=3, active=False)
    assert old_goal.description == GOALS[2][0]
    new_goal = Goal.objects.get(plan=plan, previous=old_goal)
    assert not old_goal.active and new_goal.active
    assert (new_goal.description, new_goal.position) == (ADJUSTED_GOAL, 3)
    assert new_goal.actions == GOALS[2][1]  # unchanged parts carry over
    final = Evaluation.objects.get(case=case, kind=EvaluationKind.FINAL)
    assert final.held_on == final_on
    assert GoalReview.objects.get(evaluation=final, goal=old_goal).adjusted
    assert plan.goals.filter(active=True).count() == 3
    check_accessibility(page)

    # The plan tab shows the adjusted goal, and the old version as history.
    _open_tab(page, "Plan van aanpak")
    assert ADJUSTED_GOAL in page.get_by_role("article", name=re.compile("Doel 3")).inner_text()
    page.get_by_text("Eerdere versies van aangepaste doelen").click()
    assert page.get_by_text(GOALS[2][0]).first.is_visible()
    check_accessibility(page)

    # 7. Close the case with an outcome, from the evaluations tab.
    _open_tab(page, "Evaluaties")
    next_step = page.get_by_role("region", name="Na de evaluatie: afsluiten of verder")
    next_step.get_by_label("uitkomst").select_option(Outcome.BACK_AT_SCHOOL.value)
    next_step.get_by_label("afspraken bij afsluiting Taskforce Thuiszitters").fill(
        "Noor gaat volledig naar school; de mentor houdt wekelijks contact."
    )
    next_step.get_by_role("button", name="Casus afsluiten").click()
    page.wait_for_url(re.compile(rf"/casussen/{case.pk}/evaluaties/$"))
    _message(page, "De casus is afgesloten.")
    assert f"De casus is afgesloten op {dutch_date(today)}" in page.content()
    assert "afgesloten" in page.locator("main header .badge").first.inner_text()
    check_accessibility(page)
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert (case.outcome, case.closed_on) == (Outcome.BACK_AT_SCHOOL, today)
    consent.refresh_from_db()
    assert (consent.ended_on, consent.end_reason) == (today, EndReason.CASE_CLOSED)

    _open_tab(page, "Overzicht")
    closing = page.get_by_role("region", name="Afsluiting", exact=True).inner_text()
    assert "terug op school van inschrijving" in closing
    assert "de mentor houdt wekelijks contact" in closing
    check_accessibility(page)
