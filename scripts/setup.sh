# shellcheck shell=bash
# Sourced by scripts/build_site.sh, scripts/run_tests.sh and .ci/run (from the project folder), never run alone.
# Installs what the README's commands need, the same way on every machine:
#   - Debian packages in one apt-get call: the ones the caller names (Chromium, qpdf, poppler-utils for the
#     tests) and python3-venv, when `python3 -m venv` cannot make an environment (Debian and Ubuntu leave it
#     out of python3; their system Python is "externally managed", PEP 668, so pip may not install into it);
#   - the project's virtual environment .venv/ (git-ignored) with the Python packages at the versions pinned in
#     requirements-lock.txt (pip's constraints file; how to update it: README, "Abhängigkeiten").

VENV=".venv"
LOCK="requirements-lock.txt"

venv_ready() {
  [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

make_venv() {
  rm -rf "$VENV"
  if python3 -m venv "$VENV" >/dev/null 2>&1; then
    return 0
  fi
  rm -rf "$VENV"  # Debian without python3-venv leaves a half-made environment behind
  return 1
}

# setup_debian_packages [COMMAND:PACKAGE ...]: install each PACKAGE whose COMMAND is missing, and python3-venv
# if no virtual environment can be made, with one apt-get call.
# shellcheck disable=SC2120  # called without arguments where only python3-venv may be needed
setup_debian_packages() {
  local need=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
  done
  if ! venv_ready && ! make_venv; then
    need+=(python3-venv)
  fi
  if [ ${#need[@]} -gt 0 ]; then
    local sudo=""
    if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
    echo "Debian-Pakete werden installiert: ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

# setup_python_packages [EXTRA]: the project (editable) with its dependencies, or with an extra such as "test",
# into .venv/ at the locked versions; afterwards python, mkdocs, pytest … of this script are those of .venv/.
# shellcheck disable=SC2120  # without an argument: the project without extras
setup_python_packages() {
  if ! venv_ready && ! make_venv; then
    echo "Fehler: python3 kann keine virtuelle Umgebung anlegen (Debian, Ubuntu: Paket python3-venv fehlt)." >&2
    exit 1
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$LOCK" -e ".${1:+[$1]}"
  VIRTUAL_ENV="$PWD/$VENV"
  PATH="$VIRTUAL_ENV/bin:$PATH"
  export VIRTUAL_ENV PATH
  echo "Python-Umgebung in $VENV/ bereit. Zum Weiterarbeiten (python scripts/…, mkdocs) aktivieren mit:  . $VENV/bin/activate"
}

# in_ci_log COMMAND …: run a program that is not ours (MkDocs, pytest); under GitHub Actions its output goes
# through praxisatlas.io.console, so that no line it prints can become a workflow command.
in_ci_log() {
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then
    "$@" 2>&1 | python -m praxisatlas.io.console
  else
    "$@"
  fi
}
