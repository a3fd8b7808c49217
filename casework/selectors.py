"""Reads for the casework screens: which rows, with how few queries.

Every function starts from `Case.objects.visible_to(user)`; nothing here writes.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypedDict

from django.db import models
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User

from .clock import first_absence_reaching
from .constants import CaseKind, ClockLevel
from .models import Case, Region, School, Student, bsn_hash, normalise_bsn
from .signals import plan_dates
from .workflow import OPEN_STATUSES, Status

PAGE_SIZE = 50
# A list shows "meer dan 1000" instead of counting every row of a large region.
COUNT_CAP = 1000

LIST_RELATED = ("student", "school", "casemanager", "region")
# What a list loads but never shows: encrypted columns cost a decryption per row, and the
# timestamps and the casemanager's account columns a conversion each.
_TIMESTAMPS = ("created_at", "updated_at")
LIST_DEFERRED = (
    "student__bsn",
    "closing_agreements",
    *_TIMESTAMPS,
    *(
        f"{relation}__{name}"
        for relation in ("student", "school", "region")
        for name in _TIMESTAMPS
    ),
    *(f"casemanager__{name}" for name in ("password", "last_login", "date_joined")),
)


# --- Thuiszitter clock as a filter -------------------------------------------------------


def clock_level_q(level: str, regions: list[Region], today: date) -> Q:
    """A Q that selects the cases whose clock (casework.clock.case_clock) is at `level`."""
    running = Q(absent_since__isnull=False, offer_since__isnull=True)
    if level == ClockLevel.OK:
        return ~(
            clock_level_q(ClockLevel.APPROACHING, regions, today)
            | clock_level_q(ClockLevel.EXCEEDED, regions, today)
        )
    parts = Q(pk__isnull=True)  # matches nothing; OR-ed with each region's condition
    for region in regions:
        # exceeded: today > threshold_on  ⟺  threshold_on < today
        exceeded_before = first_absence_reaching(today, region.threshold_months)
        if level == ClockLevel.EXCEEDED:
            condition = Q(absent_since__lt=exceeded_before)
        else:
            # approaching: warning_on <= today  ⟺  threshold_on < today + warning + 1 day
            approaching_before = first_absence_reaching(
                today + timedelta(weeks=region.warning_weeks, days=1), region.threshold_months
            )
            condition = Q(absent_since__gte=exceeded_before, absent_since__lt=approaching_before)
        parts |= Q(region_id=region.pk) & condition
    return running & parts


def regions_for(user: User) -> list[Region]:
    if user.region_id is None:
        return []
    return [user.region]


# --- Lists --------------------------------------------------------------------------------


def looks_like_bsn(text: str) -> bool:
    digits = normalise_bsn(text.strip())
    return len(digits) == 9 and digits.isdigit()


# A case reference or its start: region code, dash, year (VD-2026, VD-2026-0042).
_REFERENCE = re.compile(r"^[A-Za-z]{1,10}-\d{4}(-\d*)?$")


def search_cases(queryset: QuerySet, text: str) -> QuerySet:
    """Exact BSN (by keyed hash, never in clear text), the start of a case reference, or
    words of the pupil's name."""
    text = text.strip()
    if not text:
        return queryset
    if looks_like_bsn(text):
        return queryset.filter(student__bsn_digest=bsn_hash(text))
    if _REFERENCE.match(text):
        return queryset.filter(reference__istartswith=text)
    name = Q()
    for word in text.split()[:5]:
        name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    # The pupils by name first (served by the trigram indexes on PostgreSQL, migration
    # casework 0004), then their cases: a semi-join, not a filter over every case.
    return queryset.filter(student_id__in=Student.objects.filter(name).values("pk"))


_DIGIT_RUN = re.compile(r"\d{5,}")


def search_log_detail(text: str) -> str:
    """What the access log records of a search: never a BSN or anything that looks like one."""
    text = text.strip()
    if looks_like_bsn(text):
        return "zoeken op BSN"
    return f"zoeken: {_DIGIT_RUN.sub('…', text)[:150]}"


def list_log_detail(
    page: str, data: Mapping[str, str], *, names: Iterable[str] = (), shown: int
) -> str:
    """What the access log records of a list of pupils: the page, its filters (by name,
    each value short, printable and with digit runs that could be a BSN hidden) and how many pupils
    it showed. Parameters outside `names` (e.g. a `q` in the URL, which is never searched)
    are left out."""
    filters = []
    for name in names:
        value = "".join(ch for ch in str(data.get(name) or "") if ch.isprintable()).strip()
        if value:
            filters.append(f"{name}={_DIGIT_RUN.sub('…', value)[:40]}")
    text = f"{page}: {', '.join(filters)}" if filters else page
    return f"{text} ({shown} getoond)"[:200]


def capped_count(queryset: QuerySet, cap: int | None = None) -> tuple[int, bool]:
    """Count at most `cap` rows; (count, more) where more means "more than cap"."""
    cap = COUNT_CAP if cap is None else cap
    count = queryset.order_by()[: cap + 1].count()
    return min(count, cap), count > cap


@dataclass(frozen=True)
class ListSort:
    """An order of the case list: the expression it sorts on (then the id, for ties) and the
    type of its values in a page cursor. Every key is non-null (Coalesce), so the keyset
    comparison below holds for every row."""

    label: str
    key: Callable[[], Any]
    descending: bool
    parse: Callable[[str], Any]


def _status_order() -> Any:
    """The statuses in the order of the trajectory (then the ended ones)."""
    order = [*OPEN_STATUSES, Status.CLOSED, Status.NOT_STARTED]
    return models.Case(
        *[models.When(status=status, then=Value(n)) for n, status in enumerate(order)],
        default=Value(len(order)),
        output_field=models.IntegerField(),
    )


def _days_without_offer(today: date) -> Any:
    """The list's "dagen thuis" (casework.clock.case_clock's days_without_offer) in SQL: from
    thuis sinds to passend aanbod or today; -1 without a date, so it sorts last."""
    days = models.Func(
        Coalesce(F("offer_since"), Value(today)),
        F("absent_since"),
        template="GREATEST(%(expressions)s, 0)",
        arg_joiner=" - ",
        output_field=models.IntegerField(),
    )
    return Coalesce(days, Value(-1))


LATEST = date(9999, 12, 31)  # "none" sorts last on an ascending date
LIST_SORTS: dict[str, ListSort] = {
    "aangemeld": ListSort(
        gettext_lazy("nieuwste aanmelding eerst"),
        lambda: F("registered_on"),
        True,
        date.fromisoformat,
    ),
    "thuis": ListSort(
        gettext_lazy("langst thuis eerst"),
        lambda: _days_without_offer(timezone.localdate()),
        True,
        int,
    ),
    "evaluatie": ListSort(
        gettext_lazy("eerstvolgende evaluatie eerst"),
        lambda: Coalesce(plan_dates.next_due_expression(), Value(LATEST)),
        False,
        date.fromisoformat,
    ),
    "status": ListSort(gettext_lazy("status"), _status_order, False, int),
}
DEFAULT_SORT = "aangemeld"


@dataclass(frozen=True)
class Cursor:
    """Where a page of the list starts or ends: the sort key's value and the case id."""

    value: Any
    pk: int

    def encode(self) -> str:
        value = self.value.isoformat() if isinstance(self.value, date) else str(self.value)
        return f"{value}_{self.pk}"

    @classmethod
    def decode(cls, value: str | None, sort: ListSort) -> "Cursor | None":
        if not value or len(value) > 40:
            return None
        try:
            key, pk = value.rsplit("_", 1)
            return cls(sort.parse(key), int(pk))
        except ValueError:
            return None


@dataclass
class Page:
    cases: list
    next_cursor: str | None
    prev_cursor: str | None
    is_first: bool


def _beyond(cursor: Cursor, *, later: bool) -> Q:
    """Rows strictly after (later=True) or before `cursor` in the (sort_key, id) order; the
    first condition gives an index a range, the second breaks the tie."""
    if later:
        return Q(sort_key__gte=cursor.value) & (Q(sort_key__gt=cursor.value) | Q(pk__gt=cursor.pk))
    return Q(sort_key__lte=cursor.value) & (Q(sort_key__lt=cursor.value) | Q(pk__lt=cursor.pk))


def keyset_page(
    queryset: QuerySet,
    *,
    after: str | None = None,
    before: str | None = None,
    sort: str = DEFAULT_SORT,
) -> Page:
    """One page in the order of `sort` (LIST_SORTS; then the id): a deep page costs what
    page 1 costs, whichever the order."""
    order = LIST_SORTS.get(sort) or LIST_SORTS[DEFAULT_SORT]
    queryset = (
        queryset.select_related(*LIST_RELATED).defer(*LIST_DEFERRED).annotate(sort_key=order.key())
    )
    after_cursor, before_cursor = Cursor.decode(after, order), Cursor.decode(before, order)
    forward = ("-sort_key", "-id") if order.descending else ("sort_key", "id")
    backward = ("sort_key", "id") if order.descending else ("-sort_key", "-id")
    if before_cursor is not None:
        rows = list(
            queryset.filter(_beyond(before_cursor, later=order.descending)).order_by(*backward)[
                : PAGE_SIZE + 1
            ]
        )
        has_more_before = len(rows) > PAGE_SIZE
        rows = list(reversed(rows[:PAGE_SIZE]))
        return Page(
            cases=rows,
            next_cursor=_cursor(rows[-1]) if rows else None,
            prev_cursor=_cursor(rows[0]) if rows and has_more_before else None,
            is_first=not has_more_before,
        )
    if after_cursor is not None:
        queryset = queryset.filter(_beyond(after_cursor, later=not order.descending))
    rows = list(queryset.order_by(*forward)[: PAGE_SIZE + 1])
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return Page(
        cases=rows,
        next_cursor=_cursor(rows[-1]) if rows and has_more else None,
        prev_cursor=_cursor(rows[0]) if rows and after_cursor is not None else None,
        is_first=after_cursor is None,
    )


def _cursor(case: Case) -> str:
    return Cursor(case.sort_key, case.pk).encode()


class CaseRow(TypedDict):
    """What a case table (casework/includes/case_table.html) prints for one case, worked out
    once in Python: fifty rows of template lookups, filters and includes cost more than all
    of the page's queries. A dict, as the template's first lookup is by key."""

    url: str
    reference: str
    student: str
    school: str
    status: str
    casemanager: str
    days_at_home: str  # "—" where the list shows no count
    is_open: bool
    badge: tuple[str, str] | None  # casework.clock.Clock.badge
    flags: list[str]
    threshold_on: str  # the pact's date while the clock runs, else "—"
    next_due_on: str
    overdue: bool


def with_rows(cases, today: date, due_dates: dict[int, date] | None = None) -> list:
    """Attach to each case of a page its clock (`current_clock`), next due date
    (`next_due_on`), signals (`flags`) and the table's `row` (CaseRow)."""
    due_dates = due_dates or {}
    not_enrolled, unassigned = _("niet ingeschreven"), _("nog niet toegewezen")
    for case in cases:
        clock = case.current_clock = case.clock(today)
        case.next_due_on = due_dates.get(case.pk)
        case.flags = case_flags(case, today)
        is_open = case.is_open
        days = clock.days_without_offer
        case.row = CaseRow(
            url=reverse("casework:case_detail", args=[case.pk]),
            reference=case.reference,
            student=case.student.full_name,
            school=case.school.name if case.school_id else not_enrolled,
            status=Status(case.status).label,
            casemanager=str(case.casemanager) if case.casemanager_id else unassigned,
            days_at_home=str(days) if days is not None and (is_open or clock.offer_since) else "—",
            is_open=is_open,
            badge=clock.badge,
            flags=case.flags,
            threshold_on=date_format(clock.threshold_on)
            if clock.running and is_open and clock.threshold_on
            else "—",
            next_due_on=date_format(case.next_due_on) if case.next_due_on else "—",
            overdue=bool(case.next_due_on and case.next_due_on < today),
        )
    return list(cases)


class RegistrationRow(TypedDict):
    """What the dashboard's table of new registrations prints for one, worked out once."""

    pk: int
    url: str
    assign_url: str
    reference: str
    duplicate_of: str | None
    student: str
    school: str
    registered_on: str
    kind: str


def registration_rows(cases) -> list[RegistrationRow]:
    """The rows of unassigned_registrations for the dashboard's table."""
    not_enrolled = _("niet ingeschreven")
    return [
        RegistrationRow(
            pk=case.pk,
            url=reverse("casework:case_detail", args=[case.pk]),
            assign_url=reverse("casework:case_assign", args=[case.pk]),
            reference=case.reference,
            duplicate_of=case.duplicate_of,
            student=case.student.full_name,
            school=case.school.name if case.school_id else not_enrolled,
            registered_on=date_format(case.registered_on),
            kind=CaseKind(case.kind).label,
        )
        for case in cases
    ]


def case_flags(case: Case, today: date) -> list[str]:
    """Short Dutch signals beside the clock badge on the dashboard and in the list."""
    flags = []
    if not case.is_open:
        return flags
    if case.casemanager_id is None:
        flags.append(_("geen casemanager"))
    if case.status in (Status.INTAKE, Status.PLAN_ACTIVE) and not case.scenario:
        flags.append(_("geen scenario"))
    if case.absent_since is None and case.status != Status.REGISTERED:
        flags.append(_("thuis sinds onbekend"))
    if getattr(case, "next_due_on", None) and case.next_due_on < today:
        flags.append(_("evaluatie verlopen"))
    return flags


def next_due_dates(case_ids: list[int]) -> dict[int, date]:
    """Next evaluation due date per case (the evaluations app owns those dates)."""
    return plan_dates.next_due_dates(case_ids)


def case_dates(case: Case) -> dict[str, date | None]:
    """The form's four dates; the two evaluation dates come from the current plan."""
    interim, final = plan_dates.case_evaluation_dates(case)
    return {
        "registered_on": case.registered_on,
        "interim_evaluation_on": interim,
        "final_evaluation_on": final,
        "closed_on": case.closed_on,
    }


# --- Dashboard ----------------------------------------------------------------------------


def status_counts(queryset: QuerySet, regions: list[Region], today: date) -> dict:
    """Counts per status, unassigned, open, per clock level and per casemanager: two
    queries (a GROUP BY over the visible cases, and the running clocks, which the partial
    index on open cases without an offer serves)."""
    counts: dict = {status.value: 0 for status in Status}
    counts.update(unassigned=0, open=0, per_casemanager={})
    grouped = queryset.order_by().values_list("casemanager_id", "status").annotate(n=Count("pk"))
    for casemanager_id, status, n in grouped:
        counts[status] = counts.get(status, 0) + n
        if status in OPEN_STATUSES:
            counts["open"] += n
            if casemanager_id is not None:
                per = counts["per_casemanager"]
                per[casemanager_id] = per.get(casemanager_id, 0) + n
        if status == Status.REGISTERED and casemanager_id is None:
            counts["unassigned"] += n
    counts.update(
        queryset.order_by()
        .filter(_running_open())
        .aggregate(
            approaching=Count("pk", filter=clock_level_q(ClockLevel.APPROACHING, regions, today)),
            exceeded=Count("pk", filter=clock_level_q(ClockLevel.EXCEEDED, regions, today)),
        )
    )
    return counts


def _running_open() -> Q:
    # Matches the partial index case_open_absent_since.
    return Q(status__in=OPEN_STATUSES, offer_since__isnull=True, absent_since__isnull=False)


def dashboard_cases(queryset: QuerySet, limit: int = 50) -> list[Case]:
    """Open cases for the dashboard: the longest at home without a passend aanbod first
    (served by the partial index), then the other open cases, newest registration first.
    At most two queries, whatever the number of cases (one when the first fills the page)."""
    queryset = queryset.select_related(*LIST_RELATED).defer(*LIST_DEFERRED)
    running = list(queryset.filter(_running_open()).order_by("absent_since", "id")[:limit])
    if len(running) == limit:
        return running
    others = queryset.open().exclude(_running_open()).order_by("-registered_on", "-id")
    return running + list(others[: limit - len(running)])


def unassigned_registrations(queryset: QuerySet) -> QuerySet:
    """New registrations without a casemanager; `duplicate_of` is the reference of another
    open case of the region with the same BSN (a registration the school could not know
    was a duplicate: see services.case_register), else None."""
    twin = (
        Case.objects.filter(
            region_id=OuterRef("region_id"),
            status__in=OPEN_STATUSES,
            student__bsn_digest=OuterRef("student__bsn_digest"),
        )
        .exclude(pk=OuterRef("pk"))
        .exclude(student__bsn_digest="")
        .order_by("registered_on", "id")
        .values("reference")[:1]
    )
    return (
        queryset.filter(status=Status.REGISTERED, casemanager__isnull=True)
        .select_related("student", "school", "region")
        .defer(*LIST_DEFERRED)
        .annotate(duplicate_of=Subquery(twin))
        .order_by("registered_on", "id")
    )


def region_casemanagers(region_id: int | None) -> QuerySet:
    return User.objects.filter(role=Role.CASEMANAGER, region_id=region_id, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def caseload(region_id: int | None, per_casemanager: dict[int, int]) -> list[User]:
    """The region's casemanagers with their number of open cases (from status_counts)."""
    casemanagers = list(region_casemanagers(region_id))
    for casemanager in casemanagers:
        casemanager.open_cases = per_casemanager.get(casemanager.pk, 0)
    return casemanagers


def schools_for(user: User) -> QuerySet:
    if user.role == Role.BEHAVIOURAL_EXPERT:
        return School.objects.filter(pk=user.school_id)
    return School.objects.filter(region_id=user.region_id).order_by("name")
