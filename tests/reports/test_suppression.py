"""Small-count suppression for outside the region: no count of 1–4 can be worked back from
the totals, overviews and percentages shown beside it (issue 7)."""

import io
import random
from datetime import date
from fractions import Fraction

import pytest
from django.urls import reverse

from reports.exports import audience_tables
from reports.selectors import (
    REPORTS,
    Report,
    ReportTable,
    Sum,
    build_report,
    column_sums,
    row_sums,
    total_row_sums,
)
from reports.suppression import HIDDEN, SUPPRESSED, suppressed_tables

from .conftest import Q4, make_case


def worked_back(report: Report, shown: dict[str, list[list]]) -> set:
    """The suppressed cells ("< 5") a reader can solve exactly from the shown figures and
    the report's declared sums (treated as equations), by exact Gaussian elimination."""
    values = {
        (table.key, r, c): value
        for table in report.tables
        for r, row in enumerate(table.rows)
        for c, value in enumerate(row)
    }
    unknown = sorted(
        {cell for cell in values if shown[cell[0]][cell[1]][cell[2]] in (SUPPRESSED, HIDDEN)}
    )
    column = {cell: i for i, cell in enumerate(unknown)}
    matrix = []
    for total in report.sums:
        row = [Fraction(0)] * len(unknown)
        for cell, sign in ((total.total, 1), *((part, -1) for part in total.parts)):
            if cell in column:
                row[column[cell]] += sign
        if any(row):
            matrix.append(row)
    pivots, rank = [], 0
    for c in range(len(unknown)):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][c]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead = matrix[rank][c]
        matrix[rank] = [v / lead for v in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][c]:
                factor = matrix[r][c]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivots.append(c)
        rank += 1
    solved = {
        unknown[c]
        for r, c in enumerate(pivots)
        if not any(matrix[r][k] for k in range(len(unknown)) if k != c)
    }
    return {cell for cell in solved if shown[cell[0]][cell[1]][cell[2]] == SUPPRESSED}


def band_report(schools: dict[str, list[int]]) -> Report:
    """An overview row and a table per school, each with two bands and a row total."""
    rows = [[name, *bands, sum(bands)] for name, bands in schools.items()]
    overview_values = [sum(row[c] for row in rows) for c in (1, 2, 3)]
    overview = ReportTable("bands", "", [], [["werkgebied", *overview_values]], (1, 2, 3))
    by_school = ReportTable("by_school", "", [], rows, (1, 2, 3))
    return Report(
        "test",
        "",
        [overview, by_school],
        sums=row_sums(overview, 3, (1, 2))
        + row_sums(by_school, 3, (1, 2))
        + column_sums(by_school, {c: ("bands", 0, c) for c in (1, 2, 3)}),
    )


def test_a_row_total_with_a_small_count_in_it_is_hidden():
    rows = suppressed_tables(band_report({"A": [2, 10], "B": [6, 7]}))
    # 12 - 10 would give the 2 away.
    assert rows["by_school"] == [["A", SUPPRESSED, 10, HIDDEN], ["B", 6, 7, 13]]


def test_an_overview_of_a_breakdown_with_a_small_count_is_hidden():
    rows = suppressed_tables(band_report({"A": [2, 10], "B": [6, 7]}))
    # The region's first band (8) minus school B's 6 would give school A's 2 away; its total
    # (25) contains the hidden 8.
    assert rows["bands"] == [["werkgebied", HIDDEN, 17, HIDDEN]]


def test_without_small_counts_everything_is_shown():
    report = band_report({"A": [0, 10], "B": [6, 7]})
    rows = suppressed_tables(report)
    assert rows == {table.key: table.rows for table in report.tables}


def test_a_hidden_row_total_hides_the_grand_total_below_it():
    rows = [["x", 3, 9, 12], ["y", 8, 9, 17]]
    rows.append(["totaal", 11, 18, 29])
    table = ReportTable("t", "", [], rows, (1, 2, 3))
    report = Report(
        "test", "", [table], sums=row_sums(table, 3, (1, 2)) + total_row_sums(table, (1, 2, 3))
    )
    shown = suppressed_tables(report)["t"]
    assert shown[0] == ["x", SUPPRESSED, 9, HIDDEN]
    assert shown[1] == ["y", 8, 9, 17]
    # 11 - 8 gives the 3 away, and 29 - 17 its row total.
    assert shown[2] == ["totaal", HIDDEN, 18, HIDDEN]


def test_a_figure_derived_from_a_hidden_count_is_hidden():
    counts = ReportTable("n", "", [], [["intakes", 3, 9]], (1, 2))
    shares = ReportTable(
        "share", "", [], [["angst", 9, "75%"], ["pesten", 2, "50%"]], (1,), derived_columns={2: 1}
    )
    report = Report("test", "", [counts, shares], derived={("share", 0, 2): (("n", 0, 1),)})
    shown = suppressed_tables(report)
    assert shown["share"] == [["angst", 9, HIDDEN], ["pesten", SUPPRESSED, HIDDEN]]


@pytest.mark.parametrize("key", list(REPORTS))
def test_the_declared_totals_add_up_in_every_report(key, seeded, coordinator):
    """Each Sum a report declares is one: a wrong or missing one would leave a small count
    to be worked back."""
    report = build_report(key, user=coordinator, period=Q4)
    values = {
        (table.key, r, c): value
        for table in report.tables
        for r, row in enumerate(table.rows)
        for c, value in enumerate(row)
    }
    for total in report.sums:
        parts = sum(values[part] for part in total.parts)
        if total.total == ("follow_ups", 1, 2):  # "ingevuld": a breakdown may leave some out
            assert values[total.total] >= parts
        else:
            assert values[total.total] == parts, total
    # A report with a breakdown declares how it adds up.
    if key in ("thuiszitters", "inspectie", "signals"):
        assert report.sums


def test_external_thuiszitters_export_hides_what_gives_small_counts_away(seeded, coordinator):
    report = build_report("thuiszitters", user=coordinator, period=Q4)
    shown = suppressed_tables(report)
    by_school = {row[0]: row for row in shown["by_school"]}
    internal = {row[0]: row for row in next(t for t in report.tables if t.key == "by_school").rows}
    for name, row in by_school.items():
        small = [c for c in (1, 2, 3, 4) if row[c] == SUPPRESSED]
        if small:
            assert row[5] in (SUPPRESSED, HIDDEN), name
        else:
            assert row[1:] == internal[name][1:]
    assert all(value in (SUPPRESSED, HIDDEN, 0) for value in shown["bands"][0][1:])


def dollard_two_under_four_weeks(region, school):
    """At home on 31-12-2026, all in one woonplaats: Dollard College 2 pupils under 4 weeks
    and 5 of 4 weeks–3 months, Winkler Prins 5 under 4 weeks."""
    from tests.factories import SchoolFactory

    other = SchoolFactory(region=region, name="Winkler Prins", brin="21CD")
    for _ in range(2):
        make_case(region, school, absent_since=date(2026, 12, 20))
    for _ in range(5):
        make_case(region, school, absent_since=date(2026, 11, 15))
        make_case(region, other, absent_since=date(2026, 12, 20))


def test_a_school_count_cannot_be_worked_back_through_the_municipality_table(
    region, school, coordinator
):
    """Issue 7: the overview hid its first band (Dollard's 2 is in it), but the municipality
    table showed that band in full: Veendam's 7 minus Winkler Prins's 5 gave the 2 away."""
    dollard_two_under_four_weeks(region, school)
    report = build_report("thuiszitters", user=coordinator, period=Q4)
    shown = suppressed_tables(report)
    assert {row[0]: row[1:] for row in shown["by_school"]} == {
        "Dollard College": [SUPPRESSED, 5, 0, 0, HIDDEN],
        "Winkler Prins": [5, 0, 0, 0, 5],
    }
    assert shown["bands"][0][1] == HIDDEN
    assert shown["by_municipality"][0][1] == HIDDEN  # Veendam's 7 would give it away
    assert worked_back(report, shown) == set()


@pytest.mark.parametrize("key", list(REPORTS))
def test_no_suppressed_count_of_a_seeded_report_can_be_worked_back(key, seeded, coordinator):
    report = build_report(key, user=coordinator, period=Q4)
    assert worked_back(report, suppressed_tables(report)) == set()


def test_no_suppressed_count_can_be_worked_back_from_random_breakdowns():
    """The thuiszitters shape (overview, by school, by municipality, row totals) with random
    counts: whatever the small counts, none can be solved from what is shown."""
    rng = random.Random(7)
    for _ in range(300):
        n_schools, n_places = rng.randrange(1, 6), rng.randrange(1, 4)
        weights = [rng.random() for _ in range(4)]
        pupils = [  # (school, municipality, band)
            (rng.randrange(n_schools), rng.randrange(n_places), *rng.choices(range(4), weights))
            for _ in range(rng.randrange(1, 60))
        ]

        def rows(index, pupils=pupils):
            groups = sorted({pupil[index] for pupil in pupils})
            counts = [
                [sum(1 for p in pupils if p[index] == g and p[2] == b) for b in range(4)]
                for g in groups
            ]
            return [[str(g), *bands, sum(bands)] for g, bands in zip(groups, counts, strict=True)]

        schools, places = rows(0), rows(1)
        overview = [["werkgebied", *[sum(r[c] for r in schools) for c in range(1, 6)]]]
        counts = (1, 2, 3, 4, 5)
        tables = [
            ReportTable("bands", "", [], overview, counts),
            ReportTable("by_school", "", [], schools, counts),
            ReportTable("by_municipality", "", [], places, counts),
        ]
        sums = [s for t in tables for s in row_sums(t, 5, (1, 2, 3, 4))]
        for t in tables[1:]:
            sums += column_sums(t, {c: ("bands", 0, c) for c in counts})
        report = Report("test", "", tables, sums=sums)
        assert worked_back(report, suppressed_tables(report)) == set(), pupils


def test_the_thuiszitters_and_inspectie_exports_together_give_no_small_count_away(
    region, school, coordinator
):
    """The Inspectie's bands are the thuiszitters overview's. Each external export alone
    hid enough, but the Inspectie's total row gave back the region's band that the
    thuiszitters export hid (Dollard's 2 pupils under 4 weeks were in it)."""
    dollard_two_under_four_weeks(region, school)
    thuiszitters = build_report("thuiszitters", user=coordinator, period=Q4)
    inspectie = build_report("inspectie", user=coordinator, period=Q4)
    last = len(inspectie.tables[0].rows) - 1
    # What a reader holding both exports knows: every sum of each, and the bands being equal.
    both = Report(
        "both",
        "",
        thuiszitters.tables + inspectie.tables,
        sums=thuiszitters.sums
        + inspectie.sums
        + [Sum(("bands", 0, c), (("inspectie", last, c),)) for c in range(1, 5)],
    )
    apart = suppressed_tables(thuiszitters) | suppressed_tables(inspectie)
    assert worked_back(both, apart)  # the leak, each suppressed on its own

    for report, other_report in ((thuiszitters, inspectie), (inspectie, thuiszitters)):
        report.linked = [other_report]
    shown = {table.key: table.rows for table in audience_tables(thuiszitters, "external")}
    shown |= {table.key: table.rows for table in audience_tables(inspectie, "external")}
    assert worked_back(both, shown) == set()
    assert shown["inspectie"][last][1] == HIDDEN  # the region's band, hidden in both
    assert shown["bands"][0][1] == HIDDEN


def test_the_inspectie_export_hides_what_the_thuiszitters_export_hides(
    region, school, coordinator, login
):
    from openpyxl import load_workbook

    dollard_two_under_four_weeks(region, school)
    client = login(coordinator)
    query = {"format": "xlsx", "audience": "external", "start": "2026-10-01", "end": "2026-12-31"}
    sheets = {}
    for key in ("thuiszitters", "inspectie"):
        response = client.get(reverse("reports:export"), {"report": key, **query})
        assert response.status_code == 200
        workbook = load_workbook(io.BytesIO(response.content))
        first = workbook.worksheets[0]  # the duration bands; the Inspectie's own table
        sheets[key] = [list(row) for row in first.iter_rows(min_row=5, values_only=True)]
    total = next(row for row in sheets["inspectie"] if row[0] == "totaal")
    # No small count in the Inspectie's own table, yet its 7 under 4 weeks is the region's
    # band, which the thuiszitters export hides for Dollard's 2.
    assert sheets["thuiszitters"][0][1] == HIDDEN
    assert total[1] == HIDDEN and total[2] == 5
