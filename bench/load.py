"""Load run: logged-in virtual users against gunicorn (4 workers) on the bench database.

gunicorn serves `config.wsgi` with DEBUG false on 127.0.0.1, on a port the kernel picks. Each
virtual user logs in through the real login form (the demo coordinator), then requests pages
from a fixed mix back to back, without think time (a closed loop: the figure is what the
server sustains at that concurrency). After a warm-up, requests that start and end inside the
measured window count; anything but a 200 (or a failed connection) is an error. gunicorn is
stopped at the end, also on an error or an interrupt.

CPU per request: the CPU time (user + system, from /proc) that gunicorn's processes and the
PostgreSQL server's processes for the bench database (its backends and the server's own
writers) spent in the measured window, divided by the requests in it. Throughput on a machine
is its cores divided by that figure, whatever the number of workers.

Run: python -m bench.load --cases 10000 --users 20 --duration 20
"""

import argparse
import http.client
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bench.common import merge_results, setup_django, summary

ROOT = Path(__file__).resolve().parent.parent
USERNAME, PASSWORD = "coordinator", "plusdossier-demo"
# Scenario names as in bench.pages, and how often each comes up in the mix.
MIX = {"dashboard": 2, "case_list": 3, "case_list_deep": 1, "case_list_search": 1, "case_detail": 3}
REQUEST_TIMEOUT = 30  # seconds, per request


class Gunicorn:
    """gunicorn in its own process group, bound to 127.0.0.1 on a free port; stopped on exit."""

    def __init__(self, database_url: str, workers: int):
        self.database_url, self.workers = database_url, workers
        self.process, self.port = None, None
        self.log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log")  # noqa: SIM115

    def __enter__(self) -> "Gunicorn":
        env = os.environ | {
            "DATABASE_URL": self.database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "PRODUCTION": "false",  # plain HTTP on loopback: no SSL redirect, no secure cookies
            "MFA_REQUIRED": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                "127.0.0.1:0",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole below
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{self.log_tail()}")
            text = Path(self.log.name).read_text(errors="replace")
            if self.port is None and (
                found := re.search(r"Listening at: http://[\d.]+:(\d+)", text)
            ):
                self.port = int(found.group(1))
            if self.port and text.count("Booting worker") >= self.workers:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                try:
                    connection.request("GET", "/healthz")
                    if connection.getresponse().status == 200:
                        return
                except OSError:
                    pass
                finally:
                    connection.close()
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready after {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
        self.process = None
        self.log.close()

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: str) -> list[str] | None:
    """/proc/<pid>/stat from field 3 (state) on: [2] is the process group, [11] to [14] are
    utime, stime, cutime and cstime in clock ticks."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None  # gone meanwhile
    return text[text.rindex(")") + 2 :].split()


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def cpu_seconds(process_group: int, database: str) -> tuple[float, float]:
    """CPU seconds so far of gunicorn's process group (with its reaped children) and of the
    PostgreSQL processes serving `database` or the whole server (writers, checkpointer),
    not the backends of other databases."""
    web = postgres = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        fields = _stat(pid)
        if fields is None:
            continue
        used = sum(int(value) for value in fields[11:15])
        if int(fields[2]) == process_group:
            web += used
        elif (command := _cmdline(pid)).startswith("postgres: "):
            backend = "(" in command or "[local]" in command  # a client's connection
            if not backend or f" {database} " in command:
                postgres += int(fields[11]) + int(
                    fields[12]
                )  # a postmaster's reaped children apart
    return web / CLOCK_TICKS, postgres / CLOCK_TICKS


class Browser:
    """One user's HTTP connection and cookies (sessionid, csrftoken)."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # the next request opens a new connection
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response.status, content

    def post(self, path: str, form: dict) -> tuple[int, bytes]:
        return self.request("POST", path, form | {"csrfmiddlewaretoken": self.cookies["csrftoken"]})

    def log_in(self, username: str, password: str) -> None:
        self.connection.timeout = 120  # password hashing is slow on purpose
        try:
            self.request("GET", "/account/login/")
            status, _ = self.post("/account/login/", {"login": username, "password": password})
        finally:
            self.connection.close()
            self.connection.timeout = REQUEST_TIMEOUT
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login as {username} failed: HTTP {status}")


def page_requests(count: int = 50) -> dict[str, list[tuple[str, str, dict | None]]]:
    """Per scenario, the requests a user picks from (method, path, form)."""
    from accounts.models import User
    from bench.pages import list_cursor, targets

    coordinator = User.objects.get(username=USERNAME)
    deep, samples = targets(coordinator.region_id, count)
    return {
        "dashboard": [("GET", "/casussen/", None)],
        "case_list": [("GET", "/casussen/lijst/", None)],
        "case_list_deep": [
            ("GET", f"/casussen/lijst/?{urlencode({'na': list_cursor(c)})}", None) for c in deep
        ],
        "case_list_search": [
            ("POST", "/casussen/lijst/", {"q": c.student.last_name}) for c in samples
        ],
        "case_detail": [("GET", f"/casussen/{c.pk}/", None) for c in samples],
    }


def run(cases: int, users: int, duration: float, warmup: float, workers: int) -> dict:
    setup_django(cases)
    from django.conf import settings
    from django.db import connections

    requests = page_requests()
    database = settings.DATABASES["default"]
    connections.close_all()
    database_url = os.environ["DATABASE_URL"]
    names, weights = list(MIX), list(MIX.values())

    with Gunicorn(database_url, workers) as server:
        print(f"  gunicorn, {workers} workers, on 127.0.0.1:{server.port}", flush=True)
        browsers = [Browser(server.port) for _ in range(users)]
        begin = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:  # one login per worker at a time
            list(pool.map(lambda b: b.log_in(USERNAME, PASSWORD), browsers))
        print(
            f"  {users} users logged in as {USERNAME} ({time.perf_counter() - begin:.1f} s)",
            flush=True,
        )

        measured: list[tuple[str, float, bool]] = []
        failures: list[str] = []
        lock = threading.Lock()
        started = time.perf_counter()
        window_start, window_end = started + warmup, started + warmup + duration

        def user(index: int, browser: Browser) -> None:
            rng = random.Random(index)
            while time.perf_counter() < window_end:
                name = rng.choices(names, weights)[0]
                method, path, form = rng.choice(requests[name])
                begin = time.perf_counter()
                try:
                    if method == "POST":
                        status, _ = browser.post(path, form)
                    else:
                        status, _ = browser.request(method, path)
                    ok, problem = status == 200, f"{name}: HTTP {status}"
                except (OSError, http.client.HTTPException) as error:
                    ok, problem = False, f"{name}: {type(error).__name__} {error}"
                end = time.perf_counter()
                if begin >= window_start and end <= window_end:
                    with lock:
                        measured.append((name, (end - begin) * 1000, ok))
                        if not ok:
                            failures.append(problem)

        threads = [
            threading.Thread(target=user, args=(i, b), daemon=True) for i, b in enumerate(browsers)
        ]
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, window_start - time.perf_counter()))
        client_cpu = time.process_time()
        web_start, postgres_start = cpu_seconds(server.process.pid, database["NAME"])
        time.sleep(max(0.0, window_end - time.perf_counter()))
        web_end, postgres_end = cpu_seconds(server.process.pid, database["NAME"])
        for thread in threads:
            thread.join(timeout=warmup + duration + REQUEST_TIMEOUT + 5)
        # The client shares the machine with the server: how much of a core it used.
        client_cores = (time.process_time() - client_cpu) / duration
        load_average = os.getloadavg()[0]
        print(f"  database {database['NAME']}; load average {load_average:.1f}", flush=True)

    latencies = [ms for _, ms, _ in measured]
    median, p95 = summary(latencies) if latencies else (None, None)
    per_page = {}
    for name in MIX:
        samples = [ms for n, ms, _ in measured if n == name]
        page_median, page_p95 = summary(samples) if samples else (None, None)
        per_page[name] = {
            "requests": len(samples),
            "errors": sum(1 for n, _, ok in measured if n == name and not ok),
            "median_ms": round(page_median, 1) if samples else None,
            "p95_ms": round(page_p95, 1) if samples else None,
        }
    errors = sum(1 for *_, ok in measured if not ok)
    count = max(len(measured), 1)
    web_ms = (web_end - web_start) * 1000 / count
    postgres_ms = (postgres_end - postgres_start) * 1000 / count
    cores = os.cpu_count() or 1
    for problem in sorted(set(failures))[:5]:
        print(f"  error: {problem}", flush=True)
    return {
        "name": "load_mix",
        "cases": cases,
        "app_median_ms": round(median, 1) if latencies else None,
        "app_p95_ms": round(p95, 1) if latencies else None,
        "p95_ms": round(p95, 1) if latencies else None,
        "floor_median_ms": None,
        "ratio": None,
        "queries": None,
        "rps": round(len(measured) / duration, 1),
        "rps_per_core": round(len(measured) / duration / cores, 1),
        "cpu_ms_per_request": round(web_ms + postgres_ms, 1),
        "web_cpu_ms_per_request": round(web_ms, 1),
        "postgres_cpu_ms_per_request": round(postgres_ms, 1),
        "cores": cores,
        "requests": len(measured),
        "errors": errors,
        "users": users,
        "workers": workers,
        "duration_s": duration,
        "warmup_s": warmup,
        "mix": MIX,
        "per_page": per_page,
        "client_cpu_cores": round(client_cores, 2),
        "load_average": round(load_average, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=20, help="concurrent virtual users")
    parser.add_argument("--duration", type=float, default=20, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=5, help="seconds before measuring")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()
    # A SIGTERM (e.g. from the orchestrator) unwinds like an error, so gunicorn is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(
        f"Load at {args.cases} cases: {args.users} users, {args.warmup:g} s warm-up, "
        f"{args.duration:g} s measured",
        flush=True,
    )
    row = run(args.cases, args.users, args.duration, args.warmup, args.workers)
    print(
        f"  load_mix: {row['rps']} requests/s, median {row['app_median_ms']} ms, "
        f"p95 {row['p95_ms']} ms, {row['requests']} requests, {row['errors']} errors",
        flush=True,
    )
    print(
        f"  CPU per request {row['cpu_ms_per_request']} ms (gunicorn "
        f"{row['web_cpu_ms_per_request']} ms, PostgreSQL {row['postgres_cpu_ms_per_request']} ms);"
        f" {row['rps_per_core']} requests/s per core on {row['cores']} cores; the client used "
        f"{row['client_cpu_cores']} of a core",
        flush=True,
    )
    for name, page in row["per_page"].items():
        print(
            f"    {name:<18} {page['requests']:>5} requests  median {page['median_ms']} ms  "
            f"p95 {page['p95_ms']} ms  errors {page['errors']}",
            flush=True,
        )
    merge_results([row])


if __name__ == "__main__":
    main()
