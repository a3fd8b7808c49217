"""Small-count suppression for reports that leave the region.

A pupil count of 1–4 becomes "< 5"; every figure from which such a count could be worked back
becomes "—": a total with a hidden part (followed through totals of totals), a part of a
hidden total that another breakdown would otherwise give back, and a figure derived from a
hidden count (remaining capacity, median days, a percentage). The steps below run in that
order on the report's cells, `(table key, row, column)`.
"""

from .tables import Cell, Report

SUPPRESSED = "< 5"
HIDDEN = "—"


def is_small(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4


def suppressed_tables(report: Report) -> dict[str, list[list]]:
    """Rows per table for outside the region, with no small count that can be worked back."""
    rows = {table.key: [list(row) for row in table.rows] for table in report.tables}
    small = _small_counts(report)
    hidden = _spread_over_sums(report, set(small))
    hidden |= {cell for cell, sources in _derived(report).items() if sources & hidden}
    for key, r, c in hidden:
        rows[key][r][c] = SUPPRESSED if (key, r, c) in small else HIDDEN
    return rows


def _cells(report: Report):
    for table in report.tables:
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row):
                yield (table.key, r, c), value


def _small_counts(report: Report) -> set[Cell]:
    return {
        (table.key, r, c)
        for table in report.tables
        for r, row in enumerate(table.rows)
        for c in table.count_columns
        if is_small(row[c])
    }


def _derived(report: Report) -> dict[Cell, set[Cell]]:
    """Each derived figure with the counts it comes from: the report's own list and the
    tables' derived columns."""
    derived = {cell: set(sources) for cell, sources in report.derived.items()}
    for table in report.tables:
        for r in range(len(table.rows)):
            for c, source in table.derived_columns.items():
                derived.setdefault((table.key, r, c), set()).add((table.key, r, source))
    return derived


def _spread_over_sums(report: Report, hidden: set[Cell]) -> set[Cell]:
    """Hide more until each sum keeps none or at least two of its figures hidden."""
    values = dict(_cells(report))
    spreading = True
    while spreading:
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
    return hidden
