"""Other processes of the stack (gunicorn, Celery worker and beat, a settings check) started by
tests: they use the test database of this run, on whichever server it lives."""

import copy
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from django.db import connection
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

BIN = Path(sys.executable).parent
# What the project hashes with (the root conftest uses MD5 in-process; gunicorn does not): a
# user who logs in on a server a test started needs a password hashed with it.
DEFAULT_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def subprocess_env(**extra: str) -> dict:
    """This environment, pointed at the test database: a host name as URL, the embedded
    server's socket folder as PGHOST (libpq's own variable; a URL cannot hold a path)."""
    db = connection.settings_dict
    env = dict(os.environ)
    if db["HOST"].startswith("/"):
        env["DATABASE_URL"] = f"postgres://{db['USER']}@/{db['NAME']}"
        env["PGHOST"] = db["HOST"]
    else:
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env["CELERY_TASK_ALWAYS_EAGER"] = "false"
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str], log_path: Path, env: dict | None = None) -> subprocess.Popen:
    """Start a process in its own process group (so `stop` ends its children too), its output
    in `log_path`; the environment of `subprocess_env()` unless one is given."""
    with open(log_path, "w") as log:
        return subprocess.Popen(
            args,
            env=env if env is not None else subprocess_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def start_gunicorn(
    log_path: Path, port: int, *, workers: int = 1, env: dict | None = None, args: tuple = ()
) -> subprocess.Popen:
    """gunicorn serving config.wsgi on 127.0.0.1:`port`."""
    command = [str(BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}"]
    return start([*command, "-w", str(workers), *args], log_path, env)


def health(port: int) -> dict | None:
    """What /healthz of the server on `port` says, None while it does not answer 200."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return json.loads(response.read()) if response.status == 200 else None
    except OSError:
        return None


def wait_for(predicate: Callable[[], object], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM the process group (a worker's children too); SIGKILL after 20 s."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@contextmanager
def queued_tasks():
    """Send tasks to the broker from this process, for a worker to run (without REDIS_URL the
    tests otherwise run them in-process)."""
    from config.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        app.conf.task_always_eager = eager


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Response:
    status: int
    content: bytes
    headers: Message
    seconds: float

    @property
    def text(self) -> str:
        return self.content.decode(errors="replace")


class Browser:
    """A browser's cookies against a real server; redirects are returned, not followed.

    `cookies_of` starts with a copy of another browser's cookies (its session on another
    server of the same site, as behind a load balancer); after that each keeps its own."""

    def __init__(self, base: str, *, cookies_of: "Browser | None" = None):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        for cookie in cookies_of.cookies if cookies_of else ():
            self.cookies.set_cookie(copy.copy(cookie))
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, *, files: bool = False) -> Response:
        """GET, or POST `data` (as multipart/form-data with `files`: file values such as
        SimpleUploadedFile, as Django's test client takes them)."""
        request = urllib.request.Request(self.base + path)
        if data is not None and files:
            request.data = encode_multipart(BOUNDARY, data)
            request.add_header("Content-Type", MULTIPART_CONTENT)
        elif data is not None:
            request.data = urllib.parse.urlencode(data, doseq=True).encode()
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=120) as response:
                status, content, headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, content, headers = error.code, error.read(), error.headers
        return Response(status, content, headers, time.monotonic() - started)

    def csrf(self, path: str) -> str:
        """The CSRF token of the form on the page at `path` (and its cookie, in the jar)."""
        response = self.request(path)
        assert response.status == 200, (path, response.status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)

    def cookie(self, name: str) -> str | None:
        return next((cookie.value for cookie in self.cookies if cookie.name == name), None)

    def log_in(self, username: str, password: str) -> Response:
        """Through the login form, as a person does (allauth, MFA off)."""
        login = reverse("account_login")
        token = self.csrf(login)
        return self.request(
            login, {"csrfmiddlewaretoken": token, "login": username, "password": password}
        )
