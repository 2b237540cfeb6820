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


def settings_table() -> str:
    """docs/SETTINGS.md as it should read: every setting with its `#:` comment from compare/settings.py."""
    rows, comment = [], []
    for line in (REPO / "compare" / "settings.py").read_text().splitlines():
        if line.startswith("#:"):
            comment.append(line[2:].strip())
            continue
        match = re.match(r"^([A-Z][A-Z0-9_]*)\s*[:=]", line)
        if match:
            rows.append(f"| `{match.group(1)}` | {' '.join(comment).replace('|', '/')} |")
        comment = []
    header = (
        "# Settings\n\nEvery tunable default lives in `compare/settings.py`; this table is generated from its "
        "comments\n(`python -m tests.test_docs_honest > docs/SETTINGS.md`).\n\n| setting | meaning |\n|---|---|\n"
    )
    return header + "\n".join(rows) + "\n"


def test_docs_every_setting_is_documented() -> None:
    names = [n for n in vars(settings) if n.isupper()]
    table = settings_table()
    undocumented = [n for n in names if f"| `{n}` | |" in table or f"`{n}`" not in table]
    assert not undocumented, f"give these settings a #: comment in compare/settings.py: {undocumented}"
    assert (REPO / "docs" / "SETTINGS.md").read_text() == table, "regenerate docs/SETTINGS.md (see its header)"


def test_docs_architecture_names_every_module() -> None:
    """Each module directly in compare/ and each subpackage appears in docs/ARCHITECTURE.md."""
    names = {
        f"compare/{p.name}" if p.is_file() else f"compare/{p.name}/"
        for p in (REPO / "compare").iterdir()
        if (p.suffix == ".py" and p.name not in {"__init__.py", "__main__.py"}) or (p / "__init__.py").exists()
    }
    missing = sorted(n for n in names if n not in ARCHITECTURE)
    assert not missing, f"modules not described in docs/ARCHITECTURE.md: {missing}"


if __name__ == "__main__":
    print(settings_table(), end="")
