#!/usr/bin/env bash
# Schreibt requirements-lock.txt neu: installiert das Projekt mit allen Extras (test, ci) in eine frische,
# leere Python-Umgebung, in den neuesten Versionen, die pyproject.toml erlaubt, und hält fest, was pip dabei
# gewählt hat (pip freeze). Nur auf Absicht aufrufen (siehe README, „Abhängigkeiten“); danach die Tests laufen
# lassen und die geänderte Datei mit einer Nachricht einreichen, die sagt, was sich geändert hat.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[test,ci]"
version="$("$tmp/venv/bin/python" -c 'import platform; print(platform.python_version())')"
{
  echo "# Die Versionen aller Python-Pakete des Projekts (mit den Extras test und ci), als pip-Constraints."
  echo "# Installiert von scripts/build_site.sh, scripts/run_tests.sh, .ci/run und den Workflows:"
  echo "#   python -m pip install -c requirements-lock.txt -e \".[test]\""
  echo "# Erzeugt von scripts/update_lock.sh mit Python $version. Änderungen nur mit Absicht (README, Abhängigkeiten)"
  echo "# oder als Pull Request von Dependabot (.github/dependabot.yml)."
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable --disable-pip-version-check
} > requirements-lock.txt.neu
mv requirements-lock.txt.neu requirements-lock.txt
echo "requirements-lock.txt geschrieben ($(grep -cv '^#' requirements-lock.txt) Pakete)."
