"""Server time and SQL query count of the main pages against their floor.

The floor fetches the same rows with one raw SQL query (or does the same write in one raw
transaction) and renders them as plain text. The framework floor is an empty page of the same
logged-in user through the same middleware (bench.urls): what any page costs before its view
does anything. App, floor and framework floor alternate in the same run; the ratio app/floor
(`ratio`) is the figure the targets use, app/framework floor (`framework_ratio`) says what the
view itself adds. Run: python -m bench.pages --cases 10000
"""

import argparse
import html.parser

from bench.common import merge_results, setup_django, summary, timed

REPEAT = 30


class FormParser(html.parser.HTMLParser):
    """The POST data a browser would send for the first form with method=post and a textarea."""

    def __init__(self):
        super().__init__()
        self.data, self.in_form, self.textarea, self.select, self.done = (
            {},
            False,
            None,
            None,
            False,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post" and not self.done:
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select] = attrs.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def targets(region_id: int, count: int = 1) -> tuple[list, list]:
    """`count` cases deep in the region's list (from 60 % on) and `count` plan-active cases
    spread over the list, with their students: what the page scenarios open."""
    from casework.models import Case

    ordered = Case.objects.filter(region_id=region_id).order_by("-registered_on", "-id")
    ids = list(ordered.values_list("id", flat=True))
    active = list(ordered.filter(status="plan_active").values_list("id", flat=True))
    deep_ids = [ids[int(len(ids) * (0.6 + 0.35 * i / count))] for i in range(count)]
    sample_ids = [
        active[(len(ids) // 3 // 2 + i * len(active) // count) % len(active)] for i in range(count)
    ]
    by_id = Case.objects.select_related("student").in_bulk(deep_ids + sample_ids)
    return [by_id[pk] for pk in deep_ids], [by_id[pk] for pk in sample_ids]


def list_cursor(case) -> str:
    """The list's "Volgende 50" cursor just after `case` in its default order."""
    from casework.selectors import Cursor

    return Cursor(case.registered_on, case.pk).encode()


def run(cases: int, repeat: int = REPEAT) -> list[dict]:
    setup_django(cases)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from bench.urls import EMPTY_PATH
    from intake.models import Intake

    settings.ROOT_URLCONF = "bench.urls"  # the project's URLs and the empty page
    coordinator = User.objects.get(username="coordinator")
    region_id = coordinator.region_id
    client = Client()
    client.force_login(coordinator)

    [deep_case], [sample] = targets(region_id)
    deep_cursor = list_cursor(deep_case)
    search_name = sample.student.last_name
    intake = (
        Intake.objects.filter(case__region_id=region_id, case__status="intake")
        .select_related("case")
        .first()
    )

    def raw(sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return "\n".join(" | ".join(str(v) for v in row) for row in rows)

    list_sql = """
        SELECT c.id, c.reference, c.status, c.registered_on, c.absent_since, c.offer_since,
               s.first_name, s.last_name, sc.name, u.first_name, u.last_name
        FROM casework_case c JOIN casework_student s ON s.id = c.student_id
        LEFT JOIN casework_school sc ON sc.id = c.school_id LEFT JOIN accounts_user u ON u.id = c.casemanager_id
        WHERE c.region_id = %s {extra} ORDER BY c.registered_on DESC, c.id DESC LIMIT 50"""

    def floor_dashboard():
        raw(
            list_sql.format(
                extra="AND c.status IN ('registered','awaiting_consent','intake','plan_active')"
            ),
            [region_id],
        )
        raw(
            "SELECT casemanager_id, status, count(*) FROM casework_case WHERE region_id = %s"
            " GROUP BY casemanager_id, status",
            [region_id],
        )
        # The coordinator's dashboard also lists new registrations without a casemanager,
        # each with a choice of the region's casemanagers.
        raw(
            list_sql.format(extra="AND c.status = 'registered' AND c.casemanager_id IS NULL"),
            [region_id],
        )
        raw(
            "SELECT id, first_name, last_name FROM accounts_user"
            " WHERE region_id = %s AND role = 'casemanager' AND is_active",
            [region_id],
        )

    scenarios = {
        "dashboard": (lambda: client.get("/casussen/"), floor_dashboard),
        "case_list": (
            lambda: client.get("/casussen/lijst/"),
            lambda: raw(list_sql.format(extra=""), [region_id]),
        ),
        "case_list_filtered": (
            lambda: client.get("/casussen/lijst/", {"status": "plan_active"}),
            lambda: raw(list_sql.format(extra="AND c.status = 'plan_active'"), [region_id]),
        ),
        "case_list_deep": (
            lambda: client.get("/casussen/lijst/", {"na": deep_cursor}),
            lambda: raw(
                list_sql.format(extra="AND (c.registered_on, c.id) < (%s, %s)"),
                [region_id, deep_case.registered_on, deep_case.pk],
            ),
        ),
        "case_list_search": (
            lambda: client.post("/casussen/lijst/", {"q": search_name}),
            lambda: raw(
                list_sql.format(
                    extra="AND c.student_id IN (SELECT id FROM casework_student"
                    " WHERE UPPER(last_name) LIKE UPPER(%s) OR UPPER(first_name) LIKE UPPER(%s))"
                ),
                [region_id, f"%{search_name}%", f"%{search_name}%"],
            ),
        ),
        "case_detail": (
            lambda: client.get(f"/casussen/{sample.pk}/"),
            lambda: (
                raw(
                    "SELECT * FROM casework_case c JOIN casework_student s ON s.id = c.student_id LEFT JOIN casework_school sc ON sc.id = c.school_id WHERE c.id = %s",
                    [sample.pk],
                ),
                raw("SELECT * FROM casework_guardian WHERE student_id = %s", [sample.student_id]),
            ),
        ),
    }
    if intake is not None:
        page = client.get(f"/casussen/{intake.case_id}/intake/").content.decode()
        parser = FormParser()
        parser.feed(page)
        post_data = parser.data | {"action": "save"}

        def app_post():
            response = client.post(f"/casussen/{intake.case_id}/intake/", post_data)
            assert response.status_code == 302, response.status_code

        def current_version():
            # Each save moves the version on (so does the floor's): the next POST sends the
            # current one, as a browser that reloaded the form would.
            post_data["version"] = str(
                Intake.objects.values_list("version", flat=True).get(pk=intake.pk)
            )

        def floor_post():
            with connection.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute(
                    "SELECT id FROM casework_case WHERE id = %s FOR UPDATE", [intake.case_id]
                )
                cursor.execute(
                    "UPDATE intake_intake SET updated_at = now(), version = version + 1"
                    " WHERE id = %s",
                    [intake.pk],
                )
                cursor.execute(
                    "INSERT INTO casework_accesslogentry (at, username, role, case_id, action, detail) VALUES (now(), 'bench', 'coordinator', %s, 'change', 'intake')",
                    [intake.case_id],
                )
                cursor.execute("COMMIT")

        scenarios["intake_get"] = (
            lambda: client.get(f"/casussen/{intake.case_id}/intake/"),
            lambda: raw("SELECT * FROM intake_intake WHERE id = %s", [intake.pk]),
        )
        scenarios["intake_post"] = (app_post, floor_post, current_version)

    def framework():
        response = client.get(EMPTY_PATH)
        assert response.status_code == 200, response.status_code

    framework()
    results = []
    for name, (app, floor, *before) in scenarios.items():
        prepare = before[0] if before else lambda: None  # untimed, before each app call
        prepare()
        app()  # warm up
        floor()
        prepare()
        with CaptureQueriesContext(connection) as queries:
            app()
        query_count = len(queries.captured_queries)
        app_samples, floor_samples, framework_samples = [], [], []
        for _ in range(repeat):
            prepare()
            app_samples += timed(app, 1)
            floor_samples += timed(floor, 1)
            framework_samples += timed(framework, 1)
        app_median, app_p95 = summary(app_samples)
        floor_median, _ = summary(floor_samples)
        framework_median, _ = summary(framework_samples)
        row = {
            "name": name,
            "cases": cases,
            "app_median_ms": round(app_median, 2),
            "app_p95_ms": round(app_p95, 2),
            "floor_median_ms": round(floor_median, 3),
            "ratio": round(app_median / floor_median, 1) if floor_median else None,
            "framework_floor_ms": round(framework_median, 3),
            "framework_ratio": round(app_median / framework_median, 1),
            "framework_floor_ratio": round(framework_median / floor_median, 1),
            "queries": query_count,
        }
        print(
            f"  {name:<18} app {app_median:7.2f} ms (p95 {app_p95:7.2f})  floor {floor_median:6.3f} ms"
            f"  ratio {row['ratio']:>6}  framework floor {framework_median:6.3f} ms"
            f" ({row['framework_floor_ratio']}x the floor)  ratio to it {row['framework_ratio']:>5}"
            f"  queries {row['queries']}",
            flush=True,
        )
        results.append(row)
    page1 = next(r for r in results if r["name"] == "case_list")
    deep = next(r for r in results if r["name"] == "case_list_deep")
    print(
        f"  deep page / page 1 = {deep['app_median_ms'] / page1['app_median_ms']:.2f}", flush=True
    )
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=REPEAT, help="samples per scenario")
    args = parser.parse_args()
    print(f"Pages at {args.cases} cases", flush=True)
    merge_results(run(args.cases, args.repeat))
