#!/usr/bin/env python3
"""Prüft vor der Veröffentlichung die Angaben zum Betreiber (content/betreiber.yml): Jeder Platzhalter und jeder
Fehler verhindert das Veröffentlichen, denn Impressum, Datenschutzerklärung und Erklärung zur Barrierefreiheit
entstehen daraus. (Ein Build auf dem eigenen Rechner warnt nur.)"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runs in the workflow without installing

from praxisatlas.cli import operator_gate_main as main

if __name__ == "__main__":
    sys.exit(main())
