#!/usr/bin/env bash
# Installiert alles, was die Tests brauchen (Debian-Pakete, Python-Pakete, axe-core), und führt alle Tests aus.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
need=""
command -v chromium >/dev/null || need="$need chromium"
command -v qpdf >/dev/null || need="$need qpdf"
command -v pdfinfo >/dev/null || need="$need poppler-utils"
command -v java >/dev/null || need="$need default-jre-headless"  # the W3C validator (vnu-jar from npm)
if [ -n "$need" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
npm ci --silent --no-audit --no-fund
python3 -m ruff check .
python3 -m pytest "$@"
