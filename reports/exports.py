"""CSV, XLSX and PDF downloads of a report, with small-count suppression for outside use."""

import csv
import dataclasses
import io

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.pdf import render_to_pdf

from .charts import charts_for
from .selectors import family_sums
from .suppression import suppressed_tables
from .tables import Period, Report, ReportTable

AUDIENCES = ("internal", "external")
FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
PDF_TEMPLATE = "reports/pdf/report.html"


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
    titles: set[str] = set()
    for table in audience_tables(report, audience):
        sheet = workbook.create_sheet(title=_sheet_title(table.title, titles))
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


def _sheet_title(title: str, taken: set[str]) -> str:
    """The table's Dutch title as a sheet name: Excel allows 31 characters without []:*?/\\,
    cut at a word, unique within the workbook."""
    clean = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")
    name = clean if len(clean) <= 31 else clean[:31].rsplit(" ", 1)[0]
    number = 1
    while name in taken:
        number += 1
        name = f"{name[: 31 - len(f' ({number})')]} ({number})"
    taken.add(name)
    return name


def export_filename(report: Report, period: Period, fmt: str, audience: str) -> str:
    """E.g. rapportage-uitkomsten-2026-q4-extern.xlsx: the report's Dutch name."""
    suffix = "-extern" if audience == "external" else ""
    return f"rapportage-{slugify(report.title)}-{period.slug}{suffix}.{fmt}"


def render_export(report: Report, period: Period, *, fmt: str, audience: str, region) -> bytes:
    if fmt == "pdf":
        return to_pdf(report, period, audience, region)
    writer = to_csv if fmt == "csv" else to_xlsx
    return writer(report, period, audience, region.name)
