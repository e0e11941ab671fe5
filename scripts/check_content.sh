#!/usr/bin/env bash
# Die Inhaltsprüfung des Pull-Request-Workflows („Inhalte prüfen“) für das Projekt im aktuellen Ordner:
# der Validator streng (Warnungen zählen; Platzhalter in content/betreiber.yml dürfen bleiben) und ob die
# Auswahllisten der Issue-Formulare zu den Inhalten passen. Exit-Code ungleich 0, sobald eines fehlschlägt.
set -uo pipefail
status=0
echo "Inhalte prüfen: python scripts/validate.py --strict"
python "$(dirname "$0")/validate.py" --strict || status=1
echo "Issue-Formulare prüfen: python scripts/issue_forms.py --pruefen"
python "$(dirname "$0")/issue_forms.py" --pruefen || status=1
exit "$status"
