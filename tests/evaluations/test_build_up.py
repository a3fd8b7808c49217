"""Issue 21: the opbouwschema, planned against attended hours per week, on one chart with the
same figures as a table, on the plan page and in the plan PDF. The clock stands on Monday
23 November 2026 (ISO week 48), the day the plan is drawn up."""

import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluations import services
from evaluations.models import BuildUpWeek
from meetings.models import Meeting, MeetingItem
from tests.pdf import pdf_text

WEEK_48 = date(2026, 11, 23)
WEEK_49 = date(2026, 11, 30)
WEEK_50 = date(2026, 12, 7)


def formset_post(rows, initial=0):
    data = {
        "opbouw-TOTAL_FORMS": str(len(rows)),
        "opbouw-INITIAL_FORMS": str(initial),
        "opbouw-MIN_NUM_FORMS": "0",
        "opbouw-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"opbouw-{index}-{name}"] = value
    return data


def table_rows(html: str) -> list[str]:
    table = re.search(r'<table class="table table-sm build-up-table".*?</table>', html, re.S)
    assert table, "no opbouwschema table"
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(0).split("<tbody>")[1], re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


@pytest.fixture(autouse=True)
def _monday_of_week_48():
    with time_machine.travel("2026-11-23 10:00 +0100", tick=False):
        yield


@pytest.fixture
def plan(active_case):
    return active_case.plans.get()


def test_a_week_stores_planned_and_attended_hours_linked_to_a_goal(plan, casemanager):
    goal = plan.goals.first()
    services.build_up_save(
        plan=plan,
        by=casemanager,
        weeks=[
            {"week_start": WEEK_48, "planned_hours": Decimal("10"), "goal": goal},
            {"week_start": WEEK_49, "planned_hours": Decimal("15")},
        ],
    )
    services.build_up_save(
        plan=plan,
        by=casemanager,
        weeks=[
            {
                "week_start": WEEK_48,
                "planned_hours": Decimal("10"),
                "goal": goal,
                "attended_hours": Decimal("10"),
                "shortfall_reason": "",
            }
        ],
    )
    weeks = list(plan.build_up_weeks.all())
    assert [(w.week_start, w.planned_hours, w.attended_hours) for w in weeks] == [
        (WEEK_48, Decimal("10"), Decimal("10")),
        (WEEK_49, Decimal("15"), None),
    ]
    assert weeks[0].goal == goal
    assert weeks[0].attended_share == 1


def test_fewer_hours_than_planned_need_a_reason_and_a_week_starts_on_monday(plan, casemanager):
    short = {"week_start": WEEK_48, "planned_hours": Decimal("10"), "attended_hours": Decimal(6)}
    with pytest.raises(ValidationError, match="minder uren"):
        services.build_up_save(plan=plan, by=casemanager, weeks=[short])
    with pytest.raises(ValidationError, match="maandag"):
        services.build_up_save(
            plan=plan,
            by=casemanager,
            weeks=[{"week_start": date(2026, 11, 25), "planned_hours": Decimal(4)}],
        )
    assert not BuildUpWeek.objects.exists()
    services.build_up_save(
        plan=plan, by=casemanager, weeks=[{**short, "shortfall_reason": "Buikpijn op dinsdag"}]
    )
    assert BuildUpWeek.objects.get().fell_short


def test_entering_a_week_changes_the_chart_and_the_table(active_case, plan, casemanager, login):
    client = login(casemanager)
    page = client.get(reverse("evaluations:plan_detail", args=[active_case.pk]))
    assert "Nog geen opbouwschema" in page.content.decode()
    assert 'role="img"' not in page.content.decode()

    url = reverse("evaluations:build_up_edit", args=[active_case.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        formset_post(
            [
                {"week_start": "2026-11-23", "planned_hours": "10", "goal": plan.goals.first().pk},
                {"week_start": "2026-11-30", "planned_hours": "15"},
                {"week_start": "", "planned_hours": ""},
            ]
        ),
    )
    assert response.status_code == 302
    html = client.get(reverse("evaluations:plan_detail", args=[active_case.pk])).content.decode()
    assert table_rows(html) == [
        "week 48 (23 november 2026) Doel 1 10 — — — —",
        "week 49 (30 november 2026) — 15 — — — —",
    ]
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title>" in svg
    assert "week 48: 10 gepland, — aanwezig" in svg  # the aria-label summary
    assert svg.count('class="planned"') == 2 and 'class="attended"' not in svg

    # The week is past: record what happened, fewer hours than planned, with the reason.
    response = client.post(
        url,
        formset_post(
            [
                {
                    "week_start": "2026-11-23",
                    "planned_hours": "10",
                    "attended_hours": "8",
                    "shortfall_reason": "Ziek op vrijdag",
                },
                {"week_start": "2026-11-30", "planned_hours": "15"},
            ],
            initial=2,
        ),
    )
    assert response.status_code == 302
    html = client.get(reverse("evaluations:plan_detail", args=[active_case.pk])).content.decode()
    assert table_rows(html)[0] == "week 48 (23 november 2026) — 10 8 80% Ziek op vrijdag —"
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert svg.count('class="attended"') == 1
    assert "week 48: 10 gepland, 8 aanwezig" in svg
    # Attended is 8 of 10 planned: its bar is four fifths of the planned bar's height.
    planned = float(re.search(r'class="planned"[^>]* height="([\d.]+)"', svg).group(1))
    attended = float(re.search(r'class="attended"[^>]* height="([\d.]+)"', svg).group(1))
    assert attended == pytest.approx(planned * 0.8, abs=0.2)


def test_a_shortfall_without_reason_is_refused_beside_the_field(active_case, casemanager, login):
    url = reverse("evaluations:build_up_edit", args=[active_case.pk])
    response = login(casemanager).post(
        url,
        formset_post([{"week_start": "2026-11-23", "planned_hours": "10", "attended_hours": "4"}]),
    )
    assert response.status_code == 200
    assert "Geef aan waarom de leerling minder uren aanwezig was" in response.content.decode()
    assert not BuildUpWeek.objects.exists()


def test_the_evaluations_and_the_pact_line_are_marked_on_the_time_axis(
    active_case, plan, casemanager, login
):
    # The interim evaluation is due six weeks after the plan (4 January 2027).
    active_case.absent_since = date(2026, 9, 29)  # three months: 29 December 2026
    active_case.save(update_fields=["absent_since"])
    weeks = [
        {
            "week_start": date(2026, 11, 23) + (date(2026, 11, 30) - WEEK_48) * n,
            "planned_hours": Decimal(5 + n),
        }
        for n in range(7)
    ]
    services.build_up_save(plan=plan, by=casemanager, weeks=weeks)
    meeting = Meeting.objects.create(region=active_case.region, date=date(2026, 12, 10))
    MeetingItem.objects.create(meeting=meeting, case=active_case)
    html = (
        login(casemanager)
        .get(reverse("evaluations:plan_detail", args=[active_case.pk]))
        .content.decode()
    )
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert svg.count('class="marker-threshold"') == 1
    assert svg.count('class="marker-evaluation"') == 1
    assert svg.count('class="marker-meeting"') == 1
    assert "style=" not in svg and "<script" not in svg  # the strict CSP allows neither
    rows = table_rows(html)
    assert rows[2].endswith("Overleg (10 december 2026)")
    assert rows[5].endswith("Drie maanden thuiszitterspact (29 december 2026)")
    assert rows[6].endswith("Tussentijdse evaluatie (6 weken) (4 januari 2027)")


def test_the_plan_pdf_has_the_chart_and_the_tables_figures(active_case, plan, casemanager, login):
    services.build_up_save(
        plan=plan,
        by=casemanager,
        weeks=[
            {
                "week_start": WEEK_48,
                "planned_hours": Decimal(12),
                "attended_hours": Decimal(9),
                "shortfall_reason": "Spanning in de ochtend",
            },
            {"week_start": WEEK_49, "planned_hours": Decimal(16)},
        ],
    )
    response = login(casemanager).get(reverse("reports:case_pdf", args=[active_case.pk, "plan"]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Opbouwschema" in text
    assert "week 48 (23 november 2026)" in text and "week 49 (30 november 2026)" in text
    assert "75%" in text and "Spanning in de ochtend" in text
    assert "gepland" in text and "aanwezig" in text  # the chart's legend, drawn as svg text
