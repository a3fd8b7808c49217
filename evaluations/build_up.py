"""The opbouwschema's chart: planned against attended hours per week, with the evaluations,
the meetings and the Thuiszitterspact's three-month line on the time axis.

Figures and geometry are computed here; evaluations/includes/build_up_chart.html draws them
as an <svg> (presentation attributes only: no script, no style attribute, so it works under
the strict CSP and in WeasyPrint) with the same figures as a table. The plan page and the
plan PDF (evaluations.plan_pdf) both call `build_up_chart`.

The belastbaarheidsprofiel records its advice on the timetable as free text
(LoadProfileVersion.schedule_load), not as hours: there is no advice band to draw.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from casework.clock import case_clock
from casework.models import Case
from core.formats import long_date

from .models import BuildUpWeek, Plan

WIDTH = 640
HEIGHT = 260
LEFT = 44  # room for the hours on the y axis
RIGHT = 12
TOP = 16
BOTTOM = 56  # room for the week numbers and the legend
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
# "Back at school" (the reports): attended at least this share of the planned hours, for this
# many consecutive weeks (issue 21).
ON_TRACK_SHARE = Decimal("0.8")
ON_TRACK_WEEKS = 4


@dataclass(frozen=True)
class Marker:
    day: date
    kind: str  # "evaluation", "meeting" or "threshold"
    label: str
    x: str = ""


@dataclass(frozen=True)
class ChartWeek:
    week: BuildUpWeek
    x: str
    bar_width: str
    planned_y: str
    planned_height: str
    attended_x: str
    attended_y: str
    attended_height: str
    label_x: str
    markers: list[Marker] = field(default_factory=list)

    @property
    def percentage(self) -> int | None:
        share = self.week.attended_share
        return None if share is None else round(share * 100)


@dataclass(frozen=True)
class Tick:
    hours: int
    y: str


@dataclass(frozen=True)
class BuildUpChart:
    weeks: list[ChartWeek]
    markers: list[Marker]  # those within the schedule's weeks, on the time axis
    ticks: list[Tick]
    summary: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    bottom_y: int = TOP + PLOT_HEIGHT
    legend_y: int = HEIGHT - 8
    right_x: int = LEFT + PLOT_WIDTH


def _n(value: float) -> str:
    """A coordinate: a dot as decimal sign whatever the language (SVG is not localised)."""
    return f"{value:.1f}"


def _hours(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}".replace(".", ",")


def meeting_days(case_ids: list[int]) -> dict[int, list[date]]:
    """The days of the meetings that had each case on the agenda, in one query. Meetings sit
    in a layer above this app: read through the case's reverse relation
    (meetings.MeetingItem.case), not an import of meetings."""
    days: dict[int, list[date]] = {case_id: [] for case_id in case_ids}
    rows = Case.objects.filter(pk__in=case_ids, meeting_items__isnull=False).values_list(
        "pk", "meeting_items__meeting__date"
    )
    for case_id, day in rows.order_by("meeting_items__meeting__date"):
        days[case_id].append(day)
    return days


def case_markers(
    case: Case, plan: Plan, today: date, meetings: list[date] | None = None
) -> list[Marker]:
    """The dates for the time axis: the plan's evaluations (held, else planned), the meetings
    that had the case on the agenda (`meetings`, else read here), and the pact's three-month
    line (casework.clock)."""
    markers = [
        Marker(evaluation.held_on or evaluation.due_on, "evaluation", evaluation.get_kind_display())
        for evaluation in plan.evaluations.all()
    ]
    if meetings is None:
        meetings = meeting_days([case.pk])[case.pk]
    markers += [Marker(day, "meeting", _("overleg")) for day in meetings]
    threshold_on = case_clock(case, today).threshold_on
    if threshold_on is not None:
        markers.append(Marker(threshold_on, "threshold", _("drie maanden thuiszitterspact")))
    return sorted(markers, key=lambda marker: (marker.day, marker.kind))


def build_up_chart(weeks: list[BuildUpWeek], markers: list[Marker]) -> BuildUpChart | None:
    """The chart of an opbouwschema; None for a plan without one."""
    if not weeks:
        return None
    first = weeks[0].week_start
    span_days = (weeks[-1].week_start - first).days + 7
    day_width = PLOT_WIDTH / span_days
    top_hours = max([w.planned_hours for w in weeks] + [w.attended_hours or 0 for w in weeks])
    scale_max = max(5, -(-int(top_hours) // 5) * 5)  # up to a multiple of 5
    step = 5 if scale_max <= 20 else 10
    y_scale = PLOT_HEIGHT / scale_max

    def y_of(hours) -> float:
        return TOP + PLOT_HEIGHT - float(hours) * y_scale

    def x_of(day: date) -> float:
        return LEFT + (day - first).days * day_width

    placed = [
        Marker(m.day, m.kind, m.label, _n(x_of(m.day) + day_width / 2))
        for m in markers
        if first <= m.day < first + timedelta(days=span_days)
    ]
    chart_weeks = []
    for week in weeks:
        x = x_of(week.week_start) + day_width * 0.5
        bar = day_width * 3
        attended = week.attended_hours or Decimal(0)
        chart_weeks.append(
            ChartWeek(
                week=week,
                x=_n(x),
                bar_width=_n(bar),
                planned_y=_n(y_of(week.planned_hours)),
                planned_height=_n(float(week.planned_hours) * y_scale),
                attended_x=_n(x + bar),
                attended_y=_n(y_of(attended)),
                attended_height=_n(float(attended) * y_scale),
                label_x=_n(x + bar),
                markers=[
                    m for m in placed if week.week_start <= m.day < week.week_start + timedelta(7)
                ],
            )
        )
    ticks = [Tick(h, _n(y_of(h))) for h in range(0, scale_max + 1, step)]
    return BuildUpChart(
        weeks=chart_weeks,
        markers=placed,
        ticks=ticks,
        summary=_summary(weeks, placed),
    )


def _summary(weeks: list[BuildUpWeek], markers: list[Marker]) -> str:
    """The chart in one sentence, for its aria-label."""
    parts = [
        _("week %(week)s: %(planned)s gepland, %(attended)s aanwezig")
        % {
            "week": week.iso_week,
            "planned": _hours(week.planned_hours),
            "attended": _hours(week.attended_hours),
        }
        for week in weeks
    ]
    text = _("Opbouwschema, uren per week: %(weeks)s.") % {"weeks": "; ".join(parts)}
    if markers:
        text += " " + _("Op de tijdlijn: %(markers)s.") % {
            "markers": "; ".join(f"{m.label} {long_date(m.day)}" for m in markers)
        }
    return text


def back_at_school_on(weeks: list[BuildUpWeek]) -> date | None:
    """The Monday of the week in which the pupil was first back at school: the last of
    ON_TRACK_WEEKS consecutive calendar weeks, each attended for at least ON_TRACK_SHARE of
    the planned hours. None when that has not happened (yet). `weeks` in week order."""
    streak, previous = 0, None
    for week in weeks:
        share = week.attended_share
        consecutive = previous is not None and week.week_start - previous == timedelta(days=7)
        if share is not None and share >= ON_TRACK_SHARE:
            streak = streak + 1 if consecutive else 1
        else:
            streak = 0
        previous = week.week_start
        if streak == ON_TRACK_WEEKS:
            return week.week_start
    return None
