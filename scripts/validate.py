#!/usr/bin/env python3
"""Prüft alle Einträge des Praxisatlas und meldet jeden Fehler mit Datei, Zeile und Spalte."""

import sys

from praxisatlas.cli import validate_main

if __name__ == "__main__":
    sys.exit(validate_main())
