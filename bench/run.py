"""The whole benchmark suite (`make bench`): each part in its own process, then one table.

Parts: pages at each size, the load run (at 10 000 cases, or the smallest size), the PDFs and
the reminder scan at each size. Each process sets Django up on its own database and merges
its scenarios into bench/results.json; the table at the end is read from there.

Run: python -m bench.run [--sizes 10000 100000] [--quick] [--only pages load pdf reminders]
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

from bench.common import RESULTS, load_results, merge_results

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("pages", "load", "pdf", "reminders")
PAGES = (
    "dashboard",
    "case_list",
    "case_list_filtered",
    "case_list_deep",
    "case_list_search",
    "case_detail",
    "intake_get",
    "intake_post",
)


def commands(sizes: list[int], quick: bool, only: list[str]) -> list[tuple[str, list[str]]]:
    """(label, module and arguments) per process, in the order they run."""
    steps = []
    if "pages" in only:
        for cases in sizes:
            steps.append(
                (
                    f"pages at {cases} cases",
                    ["bench.pages", "--cases", str(cases)] + (["--repeat", "5"] if quick else []),
                )
            )
    if "load" in only:
        cases = 10_000 if 10_000 in sizes else min(sizes)
        steps.append(
            (
                f"load at {cases} cases",
                ["bench.load", "--cases", str(cases)]
                + (["--duration", "5", "--warmup", "5"] if quick else []),
            )
        )
    if "pdf" in only:
        steps.append(
            ("PDF", ["bench.pdf"] + (["--repeat", "3", "--bundle-repeat", "1"] if quick else []))
        )
    if "reminders" in only:
        steps.append(
            (
                "reminder scan",
                ["bench.reminder_scan", "--cases", *map(str, sizes)]
                + (["--rounds", "1"] if quick else []),
            )
        )
    return steps


def _ms(value) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _note(s: dict) -> str:
    if s["name"] == "load_mix":
        note = f"{s['rps']} req/s, {s['users']} users, {s['errors']} errors"
        if s.get("cpu_ms_per_request") is not None:
            note += (
                f"; CPU {s['cpu_ms_per_request']} ms/request (web {s['web_cpu_ms_per_request']},"
                f" PostgreSQL {s['postgres_cpu_ms_per_request']}), {s['rps_per_core']} req/s/core"
            )
        return note
    if s["name"] == "case_list_deep" and s.get("vs_page1") is not None:
        return f"{s['vs_page1']}× page 1"
    if s["name"] == "meeting_bundle":
        return f"warm cache; cold {_ms(s.get('cold_median_ms'))} ms"
    if s["name"].startswith("reminder"):
        return f"{s.get('inserted')} inserted"
    if s["name"] == "plan_pdf":
        note = f"minimal page {_ms(s.get('floor_median_ms'))} ms"
        if s.get("true_floor_ms") is not None:
            note += (
                f"; true floor {_ms(s['true_floor_ms'])} ms ({s['true_floor_lines']} lines"
                f" unstyled): {s['true_floor_ratio']}×"
            )
        return note
    if s.get("framework_floor_ms") is not None:
        return (
            f"framework floor {_ms(s['framework_floor_ms'])} ms"
            f" ({s['framework_floor_ratio']}× floor): {s['framework_ratio']}×"
        )
    return ""


def table(data: dict) -> str:
    header = (
        "scenario",
        "cases",
        "median ms",
        "p95 ms",
        "floor ms",
        "ratio",
        "queries",
        "target",
        "met",
        "note",
    )
    rows = [header]
    for s in sorted(data.get("scenarios", []), key=lambda s: (s["name"], s.get("cases") or 0)):
        met = {True: "yes", False: "NO", None: "—"}[s.get("met")]
        rows.append(
            (
                s["name"],
                str(s.get("cases") or "—"),
                _ms(s.get("app_median_ms")),
                _ms(s.get("app_p95_ms")),
                _ms(s.get("floor_median_ms")),
                "—" if s.get("ratio") is None else f"{s['ratio']}×",
                "—" if s.get("queries") is None else str(s["queries"]),
                s.get("target") or "—",
                met,
                _note(s),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    numeric = {1, 2, 3, 4, 5, 6}
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def queries_constant(data: dict) -> dict[str, bool]:
    """Per page scenario measured at more than one size: the same query count at each?"""
    counts: dict[str, set] = {}
    for s in data.get("scenarios", []):
        if s["name"] in PAGES and s.get("queries") is not None:
            counts.setdefault(s["name"], set()).add((s["cases"], s["queries"]))
    return {
        name: len({q for _, q in found}) == 1 for name, found in counts.items() if len(found) > 1
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer repeats, short load")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    args = parser.parse_args()

    if set(args.only) == set(PARTS) and RESULTS.exists():
        RESULTS.unlink()  # a whole run: results.json holds this run's figures only
    failed = []
    started = time.monotonic()
    for label, command in commands(args.sizes, args.quick, args.only):
        print(f"\n=== {label}: python -m {' '.join(command)}", flush=True)
        step_started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", *command], cwd=ROOT)
        print(f"=== {label}: {time.monotonic() - step_started:.0f} s", flush=True)
        if result.returncode != 0:
            failed.append(f"{label} (exit {result.returncode})")

    data = load_results()
    constant = queries_constant(data)
    merge_results([], quick=args.quick, sizes=args.sizes, queries_constant=constant)
    print(
        f"\nbench/results.json ({'quick smoke run' if args.quick else 'full run'}, "
        f"{time.monotonic() - started:.0f} s):\n"
    )
    print(table(load_results()))
    if constant:
        same = ", ".join(f"{n} {'yes' if ok else 'NO'}" for n, ok in sorted(constant.items()))
        print(f"\nsame query count at every size: {same}")
    if failed:
        print(f"\nfailed: {'; '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
