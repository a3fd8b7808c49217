"""Dashboard, case list, case overview and timeline: works, right role, 404, 405."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from casework import services
from casework.models import AccessAction, AccessLogEntry
from casework.workflow import OPEN_STATUSES, Status
from tests.evaluations.conftest import active_case, intake_case, older_student  # noqa: F401
from tests.factories import CaseFactory, GuardianFactory, StudentFactory, UserFactory

pytestmark = pytest.mark.django_db


STATUS_ORDER = [*OPEN_STATUSES, Status.CLOSED, Status.NOT_STARTED]


def days_at_home(case) -> int:
    """The list's "dagen thuis" as casework.clock computes it (-1 without a date)."""
    if case.absent_since is None:
        return -1
    return max(((case.offer_since or timezone.localdate()) - case.absent_since).days, 0)


# --- Dashboard ----------------------------------------------------------------------------


def test_casemanager_dashboard_shows_my_open_cases_with_clock(login, casemanager, case):
    case.absent_since = timezone.localdate() - timedelta(days=100)
    case.save()
    other = CaseFactory(school=case.school, casemanager=None, reference="VD-2026-0999")

    response = login(casemanager).get(reverse("casework:dashboard"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mijn casussen" in html
    assert case.reference in html
    assert other.reference not in html  # not mine
    assert "termijn overschreden" in html
    assert ">100<" in html  # days at home


def test_coordinator_dashboard_lists_unassigned_registrations_with_an_assign_form(
    login, coordinator, casemanager, school
):
    registration = CaseFactory(school=school, casemanager=None, reference="VD-2026-0001")

    response = login(coordinator).get(reverse("casework:dashboard"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nieuwe aanmeldingen zonder casemanager" in html
    assert registration.reference in html
    assert reverse("casework:case_assign", args=[registration.pk]) in html
    assert f'<option value="{casemanager.pk}">' in html
    assert 'name="assign-casemanager"' in html


def test_coordinator_assigns_from_the_dashboard(login, coordinator, casemanager, school):
    registration = CaseFactory(school=school, casemanager=None, registered_by=coordinator)

    response = login(coordinator).post(
        reverse("casework:case_assign", args=[registration.pk]),
        {"assign-casemanager": casemanager.pk, "assign-next": "dashboard"},
    )

    assert response.status_code == 302
    assert response.url == reverse("casework:dashboard")
    registration.refresh_from_db()
    assert registration.casemanager == casemanager
    assert registration.status == Status.AWAITING_CONSENT


def test_dashboard_counts_cases_per_status(login, coordinator, make_cases, casemanager):
    make_cases(12, casemanager=casemanager)

    response = login(coordinator).get(reverse("casework:dashboard"))

    counts = response.context["counts"]
    assert counts[Status.REGISTERED] == 2
    assert counts[Status.PLAN_ACTIVE] == 2
    assert counts["open"] == 8
    assert counts["unassigned"] == 1


def test_dashboard_refuses_post(login, casemanager):
    assert login(casemanager).post(reverse("casework:dashboard")).status_code == 405


def test_dashboard_of_a_behavioural_expert_shows_only_their_school(
    login, behavioural_expert, case, other_school_expert
):
    assert (
        case.reference
        in login(behavioural_expert).get(reverse("casework:dashboard")).content.decode()
    )
    response = login(other_school_expert).get(reverse("casework:dashboard"))
    assert case.reference not in response.content.decode()


# --- Case list ----------------------------------------------------------------------------


def test_case_list_shows_the_visible_cases_with_clock_columns(login, coordinator, case):
    case.absent_since = timezone.localdate() - timedelta(days=10)
    case.save()

    response = login(coordinator).get(reverse("casework:case_list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert case.reference in html
    assert "Termijndatum" in html
    assert '<th scope="col">' in html
    assert "<caption>" in html


def test_case_list_hides_cases_of_another_region(login, other_region_casemanager, case):
    response = login(other_region_casemanager).get(reverse("casework:case_list"))
    assert case.reference not in response.content.decode()


def test_case_list_filters_by_status_school_and_clock(login, coordinator, casemanager, make_cases):
    cases = make_cases(30, casemanager=casemanager)
    client = login(coordinator)

    response = client.get(reverse("casework:case_list"), {"status": Status.INTAKE})
    shown = {c.pk for c in response.context["cases"]}
    assert shown == {c.pk for c in cases if c.status == Status.INTAKE}

    school_id = cases[1].school_id
    response = client.get(reverse("casework:case_list"), {"school": school_id})
    assert {c.school_id for c in response.context["cases"]} == {school_id}

    response = client.get(reverse("casework:case_list"), {"clock": "exceeded"})
    assert response.context["cases"]
    assert {c.current_clock.level for c in response.context["cases"]} == {"exceeded"}


def test_case_list_filters_unassigned(login, coordinator, casemanager, make_cases):
    make_cases(30, casemanager=casemanager)
    response = login(coordinator).get(
        reverse("casework:case_list"), {"status": "registered", "casemanager": "none"}
    )
    assert response.context["cases"]
    assert all(c.casemanager_id is None for c in response.context["cases"])


def test_case_list_pages_with_a_keyset_cursor(login, coordinator, casemanager, make_cases):
    make_cases(120, casemanager=casemanager)
    client = login(coordinator)

    first = client.get(reverse("casework:case_list"))
    page = first.context["page"]
    assert len(first.context["cases"]) == 50
    assert page.next_cursor

    second = client.get(reverse("casework:case_list"), {"na": page.next_cursor})
    third = client.get(reverse("casework:case_list"), {"na": second.context["page"].next_cursor})
    seen = [c.pk for r in (first, second, third) for c in r.context["cases"]]
    assert len(seen) == 120 == len(set(seen))
    assert third.context["page"].next_cursor is None

    back = client.get(reverse("casework:case_list"), {"voor": second.context["page"].prev_cursor})
    assert [c.pk for c in back.context["cases"]] == [c.pk for c in first.context["cases"]]


def test_a_deep_page_uses_no_offset(
    login, coordinator, casemanager, make_cases, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_cases(60, casemanager=casemanager)
    client = login(coordinator)
    cursor = client.get(reverse("casework:case_list")).context["page"].next_cursor
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("casework:case_list"), {"na": cursor})
    assert not any("OFFSET" in q["sql"] for q in queries.captured_queries)


def test_case_list_caps_the_count(login, coordinator, casemanager, make_cases, monkeypatch):
    from casework import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 20)
    make_cases(30, casemanager=casemanager)
    response = login(coordinator).get(reverse("casework:case_list"))
    assert "Meer dan 20 casussen" in response.content.decode()


def test_case_list_refuses_put(login, coordinator):
    assert login(coordinator).put(reverse("casework:case_list")).status_code == 405


# --- Case overview ------------------------------------------------------------------------


def test_case_overview_shows_pupil_guardians_school_dates_and_clock(login, casemanager, case):
    case.student.set_bsn("123456782")
    case.student.save()
    GuardianFactory(student=case.student, name="Ans Jansen")
    case.absent_since = timezone.localdate() - timedelta(days=30)
    case.save()

    response = login(casemanager).get(reverse("casework:case_detail", args=[case.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "*****6782" in html
    assert "123456782" not in html
    assert "Ans Jansen" in html
    assert case.school.board.name in html
    for label in (
        "Datum aanmelding",
        "Datum tussentijdse evaluatie",
        "Datum evaluatie na 3 maanden",
        "Datum afsluiting",
        "Dagen zonder passend aanbod",
        "Thuiszitter vanaf",
        "Termijn Thuiszitterspact",
    ):
        assert label in html
    assert response.context["active_tab"] == "overview"
    assert 'aria-current="page"' in html
    assert "Casus afsluiten" in html  # the casemanager may act
    assert "Andere casemanager toewijzen" not in html  # coördinator only


def test_case_overview_logs_the_view(login, casemanager, case):
    login(casemanager).get(reverse("casework:case_detail", args=[case.pk]))
    assert AccessLogEntry.objects.filter(
        case=case, action=AccessAction.VIEW, user=casemanager
    ).exists()


def test_coordinator_sees_the_assign_form(login, coordinator, case):
    html = login(coordinator).get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "Andere casemanager toewijzen" in html


def test_behavioural_expert_sees_registration_and_status_only(login, behavioural_expert, case):
    GuardianFactory(student=case.student, name="Ans Jansen", phone="0611111111")

    response = login(behavioural_expert).get(reverse("casework:case_detail", args=[case.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert case.get_status_display() in html
    assert "Ans Jansen" not in html
    assert "0611111111" not in html
    assert "Thuiszitsituatie" not in html
    assert "Casus afsluiten" not in html


@pytest.mark.parametrize("persona", ["other_school_expert", "other_region_casemanager"])
def test_case_overview_is_404_for_outsiders(request, login, case, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(reverse("casework:case_detail", args=[case.pk])).status_code == 404


def test_another_casemanager_of_the_region_gets_404(login, case, region):
    colleague = UserFactory(role=Role.CASEMANAGER, region=region)
    assert login(colleague).get(reverse("casework:case_detail", args=[case.pk])).status_code == 404


def test_case_overview_refuses_post(login, casemanager, case):
    assert (
        login(casemanager).post(reverse("casework:case_detail", args=[case.pk])).status_code == 405
    )


def test_case_overview_of_a_closed_case_shows_the_outcome_and_no_actions(
    login, coordinator, school, casemanager
):
    closed = CaseFactory(
        school=school, casemanager=casemanager, registered_by=casemanager, in_intake=True
    )
    services.case_close(
        case=closed,
        by=coordinator,
        outcome="mbo",
        agreements="Start op het mbo in januari.",
        case_direction_continues=True,
        case_direction_email="casusregie@cjg-veendam.nl",
        case_direction_phone="0612345678",
    )
    html = (
        login(coordinator).get(reverse("casework:case_detail", args=[closed.pk])).content.decode()
    )
    assert "Start op het mbo in januari." in html
    assert "ja, casusregisseur: casusregie@cjg-veendam.nl · 0612345678" in html
    assert "close-outcome" not in html


# --- Timeline -----------------------------------------------------------------------------


def test_timeline_shows_entries_newest_first(login, casemanager, case):
    services.timeline_add(
        case=case, by=casemanager, kind="situation", text="Eerste gesprek gevoerd."
    )
    response = login(casemanager).get(reverse("casework:timeline", args=[case.pk]))
    assert response.status_code == 200
    assert "Eerste gesprek gevoerd." in response.content.decode()
    assert response.context["active_tab"] == "timeline"


def test_timeline_shows_a_behavioural_expert_status_changes_without_texts(
    login, behavioural_expert, casemanager, case
):
    services.timeline_add(case=case, by=casemanager, kind="situation", text="Vader drinkt.")
    services.timeline_add(
        case=case, by=casemanager, kind="not_started", text="Niet gestart: geheim"
    )
    html = (
        login(behavioural_expert).get(reverse("casework:timeline", args=[case.pk])).content.decode()
    )
    assert "Vader drinkt." not in html
    assert "geheim" not in html
    assert "Niet gestart" in html


@pytest.mark.parametrize("persona", ["other_school_expert", "other_region_casemanager"])
def test_timeline_is_404_for_outsiders(request, login, case, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(reverse("casework:timeline", args=[case.pk])).status_code == 404


def test_timeline_refuses_post(login, casemanager, case):
    assert login(casemanager).post(reverse("casework:timeline", args=[case.pk])).status_code == 405


def test_timeline_survives_a_silly_page_number(login, casemanager, case):
    response = login(casemanager).get(
        reverse("casework:timeline", args=[case.pk]), {"pagina": "x" * 500}
    )
    assert response.status_code == 200


def test_pages_are_dutch_and_printable(login, coordinator, case):
    html = login(coordinator).get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert 'lang="nl"' in html
    assert 'class="d-print-none" aria-label="Onderdelen van de casus"' in html
    assert 'class="mt-4 d-print-none case-actions"' in html


def test_student_factory_is_usable_without_bsn():
    assert StudentFactory().masked_bsn == ""


def test_the_list_flags_an_open_case_without_scenario(login, coordinator, school, casemanager):
    CaseFactory(school=school, casemanager=casemanager, in_intake=True, scenario="")
    html = login(coordinator).get(reverse("casework:case_list")).content.decode()
    assert "geen scenario" in html


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("thuis", lambda c: (-days_at_home(c), -c.pk)),
        ("status", lambda c: (STATUS_ORDER.index(c.status), c.pk)),
    ],
)
def test_case_list_sorts_by_a_column_and_pages_in_that_order(
    login, coordinator, casemanager, make_cases, sort, key
):
    """Issue 19: lists sort by the columns people sort by (days at home, status, next
    evaluation); the keyset pages keep the order, each case once."""
    cases = make_cases(120, casemanager=casemanager)
    client = login(coordinator)
    seen, cursor = [], None
    for _page in range(3):
        response = client.get(reverse("casework:case_list"), {"sorteer": sort, "na": cursor or ""})
        seen += [c.pk for c in response.context["cases"]]
        cursor = response.context["page"].next_cursor
    assert cursor is None
    assert seen == [c.pk for c in sorted(cases, key=key)]
    page = response.content.decode()
    assert "aria-sort" in page and f"sorteer={sort}" in page
    back = client.get(
        reverse("casework:case_list"),
        {"sorteer": sort, "voor": response.context["page"].prev_cursor},
    )
    assert [c.pk for c in back.context["cases"]] == seen[50:100]


def test_case_list_sorts_by_the_next_evaluation_with_none_last(
    login,
    coordinator,
    casemanager,
    make_cases,
    active_case,  # noqa: F811
):
    make_cases(5, casemanager=casemanager)
    response = login(coordinator).get(reverse("casework:case_list"), {"sorteer": "evaluatie"})
    shown = list(response.context["cases"])
    assert shown[0] == active_case  # the only one with an evaluation planned
    assert "eerstvolgende evaluatie eerst" in response.content.decode()
