"""Management reports: aggregate figures per region and period.

Every report starts from `report_cases(user)`: the cases the user may see
(`Case.objects.visible_to`), or, for a beheerder, the cases of their own region — counted
only, never listed. Each report runs a fixed number of aggregate queries, whatever the
number of cases.

Durations follow casework.clock: from `absent_since` to `offer_since`, or to the period's
end while the pupil is still at home; a pupil has passed the three-month threshold the day
after `absent_since + 3 calendar months` (month ends clamped).
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Role
from casework.clock import first_absence_reaching, is_thuiszitter, threshold_date
from casework.constants import AbsenceKind, CaseKind
from casework.models import Case, Region
from casework.workflow import Status
from core.formats import long_date

from .outcomes import outcomes_report, signals_report
from .tables import (
    Period,
    Report,
    ReportTable,
    Sum,
    column_sums,
    row_sums,
    school_labels,
    total_row_sums,
)

REPORT_ROLES = (Role.COORDINATOR, Role.ADMINISTRATOR)

BAND_KEYS = ("under_4_weeks", "weeks_4_to_3_months", "months_3_to_6", "over_6_months")


def band_labels() -> list[str]:
    return [_("0–4 weken"), _("4 weken–3 maanden"), _("3–6 maanden"), _("meer dan 6 maanden")]


def inspectie_band_labels() -> list[str]:
    return [_("< 4 weken"), _("4 weken–3 maanden"), _("3–6 maanden"), _("> 6 maanden")]


def current_quarter(today: date) -> Period:
    start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return Period(start, start + relativedelta(months=3) - timedelta(days=1))


def quarter_to_date(today: date) -> Period:
    """The reports' default period: this quarter up to today, so that a count "op <einddatum>"
    is never of a day still to come (a later end is for who chooses it)."""
    quarter = current_quarter(today)
    return Period(quarter.start, min(quarter.end, today))


def may_see_reports(user) -> bool:
    return bool(user.is_authenticated and user.role in REPORT_ROLES and user.region_id)


def report_cases(user) -> QuerySet:
    """The cases a user's reports count: what they may see; a beheerder counts their region.

    A beheerder sees no case content (visible_to gives them nothing); this queryset is only
    ever aggregated, never listed.
    """
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if user.role == Role.ADMINISTRATOR:
        if not user.region_id:
            return Case.objects.none()
        return Case.objects.filter(region_id=user.region_id)
    return Case.objects.visible_to(user)


def last_start_over(end: date, months: int) -> date:
    """The latest `absent_since` for which `absent_since + months` lies before `end`."""
    return first_absence_reaching(end, months) - timedelta(days=1)


def _band_filters(end: date) -> dict[str, Q]:
    """Duration at home on `end` for a pupil who is still at home then."""
    four_weeks = end - timedelta(days=28)
    three = last_start_over(end, 3)
    six = last_start_over(end, 6)
    return {
        "under_4_weeks": Q(absent_since__gt=four_weeks),
        "weeks_4_to_3_months": Q(absent_since__lte=four_weeks, absent_since__gt=three),
        "months_3_to_6": Q(absent_since__lte=three, absent_since__gt=six),
        "over_6_months": Q(absent_since__lte=six),
    }


def _open_on(day: date) -> Q:
    return Q(registered_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def _at_home_on(day: date) -> Q:
    """Open on `day`, stopped attending by then and no passend aanbod yet."""
    return (
        _open_on(day)
        & Q(absent_since__isnull=False, absent_since__lte=day)
        & (Q(offer_since__isnull=True) | Q(offer_since__gt=day))
    )


def _band_counts(prefix: str, end: date) -> dict:
    return {
        f"{prefix}{key}": Count("pk", filter=q, distinct=False)
        for key, q in _band_filters(end).items()
    }


def _band_row(label: str, row: dict) -> list:
    values = [row[key] for key in BAND_KEYS]
    return [label, *values, sum(values)]


def thuiszitters_report(cases: QuerySet, period: Period, region: Region | None) -> Report:
    at_home = cases.filter(_at_home_on(period.end))
    bands = _band_counts("", period.end)
    totals = at_home.aggregate(**bands)
    by_school = list(
        at_home.values("school_id", "school__name", "school__brin")
        .annotate(**bands)
        .order_by("school__name", "school__brin")
    )  # one query
    by_municipality = (
        at_home.values("student__residence").annotate(**bands).order_by("student__residence")
    )
    headers = [_("Duur thuis"), *band_labels(), _("totaal")]
    counts = (1, 2, 3, 4, 5)
    overview = ReportTable(
        key="bands",
        title=_("Thuis zonder passend aanbod op %(day)s, naar duur thuis")
        % {"day": long_date(period.end)},
        headers=[_("Werkgebied"), *band_labels(), _("totaal")],
        rows=[_band_row(region.name if region else _("werkgebied"), totals)],
        count_columns=counts,
    )
    schools = ReportTable(
        key="by_school",
        title=_("Naar school van inschrijving"),
        headers=[_("School"), *headers[1:]],
        rows=[
            _band_row(label, row)
            for label, row in zip(school_labels(by_school), by_school, strict=True)
        ],
        count_columns=counts,
    )
    municipalities = ReportTable(
        key="by_municipality",
        title=_("Naar gemeente (woonplaats)"),
        headers=[_("Gemeente"), *headers[1:]],
        rows=[
            _band_row(row["student__residence"] or _("onbekend"), row) for row in by_municipality
        ],
        count_columns=counts,
    )
    thuiszitters = thuiszitter_count(at_home, period.end)
    definition = ReportTable(
        key="definition",
        title=_("Thuiszitter of niet (Inspectie), wie thuis is op %(day)s")
        % {"day": long_date(period.end)},
        headers=[_("Situatie"), _("aantal leerlingen")],
        rows=[
            [_("thuiszitter (langdurig relatief of absoluut verzuim)"), thuiszitters],
            [
                _("geen thuiszitter (nog niet lang genoeg, geoorloofd verzuim, vrijstelling …)"),
                sum(totals[key] for key in BAND_KEYS) - thuiszitters,
            ],
        ],
        count_columns=(1,),
        caption=_(
            "De termijn van het Thuiszitterspact loopt voor iedereen zonder passend aanbod; "
            "een thuiszitter is volgens de Inspectie alleen wie langer dan de ingestelde weken "
            "ongeoorloofd verzuimt of niet ingeschreven is."
        ),
    )
    months = region.threshold_months if region else 3
    passed = passed_threshold_count(cases, period, months)
    threshold = ReportTable(
        key="threshold",
        title=_("Termijn van %(months)s maanden overschreden in de periode") % {"months": months},
        headers=[_("Periode"), _("aantal leerlingen")],
        rows=[[str(period), passed]],
        count_columns=(1,),
    )
    bands_only = counts[:-1]
    sums = [
        *row_sums(overview, 5, bands_only),
        *row_sums(schools, 5, bands_only),
        *row_sums(municipalities, 5, bands_only),
        *column_sums(schools, {c: ("bands", 0, c) for c in counts}),
        *column_sums(municipalities, {c: ("bands", 0, c) for c in counts}),
        # thuiszitters + others = everyone at home
        *column_sums(definition, {1: ("bands", 0, 5)}),
    ]
    return Report(
        key="thuiszitters",
        title=_("Thuiszitters"),
        tables=[overview, schools, municipalities, definition, threshold],
        summary={
            "totals": [totals[key] for key in BAND_KEYS],
            "passed": passed,
            "thuiszitters": thuiszitters,
        },
        sums=sums,
    )


def thuiszitter_count(at_home: QuerySet, day: date) -> int:
    """How many of the pupils at home on `day` are thuiszitters by the Inspectie's definition
    (casework.clock.is_thuiszitter, with each case's region's weeks). One query."""
    rows = at_home.values_list(
        "absence_kind", "absent_since", "offer_since", "region__truancy_weeks"
    )
    return sum(
        is_thuiszitter(
            absence_kind=kind,
            absent_since=absent_since,
            offer_since=offer_since,
            truancy_weeks=weeks,
            today=day,
        )
        for kind, absent_since, offer_since, weeks in rows
    )


def passed_threshold_count(cases: QuerySet, period: Period, months: int) -> int:
    """Pupils whose clock passed `months` within the period without a passend aanbod.

    The clock is exceeded the day after `threshold_on = absent_since + months`: that day must
    fall in the period, with the pupil still at home on it. One query fetches the candidates'
    dates, selected with casework.clock's arithmetic.
    """
    # passed_on = threshold + 1 day lies in the period ⟺ start − 1 day ≤ threshold < end.
    rows = cases.filter(
        absent_since__gte=first_absence_reaching(period.start - timedelta(days=1), months),
        absent_since__lt=first_absence_reaching(period.end, months),
    ).values_list("absent_since", "offer_since", "closed_on")
    passed = 0
    for absent_since, offer_since, closed_on in rows:
        passed_on = threshold_date(absent_since, months) + timedelta(days=1)
        # Still at home on that day (as _at_home_on counts it): an offer or a closing that
        # starts on the day itself comes in time.
        if offer_since is not None and offer_since <= passed_on:
            continue
        if closed_on is not None and closed_on <= passed_on:
            continue
        passed += 1
    return passed


def inspectie_report(cases: QuerySet, period: Period, region: Region | None) -> Report:
    """The quarterly count for the Inspectie: anonymous (no name, no BSN), by verzuimsituatie.

    Bands count pupils at home at the period's end; "opgelost" counts pupils whose passend
    aanbod started in the period, or whose case closed in the period while the clock ran.
    """
    resolved = Q(
        absent_since__isnull=False,
        offer_since__gte=period.start,
        offer_since__lte=period.end,
    ) | Q(
        absent_since__isnull=False,
        offer_since__isnull=True,
        status=Status.CLOSED,
        closed_on__gte=period.start,
        closed_on__lte=period.end,
    )
    at_home = _at_home_on(period.end)
    aggregates = {
        key: Count("pk", filter=at_home & q) for key, q in _band_filters(period.end).items()
    }
    aggregates["resolved"] = Count("pk", filter=resolved)
    rows = {
        row["absence_kind"]: row
        for row in cases.filter(absent_since__isnull=False)
        .values("absence_kind")
        .annotate(**aggregates)
        .order_by("absence_kind")
    }
    table_rows = []
    labels = dict(AbsenceKind.choices) | {"": _("niet vastgelegd")}
    for value, label in labels.items():
        row = rows.get(value)
        if row is None:
            continue
        values = [row[key] for key in BAND_KEYS] + [row["resolved"]]
        table_rows.append([str(label), *values, sum(values)])
    totals = [sum(row[i] for row in table_rows) for i in range(1, 7)]
    table_rows.append([_("totaal"), *totals])
    table = ReportTable(
        key="inspectie",
        title=_("Thuiszitters voor de Inspectie, %(period)s") % {"period": period},
        headers=[_("Verzuimsituatie"), *inspectie_band_labels(), _("opgelost"), _("totaal")],
        rows=table_rows,
        count_columns=(1, 2, 3, 4, 5, 6),
        caption=_("Geanonimiseerd: zonder naam en BSN. Duur op de laatste dag van de periode."),
    )
    return Report(
        key="inspectie",
        title=_("Inspectie-overzicht"),
        tables=[table],
        summary={"totals": totals},
        sums=row_sums(table, 6, (1, 2, 3, 4, 5)) + total_row_sums(table, (1, 2, 3, 4, 5, 6)),
    )


def capacity_report(cases: QuerySet, period: Period, region: Region | None) -> Report:
    year = period.end.year
    started = (
        cases.filter(registered_on__gte=date(year, 1, 1), registered_on__lte=period.end)
        .exclude(status=Status.NOT_STARTED)
        .aggregate(
            intensive=Count("pk", filter=Q(kind=CaseKind.INTENSIVE)),
            advice=Count("pk", filter=Q(kind=CaseKind.ADVICE)),
        )
    )
    targets = {
        "intensive": region.yearly_intensive_target if region else 25,
        "advice": region.yearly_advice_target if region else 25,
    }
    rows = []
    for key, label in (("intensive", CaseKind.INTENSIVE.label), ("advice", CaseKind.ADVICE.label)):
        target = targets[key]
        count = started[key]
        share = f"{round(100 * count / target)}%" if target else "—"
        rows.append([str(label), count, target, max(target - count, 0), share])
    table = ReportTable(
        key="capacity",
        title=_("Gestart in %(year)s (tot en met %(day)s) tegenover de jaarcapaciteit")
        % {"year": year, "day": long_date(period.end)},
        headers=[_("Soort"), _("gestart"), _("capaciteit"), _("resterend"), _("bezetting")],
        rows=rows,
        count_columns=(1,),
        derived_columns={3: 1, 4: 1},
    )
    return Report(
        key="capacity",
        title=_("Capaciteit"),
        tables=[table],
        summary={"started": started, "targets": targets, "year": year},
    )


REPORTS = {
    "thuiszitters": thuiszitters_report,
    "inspectie": inspectie_report,
    "capacity": capacity_report,
    "outcomes": outcomes_report,
    "signals": signals_report,
}


# The Inspectie's bands (its total row) are the thuiszitters overview's: two exports for
# outside the region, one of each, together would give back what either hides alone.
LINKED_REPORTS = {"thuiszitters": ("inspectie",), "inspectie": ("thuiszitters",)}


def linked_reports(key: str, *, user, period: Period) -> list[Report]:
    return [build_report(other, user=user, period=period) for other in LINKED_REPORTS.get(key, ())]


def family_sums(reports: list[Report]) -> list[Sum]:
    """The sums across reports: each band of the thuiszitters overview equals the band in
    the Inspectie overview's total row (both count the pupils at home on the period's end)."""
    by_key = {report.key: report for report in reports}
    if not {"thuiszitters", "inspectie"} <= by_key.keys():
        return []
    last = len(by_key["inspectie"].tables[0].rows) - 1
    return [Sum(("bands", 0, c), (("inspectie", last, c),)) for c in range(1, 5)]


def build_report(key: str, *, user, period: Period) -> Report:
    """One report for `user` over `period`. Raises KeyError for an unknown report."""
    builder = REPORTS[key]
    return builder(report_cases(user), period, user.region)


def build_reports(*, user, period: Period) -> list[Report]:
    return [build_report(key, user=user, period=period) for key in REPORTS]
