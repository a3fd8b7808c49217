"""`make install` names what the machine lacks in one line (config/system_check.py)."""

import subprocess
import sys
from pathlib import Path

from config import system_check

SCRIPT = Path(system_check.__file__)


def test_this_machine_has_what_the_tests_need():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--test"], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_what_is_missing_is_said_in_one_line_with_the_packages(monkeypatch, capsys):
    missing = (lambda: None, "Pango (WeasyPrint, voor de pdf's)", "libpango-1.0-0", "pango")
    also = (lambda: False, "Chromium (de browsertests)", "chromium", "--cask chromium")
    monkeypatch.setattr(system_check, "RUNTIME", [missing])
    monkeypatch.setattr(system_check, "TEST", [also])
    monkeypatch.setattr(system_check, "ADVISED", [])
    assert system_check.main([]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert "Pango" in lines[0] and "apt-get install -y libpango-1.0-0" in lines[0]
    assert "Chromium" not in lines[0]  # only with --test
    assert system_check.main(["--test"]) == 1
    assert "libpango-1.0-0 chromium" in capsys.readouterr().err
