"""A redis-server of a test's own, on a free port, that the test can stop and start again."""

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.processes import free_port


class RedisServer:
    def __init__(self, folder: Path, port: int | None = None):
        if shutil.which("redis-server") is None:
            pytest.skip("redis-server is not installed")
        self.folder = folder
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None
        self.log = folder / f"redis-{self.port}.log"

    def start(self) -> "RedisServer":
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
                "--logfile",
                str(self.log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while self.cli("PING") != "PONG":
            assert self.proc.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, "redis-server did not answer"
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        """Stop it and wait until the port refuses connections."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.proc = None

    def cli(self, *command: str) -> str:
        result = subprocess.run(
            ["redis-cli", "-p", str(self.port), *command],
            capture_output=True,
            text=True,
            timeout=10,
        )
        return result.stdout.strip()
