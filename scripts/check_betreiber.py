#!/usr/bin/env python3
"""Prüft vor der Veröffentlichung die Angaben zum Betreiber (content/betreiber.yml): Jeder Platzhalter
und jeder Fehler verhindert das Veröffentlichen, denn Impressum, Datenschutzerklärung und Erklärung zur
Barrierefreiheit entstehen daraus. (Ein Build auf dem eigenen Rechner warnt nur.)"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from praxisatlas.checks.operator import publish_refusals
from praxisatlas.cli import report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="Wurzelordner der Wissensbasis (Voreinstellung: der aktuelle Ordner)")
    args = parser.parse_args(argv)
    refusals = publish_refusals(args.root)
    code = report(refusals)
    if code:
        print(f"Nicht veröffentlichen: {len(refusals)} Angaben zum Betreiber fehlen oder sind noch Platzhalter. "
              "Bitte content/betreiber.yml vervollständigen.", file=sys.stderr)
    else:
        print("Angaben zum Betreiber vollständig: Impressum, Datenschutz und Barrierefreiheit können "
              "veröffentlicht werden.", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
