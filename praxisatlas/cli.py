"""Shared helpers for the thin command-line scripts."""

from __future__ import annotations

import os
import sys

from praxisatlas.domain.findings import Finding, Level


def report(findings: list[Finding], *, strict: bool = False, stream=None) -> int:
    """Print findings (and GitHub annotations under Actions); return the exit code."""
    stream = stream or sys.stderr
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in findings:
        print(finding.format(), file=stream)
        if in_actions:
            print(finding.github_annotation(), file=sys.stdout)
    errors = sum(f.level is Level.ERROR for f in findings)
    warnings = len(findings) - errors
    failing = errors + (warnings if strict else 0)
    return 1 if failing else 0


def summary(errors: int, warnings: int) -> str:
    """'2 Fehler, 1 Warnung' in German."""
    return f"{errors} Fehler, {warnings} {'Warnung' if warnings == 1 else 'Warnungen'}"
