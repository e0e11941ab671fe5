#!/usr/bin/env python3
"""Übernimmt die Titel der Themen und die Namen der Kommunen aus content/ in die Auswahllisten der
Issue-Formulare (.github/ISSUE_TEMPLATE/). Mit --pruefen wird nur geprüft (so im Pull Request).

    python scripts/issue_forms.py
    python scripts/issue_forms.py --pruefen
"""

import sys

from praxisatlas.cli import issue_forms_main

if __name__ == "__main__":
    sys.exit(issue_forms_main())
