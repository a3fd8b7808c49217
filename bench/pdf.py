"""PDF speed: a 5-goal plan against a minimal one-page document, and the 20-case meeting bundle.

Both documents go through the same code path (core.pdf via reports.documents) in the same
process, alternating, so the ratio says what the plan costs beyond WeasyPrint's fixed cost.
Three more documents, alternating with them, say where that cost goes: the minimal page with
60 one-line paragraphs added (WeasyPrint's cost per text line), the same plan without its
goals, and the plan's true floor: every line of text the plan PDF shows, as unstyled
paragraphs (no stylesheet, no tagging, WeasyPrint's defaults). WeasyPrint's time grows with the
lines it lays out, so no styling of the same text can be faster than that; the target is the
plan against its true floor.
The bundle is measured cold (empty plan cache: every plan rendered, in parallel workers) and
warm (every plan's PDF cached: agenda + merge only). Run: python -m bench.pdf
"""

import argparse
import gc
import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.common import merge_results, setup_django, summary

DATABASE = "plusdossier_bench_pdf"
LINE_PROBE = 60
LINE = "<p>Leerling gaat drie ochtenden per week naar school.</p>"
GOALS = [
    "Leerling gaat drie ochtenden per week naar school en bouwt dat op naar volledige dagen",
    "Wekelijks gesprek met de mentor over de voortgang en wat er nodig is",
    "Jeugdhulp start begeleiding thuis bij de angstklachten van de leerling",
    "Leerplicht en ouders maken afspraken over de aanwezigheid en het verlof",
    "Het rooster wordt aangepast: later beginnen en een vaste plek voor de pauzes",
]


def seed(cases: int):
    """A region with `cases` plans of five goals (one evaluation recorded, valid consent) on
    one meeting."""
    from accounts.models import Role, User
    from casework.constants import CaseKind, Gender, Route
    from casework.models import Case, Region, School, SchoolBoard, Student
    from casework.workflow import Status
    from evaluations.models import (
        Evaluation,
        EvaluationKind,
        Goal,
        GoalReview,
        Plan,
        Stakeholder,
    )
    from meetings.models import Meeting, MeetingItem

    region, created = Region.objects.get_or_create(
        code="PDF", defaults={"name": "Taskforce Bench", "partnership": "SWV Bench"}
    )
    meeting = Meeting.objects.filter(region=region).first()
    if not created and meeting and meeting.items.count() == cases:
        give_consent(meeting)  # a bench database seeded before the bundle's consent rule
        return meeting
    board, _ = SchoolBoard.objects.get_or_create(name="Bench bestuur")
    school, _ = School.objects.get_or_create(
        brin="99PD", defaults={"name": "Bench College", "board": board, "region": region}
    )
    manager, _ = User.objects.get_or_create(
        username="bench-cm",
        defaults={
            "role": Role.CASEMANAGER,
            "region": region,
            "first_name": "Bench",
            "last_name": "Manager",
        },
    )
    coordinator, _ = User.objects.get_or_create(
        username="bench-coord", defaults={"role": Role.COORDINATOR, "region": region}
    )
    Meeting.objects.filter(region=region).delete()
    meeting = Meeting.objects.create(
        region=region, date=date(2026, 12, 3), place="Stadhuis", planned_by=coordinator
    )
    start = Case.objects.filter(region=region).count()
    for n in range(cases):
        student = Student.objects.create(
            first_name=f"Leerling{n}",
            last_name="Bench",
            birth_date=date(2010, 3, 1),
            gender=Gender.FEMALE,
        )
        case = Case.objects.create(
            reference=f"PDF-2026-{start + n + 1:04d}",
            region=region,
            student=student,
            school=school,
            kind=CaseKind.INTENSIVE,
            route=Route.SCHOOL,
            status=Status.PLAN_ACTIVE,
            casemanager=manager,
            registered_on=date(2026, 9, 1),
            absent_since=date(2026, 8, 20),
        )
        plan = Plan.objects.create(
            case=case,
            drawn_up_on=date(2026, 10, 5),
            director_name="Mohamed El Amrani",
            director_organisation="Taskforce Bench",
            director_email="m.elamrani@example.nl",
            director_phone="0612345678",
            pupil_view="Ik wil weer naar school, eerst een paar uur per dag.",
            adopted_on=date(2026, 10, 5),
        )
        Stakeholder.objects.create(
            plan=plan, name="Mevrouw Jansen", organisation_name="Bench College"
        )
        goals = Goal.objects.bulk_create(
            Goal(
                plan=plan,
                position=i,
                description=text,
                actions=f"Acties: {text.lower()}. Criterium: drie weken achter elkaar gelukt.",
                term="6 weken",
                responsible="Mentor",
            )
            for i, text in enumerate(GOALS, 1)
        )
        interim = Evaluation.objects.create(
            case=case,
            plan=plan,
            kind=EvaluationKind.INTERIM,
            due_on=date(2026, 11, 16),
            held_on=date(2026, 11, 16),
            participants="leerling, moeder, mentor, casemanager",
        )
        Evaluation.objects.create(
            case=case, plan=plan, kind=EvaluationKind.FINAL, due_on=date(2027, 1, 5)
        )
        GoalReview.objects.bulk_create(
            GoalReview(evaluation=interim, goal=goal, achieved=i % 2 == 0, explanation="Gaat goed.")
            for i, goal in enumerate(goals)
        )
        MeetingItem.objects.create(meeting=meeting, case=case, position=n + 1)
    give_consent(meeting)
    return meeting


def give_consent(meeting) -> None:
    """Valid consent for every agenda case: the bundle leaves out the plan of a case without."""
    from accounts.models import User
    from casework.models import Case, Organisation, OrganisationKind
    from consent.models import ConsentMethod
    from consent.selectors import cases_with_valid_consent
    from consent.services import consent_record

    agenda = Case.objects.filter(meeting_items__meeting=meeting)
    missing = agenda.exclude(pk__in=cases_with_valid_consent(agenda).values("pk"))
    if not missing.exists():
        return
    organisation, _ = Organisation.objects.get_or_create(
        region=meeting.region, name="Leerplicht Bench", defaults={"kind": OrganisationKind.TRUANCY}
    )
    manager = User.objects.get(username="bench-cm")
    for case in missing:
        consent = consent_record(
            case=case,
            by=manager,
            given_on=case.registered_on,
            method=ConsentMethod.CONVERSATION,
            organisations=[organisation],
            youth_consented=True,  # the bench pupils are 16: they consent themselves
        )
        if not consent.is_complete:
            raise RuntimeError(f"bench consent incomplete: {consent.missing}")


def alternating(fns: dict, repeat: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall-clock and CPU milliseconds per function, alternating. CPU time says more on a busy
    machine (other processes inflate wall-clock time, not this process's CPU time).

    Each sample starts after a full garbage collection: otherwise a collection of the whole
    process (Django, the seeded rows: often 100 ms or more) lands in a random sample and sets
    the median of a short run. The garbage a function makes itself is still collected, and
    counted, within its own sample.
    """
    wall = {name: [] for name in fns}
    cpu = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            started, started_cpu = time.perf_counter(), time.process_time()
            fn()
            wall[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def count_queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--bundle-repeat", type=int, default=5)
    args = parser.parse_args()
    setup_django(database=DATABASE)
    from django.conf import settings
    from django.template.loader import render_to_string

    from core.pdf import html_to_pdf
    from meetings.bundle import meeting_bundle_pdf, meeting_items
    from reports import documents

    cache_root = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    settings.PRIVATE_MEDIA_ROOT = cache_root
    meeting = seed(args.cases)
    items = meeting_items(meeting)
    case = items[0].case

    def plan_pdf():
        # The whole document path without the cache: fetch, template, WeasyPrint.
        html = documents.document_html("plan", case)
        return html_to_pdf(html)

    def goalless_plan_pdf():
        # The same plan without its goals (and their reviews): what the five goals add.
        plan = documents.current_plans([case.pk])[case.pk]
        context = documents.plan_context(case, plan) | {"goals": [], "earlier_goals": []}
        return html_to_pdf(render_to_string(documents.PLAN_TEMPLATE, context))

    def minimal_pdf():
        html = render_to_string(
            "reports/pdf/minimal.html",
            {
                "region": case.region,
                "case": case,
                "student": case.student,
                "document_title": "Ijkpunt",
            },
        )
        return html_to_pdf(html)

    minimal_html = render_to_string(
        "reports/pdf/minimal.html",
        {"region": case.region, "case": case, "student": case.student, "document_title": "Ijkpunt"},
    )
    # The minimal page plus LINE_PROBE one-line paragraphs: what WeasyPrint spends per text
    # line, the unit a plan's cost grows by.
    lines_html = minimal_html.replace("</body>", LINE * LINE_PROBE + "</body>")

    def lines_pdf():
        return html_to_pdf(lines_html)

    import html as html_module
    import io

    from pypdf import PdfReader
    from weasyprint import HTML

    plan_text = [
        line.strip()
        for page in PdfReader(io.BytesIO(plan_pdf())).pages
        for line in page.extract_text().splitlines()
        if line.strip()
    ]
    true_floor_html = "<!doctype html><html lang=nl><body>{}</body></html>".format(
        "".join(f"<p>{html_module.escape(line)}</p>" for line in plan_text)
    )

    def true_floor_pdf():
        return HTML(string=true_floor_html).write_pdf()

    minimal_pdf(), lines_pdf(), true_floor_pdf()  # warm up: WeasyPrint import, fonts
    samples, cpu = alternating(
        {
            "plan": plan_pdf,
            "minimal": minimal_pdf,
            "lines": lines_pdf,
            "goalless": goalless_plan_pdf,
            "true_floor": true_floor_pdf,
        },
        args.repeat,
    )
    plan_median, plan_p95 = summary(samples["plan"])
    floor_median, _ = summary(samples["minimal"])
    plan_cpu, _ = summary(cpu["plan"])
    floor_cpu, _ = summary(cpu["minimal"])
    reader = PdfReader(io.BytesIO(plan_pdf()))
    pages = len(reader.pages)
    # Text lines of the plan's body (pdftotext-like count; the 4 margin boxes per page apart).
    plan_lines = sum(
        len([line for line in page.extract_text().splitlines() if line.strip()]) - 4
        for page in reader.pages
    )
    lines_median, _ = summary(samples["lines"])
    goalless_median, _ = summary(samples["goalless"])
    per_line = (lines_median - floor_median) / LINE_PROBE
    true_floor_median, _ = summary(samples["true_floor"])
    true_floor_cpu, _ = summary(cpu["true_floor"])
    plan_row = {
        "name": "plan_pdf",
        "cases": 1,
        "app_median_ms": round(plan_median, 1),
        "app_p95_ms": round(plan_p95, 1),
        "floor_median_ms": round(floor_median, 1),
        "ratio": round(plan_median / floor_median, 2),
        "queries": count_queries(lambda: documents.document_html("plan", case)),
        "pages": pages,
        "goalless_plan_median_ms": round(goalless_median, 1),
        "ratio_to_goalless_plan": round(plan_median / goalless_median, 2),
        "text_lines": plan_lines,
        "ms_per_text_line": round(per_line, 2),
        "app_cpu_median_ms": round(plan_cpu, 1),
        "floor_cpu_median_ms": round(floor_cpu, 1),
        "cpu_ratio": round(plan_cpu / floor_cpu, 2),
        "true_floor_ms": round(true_floor_median, 1),
        "true_floor_ratio": round(plan_median / true_floor_median, 2),
        "true_floor_cpu_ratio": round(plan_cpu / true_floor_cpu, 2),
        "true_floor_lines": len(plan_text),
        "load_average": round(os.getloadavg()[0], 1),
    }
    print(
        f"plan_pdf (5 goals, {pages} pages): median {plan_median:.0f} ms, p95 {plan_p95:.0f} ms; "
        f"minimal one-page document {floor_median:.0f} ms; ratio {plan_median / floor_median:.2f}"
        f" (CPU time: {plan_cpu:.0f} ms against {floor_cpu:.0f} ms, {plan_cpu / floor_cpu:.2f})"
    )

    print(
        f"  true floor (the plan's {len(plan_text)} lines of text as unstyled paragraphs): "
        f"{true_floor_median:.0f} ms; the plan is {plan_median / true_floor_median:.2f}x that "
        f"(CPU time {plan_cpu / true_floor_cpu:.2f}x)"
    )
    print(
        f"  the same plan without its goals: {goalless_median:.0f} ms; the five goals make it "
        f"{plan_median / goalless_median:.2f}x that (not the target's floor, for comparison)"
    )
    print(
        f"  WeasyPrint spends {per_line:.2f} ms per text line ({LINE_PROBE} one-line paragraphs "
        f"added to the minimal page: {lines_median:.0f} ms); the plan has {plan_lines} lines"
    )

    def bundle():
        return meeting_bundle_pdf(meeting, meeting_items(meeting))

    def clear_cache():
        shutil.rmtree(cache_root / "pdf-cache", ignore_errors=True)

    cold, warm = [], []
    for _ in range(args.bundle_repeat):
        clear_cache()
        started = time.perf_counter()
        bundle()
        cold.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        content = bundle()
        warm.append((time.perf_counter() - started) * 1000)
    cold_median, cold_p95 = summary(cold)
    warm_median, warm_p95 = summary(warm)
    bundle_pages = len(PdfReader(io.BytesIO(content)).pages)
    bundle_row = {
        "name": "meeting_bundle",
        "cases": args.cases,
        "app_median_ms": round(warm_median, 1),
        "app_p95_ms": round(warm_p95, 1),
        "floor_median_ms": None,
        "ratio": None,
        "queries": count_queries(bundle),
        "cold_median_ms": round(cold_median, 1),
        "cold_p95_ms": round(cold_p95, 1),
        "warm_median_ms": round(warm_median, 1),
        "warm_p95_ms": round(warm_p95, 1),
        "pages": bundle_pages,
        "workers": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 1),
    }
    print(
        f"meeting_bundle ({args.cases} cases, {bundle_pages} pages): "
        f"cold cache median {cold_median:.0f} ms (p95 {cold_p95:.0f}); "
        f"warm cache median {warm_median:.0f} ms (p95 {warm_p95:.0f}); "
        f"{bundle_row['queries']} queries"
    )
    shutil.rmtree(cache_root, ignore_errors=True)
    merge_results([plan_row, bundle_row])
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
