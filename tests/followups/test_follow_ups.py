"""Yearly outcome follow-up: a task for the school one year after closing (and yearly while
the pupil is of school age), answered by the school's gedragsdeskundige."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from casework.models import Case, TimelineEntry
from casework.workflow import Status
from followups.models import FollowUp, Outflow
from followups.selectors import follow_up_outcomes
from followups.services import follow_ups_create
from followups.tasks import create_follow_ups
from reports.selectors import build_reports, current_quarter
from tests.factories import CaseFactory, StudentFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = date(2025, 3, 10)


@pytest.fixture
def closed_case(school, casemanager):
    return CaseFactory(
        school=school,
        casemanager=casemanager,
        status=Status.CLOSED,
        closed_on=CLOSED_ON,
        registered_on=date(2024, 11, 1),
        student=StudentFactory(birth_date=date(2010, 6, 1)),
    )


@pytest.fixture
def follow_up(closed_case):
    follow_ups_create(today=date(2026, 3, 10))
    return FollowUp.objects.get(case=closed_case)


def test_the_scan_creates_one_task_one_year_after_closing_and_not_twice(closed_case):
    assert follow_ups_create(today=date(2026, 3, 9)) == 0
    assert follow_ups_create(today=date(2026, 3, 10)) == 1
    assert follow_ups_create(today=date(2026, 3, 10)) == 0
    assert follow_ups_create(today=date(2026, 3, 11)) == 0
    follow_up = FollowUp.objects.get()
    assert follow_up.case == closed_case
    assert follow_up.due_on == date(2026, 3, 10)
    assert follow_up.school == closed_case.school
    assert not follow_up.is_recorded


@pytest.mark.parametrize(
    ("max_age", "asked"),
    [
        # 15 at closing: 17 at the second date (asked), 18 at the third (not asked).
        (18, [date(2024, 9, 1), date(2025, 9, 1)]),
        # The limit is a setting: at 17, the second date is no longer asked.
        (17, [date(2024, 9, 1)]),
    ],
)
def test_yearly_while_of_school_age_only(school, settings, max_age, asked):
    settings.FOLLOW_UP_MAX_AGE = max_age
    case = CaseFactory(
        school=school,
        status=Status.CLOSED,
        closed_on=date(2023, 9, 1),
        registered_on=date(2023, 1, 1),
        student=StudentFactory(birth_date=date(2008, 8, 1)),
    )
    for year in (2024, 2025, 2026):
        follow_ups_create(today=date(year, 9, 1))
    assert list(FollowUp.objects.filter(case=case).values_list("due_on", flat=True)) == asked


def test_the_first_follow_up_is_asked_even_after_school_age(school):
    case = CaseFactory(
        school=school,
        status=Status.CLOSED,
        closed_on=date(2025, 3, 10),
        registered_on=date(2025, 1, 1),
        student=StudentFactory(birth_date=date(2007, 1, 1)),
    )
    follow_ups_create(today=date(2026, 3, 10))
    assert FollowUp.objects.filter(case=case).count() == 1


def test_open_cases_and_cases_without_school_get_none(school):
    CaseFactory(school=school, plan_active=True)
    closed = {"status": Status.CLOSED, "closed_on": CLOSED_ON, "registered_on": date(2025, 1, 1)}
    CaseFactory(
        school=school,
        status=Status.NOT_STARTED,
        closed_on=CLOSED_ON,
        registered_on=date(2025, 1, 1),
    )
    CaseFactory(school=None, region=school.region, **closed)
    assert follow_ups_create(today=date(2026, 3, 10)) == 0


def test_a_missed_day_is_caught_up(closed_case):
    assert follow_ups_create(today=date(2026, 5, 1)) == 1
    assert FollowUp.objects.get().due_on == date(2026, 3, 10)


def test_daily_task_and_command_run_the_same_scan(closed_case):
    with time_machine.travel(date(2026, 3, 10), tick=False):
        result = create_follow_ups.apply().get()
    assert result["follow_ups"] == 1
    call_command("followups_daily", "--as-of", "2026-03-10")
    assert FollowUp.objects.count() == 1


def test_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("followups_daily", "--as-of", "10-03-2026")


# --- the gedragsdeskundige's pages ---------------------------------------------------------


def test_gedragsdeskundige_sees_and_records_the_follow_up(login, behavioural_expert, follow_up):
    client = login(behavioural_expert)
    page = client.get(reverse("followups:follow_ups"))
    assert page.status_code == 200
    assert follow_up.case.reference in page.content.decode()
    url = reverse("followups:follow_up_record", args=[follow_up.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"outflow": "school", "progression": "promoted", "exam_result": "not_applicable"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.is_recorded
    assert follow_up.recorded_by == behavioural_expert
    assert (follow_up.outflow, follow_up.progression) == ("school", "promoted")
    assert TimelineEntry.objects.filter(case=follow_up.case, kind="follow_up").exists()
    # Recorded is final.
    again = client.post(url, {"outflow": "work", "exam_result": "passed"})
    assert again.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.outflow == "school"


def test_outflow_school_needs_progression_beside_the_field(login, behavioural_expert, follow_up):
    url = reverse("followups:follow_up_record", args=[follow_up.pk])
    response = login(behavioural_expert).post(
        url, {"outflow": "school", "exam_result": "not_applicable"}
    )
    assert response.status_code == 200
    assert "Kies de doorstroom" in response.content.decode()
    follow_up.refresh_from_db()
    assert not follow_up.is_recorded


def test_nonsense_input_is_refused_without_error(login, behavioural_expert, follow_up):
    url = reverse("followups:follow_up_record", args=[follow_up.pk])
    response = login(behavioural_expert).post(url, {"outflow": "<script>", "exam_result": "x"})
    assert response.status_code == 200
    follow_up.refresh_from_db()
    assert not follow_up.is_recorded


def test_gedragsdeskundige_of_another_school_gets_404(login, other_school_expert, follow_up):
    client = login(other_school_expert)
    url = reverse("followups:follow_up_record", args=[follow_up.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"outflow": "work", "exam_result": "passed"}).status_code == 404
    page = client.get(reverse("followups:follow_ups"))
    assert follow_up.case.reference not in page.content.decode()


@pytest.mark.parametrize("who", ["casemanager", "coordinator", "other_region_casemanager"])
def test_follow_up_pages_are_404_for_other_roles(request, login, follow_up, who):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("followups:follow_ups")).status_code == 404
    assert client.get(reverse("followups:follow_up_record", args=[follow_up.pk])).status_code == 404


def test_follow_up_pages_refuse_other_methods(login, behavioural_expert, follow_up):
    client = login(behavioural_expert)
    assert client.post(reverse("followups:follow_ups")).status_code == 405
    url = reverse("followups:follow_up_record", args=[follow_up.pk])
    assert client.put(url).status_code == 405


def test_outcome_figures_include_recorded_follow_ups(behavioural_expert, follow_up, school):
    from followups.services import follow_up_record

    follow_up_record(
        follow_up=follow_up,
        by=behavioural_expert,
        outflow=Outflow.MBO,
        progression="",
        exam_result="passed",
    )
    other = CaseFactory(
        school=school, status=Status.CLOSED, closed_on=CLOSED_ON, registered_on=date(2025, 1, 1)
    )
    follow_ups_create(today=date(2026, 3, 10))
    assert FollowUp.objects.filter(case=other).exists()
    figures = follow_up_outcomes(Case.objects.all())
    assert (figures["due"], figures["recorded"], figures["open"]) == (2, 1, 1)
    assert figures["outflow"]["mbo"] == 1
    assert figures["exam_result"]["geslaagd"] == 1
    assert sum(figures["progression"].values()) == 0  # left empty: the pupil left school


def test_the_outcomes_report_shows_the_follow_ups(
    behavioural_expert, follow_up, coordinator, login
):
    from followups.services import follow_up_record

    follow_up_record(
        follow_up=follow_up,
        by=behavioural_expert,
        outflow=Outflow.MBO,
        progression="",
        exam_result="",
    )
    page = login(coordinator).get(reverse("reports:index")).content.decode()
    assert "Een jaar later: jaarlijkse vervolgmeting door de school" in page
    report = next(
        r
        for r in build_reports(user=coordinator, period=current_quarter(date(2026, 3, 10)))
        if r.key == "outcomes"
    )
    table = next(t for t in report.tables if t.key == "follow_ups")
    rows = {(str(r[0]), str(r[1])): r[2] for r in table.rows}
    assert rows[("Vervolgmetingen", "ingevuld")] == 1
    assert rows[("Uitstroom", "mbo")] == 1


def test_the_daily_task_is_on_the_beat_schedule():
    from config.celery import app
    from followups.tasks import create_follow_ups

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    # The registered name stayed the quality app's (followups/tasks.py says why).
    assert create_follow_ups.name == "quality.tasks.create_follow_ups"
    assert create_follow_ups.name in tasks
