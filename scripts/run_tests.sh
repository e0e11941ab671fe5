#!/usr/bin/env bash
# Installiert alles, was die Tests brauchen (Debian-Pakete, Python-Umgebung .venv/ mit den Versionen aus
# requirements-lock.txt, axe-core), und führt alle Tests aus. Angaben werden an pytest weitergereicht,
# z. B. bash scripts/run_tests.sh tests/test_export.py -x
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/setup.sh
. scripts/setup.sh
# Java for the W3C validator (vnu-jar from npm)
setup_debian_packages chromium:chromium qpdf:qpdf pdfinfo:poppler-utils java:default-jre-headless npm:npm
setup_python_packages test
npm ci --silent --no-audit --no-fund
python -m ruff check .
in_ci_log python -m pytest "$@"
