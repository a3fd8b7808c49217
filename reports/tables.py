"""The shapes of a report: a period, tables of figures, and how those figures add up (the sums
that small-count suppression follows, reports.suppression). No queries here."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from core.formats import long_date


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __str__(self) -> str:
        return f"{long_date(self.start)} – {long_date(self.end)}"

    @property
    def slug(self) -> str:
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"


@dataclass
class ReportTable:
    """One table of a report, as shown on the page and written to CSV/XLSX.

    `count_columns` hold numbers of pupils (suppressed as "< 5" for outside the region);
    `derived_columns` maps a column computed from a count (remaining, median …) to that
    count's column, so it is hidden whenever the count is.
    """

    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    count_columns: tuple[int, ...] = ()
    derived_columns: dict[int, int] = field(default_factory=dict)
    caption: str = ""


# A figure of a report: (table key, row index, column index).
Cell = tuple[str, int, int]


@dataclass(frozen=True)
class Sum:
    """A published count that is the sum of other published counts (a row or column total,
    or an overview of a breakdown in another table). For outside the region, a total with a
    suppressed part is hidden too: otherwise subtracting the parts shown gives the small
    count away."""

    total: Cell
    parts: tuple[Cell, ...]


def row_sums(table: ReportTable, total: int, parts: tuple[int, ...]) -> list[Sum]:
    """Column `total` of each row of `table` is the sum of its `parts` columns."""
    return [
        Sum((table.key, r, total), tuple((table.key, r, c) for c in parts))
        for r in range(len(table.rows))
    ]


def column_sums(
    table: ReportTable, into: dict[int, Cell], *, rows: range | None = None
) -> list[Sum]:
    """Each column c of `into` summed over `rows` (all rows) of `table` is the figure
    `into[c]` (a total row of the same table, or a cell of an overview table)."""
    rows = rows if rows is not None else range(len(table.rows))
    return [Sum(cell, tuple((table.key, r, c) for r in rows)) for c, cell in into.items()]


def total_row_sums(table: ReportTable, columns: tuple[int, ...]) -> list[Sum]:
    """The last row of `table` holds the column totals of the rows above it."""
    last = len(table.rows) - 1
    return column_sums(table, {c: (table.key, last, c) for c in columns}, rows=range(last))


@dataclass
class Report:
    key: str
    title: str
    tables: list[ReportTable]
    charts: list = field(default_factory=list)  # filled by reports.charts in the view
    summary: dict = field(default_factory=dict)
    note: str = ""
    # How the counts add up, and figures computed from counts in other rows or tables (a
    # percentage of a total): what small-count suppression must hide along with a count.
    sums: list[Sum] = field(default_factory=list)
    derived: dict[Cell, tuple[Cell, ...]] = field(default_factory=dict)
    # Other reports of the same period whose figures add up with this one's (see
    # LINKED_REPORTS): filled for an export outside the region, suppressed together.
    linked: list["Report"] = field(default_factory=list)


def school_labels(rows, prefix: str = "") -> list[str]:
    """The school name of each grouped row (`<prefix>school__name`, `…school__brin`), with
    the BRIN where two schools share a name; "niet ingeschreven" for no school."""
    rows = list(rows)
    names = [row[f"{prefix}school__name"] for row in rows]
    labels = []
    for row, name in zip(rows, names, strict=True):
        if name is None:
            labels.append(_("niet ingeschreven"))
        elif names.count(name) > 1:
            labels.append(f"{name} ({row[f'{prefix}school__brin']})")
        else:
            labels.append(name)
    return labels
