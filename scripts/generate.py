#!/usr/bin/env python3
"""Schreibt alle Seiten der Website als Markdown in einen Ordner (für andere MkDocs-kompatible Werkzeuge)."""

import sys

from praxisatlas.cli import generate_main

if __name__ == "__main__":
    sys.exit(generate_main())
