"""Commands act on the project they run in (as git and MkDocs do), never on the folder the package came from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from praxisatlas import REPO_ROOT
from tests.support.project import BUILD_ENV, fixture_project

BIN = Path(sys.executable).parent


def _command(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """An installed entry point (the package is installed from REPO_ROOT), run in `cwd`."""
    env = {k: v for k, v in BUILD_ENV.items() if k != "PYTHONPATH"}
    return subprocess.run([str(BIN / name), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def test_a_second_clone_is_checked_and_changed_not_the_installed_one(tmp_path):
    second = fixture_project(tmp_path / "zweiter-klon").resolve()
    result = _command("praxisatlas-pruefen", cwd=second / "content" / "kommunen")
    assert f"in {second}." in result.stderr, result.stderr
    created = _command("praxisatlas-neu", "praxis", "Ein Beispiel nur im zweiten Klon", cwd=second)
    assert created.returncode == 0, created.stderr
    assert (second / "practices" / "ein-beispiel-nur-im-zweiten-klon.md").is_file()
    assert not (REPO_ROOT / "practices" / "ein-beispiel-nur-im-zweiten-klon.md").exists()
    assert f"in {second}" in created.stdout


def test_outside_a_project_the_commands_refuse_in_german(tmp_path):
    for name in ("praxisatlas-pruefen", "praxisatlas-neu", "praxisatlas-seiten"):
        result = _command(name, *(["--out", "x"] if name == "praxisatlas-seiten" else []), cwd=tmp_path)
        assert result.returncode == 2, (name, result.stderr)
        assert "Hier ist kein Praxisatlas-Projekt" in result.stderr and "Traceback" not in result.stderr
