#!/usr/bin/env python3
"""Erzeugt das Handbuch als barrierearmes PDF (ganz, für ein Thema, oder Steckbriefe der Kommunen)."""

import sys

from praxisatlas.cli import handbook_main

if __name__ == "__main__":
    sys.exit(handbook_main())
