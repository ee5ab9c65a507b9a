"""Run every benchmark and print a table (or, with --json, one JSON object of named figures).

Each ``benchmarks/bench_*.py`` module defines ``run(quick: bool) -> list[Figure]``. A figure may
name a baseline figure measured in the same run; the table shows the ratio to it and the target.

    uv run python benchmarks/run.py [--json] [--only NAME] [--quick]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from figures import Figure  # noqa: E402


def load_modules(only: str | None) -> list[object]:
    """Import every bench_*.py beside this file (or only the one named)."""
    modules = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and only not in path.stem:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def format_table(figures: list[Figure]) -> str:
    """Return the figures as an aligned text table with ratios and targets."""
    by_name = {figure.name: figure for figure in figures}
    rows = [("figure", "value", "baseline", "ratio", "target", "ok")]
    for figure in figures:
        base = by_name.get(figure.baseline) if figure.baseline else None
        ratio = f"{figure.value / base.value:.2f}x" if base and base.value else ""
        ok = figure.verdict(base)
        rows.append(
            (
                figure.name,
                f"{figure.value:.3f} {figure.unit}",
                base.name if base else "",
                ratio,
                figure.target_text(),
                {True: "yes", False: "NO", None: ""}[ok],
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object of figures")
    parser.add_argument("--only", help="run only bench modules whose name contains this")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke test)")
    args = parser.parse_args()
    figures: list[Figure] = []
    for module in load_modules(args.only):
        figures.extend(module.run(args.quick))  # type: ignore[attr-defined]
    if args.json:
        print(json.dumps({figure.name: round(figure.value, 4) for figure in figures}, indent=2))
    else:
        print(format_table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
