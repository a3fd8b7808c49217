"""The daily scans: thuiszitter clock levels, evaluation reminders, and the case dates ahead
(a 12th or 16th birthday that re-asks consent, a vrijstelling that runs out).

Set-based and chunked: a fixed number of statements per chunk of ids, however many rows a
chunk holds. Each chunk is one `INSERT … SELECT … ON CONFLICT DO NOTHING`.

The unique constraint `notification_once` is the guard that makes every run exactly-once;
the advisory lock per chunk only keeps two simultaneous runs from deadlocking each other.

The clock rule is casework.clock's: threshold = absent_since + threshold_months calendar
months (month-end clamped, as PostgreSQL's `date + interval` does), warning = threshold −
warning_weeks; exceeded when today > threshold, approaching when today >= warning; ok when
absent_since is empty or a passend aanbod has started. Only open cases are scanned.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils.translation import gettext as _

from accounts.models import Role
from casework.constants import AbsenceKind
from casework.workflow import OPEN_STATUSES
from consent.rules import AGE_LIMITS, YOUTH_ALONE_FROM, YOUTH_CONSENTS_FROM

from .models import NotificationKind

CASE_CHUNK = 25_000  # ids per clock chunk: 4 chunks at 100 000 cases
EVALUATION_CHUNK = 25_000
ADVISORY_LOCK_KEY = 0x706C7573  # "plus": serialises chunks of simultaneous runs


def texts() -> dict[str, str]:
    """Dutch notification texts, filled in by the scans' SQL.

    No names, no BSN, no health details: the case reference and dates only.
    """
    return {
        NotificationKind.CLOCK_APPROACHING: _(
            "Casus {reference} nadert de termijn: de leerling zit sinds {absent_since} thuis "
            "zonder passend aanbod; de termijn van het Thuiszitterspact verloopt op {due_on}."
        ),
        NotificationKind.CLOCK_EXCEEDED: _(
            "Casus {reference}: termijn overschreden. De leerling zit sinds {absent_since} "
            "thuis zonder passend aanbod; de termijn van het Thuiszitterspact verliep op "
            "{due_on}."
        ),
        NotificationKind.EVALUATION_DUE: _(
            "Casus {reference}: {evaluation} staat gepland op {due_on}."
        ),
        NotificationKind.EVALUATION_OVERDUE: _(
            "Casus {reference}: {evaluation} was gepland op {due_on} en is nog niet vastgelegd."
        ),
        NotificationKind.EXEMPTION_EXPIRING: _(
            "Casus {reference}: de vrijstelling (art. 5 onder a Leerplichtwet) geldt tot en met "
            "{due_on}. Een vrijstelling geldt één jaar: vraag zo nodig tijdig een nieuwe aan."
        ),
    }


def age_texts() -> dict[int, str]:
    """The consent_age text per age limit: what the new consent needs is consent.rules'."""
    return {
        years: _("Casus {reference}: de leerling wordt %(years)s op {due_on}; %(needs)s")
        % {"years": years, "needs": needs}
        for years, needs in AGE_LIMITS.items()
    }


def evaluation_labels() -> dict[str, str]:
    from evaluations.models import EvaluationKind

    return {value: str(label) for value, label in EvaluationKind.choices}


@dataclass
class ScanResult:
    inserted: Counter = field(default_factory=Counter)
    queries: int = 0

    def as_dict(self) -> dict:
        return {
            **{kind.value: self.inserted.get(kind.value, 0) for kind in NotificationKind},
            "inserted": sum(self.inserted.values()),
        }


def _chunks(low: int | None, high: int | None, size: int):
    if low is None or high is None:
        return
    start = low
    while start <= high:
        yield start, min(start + size - 1, high)
        start += size


def _lock(cursor) -> None:
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


# Who is told of each row of the CTE `alarm` (case_id, region_id, casemanager_id, kind, due_on,
# text, escalated): the casemanager or, without one, the region's coördinatoren; an escalated
# row (clock exceeded, evaluation overdue) the coördinatoren too. Counted by kind from `inserted`.
NOTIFY_SQL = """
inserted AS (
    INSERT INTO notifications_notification (recipient_id, case_id, kind, due_on, text)
    SELECT a.casemanager_id, a.case_id, a.kind, a.due_on, a.text
    FROM alarm a
    WHERE a.casemanager_id IS NOT NULL
    UNION ALL
    SELECT u.id, a.case_id, a.kind, a.due_on, a.text
    FROM alarm a
    JOIN accounts_user u
      ON u.region_id = a.region_id AND u.role = %(coordinator)s AND u.is_active
    WHERE a.escalated OR a.casemanager_id IS NULL
    ON CONFLICT DO NOTHING
    RETURNING kind
)"""

# The levels of one chunk of open cases and the notifications for approaching/exceeded cases: casemanager (or, without one, the region's
# coördinatoren), and for exceeded the coördinatoren too (doorzettingsmacht).
CLOCK_SQL = (
    """
WITH levels AS (
    SELECT c.id, c.region_id, c.casemanager_id, c.reference, c.absent_since, t.threshold_on,
           CASE
               WHEN c.absent_since IS NULL OR c.offer_since IS NOT NULL THEN 'ok'
               WHEN %(today)s::date > t.threshold_on THEN 'exceeded'
               WHEN %(today)s::date >= t.threshold_on - 7 * r.warning_weeks THEN 'approaching'
               ELSE 'ok'
           END AS level
    FROM casework_case c
    JOIN casework_region r ON r.id = c.region_id
    CROSS JOIN LATERAL (
        SELECT (c.absent_since + make_interval(months => r.threshold_months))::date AS threshold_on
    ) t
    WHERE c.status = ANY(%(open)s) AND c.id BETWEEN %(low)s AND %(high)s
),
alarm AS (
    SELECT l.id AS case_id, l.region_id, l.casemanager_id, l.threshold_on AS due_on,
           'clock_' || l.level AS kind, l.level = 'exceeded' AS escalated,
           replace(replace(replace(
               CASE l.level WHEN 'exceeded' THEN %(text_exceeded)s ELSE %(text_approaching)s END,
               '{reference}', l.reference),
               '{absent_since}', to_char(l.absent_since, 'DD-MM-YYYY')),
               '{due_on}', to_char(l.threshold_on, 'DD-MM-YYYY')) AS text
    FROM levels l
    WHERE l.level IN ('approaching', 'exceeded')
),
"""
    + NOTIFY_SQL
    + """
SELECT (SELECT count(*) FROM inserted WHERE kind = 'clock_approaching'),
       (SELECT count(*) FROM inserted WHERE kind = 'clock_exceeded')
"""
)

# Open evaluations (held_on empty) of the current plan of open cases, due within the
# region's reminder_days or overdue: the casemanager (or, without one, the coördinatoren);
# overdue also the coördinatoren. `due_on <= horizon` lets the partial index evaluation_open_due_on serve it.
EVALUATION_SQL = (
    """
WITH alarm AS (
    SELECT e.case_id, e.due_on, c.reference, c.region_id, c.casemanager_id,
           CASE WHEN e.due_on < %(today)s::date
                THEN 'evaluation_overdue' ELSE 'evaluation_due' END AS kind,
           e.due_on < %(today)s::date AS escalated,
           replace(replace(replace(
               CASE WHEN e.due_on < %(today)s::date
                    THEN %(text_overdue)s ELSE %(text_due)s END,
               '{reference}', c.reference),
               '{evaluation}', {evaluation_label}),
               '{due_on}', to_char(e.due_on, 'DD-MM-YYYY')) AS text
    FROM evaluations_evaluation e
    JOIN evaluations_plan p ON p.id = e.plan_id AND p.current
    JOIN casework_case c ON c.id = e.case_id
    JOIN casework_region r ON r.id = c.region_id
    WHERE e.held_on IS NULL
      AND e.due_on <= %(horizon)s::date
      AND e.due_on <= %(today)s::date + r.reminder_days
      AND c.status = ANY(%(open)s)
      AND e.id BETWEEN %(low)s AND %(high)s
),
"""
    + NOTIFY_SQL
    + """
SELECT (SELECT count(*) FROM inserted WHERE kind = 'evaluation_due'),
       (SELECT count(*) FROM inserted WHERE kind = 'evaluation_overdue')
"""
)


# The dates ahead of one chunk of open cases, within the region's age_notice_days (today
# included): the casemanager (or, without one, the coördinatoren) is told once per date.
# - consent_age: the 12th and 16th birthday, due_on the birthday. `(birth - 1 + n years) + 1`
#   is consent.rules.turns_on (29 February → 1 March in a non-leap year).
# - exemption_expiring: a vrijstelling art. 5 onder a holds one year (Leerplichtwet art. 5,
#   "voor ten hoogste een jaar"). A case records no start date of the vrijstelling, only the
#   verzuimsituatie and `absent_since` (thuis sinds); we take absent_since as its start, so
#   due_on, its last day, is absent_since + 1 year - 1 day (earlier, not later, when the
#   vrijstelling was granted after the pupil was already at home: the safe side).
DATES_SQL = (
    """
WITH alarm AS (
    SELECT c.id AS case_id, c.region_id, c.casemanager_id, d.kind, d.due_on,
           false AS escalated,
           replace(replace(d.template, '{reference}', c.reference),
                   '{due_on}', to_char(d.due_on, 'DD-MM-YYYY')) AS text
    FROM casework_case c
    JOIN casework_region r ON r.id = c.region_id
    JOIN casework_student s ON s.id = c.student_id
    CROSS JOIN LATERAL (VALUES
        ('consent_age', (s.birth_date - 1 + make_interval(years => %(young)s))::date + 1,
         %(text_young)s::text),
        ('consent_age', (s.birth_date - 1 + make_interval(years => %(alone)s))::date + 1,
         %(text_alone)s::text),
        ('exemption_expiring',
         CASE WHEN c.absence_kind = %(exemption)s
              THEN (c.absent_since + interval '1 year')::date - 1 END,
         %(text_exemption)s::text)
    ) AS d(kind, due_on, template)
    WHERE c.status = ANY(%(open)s) AND c.id BETWEEN %(low)s AND %(high)s
      AND d.due_on BETWEEN %(today)s::date AND %(today)s::date + r.age_notice_days
),
"""
    + NOTIFY_SQL
    + """
SELECT (SELECT count(*) FROM inserted WHERE kind = 'consent_age'),
       (SELECT count(*) FROM inserted WHERE kind = 'exemption_expiring')
"""
)


def _evaluation_label_sql(params: dict) -> str:
    """A CASE over the evaluation kinds, labels passed as parameters."""
    parts = []
    for index, (value, label) in enumerate(evaluation_labels().items()):
        params[f"ek{index}"] = value
        params[f"el{index}"] = label
        parts.append(f"WHEN %(ek{index})s THEN %(el{index})s")
    params["el_default"] = _("evaluatie")
    return f"CASE e.kind {' '.join(parts)} ELSE %(el_default)s END"


def _bounds_sql(cursor, today: date) -> tuple:
    """Id ranges of open cases and of open evaluations up to the widest horizon (2 queries)."""
    cursor.execute(
        "SELECT min(id), max(id), (SELECT max(reminder_days) FROM casework_region) "
        "FROM casework_case WHERE status = ANY(%s)",
        [list(OPEN_STATUSES)],
    )
    case_low, case_high, max_days = cursor.fetchone()
    horizon = today + timedelta(days=max_days or 0)
    cursor.execute(
        "SELECT min(id), max(id) FROM evaluations_evaluation "
        "WHERE held_on IS NULL AND due_on <= %s",
        [horizon],
    )
    evaluation_low, evaluation_high = cursor.fetchone()
    return case_low, case_high, evaluation_low, evaluation_high, horizon


def _scan_chunks(cursor, sql: str, params: dict, chunks, kinds: tuple, result: ScanResult) -> None:
    """Run `sql` for each chunk of ids, one transaction each; it answers a count per kind."""
    for low, high in chunks:
        with transaction.atomic():
            _lock(cursor)
            cursor.execute(sql, {**params, "low": low, "high": high})
            counts = cursor.fetchone()
        result.queries += 2
        for kind, inserted in zip(kinds, counts, strict=True):
            result.inserted[kind] += inserted


def scan_sql(today: date, result: ScanResult) -> None:
    text = texts()
    base = {
        "today": today,
        "open": list(OPEN_STATUSES),
        "coordinator": Role.COORDINATOR.value,
    }
    with connection.cursor() as cursor:
        case_low, case_high, ev_low, ev_high, horizon = _bounds_sql(cursor, today)
        result.queries += 2
        clock_params = {
            **base,
            "text_exceeded": text[NotificationKind.CLOCK_EXCEEDED],
            "text_approaching": text[NotificationKind.CLOCK_APPROACHING],
        }
        clock_kinds = (NotificationKind.CLOCK_APPROACHING, NotificationKind.CLOCK_EXCEEDED)
        chunks = _chunks(case_low, case_high, CASE_CHUNK)
        _scan_chunks(cursor, CLOCK_SQL, clock_params, chunks, clock_kinds, result)

        ages = age_texts()
        dates_params = {
            **base,
            "young": YOUTH_CONSENTS_FROM,
            "alone": YOUTH_ALONE_FROM,
            "text_young": ages[YOUTH_CONSENTS_FROM],
            "text_alone": ages[YOUTH_ALONE_FROM],
            "exemption": AbsenceKind.EXEMPTION_5A.value,
            "text_exemption": text[NotificationKind.EXEMPTION_EXPIRING],
        }
        dates_kinds = (NotificationKind.CONSENT_AGE, NotificationKind.EXEMPTION_EXPIRING)
        chunks = _chunks(case_low, case_high, CASE_CHUNK)
        _scan_chunks(cursor, DATES_SQL, dates_params, chunks, dates_kinds, result)

        evaluation_params = {
            **base,
            "horizon": horizon,
            "text_due": text[NotificationKind.EVALUATION_DUE],
            "text_overdue": text[NotificationKind.EVALUATION_OVERDUE],
        }
        sql = EVALUATION_SQL.replace("{evaluation_label}", _evaluation_label_sql(evaluation_params))
        evaluation_kinds = (NotificationKind.EVALUATION_DUE, NotificationKind.EVALUATION_OVERDUE)
        chunks = _chunks(ev_low, ev_high, EVALUATION_CHUNK)
        _scan_chunks(cursor, sql, evaluation_params, chunks, evaluation_kinds, result)


def reminders_scan(today: date) -> ScanResult:
    """Run the scans for `today`."""
    result = ScanResult()
    scan_sql(today, result)
    return result
