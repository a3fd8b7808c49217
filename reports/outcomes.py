"""The outcome reports: how cases ended and how long to a suitable offer, where the pupils are
a year on (the yearly follow-up), and how often each intake signal is answered 'ja'."""

import statistics

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.constants import Outcome
from casework.models import Region
from casework.workflow import Status
from evaluations.build_up import ON_TRACK_SHARE, ON_TRACK_WEEKS
from evaluations.selectors import back_at_school_count
from followups.selectors import follow_up_outcomes
from intake.models import SIGNAL_FIELDS, Intake

from .tables import Period, Report, ReportTable, Sum, column_sums, school_labels, total_row_sums

# Short labels for the intake's yes/no signals (the model's verbose_name is the question).
SIGNAL_LABELS = {
    "signal_anxiety": gettext_lazy("angst"),
    "signal_withdrawn": gettext_lazy("teruggetrokken gedrag"),
    "signal_substance_use": gettext_lazy("middelengebruik/verslaving"),
    "signal_absence": gettext_lazy("(oplopend) verzuim"),
    "signal_learning_problems": gettext_lazy("leerproblemen"),
    "signal_bullying": gettext_lazy("pesten"),
    "signal_repeated_year": gettext_lazy("doubleren, afstromen of onderpresteren"),
}


def outcomes_report(cases: QuerySet, period: Period, region: Region | None) -> Report:
    in_period = Q(closed_on__gte=period.start, closed_on__lte=period.end)
    counts = cases.filter(in_period).aggregate(
        **{
            value: Count("pk", filter=Q(status=Status.CLOSED, outcome=value))
            for value in Outcome.values
        },
        not_started=Count("pk", filter=Q(status=Status.NOT_STARTED)),
        unknown=Count("pk", filter=Q(status=Status.CLOSED, outcome="")),
    )
    rows = [[str(label), counts[value]] for value, label in Outcome.choices]
    if counts["unknown"]:
        rows.append([_("niet vastgelegd"), counts["unknown"]])
    rows.append([_("niet gestart"), counts["not_started"]])
    closed = sum(row[1] for row in rows)
    rows.append([_("totaal"), closed])
    outcome_table = ReportTable(
        key="outcomes",
        title=_("Afgesloten in de periode, naar uitkomst"),
        headers=[_("Uitkomst"), _("aantal")],
        rows=rows,
        count_columns=(1,),
    )
    durations = [
        (offer_since - absent_since).days
        for absent_since, offer_since in cases.filter(
            absent_since__isnull=False,
            offer_since__gte=period.start,
            offer_since__lte=period.end,
        ).values_list("absent_since", "offer_since")
    ]
    median = statistics.median(durations) if durations else None
    mean = round(statistics.fmean(durations), 1) if durations else None
    time_table = ReportTable(
        key="time_to_offer",
        title=_("Tijd tot passend aanbod (aanbod gestart in de periode)"),
        headers=[
            _("Periode"),
            _("aantal leerlingen"),
            _("mediaan (dagen)"),
            _("gemiddeld (dagen)"),
        ],
        rows=[[str(period), len(durations), _number(median), _number(mean)]],
        count_columns=(1,),
        derived_columns={2: 1, 3: 1},
    )
    back_at_school = ReportTable(
        key="back_at_school",
        title=_(
            "Terug naar school: %(weeks)s weken op rij minstens %(share)s%% van de geplande uren"
            " (opbouwschema)"
        )
        % {"weeks": ON_TRACK_WEEKS, "share": round(ON_TRACK_SHARE * 100)},
        headers=[_("Periode"), _("aantal leerlingen")],
        rows=[[str(period), back_at_school_count(cases, start=period.start, end=period.end)]],
        count_columns=(1,),
    )
    follow_ups = _follow_up_table(cases)
    # "ingevuld" (row 1) is at least the sum of each breakdown below it: hide it with them.
    by_part = {}
    for r in range(2, len(follow_ups.rows)):
        by_part.setdefault(follow_ups.rows[r][0], []).append(("follow_ups", r, 2))
    return Report(
        key="outcomes",
        title=_("Uitkomsten"),
        tables=[outcome_table, time_table, follow_ups, back_at_school],
        summary={"counts": counts, "median": median, "mean": mean, "n": len(durations)},
        sums=total_row_sums(outcome_table, (1,))
        + [Sum(("follow_ups", 1, 2), tuple(parts)) for parts in by_part.values()],
    )


def _follow_up_table(cases: QuerySet) -> ReportTable:
    """The yearly follow-ups (followups app) of every case the user may see, whenever closed:
    where the pupils are a year on."""
    figures = follow_up_outcomes(cases)
    rows = [
        [_("Vervolgmetingen"), _("gevraagd"), figures["due"]],
        [_("Vervolgmetingen"), _("ingevuld"), figures["recorded"]],
    ]
    for key, title in (
        ("progression", _("Doorstroom")),
        ("exam_result", _("Examen")),
        ("outflow", _("Uitstroom")),
    ):
        rows += [[title, label, n] for label, n in figures[key].items()]
    return ReportTable(
        key="follow_ups",
        title=_("Een jaar later: jaarlijkse vervolgmeting door de school"),
        headers=[_("Onderdeel"), _("Uitkomst"), _("aantal")],
        rows=rows,
        count_columns=(2,),
    )


def _number(value):
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def signals_report(cases: QuerySet, period: Period, region: Region | None) -> Report:
    """How often each intake signal is answered 'ja', for cases open at some time in the period."""
    active = cases.filter(registered_on__lte=period.end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
    )
    counts = {name: Count("pk", filter=Q(**{name: True})) for name in SIGNAL_FIELDS}
    intakes = Intake.objects.filter(case__in=active)
    totals = intakes.aggregate(intakes=Count("pk"), **counts)
    by_school = list(
        intakes.values("case__school_id", "case__school__name", "case__school__brin")
        .annotate(intakes=Count("pk"), **counts)
        .order_by("case__school__name", "case__school__brin")
    )
    labels = [signal_label(name) for name in SIGNAL_FIELDS]
    total_rows = [
        [label, totals[name], _percentage(totals[name], totals["intakes"])]
        for name, label in zip(SIGNAL_FIELDS, labels, strict=True)
    ]
    total_table = ReportTable(
        key="signals",
        title=_("Signalen in de intakes"),
        headers=[_("Signaal"), _("aantal keer 'ja'"), _("van de intakes")],
        rows=total_rows,
        count_columns=(1,),
        derived_columns={2: 1},
    )
    school_rows = [
        [label, row["intakes"], *[row[name] for name in SIGNAL_FIELDS]]
        for label, row in zip(school_labels(by_school, "case__"), by_school, strict=True)
    ]
    school_rows.append([_("totaal"), totals["intakes"], *[totals[n] for n in SIGNAL_FIELDS]])
    columns = tuple(range(1, len(SIGNAL_FIELDS) + 2))
    school_table = ReportTable(
        key="signals_by_school",
        title=_("Signalen naar school van inschrijving"),
        headers=[_("School"), _("intakes"), *labels],
        rows=school_rows,
        count_columns=columns,
    )
    body = range(len(school_rows) - 1)
    intakes_total = ("signals_by_school", len(school_rows) - 1, 1)
    return Report(
        key="signals",
        title=_("Signalen"),
        tables=[total_table, school_table],
        summary={"totals": totals, "labels": dict(zip(SIGNAL_FIELDS, labels, strict=True))},
        sums=total_row_sums(school_table, columns)
        + column_sums(school_table, {c: ("signals", c - 2, 1) for c in columns[1:]}, rows=body),
        # A percentage of all intakes gives the number of intakes away.
        derived={("signals", r, 2): (intakes_total,) for r in range(len(total_rows))},
    )


def signal_label(name: str) -> str:
    return str(SIGNAL_LABELS.get(name, name.removeprefix("signal_").replace("_", " ")))


def _percentage(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"
