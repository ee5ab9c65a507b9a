"""``roundup-editor check PATH [--json]``: print a post's findings; exit 1 on any error."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from roundup_editor.lint.engine import has_errors, lint_path
from roundup_editor.lint.finding import Finding


def format_finding(name: str, finding: Finding) -> str:
    """Return one human-readable line: ``file:line:column: severity [rule] message (fix)``."""
    fix = f" (fix: {finding.fix})" if finding.fix else ""
    return (
        f"{name}:{finding.line}:{finding.column}: {finding.severity} [{finding.rule}] "
        f"{finding.message}{fix}"
    )


def run_check(args: argparse.Namespace) -> int:
    """Lint ``args.path`` and print the findings (a JSON list with ``args.json``).

    Returns 1 when any finding is an error, else 0.
    """
    file, findings = lint_path(Path(args.path))
    if getattr(args, "json", False):
        data = [finding.to_json() for finding in findings]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        for finding in findings:
            print(format_finding(str(file), finding))
        counts = {
            severity: sum(1 for finding in findings if finding.severity == severity)
            for severity in ("error", "warning", "info")
        }
        summary = ", ".join(
            f"{count} {name}{'s' if count != 1 else ''}" for name, count in counts.items()
        )
        print(f"{file}: {summary}")
    return 1 if has_errors(findings) else 0
