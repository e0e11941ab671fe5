#!/usr/bin/env python3
"""Legt ein neues Praxisbeispiel oder Kommunenprofil als gültiges, kommentiertes Gerüst an.

    python scripts/new.py praxis "Titel des Praxisbeispiels"
    python scripts/new.py kommune "Stadt Musterstadt"
    python scripts/new.py --vorlagen      # schreibt vorlagen/praxisbeispiel.md und vorlagen/kommune.yml
"""

import sys

from praxisatlas.cli import new_main

if __name__ == "__main__":
    sys.exit(new_main())
