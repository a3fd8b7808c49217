"""The thuiszitter clock: its month arithmetic in this one place, for the case page, the list
filters (casework.selectors), the reports (reports.selectors) and the daily scans.

Two marks, told apart: the Thuiszitterspact's three months without passend aanbod run for
every pupil at home, whatever the verzuimsituatie; whether the pupil *is a thuiszitter* is the
Inspectie's definition (is_thuiszitter): only unauthorised absence (langdurig relatief
verzuim, after the region's four weeks) and absoluut verzuim make one, not geoorloofd verzuim
or a vrijstelling.

The scans (notifications.scans) compute the same dates set-based in PostgreSQL:
`absent_since + make_interval(months => n)` clamps to the month's end exactly as
`relativedelta` does (tests/notifications/test_clock_scan.py holds both to the same dates).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from .constants import AbsenceKind, ClockLevel

# The verzuimsituaties that make a thuiszitter (the Inspectie's definition).
THUISZITTER_KINDS = frozenset({AbsenceKind.RELATIVE, AbsenceKind.ABSOLUTE})


@dataclass(frozen=True)
class Clock:
    absent_since: date | None
    offer_since: date | None
    days_without_offer: int | None
    truant_from: date | None  # counts as thuiszitter from (None: the situation never makes one)
    threshold_on: date | None  # Thuiszitterspact: 3 calendar months
    warning_on: date | None
    level: str
    is_thuiszitter: bool = False  # on the clock's day (is_thuiszitter)

    @property
    def running(self) -> bool:
        return self.absent_since is not None and self.offer_since is None

    @property
    def badge(self) -> tuple[str, str] | None:
        """The clock's signal as a badge, (CSS class, Dutch label), or None without one
        (casework/includes/clock_badge.html and the case tables print it)."""
        if self.level in (ClockLevel.EXCEEDED, ClockLevel.APPROACHING):
            return f"badge-clock-{self.level}", ClockLevel(self.level).label
        if self.running:
            return "badge-clock-ok", ClockLevel.OK.label
        if self.offer_since:
            return "text-bg-light border", _("passend aanbod")
        return None


def thuiszitter_from(*, absence_kind: str, absent_since: date | None, truancy_weeks: int):
    """The day from which the pupil counts as a thuiszitter, or None when the situation does
    not make one (geoorloofd verzuim, vrijstelling, dreigend, not recorded)."""
    if absent_since is None or absence_kind not in THUISZITTER_KINDS:
        return None
    return absent_since + timedelta(weeks=truancy_weeks)


def is_thuiszitter(
    *,
    absence_kind: str,
    absent_since: date | None,
    offer_since: date | None,
    truancy_weeks: int,
    today: date,
) -> bool:
    """Whether the pupil is a thuiszitter on `today` by the Inspectie's definition: langdurig
    relatief verzuim or absoluut verzuim for at least `truancy_weeks` (the region's setting),
    and no passend aanbod yet. The case page (case_clock) and the reports both ask this."""
    since = thuiszitter_from(
        absence_kind=absence_kind, absent_since=absent_since, truancy_weeks=truancy_weeks
    )
    no_offer = offer_since is None or offer_since > today
    return since is not None and since <= today and no_offer


def threshold_date(absent_since: date, months: int) -> date:
    # relativedelta clamps to the month's end: 30 Nov + 3 months = 28/29 Feb.
    return absent_since + relativedelta(months=months)


def first_absence_reaching(day: date, months: int) -> date:
    """The earliest `absent_since` whose threshold date falls on or after `day`.

    Threshold dates never decrease as `absent_since` grows (month ends clamp), so
    `threshold_date(a, months) < day` holds exactly for `a < first_absence_reaching(day, months)`:
    a date filter on `absent_since` that agrees with the clock to the day."""
    candidate = day - relativedelta(months=months) - timedelta(days=4)
    while threshold_date(candidate, months) < day:
        candidate += timedelta(days=1)
    return candidate


def clock_level(*, absent_since, offer_since, threshold_on, warning_on, today: date) -> str:
    if absent_since is None or offer_since is not None:
        return ClockLevel.OK
    if today > threshold_on:
        return ClockLevel.EXCEEDED
    if today >= warning_on:
        return ClockLevel.APPROACHING
    return ClockLevel.OK


def case_clock(case, today: date) -> Clock:
    region = case.region
    if case.absent_since is None:
        return Clock(None, case.offer_since, None, None, None, None, ClockLevel.OK)
    end = case.offer_since or today
    threshold_on = threshold_date(case.absent_since, region.threshold_months)
    warning_on = threshold_on - timedelta(weeks=region.warning_weeks)
    return Clock(
        absent_since=case.absent_since,
        offer_since=case.offer_since,
        days_without_offer=max((end - case.absent_since).days, 0),
        truant_from=thuiszitter_from(
            absence_kind=case.absence_kind,
            absent_since=case.absent_since,
            truancy_weeks=region.truancy_weeks,
        ),
        threshold_on=threshold_on,
        warning_on=warning_on,
        level=clock_level(
            absent_since=case.absent_since,
            offer_since=case.offer_since,
            threshold_on=threshold_on,
            warning_on=warning_on,
            today=today,
        ),
        is_thuiszitter=is_thuiszitter(
            absence_kind=case.absence_kind,
            absent_since=case.absent_since,
            offer_since=case.offer_since,
            truancy_weeks=region.truancy_weeks,
            today=today,
        ),
    )
