"""Registration by a gedragsdeskundige (school route) and by a casemanager on behalf of others."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Role
from casework.constants import Route
from casework.models import AccessLogEntry, Case, Guardian, Student
from casework.services import DUPLICATE_MESSAGE
from casework.workflow import Status
from intake.models import Registration
from tests.factories import CaseFactory, SchoolFactory, StudentFactory, UserFactory

from .helpers import on_behalf_registration_data, school_registration_data

pytestmark = pytest.mark.django_db

SCHOOL_REGISTER = reverse("intake:school_register")
REGISTER = reverse("intake:register")


def field_error(response, field: str) -> list[str]:
    forms = response.context["forms"]
    prefix, name = field.split("-", 1)
    return [str(e) for e in getattr(forms, prefix).errors.get(name, [])]


def test_gedragsdeskundige_registers_a_pupil_for_their_own_school(login, behavioural_expert):
    client = login(behavioural_expert)
    response = client.post(SCHOOL_REGISTER, school_registration_data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("intake:school_overview")
    case = Case.objects.get()
    assert case.school == behavioural_expert.school
    assert case.region == behavioural_expert.school.region
    assert case.route == Route.SCHOOL
    assert case.status == Status.REGISTERED
    assert case.registered_by == behavioural_expert
    assert case.absent_since.isoformat() == "2026-10-01"
    assert case.student.bsn == "123456782"  # dots stripped
    assert case.student.guardians.get().phone == "06 12345678"
    registration = case.registration
    assert registration.parents_informed and registration.support_needed
    assert registration.submitted_by == behavioural_expert
    assert registration.opp_promoting_factors == "Slim, gemotiveerd voor biologie."
    page = response.content.decode()
    assert f"aangemeld onder casusnummer {case.reference}" in page
    assert case.reference in page and "de Vries" in page
    assert case.timeline.filter(kind="registered").exists()
    assert AccessLogEntry.objects.filter(case=case, action="create").exists()


def test_a_second_guardian_is_optional_and_saved_when_given(login, behavioural_expert):
    client = login(behavioural_expert)
    data = school_registration_data(
        **{
            "guardian2-name": "Kees de Vries",
            "guardian2-role": "parent_no_custody",
            "guardian2-phone": "0598-123456",
        }
    )
    assert client.post(SCHOOL_REGISTER, data).status_code == 302
    names = list(Guardian.objects.order_by("id").values_list("name", "role", "phone"))
    assert names[1] == ("Kees de Vries", "parent_no_custody", "0598 123 456")


def test_a_half_filled_second_guardian_asks_for_name_and_relation(login, behavioural_expert):
    client = login(behavioural_expert)
    response = client.post(
        SCHOOL_REGISTER, school_registration_data(**{"guardian2-phone": "0612345678"})
    )
    assert response.status_code == 200
    assert field_error(response, "guardian2-name") == ["Vul dit in voor de tweede ouder/verzorger."]
    assert not Case.objects.exists()


def test_the_coordinator_sees_a_new_registration(login, behavioural_expert, coordinator):
    login(behavioural_expert).post(SCHOOL_REGISTER, school_registration_data())
    case = Case.objects.get()
    assert list(Case.objects.visible_to(coordinator)) == [case]


def test_an_invalid_bsn_gets_a_dutch_message_beside_the_field_and_keeps_the_input(
    login, behavioural_expert
):
    client = login(behavioural_expert)
    response = client.post(
        SCHOOL_REGISTER, school_registration_data(**{"student-bsn": "123456789"})
    )
    assert response.status_code == 200
    assert field_error(response, "student-bsn") == [
        "Dit is geen geldig BSN: het voldoet niet aan de 11-proef."
    ]
    page = response.content.decode()
    assert 'id="error_1_id_student-bsn"' in page
    assert 'value="123456789"' in page
    assert 'value="de Vries"' in page
    assert "Angstklachten, komt sinds oktober niet meer in de klas." in page
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("bsn", "message"),
    [
        ("000000000", "Dit is geen geldig BSN: het voldoet niet aan de 11-proef."),
        ("12345", "Een BSN bestaat uit 9 cijfers."),
        ("12345678a", "Een BSN bestaat uit 9 cijfers."),
        ("١٢٣٤٥٦٧٨٢", "Een BSN bestaat uit 9 cijfers."),  # non-ASCII digits
    ],
)
def test_other_malformed_bsns_are_refused(login, behavioural_expert, bsn, message):
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"student-bsn": bsn})
    )
    assert field_error(response, "student-bsn") == [message]


def test_an_old_eight_digit_bsn_gets_a_leading_zero(login, behavioural_expert):
    # 012345672 passes the 11-proef; typed without its leading zero and with spaces.
    login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"student-bsn": "1234 5672"})
    )
    assert Student.objects.get().bsn == "012345672"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31-02-2026", "Voer een geldige datum in."),
        ("2030-01-01", "De geboortedatum ligt in de toekomst."),
        ("2021-06-01", "Een leerling in het voortgezet onderwijs is 10 tot en met 21 jaar oud"),
        ("1990-06-01", "Een leerling in het voortgezet onderwijs is 10 tot en met 21 jaar oud"),
    ],
)
def test_an_impossible_birth_date_gets_a_dutch_message_and_keeps_the_input(
    login, behavioural_expert, value, message
):
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"student-birth_date": value})
    )
    assert response.status_code == 200
    errors = field_error(response, "student-birth_date")
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert f'value="{value}"' in response.content.decode()
    assert not Case.objects.exists()


def test_a_future_absence_date_is_refused(login, behavioural_expert):
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"situation-absent_since": "2026-12-01"})
    )
    assert field_error(response, "situation-absent_since") == ["Deze datum ligt in de toekomst."]


def test_another_schools_open_case_is_not_revealed_the_registration_goes_through(
    login, behavioural_expert, other_school_expert
):
    """Issue 17 finding 6: "al aangemeld" was a BSN oracle. The registration is taken like
    any other and routed to the coördinator (tests/security/test_bsn_oracle.py)."""
    other = CaseFactory(
        school=other_school_expert.school,
        student=StudentFactory(bsn="123456782", last_name="Geheim"),
        reference="VD-2026-0042",
    )
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"student-bsn": "123 456 782"}), follow=True
    )
    page = response.content.decode()
    assert str(DUPLICATE_MESSAGE) not in page
    assert other.reference not in page and "Geheim" not in page
    assert other_school_expert.school.name not in page
    assert Case.objects.count() == 2 and Student.objects.count() == 2


def test_a_closed_case_with_the_same_bsn_does_not_block_a_new_registration(
    login, behavioural_expert, school
):
    CaseFactory(
        school=school,
        student=StudentFactory(bsn="123456782"),
        closed=True,
        registered_on=date(2026, 3, 1),
    )
    response = login(behavioural_expert).post(SCHOOL_REGISTER, school_registration_data())
    assert response.status_code == 302
    assert Case.objects.count() == 2


@pytest.mark.parametrize(
    ("level", "year", "ok"),
    [("vmbo_tl", "4", True), ("vmbo_tl", "5", False), ("vwo", "6", True), ("havo", "0", False)],
)
def test_the_school_year_is_checked_against_the_level(login, behavioural_expert, level, year, ok):
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER,
        school_registration_data(**{"student-level": level, "student-school_year": year}),
    )
    assert (response.status_code == 302) is ok
    if not ok:
        assert field_error(response, "student-school_year")


def test_a_phone_number_must_be_dutch(login, behavioural_expert):
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"guardian1-phone": "12345"})
    )
    assert field_error(response, "guardian1-phone") == [
        "Vul een geldig Nederlands telefoonnummer in, bijvoorbeeld 06 12345678."
    ]
    assert 'value="12345"' in response.content.decode()


def test_an_invalid_email_gets_a_dutch_message(login, behavioural_expert):
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"guardian1-email": "anja@"})
    )
    assert field_error(response, "guardian1-email") == ["Voer een geldig e-mailadres in."]


def test_parents_informed_is_required(login, behavioural_expert):
    response = login(behavioural_expert).post(
        SCHOOL_REGISTER, school_registration_data(**{"registration-parents_informed": None})
    )
    assert field_error(response, "registration-parents_informed") == [
        "Informeer ouders/verzorgers vóór de aanmelding en vink dit dan aan."
    ]
    assert not Case.objects.exists()


def test_a_gedragsdeskundige_cannot_choose_another_school(login, behavioural_expert, region):
    other = SchoolFactory(region=region, name="Andere school")
    data = school_registration_data(
        **{"school": str(other.pk), "route-school": str(other.pk), "route-route": "cjg"}
    )
    assert login(behavioural_expert).post(SCHOOL_REGISTER, data).status_code == 302
    case = Case.objects.get()
    assert case.school == behavioural_expert.school
    assert case.route == Route.SCHOOL
    page = login(behavioural_expert).get(SCHOOL_REGISTER).content.decode()
    assert "Andere school" not in page and 'name="route-school"' not in page


def test_the_school_overview_shows_only_the_own_schools_cases_without_family_details(
    login, behavioural_expert, other_school_expert
):
    own = CaseFactory(school=behavioural_expert.school)
    Guardian.objects.create(student=own.student, name="Moeder Zichtbaarniet", role="parent_custody")
    foreign = CaseFactory(school=other_school_expert.school)
    page = login(behavioural_expert).get(reverse("intake:school_overview")).content.decode()
    assert own.reference in page and own.student.last_name in page
    assert foreign.reference not in page
    assert "Zichtbaarniet" not in page
    assert reverse("intake:school_register") in page


def test_each_row_of_the_school_overview_opens_the_case(login, behavioural_expert):
    """Issue 19, finding 11: the rows are links to the case page the gedragsdeskundige may see."""
    own = CaseFactory(school=behavioural_expert.school)
    client = login(behavioural_expert)
    page = client.get(reverse("intake:school_overview")).content.decode()
    url = reverse("casework:case_detail", args=[own.pk])
    assert f'<a href="{url}">{own.reference}</a>' in page
    assert client.get(url).status_code == 200


def test_the_school_overview_runs_the_same_queries_for_many_cases(
    login, behavioural_expert, django_assert_max_num_queries
):
    client = login(behavioural_expert)
    CaseFactory.create_batch(3, school=behavioural_expert.school)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("intake:school_overview"))
    CaseFactory.create_batch(60, school=behavioural_expert.school)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("intake:school_overview"))
    assert response.context["page"].paginator.count == 63


@pytest.mark.parametrize("role", [Role.CASEMANAGER, Role.COORDINATOR, Role.ADMINISTRATOR])
def test_other_roles_cannot_register_for_a_school(client, region, school, role):
    CaseFactory(school=school, reference="VD-2026-0099")  # unassigned: only the coördinator
    client.force_login(UserFactory(role=role, region=region))
    overview = client.get(reverse("intake:school_overview"))
    assert overview.status_code == 200  # the overview lists only what visible_to allows
    assert ("VD-2026-0099" in overview.content.decode()) is (role == Role.COORDINATOR)
    assert SCHOOL_REGISTER not in overview.content.decode()
    assert client.get(SCHOOL_REGISTER).status_code == 404
    assert client.post(SCHOOL_REGISTER, school_registration_data()).status_code == 404


def test_school_pages_answer_405_for_the_wrong_method(login, behavioural_expert):
    client = login(behavioural_expert)
    assert client.post(reverse("intake:school_overview")).status_code == 405
    assert client.delete(SCHOOL_REGISTER).status_code == 405
    assert client.put(REGISTER).status_code == 405


# Registration on behalf of CJG, SWV, leerplicht or a jeugdprofessional.


def test_a_casemanager_registers_on_behalf_of_the_cjg_for_absoluut_verzuim(
    login, casemanager, coordinator
):
    response = login(casemanager).post(REGISTER, on_behalf_registration_data())
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.route == Route.CJG and case.school is None
    assert case.region == casemanager.region
    assert Registration.objects.get(case=case).submitted_by == casemanager
    assert list(Case.objects.visible_to(coordinator)) == [case]


def test_a_coordinator_registers_on_behalf_of_leerplicht_for_a_school(login, coordinator, school):
    data = on_behalf_registration_data(
        **{
            "route-route": "truancy",
            "route-school": str(school.pk),
            "situation-absence_kind": "relative",
        }
    )
    response = login(coordinator).post(REGISTER, data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.route, case.school) == (Route.TRUANCY, school)
    assert response["Location"] == reverse("casework:case_detail", args=[case.pk])


def test_on_behalf_the_school_must_be_of_the_own_region(login, casemanager):
    foreign = SchoolFactory(name="School elders")
    data = on_behalf_registration_data(
        **{"route-school": str(foreign.pk), "situation-absence_kind": "relative"}
    )
    response = login(casemanager).post(REGISTER, data)
    assert response.status_code == 200
    assert field_error(response, "route-school")
    assert not Case.objects.exists()


def test_on_behalf_an_empty_school_needs_absoluut_verzuim(login, casemanager):
    data = on_behalf_registration_data(**{"situation-absence_kind": "relative"})
    response = login(casemanager).post(REGISTER, data)
    assert field_error(response, "route-school") == [
        "Kies de school van inschrijving; alleen bij absoluut verzuim blijft dit leeg."
    ]


def test_on_behalf_the_school_route_is_not_a_choice(login, casemanager):
    response = login(casemanager).post(
        REGISTER, on_behalf_registration_data(**{"route-route": "school"})
    )
    assert field_error(response, "route-route")
    assert not Case.objects.exists()


def test_a_gedragsdeskundige_gets_404_on_the_on_behalf_form(login, behavioural_expert):
    assert login(behavioural_expert).get(REGISTER).status_code == 404
