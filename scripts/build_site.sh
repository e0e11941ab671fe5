#!/usr/bin/env bash
# Installiert, was die Website braucht (Python-Umgebung .venv/ mit den Versionen aus requirements-lock.txt,
# npm-Pakete aus package-lock.json; npm und python3-venv über apt-get, falls sie fehlen), prüft die Inhalte
# und baut die Website nach site/.
# Mit "serve" als Argument startet danach die Vorschau unter http://127.0.0.1:8000/ (schnell: ohne PDFs, und
# "--dirty" baut nach einer Änderung nur die geänderten Seiten neu).
# PRAXISATLAS_HANDBUCH=false baut ohne Handbuch und Steckbriefe (PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/setup.sh
. scripts/setup.sh
# npm (Debian: the package npm, with Node.js): Pagefind, which writes the search index, and the form editor at
# /bearbeiten/ (Sveltia CMS) come from npm, at the versions in package-lock.json
setup_debian_packages npm:npm
setup_python_packages
npm ci --silent --no-audit --no-fund
python scripts/validate.py
PRAXISATLAS_HANDBUCH="${PRAXISATLAS_HANDBUCH:-true}" in_ci_log python -m mkdocs build --strict --site-dir site
if [ "${1:-}" = "serve" ]; then
  exec python -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000
fi
