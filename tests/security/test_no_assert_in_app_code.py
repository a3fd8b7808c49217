"""Issue 8: no security check relies on `assert` (python -O strips it). The suite also runs
under PYTHONOPTIMIZE=1 in CI."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "casework", "consent", "core", "evaluations", "intake", "notifications"]
APPS += ["followups", "quality", "reports", "config"]


@pytest.mark.parametrize("app", APPS)
def test_app_code_has_no_assert_statements(app):
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in (ROOT / app).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.Assert)
    ]
    assert not found, found
