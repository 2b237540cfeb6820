"""`python -m benchmarks NAME [ARGS...]` runs benchmarks/bench_NAME.py; with no NAME, runs them all."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))


def main(argv: list[str]) -> int:
    names = argv[:1] or available()
    unknown = [name for name in names if name not in available()]
    if unknown:
        sys.stderr.write(f"unknown benchmark {unknown[0]!r}; choose from: {', '.join(available())}\n")
        return 2
    for name in names:
        script = HERE / f"bench_{name}.py"
        sys.argv = [str(script), *argv[1:]]  # each script parses its own arguments
        runpy.run_path(str(script), run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
