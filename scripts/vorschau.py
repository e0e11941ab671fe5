#!/usr/bin/env python3
"""Schreibt die einseitige Zusammenfassung der Vorschau eines Pull Requests (geänderte Seiten mit ihrer Datei in
der gebauten Website, Meldungen der Prüfung). Im Workflow „Prüfen“ nach dem Bau der Website:

    python scripts/vorschau.py --site site --basis <commit> --pr 12 --ausgabe vorschau
"""

import sys

from praxisatlas.cli import preview_summary_main

if __name__ == "__main__":
    sys.exit(preview_summary_main())
