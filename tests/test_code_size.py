"""code size: no module in compare/ (or app.py) over 800 lines, no class over 200, no function over 80.

A newcomer reads a module in one sitting and a function on one screen; past these sizes a
file or a function is doing several jobs and wants splitting (compare/story/ is the pattern).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

MODULE_LINES = 800
CLASS_LINES = 200
FUNCTION_LINES = 80

FILES = sorted(path.relative_to(REPO).as_posix() for path in [*(REPO / "compare").rglob("*.py"), REPO / "app.py"])


def _oversized(path: Path) -> list[str]:
    """Each module, class or function of ``path`` longer than its limit, as "name: lines > limit"."""
    source = path.read_text(encoding="utf-8")
    found = []
    if (lines := len(source.splitlines())) > MODULE_LINES:
        found.append(f"module: {lines} lines > {MODULE_LINES}")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            limit, kind = CLASS_LINES, "class"
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            limit, kind = FUNCTION_LINES, "function"
        else:
            continue
        lines = (node.end_lineno or node.lineno) - node.lineno + 1
        if lines > limit:
            found.append(f"{kind} {node.name} (line {node.lineno}): {lines} lines > {limit}")
    return found


@pytest.mark.parametrize("name", FILES)
def test_code_size_within_limits(name: str) -> None:
    assert _oversized(REPO / name) == [], f"{name} wants splitting"
