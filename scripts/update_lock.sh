#!/usr/bin/env bash
# Schreibt requirements-lock.txt neu: löst alle Abhängigkeiten aus pyproject.toml (mit den Extras test und ci)
# in den neuesten Versionen auf, die pyproject.toml erlaubt und die auf Python 3.11.2 laufen (Debian 12, die
# älteste Python-Version, auf der die README-Befehle installieren). Nur mit Absicht aufrufen (README,
# „Abhängigkeiten“); danach bash scripts/run_tests.sh und die geänderte Datei mit dem Grund einreichen.
# Läuft mit jedem Python 3.11 (PYTHON=… wählt ein anderes als python3).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "Fehler: $python ist kein Python 3.11 (Bedingungen in Paketen wie python_version < \"3.12\" sollen für 3.11 gelten)." >&2
  echo "Zum Beispiel: PYTHON=python3.11 bash scripts/update_lock.sh" >&2
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" - "$tmp" <<'PYTHON'
"""Resolve pyproject.toml's dependencies for Python 3.11.2 with pip (dry run, wheels only) and write the lock."""
import json
import platform
import subprocess
import sys
import tomllib
from pathlib import Path

OLDEST = "3.11.2"  # Debian 12's Python: a release that needs a newer one would break the README's commands there
tmp = Path(sys.argv[1])
project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
wanted = [*project["dependencies"], *(item for group in project["optional-dependencies"].values() for item in group)]
subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--dry-run",
                "--ignore-installed", "--only-binary=:all:", "--python-version", OLDEST, "--target", str(tmp / "t"),
                "--report", str(tmp / "report.json"), *wanted], check=True)
chosen = json.loads((tmp / "report.json").read_text(encoding="utf-8"))["install"]
pins = sorted((item["metadata"]["name"], item["metadata"]["version"]) for item in chosen)
lines = [
    "# Die Versionen aller Python-Pakete des Projekts (mit den Extras test und ci), als pip-Constraints.",
    "# Installiert von scripts/build_site.sh, scripts/run_tests.sh, .ci/run und den Workflows:",
    '#   python -m pip install -c requirements-lock.txt -e ".[test]"',
    f"# Erzeugt von scripts/update_lock.sh (pip {subprocess.check_output([sys.executable, '-m', 'pip', '--version'], text=True).split()[1]}"
    f" unter Python {platform.python_version()}), aufgelöst für Python {OLDEST} (Debian 12).",
    "# Änderungen nur mit Absicht (README, Abhängigkeiten) oder als Pull Request von Dependabot.",
    *(f"{name}=={version}" for name, version in sorted(pins, key=lambda pin: pin[0].lower())),
]
Path("requirements-lock.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"requirements-lock.txt geschrieben ({len(pins)} Pakete).")
PYTHON
