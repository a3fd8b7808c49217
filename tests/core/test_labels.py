"""Issue 19, finding 5: form labels start with a capital, as Django gives the model fields'
labels ("deelnemers", "casusnummer*" and "uitkomst*" were lower-case). Read from the source of
every form module, so a new field is checked too."""

import ast
from pathlib import Path

from django.conf import settings


def _labels(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.keyword) and node.arg == "label":
            call = node.value
            if isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.Constant):
                yield node.lineno, call.args[0].value


def test_every_form_label_starts_with_a_capital():
    root = Path(settings.BASE_DIR)
    modules = [*root.glob("*/forms.py"), *root.glob("*/forms/*.py")]
    assert len(modules) >= 8
    lower = [
        f"{path.relative_to(root)}:{line}: {text}"
        for path in modules
        if ".venv" not in path.parts
        for line, text in _labels(path)
        if text[:1].islower()
    ]
    assert not lower
