#!/usr/bin/env python3
"""Erzeugt das Handbuch als barrierearmes PDF (ganz, für ein Thema, oder Steckbriefe der Kommunen)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from praxisatlas import REPO_ROOT
from praxisatlas.checks.validate import load_and_validate
from praxisatlas.cli import report
from praxisatlas.domain import dates
from praxisatlas.domain.findings import has_errors
from praxisatlas.render.handbook import HandbookData, render_pdf, render_pdfs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Erzeugt das Handbuch des Praxisatlas Jugendhilfe als PDF.")
    parser.add_argument("-o", "--ausgabe", type=Path, required=True,
                        help="Ziel-PDF (oder Ordner bei --steckbriefe)")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="Wurzelordner der Wissensbasis")
    parser.add_argument("--thema", help="nur das Handbuch dieses Themas (Kurzname)")
    parser.add_argument("--steckbriefe", action="store_true", help="je Kommune einen Steckbrief in den Ordner")
    parser.add_argument("--png", type=Path, help="Deckblatt und Inhaltsverzeichnis zusätzlich als PNG hierher")
    args = parser.parse_args(argv)
    today = dates.today()
    kb, findings = load_and_validate(args.root, today)
    if has_errors(findings):
        report(findings)
        print("Abbruch: Die Inhalte enthalten Fehler; es wurde kein PDF geschrieben.", file=sys.stderr)
        return 1
    data = HandbookData(kb, today=today)
    if args.thema and args.thema not in kb.themen:
        print(f"Fehler: Das Thema „{args.thema}“ gibt es nicht. Vorhanden: {', '.join(sorted(kb.themen))}.",
              file=sys.stderr)
        return 1
    if args.steckbriefe:
        render_pdfs([(data.steckbrief(slug), args.ausgabe / f"{slug}.pdf") for slug in sorted(kb.kommunen)], today)
        print(f"{len(kb.kommunen)} Steckbriefe nach {args.ausgabe} geschrieben.", file=sys.stderr)
    else:
        render_pdf(data.handbook(args.thema), args.ausgabe, today)
        print(f"Handbuch nach {args.ausgabe} geschrieben.", file=sys.stderr)
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(args.ausgabe),
                            str(args.png / "handbuch-seite")], check=True)
            print(f"Deckblatt und Inhaltsverzeichnis als PNG in {args.png}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
