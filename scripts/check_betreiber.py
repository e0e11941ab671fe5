#!/usr/bin/env python3
"""Prüft vor der Veröffentlichung die Angaben zum Betreiber (content/betreiber.yml): Jeder Platzhalter und jeder
Fehler verhindert das Veröffentlichen, denn Impressum, Datenschutzerklärung und Erklärung zur Barrierefreiheit
entstehen daraus. (Ein Build auf dem eigenen Rechner warnt nur.)"""

import sys

from praxisatlas.cli import operator_gate_main

if __name__ == "__main__":
    sys.exit(operator_gate_main())
