#!/usr/bin/env python3
"""Macht aus dem Text eines Issues (Formular „Praxisbeispiel vorschlagen“ oder „Kommunenprofil ergänzen
oder korrigieren“) einen geprüften Eintrag. Nichts wird geschrieben, wenn der Eintrag nicht gültig wäre.

    python scripts/from_issue.py issue.md
    gh issue view 12 --json body -q .body | python scripts/from_issue.py
    python scripts/from_issue.py issue.md --ausgabe -      # nur anzeigen
"""

import sys

from praxisatlas.cli import from_issue_main

if __name__ == "__main__":
    sys.exit(from_issue_main())
