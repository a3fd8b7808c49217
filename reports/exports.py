"""CSV, XLSX and PDF downloads of a report, with small-count suppression for outside use."""

import csv
import dataclasses
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import render_to_pdf

from .charts import charts_for
from .selectors import Period, Report, ReportTable

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


def suppressed_rows(table: ReportTable) -> list[list]:
    """Rows for outside the region: a pupil count of 1–4 becomes "< 5", and a figure derived
    from such a count (remaining capacity, median days …) is hidden with it."""
    result = []
    for row in table.rows:
        new = list(row)
        for column in table.count_columns:
            if is_small(row[column]):
                new[column] = SUPPRESSED
        for column, source in table.derived_columns.items():
            if is_small(row[source]):
                new[column] = HIDDEN
        result.append(new)
    return result


def audience_rows(table: ReportTable, audience: str) -> list[list]:
    return suppressed_rows(table) if audience == "external" else [list(r) for r in table.rows]


def table_rows(table: ReportTable, audience: str) -> list[list]:
    """Rows for a spreadsheet: for the audience, and safe to open in Excel."""
    return [[_neutralise(value) for value in row] for row in audience_rows(table, audience)]


def _neutralise(value):
    """A text starting with = + - @ would run as a formula in Excel (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _audience_label(audience: str) -> str:
    if audience == "external":
        return _("buiten het werkgebied (aantallen van 1 tot 4 als < 5)")
    return _("intern")


def to_csv(report: Report, period: Period, audience: str, region_name: str) -> bytes:
    """Semicolon-separated with a BOM, the way Dutch Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([report.title, region_name, str(period)])
    writer.writerow([_("Bestemd voor"), _audience_label(audience)])
    for table in report.tables:
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows(table_rows(table, audience))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(report: Report, period: Period, audience: str, region_name: str) -> bytes:
    """One sheet per table: title in A1, period in A2, headers in row 4, figures from row 5."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report.tables:
        sheet = workbook.create_sheet(title=_sheet_title(table.key))
        sheet["A1"] = f"{report.title}: {table.title}"
        sheet["A1"].font = Font(bold=True)
        sheet["A2"] = f"{region_name}, {period} — {_audience_label(audience)}"
        sheet.append([])
        sheet.append(table.headers)
        for cell in sheet[4]:
            cell.font = Font(bold=True)
        for row in table_rows(table, audience):
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
    tables = [
        dataclasses.replace(table, rows=audience_rows(table, audience)) for table in report.tables
    ]
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
