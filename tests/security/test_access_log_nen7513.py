"""Issue 17, finding 5: one access-log row per access, with the NEN 7513 fields.

Event (action), time, client pseudonym, user, role, organisation, on behalf of, access point
(IP), object (case + detail) and result (toegestaan/geweigerd).
"""

import re

import pytest
from django.urls import reverse

from casework.access import log_access
from casework.models import AccessAction, AccessLogEntry, AccessResult
from tests.factories import CaseFactory, StudentFactory
from tests.intake.helpers import on_behalf_registration_data, school_registration_data
from tests.reports.conftest import make_plan_case

pytestmark = pytest.mark.django_db

BSN = "123456782"


def new_rows(before: int) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(pk__gt=before).order_by("id"))


def last_id() -> int:
    return AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_a_plan_print_writes_exactly_one_row(login, school, casemanager):
    case = make_plan_case(school, casemanager)
    client = login(casemanager)
    before = last_id()

    response = client.get(reverse("reports:case_pdf", args=[case.pk, "plan"]))

    assert response.status_code == 200
    rows = new_rows(before)
    assert len(rows) == 1, [(r.action, r.detail) for r in rows]
    row = rows[0]
    assert row.action == AccessAction.PRINT
    assert row.result == AccessResult.GRANTED
    assert row.case == case and row.student_pseudonym == case.student.pseudonym
    assert row.user == casemanager and row.username == "cm" and row.role == "casemanager"
    assert row.organisation == "Taskforce Veendam"  # a casemanager's organisation: the region
    assert row.on_behalf_of == ""
    assert row.ip_address == "127.0.0.1"
    assert "Plan van aanpak" in row.detail


def test_a_filtered_case_list_writes_one_row_with_the_filters_and_no_bsn(login, coordinator, case):
    client = login(coordinator)
    before = last_id()

    response = client.get(
        reverse("casework:case_list"), {"status": "awaiting_consent", "q": BSN, "school": BSN}
    )

    assert response.status_code == 200
    rows = new_rows(before)
    assert len(rows) == 1
    row = rows[0]
    assert row.action == AccessAction.VIEW and row.result == AccessResult.GRANTED
    assert row.detail.startswith("casuslijst: status=awaiting_consent")
    assert BSN not in row.detail  # neither the ignored ?q= nor a BSN-like filter value
    assert row.organisation == "Taskforce Veendam" and row.role == "coordinator"
    assert row.case is None


def test_an_unfiltered_list_and_a_search_write_one_row_each(login, coordinator, case):
    client = login(coordinator)
    before = last_id()
    client.get(reverse("casework:case_list"))
    client.post(reverse("casework:case_list"), {"q": BSN, "status": "awaiting_consent"})
    rows = new_rows(before)
    assert [(r.action, r.detail) for r in rows] == [
        (AccessAction.VIEW, "casuslijst (1 getoond)"),
        (AccessAction.SEARCH, "zoeken op BSN"),
    ]


def test_the_dashboard_with_pupils_writes_one_row(login, coordinator, case):
    client = login(coordinator)
    before = last_id()
    response = client.get(reverse("casework:dashboard"), {"status": "intake"})
    assert response.status_code == 200
    rows = new_rows(before)
    assert len(rows) == 1
    assert rows[0].action == AccessAction.VIEW and rows[0].detail.startswith("dashboard")
    assert rows[0].organisation == "Taskforce Veendam"
    assert rows[0].result == AccessResult.GRANTED


def _unmasked(response) -> str:
    return re.sub(
        r'("X-CSRFToken": |name="csrfmiddlewaretoken" value=|nonce=)"[\w+/=-]+"',
        "",
        response.content.decode(),
    )


def test_a_denied_row_names_the_case_and_the_pupil_pseudonym(login, other_region_casemanager, case):
    client = login(other_region_casemanager)
    before = last_id()

    response = client.get(reverse("casework:case_detail", args=[case.pk]))

    assert response.status_code == 404
    rows = new_rows(before)
    assert len(rows) == 1
    row = rows[0]
    assert row.action == AccessAction.DENIED and row.result == AccessResult.DENIED
    assert row.case_id == case.pk
    assert row.student_pseudonym == case.student.pseudonym
    assert row.organisation == "Elders"  # the user's own region
    # The answer is the same as for a case that does not exist (but for the CSRF tokens and
    # script nonces, new on every page).
    missing = client.get(reverse("casework:case_detail", args=[case.pk + 1000]))
    assert missing.status_code == 404 and _unmasked(missing) == _unmasked(response)
    assert new_rows(before)[-1].case_id is None


def test_a_refused_change_by_a_reader_names_the_case(login, behavioural_expert, case):
    """A gedragsdeskundige sees their school's case but may not change it."""
    before = last_id()
    response = login(behavioural_expert).post(
        reverse("casework:case_assign", args=[case.pk]), {"assign-casemanager": "1"}
    )
    assert response.status_code == 404
    rows = new_rows(before)
    assert len(rows) == 1
    assert rows[0].result == AccessResult.DENIED and rows[0].case_id == case.pk
    assert rows[0].student_pseudonym == case.student.pseudonym
    assert rows[0].organisation == "Dollard College"  # a gedragsdeskundige: their school


def test_a_refused_report_export_writes_a_denied_row(login, casemanager):
    before = last_id()
    response = login(casemanager).get(
        reverse("reports:export"), {"report": "thuiszitters", "format": "csv"}
    )
    assert response.status_code == 404
    rows = new_rows(before)
    assert len(rows) == 1
    row = rows[0]
    assert row.result == AccessResult.DENIED and row.get_result_display() == "geweigerd"
    assert "export rapportage thuiszitters" in row.detail
    assert row.user == casemanager and row.organisation == "Taskforce Veendam"


def test_a_refused_print_of_the_plan_writes_one_denied_row(
    login, school, casemanager, behavioural_expert
):
    """The school's gedragsdeskundige sees the case but may print only the profile."""
    case = make_plan_case(school, casemanager)
    before = last_id()
    response = login(behavioural_expert).get(reverse("reports:case_pdf", args=[case.pk, "plan"]))
    assert response.status_code == 404
    rows = new_rows(before)
    assert len(rows) == 1
    assert rows[0].result == AccessResult.DENIED
    assert rows[0].case_id == case.pk and rows[0].student_pseudonym == case.student.pseudonym


def test_a_registration_on_behalf_of_the_cjg_says_so(login, casemanager):
    before = last_id()
    response = login(casemanager).post(reverse("intake:register"), on_behalf_registration_data())
    assert response.status_code == 302
    created = [r for r in new_rows(before) if r.action == AccessAction.CREATE]
    assert len(created) == 1
    assert created[0].on_behalf_of == "CJG"
    assert created[0].organisation == "Taskforce Veendam"


def test_a_school_registration_is_on_behalf_of_nobody(login, behavioural_expert):
    before = last_id()
    login(behavioural_expert).post(reverse("intake:school_register"), school_registration_data())
    created = [r for r in new_rows(before) if r.action == AccessAction.CREATE]
    assert len(created) == 1
    assert created[0].on_behalf_of == "" and created[0].organisation == "Dollard College"


def test_log_access_reads_the_organisation_in_its_one_insert(
    django_assert_num_queries, coordinator
):
    from accounts.models import User

    fresh = User.objects.get(pk=coordinator.pk)  # region not loaded
    with django_assert_num_queries(1):
        entry = log_access(None, user=fresh, case=None, action=AccessAction.VIEW)
    assert entry.organisation == "Taskforce Veendam"
    entry.refresh_from_db()
    assert entry.organisation == "Taskforce Veendam" and entry.result == AccessResult.GRANTED


def test_the_coordinators_access_log_page_shows_result_and_organisation(
    login, coordinator, other_region_casemanager, school, casemanager
):
    case = CaseFactory(school=school, casemanager=casemanager, student=StudentFactory(bsn=BSN))
    login(other_region_casemanager).get(reverse("casework:case_detail", args=[case.pk]))
    page = login(coordinator).get(reverse("privacy:access_log", args=[case.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "geweigerd" in html and "Elders" in html and "toegestaan" in html
    assert BSN not in html
