#!/usr/bin/env bash
# Installiert, was die Website braucht, prüft die Inhalte und baut die Website nach site/.
# Mit "serve" als Argument startet danach die Vorschau unter http://127.0.0.1:8000/ (schnell: ohne PDFs, und
# "--dirty" baut nach einer Änderung nur die geänderten Seiten neu).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e .
# the form editor at /bearbeiten/ (Sveltia CMS) comes from npm; without npm the site says it is missing
if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund; fi
python3 scripts/validate.py
PRAXISATLAS_HANDBUCH=true python3 -m mkdocs build --strict --site-dir site
if [ "${1:-}" = "serve" ]; then
  exec python3 -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000
fi
