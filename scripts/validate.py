#!/usr/bin/env python3
"""Prüft alle Einträge des Praxisatlas und meldet jeden Fehler mit Datei, Zeile und Spalte."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from praxisatlas import REPO_ROOT
from praxisatlas.checks.validate import load_and_validate
from praxisatlas.cli import report, summary
from praxisatlas.domain.findings import Level


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Prüft die Inhalte des Praxisatlas Jugendhilfe.")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="Wurzelordner der Wissensbasis")
    parser.add_argument("--strict", action="store_true", help="auch Warnungen als Fehler werten")
    args = parser.parse_args(argv)
    kb, findings = load_and_validate(args.root)
    code = report(findings, strict=args.strict)
    errors = sum(f.level is Level.ERROR for f in findings)
    counts = ", ".join(f"{len(kb.entries[k])} {k}" for k in kb.entries)
    status = "OK" if code == 0 else "nicht bestanden"
    print(f"Prüfung {status}: {summary(errors, len(findings) - errors)} ({counts}).", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
