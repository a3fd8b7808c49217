"""A tiny server-rendered SVG bar chart: accessible (role="img", <title>, <desc>) and with the
same figures as a data table beside it, so screen readers and print get the numbers too.

No JavaScript and no style attributes (CSP): SVG presentation attributes only. The same
markup works in a page and in a WeasyPrint PDF.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import count

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 70
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 8
BAR_COLOUR = "#0b5394"
TARGET_COLOUR = "#b02a37"

_ids = count(1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    target: float | None = None  # drawn as a marker line (e.g. the yearly capacity)


def bar_chart(
    *, title: str, description: str, bars: list[Bar], value_header: str | None = None
) -> SafeString:
    """A horizontal bar chart with a data-table fallback, as one <figure>."""
    chart_id = f"chart-{next(_ids)}"
    top = max([bar.value for bar in bars] + [bar.target or 0 for bar in bars] + [1])
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / top
    height = TOP * 2 + ROW_HEIGHT * max(len(bars), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(bars):
        y = TOP + index * ROW_HEIGHT
        width = round(bar.value * scale, 1)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 3}" text-anchor="end" '
            f'font-size="12" fill="#212529">{escape(_short(bar.label))}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_COLOUR}"><title>{escape(bar.label)}: {_fmt(bar.value)}</title></rect>'
        )
        value_text = _fmt(bar.value)
        if bar.target is not None:
            x = round(LABEL_WIDTH + bar.target * scale, 1)
            parts.append(
                f'<line x1="{x}" x2="{x}" y1="{y - 3}" y2="{y + BAR_HEIGHT + 3}" '
                f'stroke="{TARGET_COLOUR}" stroke-width="2"/>'
            )
            value_text = f"{value_text} / {_fmt(bar.target)}"
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + BAR_HEIGHT - 3}" font-size="12" '
            f'fill="#212529">{escape(value_text)}</text>'
        )
    parts.append("</svg>")
    svg = mark_safe("".join(parts))  # every text above is escaped
    return format_html(
        '<figure class="report-figure">{}<figcaption class="visually-hidden">{}</figcaption>'
        '<details class="d-print-none"><summary>{}</summary>{}</details></figure>',
        svg,
        title,
        _("Toon de cijfers als tabel"),
        data_table(title=title, bars=bars, value_header=value_header),
    )


def data_table(*, title: str, bars: list[Bar], value_header: str | None = None) -> SafeString:
    has_target = any(bar.target is not None for bar in bars)
    head = format_html(
        '<tr><th scope="col">{}</th><th scope="col" class="text-end">{}</th>{}</tr>',
        _("Categorie"),
        value_header or _("aantal"),
        format_html('<th scope="col" class="text-end">{}</th>', _("doel")) if has_target else "",
    )
    rows = "".join(
        format_html(
            '<tr><th scope="row">{}</th><td class="text-end">{}</td>{}</tr>',
            bar.label,
            _fmt(bar.value),
            format_html('<td class="text-end">{}</td>', _fmt(bar.target)) if has_target else "",
        )
        for bar in bars
    )
    return format_html(
        '<table class="table table-sm w-auto"><caption>{}</caption><thead>{}</thead>'
        "<tbody>{}</tbody></table>",
        title,
        head,
        mark_safe(rows),  # built with format_html above
    )


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _count_chart(title: str, description: str, counts: Iterable[tuple]) -> list[SafeString]:
    """One bar chart of (label, count) pairs; `description` lists them at %(list)s."""
    bars = [Bar(label, value) for label, value in counts]
    listed = ", ".join(f"{b.label} {b.value}" for b in bars)
    return [bar_chart(title=title, description=description % {"list": listed}, bars=bars)]


def charts_for(report) -> list[SafeString]:
    """The chart(s) that go with a report from reports.selectors."""
    from .selectors import band_labels

    summary = report.summary
    if report.key == "thuiszitters":
        return _count_chart(
            _("Thuis zonder passend aanbod, naar duur thuis"),
            _("Aantal leerlingen dat thuis zit, per duurklasse: %(list)s."),
            zip(band_labels(), summary["totals"], strict=True),
        )
    if report.key == "capacity":
        from casework.constants import CaseKind

        bars = [
            Bar(
                str(CaseKind.INTENSIVE.label),
                summary["started"]["intensive"],
                summary["targets"]["intensive"],
            ),
            Bar(
                str(CaseKind.ADVICE.label),
                summary["started"]["advice"],
                summary["targets"]["advice"],
            ),
        ]
        return [
            bar_chart(
                title=_("Gestart in %(year)s tegenover de jaarcapaciteit")
                % {"year": summary["year"]},
                description=_("Gestart / capaciteit: %(list)s. De rode streep is de capaciteit.")
                % {"list": ", ".join(f"{b.label} {b.value} / {b.target}" for b in bars)},
                bars=bars,
            )
        ]
    if report.key == "outcomes":
        return _count_chart(
            _("Afgesloten casussen naar uitkomst"),
            _("Aantal afgesloten casussen per uitkomst: %(list)s."),
            (row[:2] for row in report.tables[0].rows[:-1]),  # the last row is the total
        )
    if report.key == "signals":
        return _count_chart(
            _("Hoe vaak komen de signalen voor?"),
            _("Aantal intakes met het signaal op 'ja': %(list)s."),
            (row[:2] for row in report.tables[0].rows),
        )
    return []
