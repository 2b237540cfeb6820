"""Docs that stay true: the README's set-up commands, the CLI contract, the settings."""

from __future__ import annotations

import re

import pytest

from compare import settings
from compare.cli import parser
from tests.conftest import REPO

README = (REPO / "README.md").read_text()
ARCHITECTURE = (REPO / "docs" / "ARCHITECTURE.md").read_text()


def _subcommands() -> list[str]:
    actions = [a for a in parser()._actions if a.dest == "command"]
    return sorted(actions[0].choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", ["make demo", "make test"])
def test_docs_readme_names_setup_commands(command: str) -> None:
    assert command in README


@pytest.mark.parametrize("target", ["demo", "test"])
def test_docs_makefile_has_target(target: str) -> None:
    assert re.search(rf"^{target}:", (REPO / "Makefile").read_text(), re.M)


def test_docs_ci_runs_make_test() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text()


@pytest.mark.parametrize("name", _subcommands())
def test_docs_readme_lists_every_subcommand(name: str) -> None:
    assert f"python -m compare {name}" in README


def test_docs_every_setting_is_documented() -> None:
    names = [n for n in vars(settings) if n.isupper()]
    missing = [n for n in names if n not in ARCHITECTURE]
    assert not missing, f"settings not described in docs/ARCHITECTURE.md: {missing}"


def test_docs_architecture_names_every_module() -> None:
    """Each module directly in compare/ and each subpackage appears in docs/ARCHITECTURE.md."""
    names = {
        f"compare/{p.name}" if p.is_file() else f"compare/{p.name}/"
        for p in (REPO / "compare").iterdir()
        if (p.suffix == ".py" and p.name not in {"__init__.py", "__main__.py"}) or (p / "__init__.py").exists()
    }
    missing = sorted(n for n in names if n not in ARCHITECTURE)
    assert not missing, f"modules not described in docs/ARCHITECTURE.md: {missing}"
