"""The daily reminder scan against its floor, on PostgreSQL.

App: `notifications.scans.reminders_scan` (clock levels, evaluation reminders, birthdays and
vrijstellingen ahead, chunked by
id, one INSERT … SELECT … ON CONFLICT DO NOTHING per chunk). Floor: one hand-written
statement over all cases doing the same work (the same notification rows, texts included).
They alternate; before each sample the state is reset (notifications emptied, VACUUM
ANALYZE) so both start from
the same place. "reminder_rescan" runs both again on the filled state: nothing to insert.

The database is `plusdossier_bench_reminders_<N>` (its own, so the page benchmarks are not
disturbed), seeded with `manage.py seed_demo --cases N`; when no evaluations app demo has
made evaluations, plans and evaluations are bulk-inserted for the plan-active cases.

Run: python -m bench.reminder_scan --cases 10000 100000
"""

import argparse
import random
import subprocess
import sys
import time
from datetime import timedelta

from bench.common import merge_results, setup_django, summary

FLOOR_SQL = """
WITH leveled AS (
    SELECT c.id, c.region_id, c.casemanager_id, c.reference, c.absent_since, t.threshold_on,
           CASE WHEN c.absent_since IS NULL OR c.offer_since IS NOT NULL THEN 'ok'
                WHEN %(today)s::date > t.threshold_on THEN 'exceeded'
                WHEN %(today)s::date >= t.threshold_on - 7 * r.warning_weeks THEN 'approaching'
                ELSE 'ok' END AS level
    FROM casework_case c
    JOIN casework_region r ON r.id = c.region_id,
    LATERAL (SELECT (c.absent_since + make_interval(months => r.threshold_months))::date
             AS threshold_on) t
    WHERE c.status IN ('registered', 'awaiting_consent', 'intake', 'plan_active')
),
alarm AS (
    SELECT id, region_id, casemanager_id, level, 'clock_' || level AS kind, threshold_on,
           replace(replace(replace(
               CASE level WHEN 'exceeded' THEN %(t_exceeded)s ELSE %(t_approaching)s END,
               '{reference}', reference),
               '{absent_since}', to_char(absent_since, 'DD-MM-YYYY')),
               '{due_on}', to_char(threshold_on, 'DD-MM-YYYY')) AS text
    FROM leveled WHERE level <> 'ok'
),
due AS (
    SELECT e.case_id, e.due_on, c.region_id, c.casemanager_id,
           CASE WHEN e.due_on < %(today)s::date
                THEN 'evaluation_overdue' ELSE 'evaluation_due' END AS kind,
           replace(replace(replace(
               CASE WHEN e.due_on < %(today)s::date THEN %(t_overdue)s ELSE %(t_due)s END,
               '{reference}', c.reference),
               '{evaluation}', CASE e.kind WHEN 'interim' THEN %(l_interim)s
                                           WHEN 'final' THEN %(l_final)s
                                           WHEN 'followup' THEN %(l_followup)s
                                           ELSE %(l_default)s END),
               '{due_on}', to_char(e.due_on, 'DD-MM-YYYY')) AS text
    FROM evaluations_evaluation e
    JOIN evaluations_plan p ON p.id = e.plan_id AND p.current
    JOIN casework_case c ON c.id = e.case_id
    JOIN casework_region r ON r.id = c.region_id
    WHERE e.held_on IS NULL AND e.due_on <= %(today)s::date + r.reminder_days
      AND c.status IN ('registered', 'awaiting_consent', 'intake', 'plan_active')
),
dated AS (
    SELECT c.id AS case_id, c.region_id, c.casemanager_id, d.kind, d.due_on,
           replace(replace(d.template, '{reference}', c.reference),
                   '{due_on}', to_char(d.due_on, 'DD-MM-YYYY')) AS text
    FROM casework_case c
    JOIN casework_region r ON r.id = c.region_id
    JOIN casework_student s ON s.id = c.student_id,
    LATERAL (VALUES
        ('consent_age', (s.birth_date - 1 + interval '12 years')::date + 1, %(t_age_12)s::text),
        ('consent_age', (s.birth_date - 1 + interval '16 years')::date + 1, %(t_age_16)s::text),
        ('exemption_expiring', CASE WHEN c.absence_kind = 'exemption_5a'
                                    THEN (c.absent_since + interval '1 year')::date - 1 END,
         %(t_exemption)s::text)
    ) AS d(kind, due_on, template)
    WHERE c.status IN ('registered', 'awaiting_consent', 'intake', 'plan_active')
      AND d.due_on BETWEEN %(today)s::date AND %(today)s::date + r.age_notice_days
)
INSERT INTO notifications_notification (recipient_id, case_id, kind, due_on, text)
SELECT casemanager_id, id, kind, threshold_on, text FROM alarm WHERE casemanager_id IS NOT NULL
UNION ALL
SELECT u.id, a.id, a.kind, a.threshold_on, a.text FROM alarm a
JOIN accounts_user u ON u.region_id = a.region_id AND u.role = 'coordinator' AND u.is_active
WHERE a.level = 'exceeded' OR a.casemanager_id IS NULL
UNION ALL
SELECT casemanager_id, case_id, kind, due_on, text FROM due WHERE casemanager_id IS NOT NULL
UNION ALL
SELECT u.id, d.case_id, d.kind, d.due_on, d.text FROM due d
JOIN accounts_user u ON u.region_id = d.region_id AND u.role = 'coordinator' AND u.is_active
WHERE d.kind = 'evaluation_overdue' OR d.casemanager_id IS NULL
UNION ALL
SELECT casemanager_id, case_id, kind, due_on, text FROM dated WHERE casemanager_id IS NOT NULL
UNION ALL
SELECT u.id, a.case_id, a.kind, a.due_on, a.text FROM dated a
JOIN accounts_user u ON u.region_id = a.region_id AND u.role = 'coordinator' AND u.is_active
WHERE a.casemanager_id IS NULL
ON CONFLICT DO NOTHING
"""

FINGERPRINT_SQL = """
SELECT count(*), md5(coalesce(string_agg(
    recipient_id || '|' || case_id || '|' || kind || '|' || due_on || '|' || text, ','
    ORDER BY recipient_id, case_id, kind, due_on), ''))
FROM notifications_notification
"""


def setup(cases: int) -> None:
    setup_django(cases, database=f"plusdossier_bench_reminders_{cases}")
    import logging

    logging.getLogger("notifications").setLevel(logging.WARNING)
    seed_evaluations()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def seed_evaluations() -> None:
    """Plans with an interim and a final evaluation for plan-active cases, if none exist."""
    from django.utils import timezone

    from casework.models import Case
    from evaluations.models import Evaluation, EvaluationKind, Plan

    if Evaluation.objects.exists():
        return
    started = time.monotonic()
    rng = random.Random(6)
    today = timezone.localdate()
    case_ids = list(Case.objects.filter(status="plan_active").values_list("id", flat=True))
    plans = [
        Plan(
            case_id=case_id,
            drawn_up_on=today - timedelta(days=rng.randint(0, 150)),
            director_name="Casusregisseur",
            director_organisation="Taskforce",
            director_email="regie@example.nl",
            director_phone="0612345678",
        )
        for case_id in case_ids
    ]
    Plan.objects.bulk_create(plans, batch_size=5000)
    evaluations = []
    for plan in plans:
        for kind, days in ((EvaluationKind.INTERIM, 42), (EvaluationKind.FINAL, 91)):
            due_on = plan.drawn_up_on + timedelta(days=days)
            held = due_on < today and rng.random() < 0.7
            evaluations.append(
                Evaluation(
                    case_id=plan.case_id,
                    plan=plan,
                    kind=kind,
                    due_on=due_on,
                    held_on=due_on if held else None,
                )
            )
    Evaluation.objects.bulk_create(evaluations, batch_size=5000)
    print(
        f"  {len(plans)} plans, {len(evaluations)} evaluations: {time.monotonic() - started:.1f} s",
        flush=True,
    )


def reset() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE notifications_notification")
        cursor.execute("VACUUM ANALYZE notifications_notification")


def floor_params(today) -> dict:
    from notifications.models import NotificationKind as K
    from notifications.scans import age_texts, evaluation_labels, texts

    t, labels, ages = texts(), evaluation_labels(), age_texts()
    return {
        "today": today,
        "t_age_12": ages[12],
        "t_age_16": ages[16],
        "t_exemption": t[K.EXEMPTION_EXPIRING],
        "t_exceeded": t[K.CLOCK_EXCEEDED],
        "t_approaching": t[K.CLOCK_APPROACHING],
        "t_due": t[K.EVALUATION_DUE],
        "t_overdue": t[K.EVALUATION_OVERDUE],
        "l_interim": labels["interim"],
        "l_final": labels["final"],
        "l_followup": labels["followup"],
        "l_default": "evaluatie",
    }


def run_floor(today) -> int:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, floor_params(today))
        return cursor.rowcount


def run_app(today) -> int:
    from notifications.scans import reminders_scan

    return sum(reminders_scan(today).inserted.values())


def fingerprint() -> tuple:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(FINGERPRINT_SQL)
        return cursor.fetchone()


def timed_ms(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn(*args)
    return (time.perf_counter() - started) * 1000, value


def bench(cases: int, rounds: int) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from casework.models import Case
    from evaluations.models import Evaluation

    today = timezone.localdate()
    print(
        f"\n{Case.objects.count()} cases, {Evaluation.objects.count()} evaluations, as of {today}",
        flush=True,
    )

    # Same work: identical notifications and clock levels from both.
    reset()
    floor_inserted = run_floor(today)
    by_floor = fingerprint()
    reset()
    with CaptureQueriesContext(connection) as captured:
        app_inserted = run_app(today)
    by_app = fingerprint()
    assert by_floor == by_app, (by_floor, by_app)
    assert floor_inserted == app_inserted
    queries = len(captured)
    print(f"  same result: {app_inserted} notifications, levels {by_app[2]}; app queries {queries}")

    scan = {"app": [], "floor": []}
    rescan = {"app": [], "floor": []}
    for index in range(rounds):
        order = ("app", "floor") if index % 2 == 0 else ("floor", "app")
        for which in order:
            fn = run_app if which == "app" else run_floor
            reset()
            ms, inserted = timed_ms(fn, today)
            assert inserted == app_inserted, (which, inserted)
            scan[which].append(ms)
            ms, inserted = timed_ms(fn, today)  # the state is filled: nothing new
            assert inserted == 0, (which, "re-run inserted", inserted)
            rescan[which].append(ms)
    with CaptureQueriesContext(connection) as captured:
        rerun_inserted = run_app(today)
    rescan_queries = len(captured)

    results = []
    for name, samples, q in (
        ("reminder_scan", scan, queries),
        ("reminder_rescan", rescan, rescan_queries),
    ):
        app_median, app_p95 = summary(samples["app"])
        floor_median, floor_p95 = summary(samples["floor"])
        ratio = app_median / floor_median
        print(
            f"  {name:<16} app median {app_median:8.1f} ms p95 {app_p95:8.1f} | "
            f"floor median {floor_median:8.1f} ms p95 {floor_p95:8.1f} | ratio {ratio:.2f} | "
            f"queries {q}",
            flush=True,
        )
        results.append(
            {
                "name": name,
                "cases": cases,
                "app_median_ms": round(app_median, 2),
                "app_p95_ms": round(app_p95, 2),
                "floor_median_ms": round(floor_median, 2),
                "floor_p95_ms": round(floor_p95, 2),
                "ratio": round(ratio, 2),
                "queries": q,
                "inserted": app_inserted if name == "reminder_scan" else rerun_inserted,
            }
        )
    print(f"  re-run inserted {rerun_inserted} rows")
    return results


def explain_index() -> None:
    from django.db import connection
    from django.utils import timezone

    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT min(id), max(id) FROM evaluations_evaluation "
            "WHERE held_on IS NULL AND due_on <= %s",
            [timezone.localdate() + timedelta(days=7)],
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    print(f"  evaluation bounds use the partial index: {'evaluation_open_due_on' in plan}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if len(args.cases) > 1:
        # Django is set up once per process and database: one size per child process.
        for cases in args.cases:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.reminder_scan",
                    "--cases",
                    str(cases),
                    "--rounds",
                    str(args.rounds),
                ],
                check=True,
            )
        return
    cases = args.cases[0]
    setup(cases)
    explain_index()
    merge_results(bench(cases, args.rounds))


if __name__ == "__main__":
    main()
