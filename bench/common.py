"""Shared bench plumbing: a dedicated PostgreSQL database per size, timing, results.json."""

import json
import os
import statistics
import subprocess
import time
from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")
BASE_URL = os.environ.get("BENCH_DATABASE_BASE", "postgres://postgres@127.0.0.1:5432")


def database_url(cases: int) -> str:
    return f"{BASE_URL}/plusdossier_bench_{cases}"


def ensure_database(cases: int) -> None:
    """Create, migrate and seed the bench database for `cases` (once; later runs reuse it)."""
    name = f"plusdossier_bench_{cases}"
    exists = subprocess.run(
        [
            "psql",
            f"{BASE_URL}/postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            ["psql", f"{BASE_URL}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True
        )


def setup_django(cases: int) -> None:
    os.environ["DATABASE_URL"] = database_url(cases)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DEBUG"] = "false"  # as in production: no query log, cached templates
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from casework.models import Case

    if Case.objects.count() < cases:
        started = time.monotonic()
        call_command("seed_demo", cases=cases, seed=2026, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"  seed_demo --cases {cases}: {time.monotonic() - started:.1f} s", flush=True)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def merge_results(scenarios: list[dict]) -> None:
    """Replace the scenarios with the same (name, cases) in bench/results.json, keep the rest."""
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    keep = [
        s
        for s in data.get("scenarios", [])
        if (s["name"], s.get("cases")) not in {(n["name"], n.get("cases")) for n in scenarios}
    ]
    data["scenarios"] = sorted(keep + scenarios, key=lambda s: (s.get("cases") or 0, s["name"]))
    data["machine"] = f"{os.cpu_count()} cores"
    data["generated_at"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    RESULTS.write_text(json.dumps(data, indent=2) + "\n")
