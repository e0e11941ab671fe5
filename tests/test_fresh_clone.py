"""The README's two commands on a fresh Debian: a clean clone, Debian's own Python 3.11 (externally managed,
PEP 668: pip refuses to install into it), nothing installed by hand. Both make and use the project's .venv/ with
the versions of requirements-lock.txt; python3-venv comes with the same apt-get call as Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from praxisatlas import REPO_ROOT
from tests.support.kbfactory import FILES, write_kb

DEBIAN_PYTHON = Path("/usr/bin/python3")
EXTERNALLY_MANAGED = sorted(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED"))
ACTIVATE = ". .venv/bin/activate"
# the one small test the cloned run_tests.sh runs (the whole suite runs once, outside)
SMALL_TEST = "tests/test_csv_injection.py::test_csv_cell"


def fresh_debian_env() -> dict[str, str]:
    """The environment of a login on a fresh Debian: the system's PATH (so python3 is /usr/bin/python3), no
    virtual environment, nothing of this test run's Python."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYENV_VERSION", "GITHUB_ACTIONS")
           and not key.startswith(("PYTEST", "PRAXISATLAS_"))}
    env["PATH"] = "/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    return env


def small_content(clone: Path) -> None:
    """The minimal knowledge base of tests/support/kbfactory.py instead of the real content (a fast build that
    does not depend on the state of the content), plus a practice for each one the hand-written pages link."""
    for folder in ("practices", "content/kommunen", "content/themen", "content/netzwerke", "content/dokumente"):
        shutil.rmtree(clone / folder, ignore_errors=True)
    write_kb(clone)
    pages = "".join(p.read_text(encoding="utf-8") for p in (clone / "content" / "seiten").glob("*.md"))
    for slug in sorted(set(re.findall(r"\]\((?:\.\./)*praxis/([a-z0-9-]+)\.md", pages))):
        (clone / "practices" / f"{slug}.md").write_text(
            FILES["practices/besuche.md"].replace("titel: Gegenseitige Besuche", f"titel: Beispiel {slug}"),
            encoding="utf-8")


@pytest.mark.skipif(not DEBIAN_PYTHON.exists() or not EXTERNALLY_MANAGED,
                    reason="kein extern verwaltetes Debian-Python unter /usr/bin/python3")
def test_both_readme_commands_run_in_a_clean_clone_with_debians_python(tmp_path):
    clone = tmp_path / "klon"
    subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(clone)], check=True, timeout=120)
    assert not (clone / ".venv").exists()
    small_content(clone)
    env = fresh_debian_env()
    # the premise: pip refuses Debian's own Python
    refused = subprocess.run([str(DEBIAN_PYTHON), "-m", "pip", "install", "--dry-run", "pyyaml"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0

    started = time.monotonic()
    build = subprocess.run(["bash", "scripts/build_site.sh"], cwd=clone, env={**env, "PRAXISATLAS_HANDBUCH": "false"},
                           capture_output=True, text=True, timeout=900)
    build_seconds = time.monotonic() - started
    assert build.returncode == 0, (build.stdout + build.stderr)[-5000:]
    assert (clone / "site" / "index.html").is_file() and (clone / "site" / "daten" / "praxisbeispiele.csv").is_file()
    config = (clone / ".venv" / "pyvenv.cfg").read_text(encoding="utf-8")
    assert re.search(r"^home = /usr/bin$", config, re.M), config  # made by Debian's python3
    assert sum(ACTIVATE in line for line in build.stdout.splitlines()) == 1
    ignored = subprocess.run(["git", "status", "--porcelain", "--ignored", ".venv"], cwd=clone, capture_output=True,
                             text=True, check=True).stdout
    assert ignored == "!! .venv/\n"  # git ignores it

    started = time.monotonic()
    tests = subprocess.run(["bash", "scripts/run_tests.sh", SMALL_TEST, "-q", "-p", "no:cacheprovider"], cwd=clone,
                           env=env, capture_output=True, text=True, timeout=900)
    test_seconds = time.monotonic() - started
    assert tests.returncode == 0, (tests.stdout + tests.stderr)[-5000:]
    assert re.search(r"^\d+ passed in ", tests.stdout, re.M), tests.stdout[-2000:]
    assert sum(ACTIVATE in line for line in tests.stdout.splitlines()) == 1
    # the environment has the locked versions, also of what only the tests need
    frozen = subprocess.run([str(clone / ".venv" / "bin" / "python"), "-m", "pip", "freeze", "--exclude-editable"],
                            capture_output=True, text=True, check=True).stdout.split()
    lock = [ln for ln in (clone / "requirements-lock.txt").read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]
    normalized = {ln.lower().replace("_", "-") for ln in frozen}
    assert {ln.lower().replace("_", "-") for ln in lock if not ln.startswith(("actionlint", "zizmor", "shellcheck"))} \
        <= normalized
    print(f"frischer Klon: build_site.sh {build_seconds:.0f} s, run_tests.sh {test_seconds:.0f} s")


def test_python3_venv_comes_with_the_same_apt_get_call_as_chromium(tmp_path):
    """Where python3 cannot make a virtual environment (Debian without python3-venv), setup.sh adds the package
    to the one apt-get call for the test tools. Stand-ins for python3 and apt-get note what happens."""
    project = tmp_path / "projekt"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "scripts" / "setup.sh", project / "scripts" / "setup.sh")
    tools = tmp_path / "werkzeuge"
    tools.mkdir()
    for name in ("rm", "id", "cat", "touch"):
        (tools / name).symlink_to(shutil.which(name))
    log = tmp_path / "apt.log"
    (tools / "apt-get").write_text(f'#!/bin/bash\necho "$*" >> {log}\n'
                                   f'if [ "$1" = install ]; then touch {tmp_path}/venv-installiert; fi\n')
    # python3 -m venv fails as on Debian without python3-venv, until apt-get has installed it
    (tools / "python3").write_text(f'#!/bin/bash\nif [ "$1 $2" = "-m venv" ] && [ ! -e {tmp_path}/venv-installiert ]; '
                                   f'then mkdir -p "$3/bin"; echo "ensurepip is not available" >&2; exit 1; fi\n'
                                   f'exit 0\n')
    for stub in ("apt-get", "python3"):
        (tools / stub).chmod(0o755)
    result = subprocess.run(["/bin/bash", "-c", ". scripts/setup.sh && setup_debian_packages chromium:chromium "
                             "qpdf:qpdf pdfinfo:poppler-utils"], cwd=project, env={"PATH": str(tools), "HOME": str(tmp_path)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == ["update -qq", "install -y -qq chromium qpdf poppler-utils python3-venv"]
    assert not (project / ".venv").exists(), "die halb angelegte Umgebung ist weggeräumt"
    assert "Debian-Pakete werden installiert: chromium qpdf poppler-utils python3-venv" in result.stdout
