"""The intake tab: filled over several sittings, completed, gated by status and by role."""

import pytest
from django.db import connection
from django.urls import reverse

from casework.models import AccessLogEntry, Case
from casework.services import case_assign
from casework.workflow import Status
from intake.models import SIGNAL_FIELDS, Intake
from intake.services import intake_save
from tests.consent.helpers import record_complete_consent
from tests.factories import CaseFactory, GuardianFactory, OrganisationFactory, UserFactory

from .factories import IntakeFactory, RegistrationFactory
from .helpers import school_registration_data

pytestmark = pytest.mark.django_db

FIRST_SITTING = {
    "action": "save",
    "support_question": "Wat is nodig om Noor weer volledig naar school te laten gaan?",
    "signal_anxiety": "true",
    "signal_withdrawn": "true",
    "signal_substance_use": "false",
    "leisure": "Tekent veel, speelt online met twee vriendinnen.",
    "happiness_score": "4",
    "happiness_reasoning": "Voelt zich alleen en bang voor de klas.",
    "student_view": "Ze wil wel terug, maar niet naar haar oude klas.",
    "physical_complaints": "Buikpijn op zondagavond en maandagochtend.",
}

SECOND_SITTING = {
    "action": "complete",
    "signal_absence": "true",
    "signal_learning_problems": "false",
    "signal_bullying": "true",
    "signal_repeated_year": "false",
    "has_diagnosis": "true",
    "diagnosis_which": "Gegeneraliseerde angststoornis",
    "diagnosis_when": "Voorjaar 2025",
    "diagnosis_by": "Accare",
    "home_factors": "Moeder ziek geweest; weinig geld.",
    "parenting": "Warm, weinig structuur.",
    "load_profile_needed": "true",
    "opp_rationale": "Uitstroom havo haalbaar met een opbouwrooster.",
}


def start_intake(case, by):
    """Move the case to intake by recording complete consent. The shared `case` fixture has
    no registered_by, which Case.full_clean (in the status move) refuses; fill it first."""
    if case.registered_by_id is None:
        Case.objects.filter(pk=case.pk).update(registered_by=by)
        case.refresh_from_db()
    record_complete_consent(case, by)
    case.refresh_from_db()
    return case


def intake_url(case) -> str:
    return reverse("intake:intake_edit", args=[case.pk])


def test_registration_to_completed_intake_over_two_sittings(
    client, behavioural_expert, coordinator, casemanager
):
    # The gedragsdeskundige registers the pupil.
    client.force_login(behavioural_expert)
    assert (
        client.post(reverse("intake:school_register"), school_registration_data()).status_code
        == 302
    )
    case = Case.objects.get()

    # The coördinator sees it and assigns a casemanager; consent moves it to intake.
    assert case in Case.objects.visible_to(coordinator)
    assert case not in Case.objects.visible_to(casemanager)
    case_assign(case=case, casemanager=casemanager, by=coordinator)
    record_complete_consent(case, casemanager)
    case.refresh_from_db()
    assert case.status == Status.INTAKE

    # First sitting: half done.
    client.force_login(casemanager)
    page = client.get(intake_url(case))
    assert page.status_code == 200
    assert "Tussentijds opslaan" in page.content.decode()
    assert "Intake afronden" in page.content.decode()
    assert "Angstklachten, komt sinds oktober" in page.content.decode()  # the registration
    data = {**FIRST_SITTING, "version": page.context["form"]["version"].value()}
    response = client.post(intake_url(case), data)
    assert response.status_code == 302
    intake = Intake.objects.get(case=case)
    assert not intake.is_complete
    assert intake.signal_anxiety is True and intake.signal_substance_use is False
    assert intake.signal_bullying is None  # not yet answered

    # Reload: the answers are still there.
    page = client.get(intake_url(case))
    html = page.content.decode()
    assert "Ze wil wel terug, maar niet naar haar oude klas." in html
    assert 'value="4"' in html
    assert "nog niet afgerond" in html
    form = page.context["form"]
    assert form["signal_anxiety"].value() is True

    # Second sitting: finish. Unchanged fields are posted back as the browser would.
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    for name in ("signal_anxiety", "signal_withdrawn", "signal_substance_use"):
        data[name] = "true" if form[name].value() else "false"
    data.update(SECOND_SITTING)
    response = client.post(intake_url(case), data)
    assert response.status_code == 302, response.context["form"].errors
    intake.refresh_from_db()
    assert intake.is_complete and intake.completed_by == casemanager
    assert intake.leisure == "Tekent veel, speelt online met twee vriendinnen."
    assert intake.diagnosis_which == "Gegeneraliseerde angststoornis"
    assert intake.signals() == {
        "signal_anxiety": True,
        "signal_withdrawn": True,
        "signal_substance_use": False,
        "signal_absence": True,
        "signal_learning_problems": False,
        "signal_bullying": True,
        "signal_repeated_year": False,
    }
    kinds = list(case.timeline.values_list("kind", flat=True))
    assert kinds.count("intake_saved") == 1 and kinds.count("intake_completed") == 1
    assert "afgerond" in client.get(intake_url(case)).content.decode()


def test_completing_checks_the_required_answers_and_keeps_the_input(login, casemanager, school):
    case = CaseFactory(school=school, casemanager=casemanager, in_intake=True)
    response = login(casemanager).post(
        intake_url(case),
        {"action": "complete", "leisure": "Voetbal", "signal_substance_use": "true"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["support_question"] == ["Vul dit in om de intake af te ronden."]
    assert "student_view" in errors and "happiness_score" in errors
    assert "substance_other" in errors  # which substance, when there is substance use
    assert "Voetbal" in response.content.decode()
    assert not Intake.objects.exists()


def test_the_happiness_score_must_be_between_0_and_10(login, casemanager, school):
    case = CaseFactory(school=school, casemanager=casemanager, in_intake=True)
    client = login(casemanager)
    for value, message in [
        ("11", "hoogstens 10"),
        ("-1", "minstens 0"),
        ("acht", "Voer een geheel getal in."),
    ]:
        response = client.post(intake_url(case), {"action": "save", "happiness_score": value})
        assert response.status_code == 200
        error = response.context["form"].errors["happiness_score"][0]
        assert message in error, error
        assert f'value="{value}"' in response.content.decode()
    assert not Intake.objects.exists()


def test_the_service_refuses_a_score_outside_the_range(casemanager, school):
    from django.core.exceptions import ValidationError

    case = CaseFactory(school=school, casemanager=casemanager, in_intake=True)
    with pytest.raises(ValidationError) as error:
        intake_save(case=case, by=casemanager, data={"happiness_score": 12})
    assert "happiness_score" in error.value.message_dict


@pytest.mark.parametrize("status", [Status.REGISTERED, Status.AWAITING_CONSENT, Status.CLOSED])
def test_the_intake_is_read_only_outside_intake_and_plan_active(login, casemanager, school, status):
    extra = {"registered_on": "2026-09-01", "closed_on": "2026-10-01"} if status == "closed" else {}
    case = CaseFactory(school=school, casemanager=casemanager, status=status, **extra)
    client = login(casemanager)
    page = client.get(intake_url(case))
    assert page.status_code == 200
    assert page.context["form"] is None
    assert 'name="action"' not in page.content.decode()
    assert page.context["not_editable_message"] in page.content.decode()
    response = client.post(intake_url(case), {"action": "save", "leisure": "Tekenen"})
    if status == Status.CLOSED:
        # Issue 18: a closed case changes no more, refused before the form is read.
        assert response.status_code == 403
        assert "Deze casus is afgesloten" in response.content.decode()
    else:
        assert response.status_code == 200
        errors = response.context["form"].non_field_errors()
        assert errors == [page.context["not_editable_message"]]
        assert "Tekenen" in response.content.decode()
    assert not Intake.objects.exists()


def test_awaiting_consent_explains_that_consent_comes_first(login, case, casemanager):
    page = login(casemanager).get(intake_url(case)).content.decode()
    assert "pas worden ingevuld als de toestemming" in page
    assert "Er is geen toestemming vastgelegd." in page


def test_the_intake_gate_says_what_the_consent_still_lacks(login, case, casemanager):
    from django.utils import timezone

    from consent.models import ConsentMethod
    from consent.services import consent_record
    from tests.consent.helpers import set_age

    set_age(case, 14, timezone.localdate().replace(month=1, day=1))
    organisation = OrganisationFactory(region=case.region, name="CJG Veendam")
    consent_record(  # parents with gezag sign, the youth of 14 does not yet
        case=case,
        by=casemanager,
        given_on=timezone.localdate(),
        method=ConsentMethod.CONVERSATION,
        organisations=[organisation],
        representative_1=GuardianFactory(student=case.student, role="parent_custody"),
    )
    page = login(casemanager).get(intake_url(case)).content.decode()
    assert "Toestemming onvolledig: Toestemming van de jongere zelf ontbreekt" in page


def test_the_intake_stays_editable_while_the_plan_is_active(login, casemanager, school):
    intake = IntakeFactory(
        case=CaseFactory(school=school, casemanager=casemanager, plan_active=True), completed=True
    )
    response = login(casemanager).post(
        intake_url(intake.case),
        {"action": "save", "version": intake.version, "support_question": "Bijgesteld."},
    )
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.support_question == "Bijgesteld." and intake.is_complete


def test_a_save_over_someone_elses_newer_save_is_refused(login, casemanager, coordinator, school):
    case = CaseFactory(school=school, casemanager=casemanager, in_intake=True)
    form_version = login(casemanager).get(intake_url(case)).context["form"]["version"].value()
    intake_save(case=case, by=coordinator, data={"leisure": "Van de coördinator"})
    response = login(casemanager).post(
        intake_url(case), {"action": "save", "version": form_version, "leisure": "Van mij"}
    )
    assert response.status_code == 200
    assert "Iemand anders heeft de intake intussen opgeslagen" in response.content.decode()
    assert Intake.objects.get().leisure == "Van de coördinator"


def test_the_coordinator_may_fill_in_the_intake(login, coordinator, case):
    start_intake(case, coordinator)
    response = login(coordinator).post(intake_url(case), {"action": "save", "leisure": "Judo"})
    assert response.status_code == 302
    assert Intake.objects.get().updated_by == coordinator


def test_free_text_answers_are_stored_encrypted(casemanager, school):
    case = CaseFactory(school=school, casemanager=casemanager, in_intake=True)
    intake = intake_save(
        case=case,
        by=casemanager,
        data={"physical_complaints": "Migraine en buikpijn", "support_question": "Hulpvraag X"},
    )
    registration = RegistrationFactory(case=case, support_reason="Depressieve klachten")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT physical_complaints, support_question FROM intake_intake WHERE id = %s",
            [intake.pk],
        )
        complaints, question = cursor.fetchone()
        cursor.execute(
            "SELECT support_reason FROM intake_registration WHERE id = %s", [registration.pk]
        )
        (reason,) = cursor.fetchone()
    for raw, clear in [
        (complaints, "Migraine"),
        (question, "Hulpvraag"),
        (reason, "Depressieve"),
    ]:
        assert clear not in raw
        assert raw.startswith("gAAAAA")  # a Fernet token
    intake.refresh_from_db()
    assert intake.physical_complaints == "Migraine en buikpijn"


def test_signal_fields_are_nullable_booleans_for_the_reports():
    for name in SIGNAL_FIELDS:
        field = Intake._meta.get_field(name)
        assert field.get_internal_type() == "BooleanField" and field.null
    assert len(SIGNAL_FIELDS) == 7


# Access: who gets the intake tab.


def test_outsiders_get_404_for_get_and_post(
    client, case, other_school_expert, other_region_casemanager, behavioural_expert, region
):
    start_intake(case, case.casemanager)
    unassigned = UserFactory(username="cm-ander", role="casemanager", region=region)
    for user in (other_school_expert, other_region_casemanager, behavioural_expert, unassigned):
        client.force_login(user)
        assert client.get(intake_url(case)).status_code == 404, user
        assert client.post(intake_url(case), {"action": "save", "leisure": "x"}).status_code == 404
    assert not Intake.objects.exists()
    assert AccessLogEntry.objects.filter(action="denied").count() >= 8


def test_the_own_schools_gedragsdeskundige_cannot_read_the_family_details(
    login, behavioural_expert, school, casemanager
):
    intake = IntakeFactory(
        case=CaseFactory(school=school, casemanager=casemanager, in_intake=True),
        home_factors="Vader in detentie",
    )
    response = login(behavioural_expert).get(intake_url(intake.case))
    assert response.status_code == 404
    assert "detentie" not in response.content.decode()


def test_the_intake_tab_answers_405_for_the_wrong_method(login, casemanager, case):
    client = login(casemanager)
    assert client.put(intake_url(case)).status_code == 405
    assert client.delete(intake_url(case)).status_code == 405


def test_viewing_and_saving_the_intake_is_logged(login, casemanager, case):
    start_intake(case, casemanager)
    client = login(casemanager)
    client.get(intake_url(case))
    client.post(intake_url(case), {"action": "save", "leisure": "Lezen"})
    actions = list(
        AccessLogEntry.objects.filter(case=case).order_by("id").values_list("action", flat=True)
    )
    assert actions[-2:] == ["view", "change"]


def test_a_closed_case_shows_the_intake_answers_read_only(login, casemanager, school):
    case = CaseFactory(
        school=school, casemanager=casemanager, closed=True, registered_on="2026-03-01"
    )
    IntakeFactory(case=case, completed=True, leisure="Zwemmen", signal_bullying=True)
    page = login(casemanager).get(intake_url(case))
    assert page.status_code == 200 and page.context["form"] is None
    html = page.content.decode()
    assert "Zwemmen" in html
    assert "Situatie leerling" in html and "Situatie thuis" in html
    assert "Is er sprake van pesten?" in html
    assert "niet meer worden gewijzigd" in html
    assert "<textarea" not in html
