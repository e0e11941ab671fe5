#!/usr/bin/env python3
"""Übernimmt die Titel der Themen und die Namen der Kommunen aus content/ in die Auswahllisten der
Issue-Formulare (.github/ISSUE_TEMPLATE/). Mit --pruefen wird nur geprüft (so im Pull Request).

    python scripts/issue_forms.py
    python scripts/issue_forms.py --pruefen
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from praxisatlas.cli import issue_forms_main as main

if __name__ == "__main__":
    sys.exit(main())
