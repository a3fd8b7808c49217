"""CSV, XLSX and PDF downloads of a report, with small-count suppression for outside use."""

import csv
import dataclasses
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import render_to_pdf

from .charts import charts_for
from .selectors import Cell, Period, Report, ReportTable, family_sums

SUPPRESSED = "< 5"
HIDDEN = "—"
AUDIENCES = ("internal", "external")
FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
PDF_TEMPLATE = "reports/pdf/report.html"


def is_small(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4


def suppressed_tables(report: Report) -> dict[str, list[list]]:
    """Rows per table for outside the region: a pupil count of 1–4 becomes "< 5"; a total
    with such a count among its parts (report.sums, followed through totals of totals), a
    part of a hidden total that another breakdown would otherwise give back, and a figure
    derived from a hidden count (remaining capacity, median days, a percentage) become "—",
    so no small count can be worked back from what is shown."""
    rows = {table.key: [list(row) for row in table.rows] for table in report.tables}
    hidden: set[Cell] = set()
    for table in report.tables:
        for r, row in enumerate(table.rows):
            for c in table.count_columns:
                if is_small(row[c]):
                    rows[table.key][r][c] = SUPPRESSED
                    hidden.add((table.key, r, c))
    derived = dict(report.derived)
    for table in report.tables:
        for r in range(len(table.rows)):
            for c, source in table.derived_columns.items():
                derived[(table.key, r, c)] = (
                    *derived.get((table.key, r, c), ()),
                    (table.key, r, source),
                )
    values = {
        (table.key, r, c): value
        for table in report.tables
        for r, row in enumerate(table.rows)
        for c, value in enumerate(row)
    }
    spreading = True
    while spreading:  # each sum must keep none or at least two of its figures hidden
        spreading = False
        for total in report.sums:
            parts_hidden = any(part in hidden for part in total.parts)
            if total.total not in hidden and parts_hidden:
                # The total minus the parts shown would give the hidden part away.
                hidden.add(total.total)
                spreading = True
            elif total.total in hidden and not parts_hidden:
                # A total hidden for another breakdown of it (the region's band, hidden for a
                # school's small count) would be the sum of these parts (the municipalities):
                # hide the smallest non-zero part as well.
                shown = [part for part in total.parts if values[part]]
                if shown:
                    hidden.add(min(shown, key=lambda part: values[part]))
                    spreading = True
    for cell, sources in derived.items():
        if any(source in hidden for source in sources):
            hidden.add(cell)
    for key, r, c in hidden:
        if rows[key][r][c] != SUPPRESSED:
            rows[key][r][c] = HIDDEN
    return rows


def report_family(report: Report) -> Report:
    """The report and its linked reports as one, with the sums across them: what outside
    suppression works on, so that exports of the linked reports hide the same figures."""
    reports = [report, *report.linked]
    return dataclasses.replace(
        report,
        tables=[table for r in reports for table in r.tables],
        sums=[total for r in reports for total in r.sums] + family_sums(reports),
        derived={cell: sources for r in reports for cell, sources in r.derived.items()},
        linked=[],
    )


def audience_tables(report: Report, audience: str) -> list[ReportTable]:
    """The report's tables with the rows for the audience (suppressed for outside)."""
    if audience != "external":
        return list(report.tables)
    rows = suppressed_tables(report_family(report))
    return [dataclasses.replace(table, rows=rows[table.key]) for table in report.tables]


def table_rows(table: ReportTable) -> list[list]:
    """Rows for a spreadsheet, safe to open in Excel."""
    return [[_neutralise(value) for value in row] for row in table.rows]


def _neutralise(value):
    """A text starting with = + - @ would run as a formula in Excel (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _decimal_comma(value):
    """55.5 as 55,5: the page's notation, and what Dutch Excel reads as a number."""
    return str(value).replace(".", ",") if isinstance(value, float) else value


def _audience_label(audience: str) -> str:
    if audience == "external":
        return _(
            "buiten het werkgebied (aantallen van 1 tot 4 als < 5; totalen en cijfers "
            "waaruit zo'n aantal terug te rekenen is als —)"
        )
    return _("intern")


def to_csv(report: Report, period: Period, audience: str, region_name: str) -> bytes:
    """Semicolon-separated with a BOM, the way Dutch Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([report.title, region_name, str(period)])
    writer.writerow([_("Bestemd voor"), _audience_label(audience)])
    for table in audience_tables(report, audience):
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows([[_decimal_comma(value) for value in row] for row in table_rows(table)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(report: Report, period: Period, audience: str, region_name: str) -> bytes:
    """One sheet per table: title in A1, period in A2, headers in row 4, figures from row 5."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in audience_tables(report, audience):
        sheet = workbook.create_sheet(title=_sheet_title(table.key))
        sheet["A1"] = f"{report.title}: {table.title}"
        sheet["A1"].font = Font(bold=True)
        sheet["A2"] = f"{region_name}, {period} — {_audience_label(audience)}"
        sheet.append([])
        sheet.append(table.headers)
        for cell in sheet[4]:
            cell.font = Font(bold=True)
        for row in table_rows(table):
            sheet.append(row)
        sheet.column_dimensions["A"].width = 42
    workbook.properties.title = report.title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_pdf(report: Report, period: Period, audience: str, region) -> bytes:
    """The report as on the page: its SVG charts and tables. The charts draw every count, so
    the version for outside the region has the suppressed tables only."""
    charts = charts_for(report)
    external = audience == "external"
    tables = audience_tables(report, audience)
    return render_to_pdf(
        PDF_TEMPLATE,
        {
            "report": report,
            "tables": tables,
            "charts": [] if external else charts,
            "charts_left_out": external and bool(charts),
            "period": period,
            "region": region,
            "audience_label": _audience_label(audience),
            "document_title": report.title,
            "printed_on": timezone.localdate(),
        },
    )


def _sheet_title(key: str) -> str:
    return "".join(ch for ch in key if ch not in "[]:*?/\\")[:31]


def export_filename(report: Report, period: Period, fmt: str, audience: str) -> str:
    suffix = "-extern" if audience == "external" else ""
    return f"rapportage-{report.key}-{period.slug}{suffix}.{fmt}"


def render_export(report: Report, period: Period, *, fmt: str, audience: str, region) -> bytes:
    if fmt == "pdf":
        return to_pdf(report, period, audience, region)
    writer = to_csv if fmt == "csv" else to_xlsx
    return writer(report, period, audience, region.name)
