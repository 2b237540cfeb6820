"""The code each build stage runs, as a digest.

A stage's results depend on its inputs, its settings and its code. Inputs and settings are
in the build key already (``store.fingerprint``); this module adds the code: the source of
the module that computes a stage and of every ``compare`` module it imports, directly or
not (word lists and rules are Python data in those modules, so they count too), and the
installed versions of the libraries they import (spaCy and its model, trafilatura ...). A change
to any of them changes the build key, so a corpus is never served what older code computed, and
results a previous build stored (quotes, named entities) are reused only when the code
that made them is byte for byte the same. Hand-bumped version numbers get forgotten;
digests do not.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import importlib.util
from functools import cache
from pathlib import Path

#: The module that computes each stage whose results a build stores or a rebuild reuses.
STAGE_MODULES = {
    "ingest": "compare.ingest",
    "embed": "compare.embed",
    "group": "compare.group",
    "quotes": "compare.quotes",
    "names": "compare.framing.naming",
    "passages": "compare.passages",
    "terms": "compare.framing.distinctive",
}
_PACKAGE = "compare"
_PACKAGE_DIR = Path(__file__).resolve().parent
#: Modules that load a package by a name held in a constant, not by import (spaCy loads its model so).
_LOADED_BY_NAME = {"compare.nlp": "SPACY_PACKAGE"}


def _source_file(module: str) -> Path | None:
    """The ``.py`` file of a ``compare`` module, or None for a name that is not one (an imported attribute).

    Found by path, not ``importlib.util.find_spec``: that imports the parents, and ``compare.nlp.X``
    would load spaCy just to be told X is no module."""
    base = _PACKAGE_DIR.parent.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def _imported(module: str, path: Path) -> frozenset[str]:
    """``compare`` modules that the file ``path`` of ``module`` imports anywhere (function-level imports included).

    Remembered per file: every stage's closure and library scan reads the same modules (parsing them
    again and again was most of the second an open spent on the build key)."""
    found: set[str] = set()
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                parent = package[: len(package) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # "from compare import settings"
    return frozenset(found)


def _ours(names: frozenset[str] | set[str]) -> set[str]:
    return {name for name in names if name == _PACKAGE or name.startswith(f"{_PACKAGE}.")}


@cache
def _closure(module: str) -> dict[str, Path]:
    """Every ``compare`` module ``module`` reaches through imports (itself included), by dotted name."""
    seen: dict[str, Path] = {}
    waiting = [module]
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        path = _source_file(name)
        if path is None:
            continue
        seen[name] = path
        waiting.extend(_ours(_imported(name, path)) - seen.keys())
    return seen


def module_closure(module: str) -> tuple[Path, ...]:
    """Source files of ``module`` and every ``compare`` module it reaches through imports, sorted."""
    return tuple(sorted(set(_closure(module).values())))


@cache
def _providers() -> dict[str, list[str]]:
    """Top-level import names to the distributions that install them (scanning them all costs ~0.3 s)."""
    return dict(importlib.metadata.packages_distributions())


def _constant(path: Path, name: str) -> str:
    """The string a module assigns to ``name``, read from its source: importing it would load what it names."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise LookupError(f"{path} assigns no string to {name}")


@cache
def library_versions(module: str) -> tuple[tuple[str, str], ...]:
    """(distribution, version) of every third-party library the modules of ``module_closure`` import,
    and of the packages loaded by name (``_LOADED_BY_NAME``: spaCy's model)."""
    names: set[str] = set()
    for dotted, path in _closure(module).items():
        imported = _imported(dotted, path)
        names.update(name.split(".")[0] for name in imported - _ours(imported))
        if dotted in _LOADED_BY_NAME:
            names.add(_constant(path, _LOADED_BY_NAME[dotted]))
    providers = _providers()
    versions = set()
    for name in names:
        for distribution in providers.get(name, ()):
            try:
                versions.add((distribution, importlib.metadata.version(distribution)))
            except importlib.metadata.PackageNotFoundError:
                continue
    return tuple(sorted(versions))


@cache
def code_digest(module: str) -> str:
    """A digest of the source ``module_closure`` finds and of ``library_versions``: the same code and
    libraries give the same digest on any machine."""
    digest = hashlib.sha256()
    for name, path in sorted(_closure(module).items()):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for distribution, version in library_versions(module):
        digest.update(f"{distribution}=={version}\0".encode())
    return digest.hexdigest()[:16]


def stage_versions() -> dict[str, str]:
    """Each stage's code digest, by stage name (see ``STAGE_MODULES``)."""
    return {stage: code_digest(module) for stage, module in STAGE_MODULES.items()}
