"""Fixed fixture projects for tests: the frozen knowledge base under tests/fixtures/ and its site config.

Tests never build the live `content/`: they build `tests/fixtures/wissensbasis/` (a frozen copy of the
real entries, see tests/fixtures/README.md) with the project's own mkdocs.yml and hooks, on a fixed date.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from praxisatlas import REPO_ROOT

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_KB = FIXTURES / "wissensbasis"
FROZEN_TODAY = dt.date(2026, 11, 30)
FROZEN_EPOCH = str(int(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC).timestamp()))
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO_ROOT),
             "SOURCE_DATE_EPOCH": FROZEN_EPOCH}
KB_FOLDERS = ("content", "practices")


def write_site_config(root: Path, site_name: str | None = None) -> Path:
    """Write the project's mkdocs.yml into `root`, with the hooks referenced from the repository."""
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - hooks/praxisatlas_hooks.py", f"  - {REPO_ROOT / 'hooks' / 'praxisatlas_hooks.py'}")
    if site_name:
        config = config.replace("site_name: Praxisatlas Jugendhilfe", f"site_name: {site_name}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def fixture_project(target: Path) -> Path:
    """A copy of the frozen knowledge base with a site config in `target` (to build it or break it)."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in KB_FOLDERS:
        shutil.copytree(FIXTURE_KB / folder, target / folder, dirs_exist_ok=True)
    write_site_config(target)
    return target


def mkdocs_build(config: Path, site_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` on the fixed date."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir), *extra],
        capture_output=True, text=True, env={**BUILD_ENV, **(env or {})}, timeout=600,
    )


def run_script(script: str, *args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run one of scripts/ on the fixed date."""
    return subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / script), *args], capture_output=True,
                          text=True, env={**BUILD_ENV, **(env or {})}, timeout=600, **kwargs)
