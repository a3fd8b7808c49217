import csv
import io
import logging
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from casework.models import AccessAction, AccessLogEntry
from core.formats import long_date
from reports.selectors import build_report, current_quarter, last_start_over, quarter_to_date
from reports.tables import Period

from .conftest import Q4, make_case

PERIOD = {"start": "2026-10-01", "end": "2026-12-31"}


def table(report, key):
    return next(t for t in report.tables if t.key == key)


def rows_by_label(tbl):
    return {row[0]: row[1:] for row in tbl.rows}


def test_last_start_over_matches_the_clock_at_month_ends():
    for end in (date(2027, 2, 28), date(2026, 12, 31), date(2024, 2, 29), date(2026, 5, 31)):
        cut = last_start_over(end, 3)
        for offset in range(-10, 10):
            start = cut + timedelta(days=offset)
            assert (start <= cut) == (start + relativedelta(months=3) < end)


def test_current_quarter_runs_from_first_to_last_day():
    quarter = current_quarter(date(2026, 11, 22))
    assert (quarter.start, quarter.end) == (date(2026, 10, 1), date(2026, 12, 31))


def test_thuiszitters_report_counts_bands_schools_municipalities_and_threshold(seeded, coordinator):
    report = build_report("thuiszitters", user=coordinator, period=Q4)
    assert table(report, "bands").rows == [["Taskforce Veendam", 1, 1, 1, 1, 4]]
    schools = rows_by_label(table(report, "by_school"))
    assert schools == {
        "Dollard College": [1, 1, 0, 0, 2],
        "Winkler Prins": [0, 0, 0, 1, 1],
        "niet ingeschreven": [0, 0, 1, 0, 1],
    }
    municipalities = rows_by_label(table(report, "by_municipality"))
    assert municipalities == {"Veendam": [1, 0, 1, 1, 3], "Pekela": [0, 1, 0, 0, 1]}
    # C passed on 16-12, E on 02-11 (offer only on 10-11); D passed in August.
    assert table(report, "threshold").rows[0][1] == 2
    # Issue 18 (5): of the four at home, B (relative, 46 days) and C (absolute) are
    # thuiszitters; A (relative, 11 days) not yet, D (vrijstelling art. 5a) not at all.
    assert [row[1] for row in table(report, "definition").rows] == [2, 2]
    assert report.summary["thuiszitters"] == 2


def test_inspectie_report_is_anonymous_and_has_resolved_column(seeded, coordinator):
    report = build_report("inspectie", user=coordinator, period=Q4)
    rows = rows_by_label(report.tables[0])
    assert rows["langdurig relatief verzuim"] == [1, 1, 0, 0, 3, 5]
    assert rows["absoluut verzuim"] == [0, 0, 1, 0, 0, 1]
    assert rows["vrijstelling art. 5 onder a Leerplichtwet"] == [0, 0, 0, 1, 0, 1]
    assert rows["totaal"] == [1, 1, 1, 1, 3, 7]
    flat = str(report.tables)
    for case in seeded.values():
        assert case.student.last_name not in flat
        assert case.reference not in flat


def test_capacity_counts_this_years_started_cases_against_targets(seeded, coordinator):
    report = build_report("capacity", user=coordinator, period=Q4)
    rows = rows_by_label(report.tables[0])
    # A, B, C, D, E, F, G, M, N intensive in 2026 (I not started, L last year); H advice.
    assert rows["intensief traject"] == [9, 25, 16, "36%"]
    assert rows["informatie & advies"] == [1, 25, 24, "4%"]


def test_outcomes_and_time_to_offer(seeded, coordinator):
    report = build_report("outcomes", user=coordinator, period=Q4)
    rows = rows_by_label(report.tables[0])
    assert rows["terug op school van inschrijving"] == [1]
    assert rows["advies gegeven"] == [1]
    assert rows["mbo"] == [0]  # N closed before the period
    assert rows["niet gestart"] == [1]
    assert rows["totaal"] == [3]
    # E: 101 days, M: 10 days.
    assert report.tables[1].rows[0][1:] == [2, 55.5, 55.5]


def test_signals_count_yes_answers_of_cases_active_in_the_period(seeded, coordinator):
    report = build_report("signals", user=coordinator, period=Q4)
    rows = rows_by_label(report.tables[0])
    assert rows["angst"] == [3, "75%"]
    assert rows["teruggetrokken gedrag"] == [0, "0%"]
    assert rows["pesten"] == [1, "25%"]
    assert rows["(oplopend) verzuim"] == [1, "25%"]
    by_school = rows_by_label(report.tables[1])
    assert by_school["Dollard College"][:2] == [2, 2]  # intakes, angst
    assert by_school["Winkler Prins"][:2] == [1, 1]
    assert by_school["niet ingeschreven"][:2] == [1, 0]


def test_administrator_gets_aggregates_of_own_region_without_pupils(seeded, administrator, login):
    response = login(administrator).get(reverse("reports:index"), PERIOD)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Taskforce Veendam" in body
    for case in seeded.values():
        assert case.student.last_name not in body
        assert case.reference not in body
    report = response.context["reports"][0]
    assert table(report, "bands").rows[0][1:] == [1, 1, 1, 1, 4]


def test_coordinator_of_another_region_sees_none_of_these_cases(seeded, other_coordinator):
    report = build_report("thuiszitters", user=other_coordinator, period=Q4)
    assert table(report, "bands").rows[0][1:] == [0, 0, 0, 0, 0]


@pytest.mark.parametrize(
    "persona", ["casemanager", "behavioural_expert", "other_region_casemanager"]
)
def test_reports_are_not_there_for_other_roles(persona, request, login):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("reports:index")).status_code == 404
    assert client.get(reverse("reports:export"), {"report": "capacity"}).status_code == 404
    pdf = {"report": "capacity", "format": "pdf"}
    assert client.get(reverse("reports:export"), pdf).status_code == 404


def test_index_page_shows_sections_charts_and_tables(seeded, coordinator, login):
    response = login(coordinator).get(reverse("reports:index"), PERIOD)
    assert response.status_code == 200
    body = response.content.decode()
    for heading in ("Thuiszitters", "Inspectie-overzicht", "Capaciteit", "Uitkomsten", "Signalen"):
        assert heading in body
    assert body.count('role="img"') == 4
    assert "<title id=" in body and "<desc id=" in body
    assert '<th scope="col"' in body and '<th scope="row"' in body
    assert "1 oktober 2026" in body and "31 december 2026" in body


def test_index_defaults_to_the_current_quarter_up_to_today(coordinator, login):
    """Issue 19, finding 11: the default never counts thuiszitters on a day to come."""
    today = timezone.localdate()
    response = login(coordinator).get(reverse("reports:index"))
    quarter = current_quarter(today)
    assert response.context["period"] == Period(quarter.start, today)
    assert f"Thuis zonder passend aanbod op {long_date(today)}" in response.content.decode()
    assert (
        f"Thuis zonder passend aanbod op {long_date(quarter.end)}" not in response.content.decode()
    )


def test_the_quarter_to_date_ends_on_the_quarters_last_day_at_the_latest():
    assert quarter_to_date(date(2026, 12, 3)) == Period(date(2026, 10, 1), date(2026, 12, 3))
    assert quarter_to_date(date(2026, 12, 31)) == Period(date(2026, 10, 1), date(2026, 12, 31))


def test_bad_period_gets_a_dutch_message_and_no_500(coordinator, login):
    response = login(coordinator).get(
        reverse("reports:index"), {"start": "2026-12-31", "end": "2026-10-01"}
    )
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    response = login(coordinator).get(reverse("reports:index"), {"start": "gisteren", "end": ""})
    assert response.status_code == 200


def test_index_queries_do_not_grow_with_the_number_of_cases(
    seeded, region, school, coordinator, login, django_assert_num_queries
):
    client = login(coordinator)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("notifications:bell"))  # the session's once-a-minute renewal save
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("reports:index"), PERIOD)
    for day in range(1, 15):
        make_case(region, school, absent_since=date(2026, 11, day))
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(reverse("reports:index"), PERIOD)


def test_xlsx_export_matches_the_page_and_is_logged(seeded, coordinator, login):
    client = login(coordinator)
    page = client.get(reverse("reports:index"), PERIOD)
    page_report = next(r for r in page.context["reports"] if r.key == "thuiszitters")
    response = client.get(
        reverse("reports:export"), {"report": "thuiszitters", "format": "xlsx", **PERIOD}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == len(page_report.tables)
    for tbl, sheet in zip(page_report.tables, workbook.worksheets, strict=True):
        # The sheet is named by the table's Dutch title (cut to Excel's 31 characters).
        assert str(tbl.title).startswith(sheet.title) and len(sheet.title) <= 31
        values = [list(row) for row in sheet.iter_rows(min_row=5, values_only=True)]
        assert values == tbl.rows
        assert [c.value for c in sheet[4]] == tbl.headers
    html = page.content.decode()
    for row in table(page_report, "by_school").rows:
        assert f'<th scope="row">{row[0]}</th>' in html
    entry = AccessLogEntry.objects.filter(action=AccessAction.EXPORT).get()
    assert entry.case is None and "thuiszitters" in entry.detail and entry.username == "coord"


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )


def test_pdf_export_has_the_pages_charts_and_figures_and_is_logged(
    seeded, coordinator, login, caplog
):
    client = login(coordinator)
    caplog.set_level(logging.WARNING)
    response = client.get(
        reverse("reports:export"), {"report": "thuiszitters", "format": "pdf", **PERIOD}
    )
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert problems == []
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="rapportage-thuiszitters-20261001-20261231.pdf"'
    text = pdf_text(response.content)
    assert (
        "Thuis zonder passend aanbod, naar duur thuis" in text
    )  # the SVG chart, drawn as text and bars
    assert "Taskforce Veendam 1 1 1 1 4" in text
    assert "Dollard College 1 1 0 0 2" in text and "niet ingeschreven 0 0 1 0 1" in text
    assert "Veendam 1 0 1 1 3" in text and "Pekela 0 1 0 0 1" in text
    assert "1 oktober 2026 – 31 december 2026" in text and "pagina 1 van" in text
    entry = AccessLogEntry.objects.filter(action=AccessAction.EXPORT).get()
    assert entry.case is None and "rapportage thuiszitters (pdf, intern)" in entry.detail


def test_external_pdf_export_shows_small_counts_as_less_than_five_and_no_chart(
    seeded, coordinator, login
):
    client = login(coordinator)
    query = {"report": "capacity", "format": "pdf", **PERIOD}
    internal = pdf_text(client.get(reverse("reports:export"), query).content)
    assert "9 / 25" in internal and "1 / 25" in internal  # the chart's bar labels
    assert "informatie & advies 1 25 24 4%" in internal
    external = pdf_text(
        client.get(reverse("reports:export"), {**query, "audience": "external"}).content
    )
    assert "intensief traject 9 25 16 36%" in external
    assert "informatie & advies < 5 25 — —" in external
    assert "1 / 25" not in external and "9 / 25" not in external
    assert "De grafieken staan alleen in de interne versie" in external
    details = AccessLogEntry.objects.filter(action=AccessAction.EXPORT).values_list(
        "detail", flat=True
    )
    assert sorted("(pdf, extern)" in detail for detail in details) == [False, True]


def test_external_export_shows_small_counts_as_less_than_five(seeded, coordinator, login):
    client = login(coordinator)
    response = client.get(
        reverse("reports:export"),
        {"report": "thuiszitters", "format": "xlsx", "audience": "external", **PERIOD},
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]  # the duration bands
    assert list(next(sheet.iter_rows(min_row=5, values_only=True))) == [
        "Taskforce Veendam",
        "< 5",
        "< 5",
        "< 5",
        "< 5",
        "< 5",
    ]
    response = client.get(
        reverse("reports:export"),
        {"report": "capacity", "format": "csv", "audience": "external", **PERIOD},
    )
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["intensief traject", "9", "25", "16", "36%"] in rows  # 9 is not small
    assert ["informatie & advies", "< 5", "25", "—", "—"] in rows  # 1 hides what reveals it
    internal = client.get(
        reverse("reports:export"), {"report": "capacity", "format": "csv", **PERIOD}
    ).content.decode("utf-8-sig")
    assert "< 5" not in internal
    assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT).count() == 3


def test_export_with_unknown_report_or_format_is_a_bad_request(coordinator, login):
    client = login(coordinator)
    assert client.get(reverse("reports:export"), {"report": "nope"}).status_code == 400
    assert (
        client.get(reverse("reports:export"), {"report": "capacity", "format": "docx"}).status_code
        == 400
    )
    assert (
        client.get(
            reverse("reports:export"), {"report": "capacity", "start": "x", "end": "y"}
        ).status_code
        == 400
    )


def test_report_views_refuse_post(coordinator, login):
    client = login(coordinator)
    assert client.post(reverse("reports:index")).status_code == 405
    assert client.post(reverse("reports:export")).status_code == 405


def test_exports_neutralise_formulas_in_names(region, coordinator, login):
    from tests.factories import CaseFactory, SchoolFactory

    school = SchoolFactory(region=region, name='=HYPERLINK("http://x")', brin="77FX")
    CaseFactory(school=school, absent_since=date(2026, 12, 1), registered_on=date(2026, 12, 1))
    response = login(coordinator).get(
        reverse("reports:export"), {"report": "thuiszitters", "format": "csv", **PERIOD}
    )
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ";=HYPERLINK" not in text and "\n=HYPERLINK" not in text


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [("0001-01-01", "0001-01-20", "start"), ("9999-12-01", "9999-12-31", "end")],
)
def test_a_date_far_outside_the_calendar_gets_a_dutch_message_and_no_500(
    start, end, field, coordinator, login
):
    """Issue 7: year 1 or 9999 made the band arithmetic overflow (a 500 on page and export)."""
    client = login(coordinator)
    response = client.get(reverse("reports:index"), {"start": start, "end": end})
    assert response.status_code == 200
    assert "Kies een datum tussen 2000 en 2100." in response.context["form"].errors[field]
    assert "Kies een datum tussen 2000 en 2100." in response.content.decode()
    assert response.context["reports"] == []
    export = {"report": "thuiszitters", "format": "csv", "start": start, "end": end}
    assert client.get(reverse("reports:export"), export).status_code == 400


def test_threshold_passed_in_the_period_counts_first_and_last_day_but_not_an_offer_that_day(
    region, school, coordinator
):
    """A pupil passes three months the day after absent_since + 3 months, if still at home
    that day (open, no passend aanbod yet), as the bands and the clock count it."""
    counted = [
        date(2026, 6, 30),  # 30-09 + 1 day: passes on 1 October, the period's first day
        date(2026, 9, 30),  # passes on 31 December, the last day
    ]
    not_counted = [
        date(2026, 6, 29),  # passed on 30 September
        date(2026, 10, 1),  # passes on 2 January
    ]
    for absent_since in counted + not_counted:
        make_case(region, school, registered_on=date(2026, 6, 1), absent_since=absent_since)
    # 15-09 + 3 months = 15-12: at home on the 16th unless the offer or the closing is that day.
    make_case(region, school, absent_since=date(2026, 9, 15), offer_since=date(2026, 12, 16))
    make_case(
        region,
        school,
        absent_since=date(2026, 9, 15),
        status="closed",
        closed_on=date(2026, 12, 16),
        outcome="back_at_school",
    )
    make_case(region, school, absent_since=date(2026, 9, 15), offer_since=date(2026, 12, 17))
    report = build_report("thuiszitters", user=coordinator, period=Q4)
    assert table(report, "threshold").rows[0][1] == len(counted) + 1


def test_two_schools_with_the_same_name_keep_their_own_rows(region, school, coordinator):
    """Schools are grouped by school, not by name: two locations called alike (each its own
    BRIN) were added up into one row."""
    from intake.models import Intake
    from tests.factories import SchoolFactory

    namesake = SchoolFactory(region=region, name=school.name, brin="21XY")
    for at, absent_since in ((school, date(2026, 12, 20)), (namesake, date(2026, 11, 15))):
        case = make_case(region, at, absent_since=absent_since)
        Intake.objects.create(case=case, signal_anxiety=True)
    report = build_report("thuiszitters", user=coordinator, period=Q4)
    assert rows_by_label(table(report, "by_school")) == {
        f"{school.name} ({school.brin})": [1, 0, 0, 0, 1],
        f"{namesake.name} ({namesake.brin})": [0, 1, 0, 0, 1],
    }
    signals = build_report("signals", user=coordinator, period=Q4)
    by_school = rows_by_label(table(signals, "signals_by_school"))
    assert by_school[f"{school.name} ({school.brin})"][:2] == [1, 1]
    assert by_school[f"{namesake.name} ({namesake.brin})"][:2] == [1, 1]


def test_csv_writes_decimals_with_a_comma_as_the_page_shows_them(seeded, coordinator, login):
    """Dutch Excel opens the semicolon CSV: 55.5 days would not be read as a number."""
    client = login(coordinator)
    page = client.get(reverse("reports:index"), PERIOD).content.decode()
    assert '<td class="text-end">55,5</td>' in page
    response = client.get(
        reverse("reports:export"), {"report": "outcomes", "format": "csv", **PERIOD}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["1 oktober 2026 – 31 december 2026", "2", "55,5", "55,5"] in rows


def test_export_files_and_sheets_have_dutch_names(seeded, coordinator, login):
    """Issue 19, finding 6: no codes (capacity, by_school) in file or sheet names."""
    client = login(coordinator)
    response = client.get(
        reverse("reports:export"), {"report": "capacity", "format": "xlsx", **PERIOD}
    )
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="rapportage-capaciteit-20261001-20261231.xlsx"'
    response = client.get(
        reverse("reports:export"), {"report": "thuiszitters", "format": "xlsx", **PERIOD}
    )
    titles = [sheet.title for sheet in load_workbook(io.BytesIO(response.content)).worksheets]
    assert titles[1:3] == ["Naar school van inschrijving", "Naar gemeente (woonplaats)"]
    assert not {"bands", "by_school", "by_municipality", "threshold"} & set(titles)
