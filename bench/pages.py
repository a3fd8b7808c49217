"""Server time and SQL query count of the main pages against their floor.

The floor fetches the same rows with one raw SQL query (or does the same write in one raw
transaction) and renders them as plain text. App and floor alternate in the same run; the
ratio app/floor is the figure. Run: python -m bench.pages --cases 10000
"""

import argparse
import html.parser

from bench.common import ensure_database, merge_results, setup_django, summary, timed

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


def run(cases: int) -> list[dict]:
    ensure_database(cases)
    setup_django(cases)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from casework import selectors
    from casework.models import Case
    from intake.models import Intake

    coordinator = User.objects.get(username="coordinator")
    region_id = coordinator.region_id
    client = Client()
    client.force_login(coordinator)

    ordered = Case.objects.filter(region_id=region_id).order_by("-registered_on", "-id")
    total = ordered.count()
    deep_case = ordered[int(total * 0.6)]
    deep_cursor = selectors._cursor(deep_case)
    sample = ordered.filter(status="plan_active").select_related("student")[total // 3 // 2]
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
        SELECT c.id, c.reference, c.status, c.registered_on, c.absent_since, c.offer_since, c.clock_level,
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
            "SELECT status, count(*) FROM casework_case WHERE region_id = %s GROUP BY status",
            [region_id],
        )

    scenarios = {
        "dashboard": (lambda: client.get("/casussen/"), floor_dashboard),
        "case_list": (
            lambda: client.get("/casussen/lijst/"),
            lambda: raw(list_sql.format(extra=""), [region_id]),
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
                list_sql.format(extra="AND (s.last_name ILIKE %s OR s.first_name ILIKE %s)"),
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
        page = client.get(f"/aanmelding/{intake.case_id}/intake/").content.decode()
        parser = FormParser()
        parser.feed(page)
        post_data = parser.data | {"action": "save"}

        def app_post():
            response = client.post(f"/aanmelding/{intake.case_id}/intake/", post_data)
            assert response.status_code == 302, response.status_code
            # the version field moves on each save; take the new one
            post_data.update(
                {
                    k: v
                    for k, v in _form_data(
                        client.get(f"/aanmelding/{intake.case_id}/intake/").content.decode()
                    ).items()
                    if k == "version"
                }
            )

        def floor_post():
            with connection.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute(
                    "SELECT id FROM casework_case WHERE id = %s FOR UPDATE", [intake.case_id]
                )
                cursor.execute(
                    "UPDATE intake_intake SET updated_at = now() WHERE id = %s", [intake.pk]
                )
                cursor.execute(
                    "INSERT INTO casework_accesslogentry (at, username, role, case_id, action, detail) VALUES (now(), 'bench', 'coordinator', %s, 'change', 'intake')",
                    [intake.case_id],
                )
                cursor.execute("COMMIT")

        scenarios["intake_get"] = (
            lambda: client.get(f"/aanmelding/{intake.case_id}/intake/"),
            lambda: raw("SELECT * FROM intake_intake WHERE id = %s", [intake.pk]),
        )
        scenarios["intake_post"] = (app_post, floor_post)

    results = []
    for name, (app, floor) in scenarios.items():
        app()  # warm up
        floor()
        with CaptureQueriesContext(connection) as queries:
            app()
        query_count = len(queries.captured_queries)
        app_samples, floor_samples = [], []
        for _ in range(REPEAT):
            app_samples += timed(app, 1)
            floor_samples += timed(floor, 1)
        app_median, app_p95 = summary(app_samples)
        floor_median, _ = summary(floor_samples)
        row = {
            "name": name,
            "cases": cases,
            "app_median_ms": round(app_median, 2),
            "app_p95_ms": round(app_p95, 2),
            "floor_median_ms": round(floor_median, 3),
            "ratio": round(app_median / floor_median, 1) if floor_median else None,
            "queries": query_count,
        }
        print(
            f"  {name:<18} app {app_median:7.2f} ms (p95 {app_p95:7.2f})  floor {floor_median:6.3f} ms  ratio {row['ratio']:>6}  queries {row['queries']}",
            flush=True,
        )
        results.append(row)
    page1 = next(r for r in results if r["name"] == "case_list")
    deep = next(r for r in results if r["name"] == "case_list_deep")
    print(
        f"  deep page / page 1 = {deep['app_median_ms'] / page1['app_median_ms']:.2f}", flush=True
    )
    return results


def _form_data(page: str) -> dict:
    parser = FormParser()
    parser.feed(page)
    return parser.data


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    print(f"Pages at {args.cases} cases", flush=True)
    merge_results(run(args.cases))
