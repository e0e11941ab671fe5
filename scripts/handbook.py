#!/usr/bin/env python3
"""Erzeugt das Handbuch als barrierearmes PDF (ganz, für ein Thema, oder Steckbriefe der Kommunen)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from praxisatlas import REPO_ROOT  # noqa: E402
from praxisatlas.cli import report  # noqa: E402
from praxisatlas.findings import has_errors  # noqa: E402
from praxisatlas.render.handbook import HandbookData, render_pdf  # noqa: E402
from praxisatlas.validate import load_and_validate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Erzeugt das Handbuch des Praxisatlas Jugendhilfe als PDF.")
    parser.add_argument("-o", "--ausgabe", type=Path, required=True, help="Ziel-PDF (oder Ordner bei --steckbriefe)")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="Wurzelordner der Wissensbasis")
    parser.add_argument("--thema", help="nur das Handbuch dieses Themas (Kurzname)")
    parser.add_argument("--steckbriefe", action="store_true", help="je Kommune einen Steckbrief in den Ordner schreiben")
    args = parser.parse_args(argv)
    kb, findings = load_and_validate(args.root)
    if has_errors(findings):
        report(findings)
        print("Abbruch: Die Inhalte enthalten Fehler; es wurde kein PDF geschrieben.", file=sys.stderr)
        return 1
    data = HandbookData(kb)
    if args.thema and args.thema not in kb.themen:
        print(f"Fehler: Das Thema „{args.thema}“ gibt es nicht. Vorhanden: {', '.join(sorted(kb.themen))}.",
              file=sys.stderr)
        return 1
    if args.steckbriefe:
        for slug in sorted(kb.kommunen):
            render_pdf(data.steckbrief(slug), args.ausgabe / f"{slug}.pdf")
        print(f"{len(kb.kommunen)} Steckbriefe nach {args.ausgabe} geschrieben.", file=sys.stderr)
    else:
        render_pdf(data.handbook(args.thema), args.ausgabe)
        print(f"Handbuch nach {args.ausgabe} geschrieben.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
