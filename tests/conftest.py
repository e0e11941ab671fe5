"""Shared fixtures: the real site built once into a temp folder, served on 127.0.0.1, and a browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from praxisatlas import REPO_ROOT

NO_WARNING_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO_ROOT)}


def mkdocs_build(config: Path, site_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir), *extra],
        capture_output=True, text=True, env={**NO_WARNING_ENV, **(env or {})}, timeout=600,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The repository's site, built with the README's strict build into a temp folder."""
    target = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(REPO_ROOT / "mkdocs.yml", target, env={"PRAXISATLAS_HANDBUCH": "true"})
    assert result.returncode == 0, result.stderr[-4000:]
    return target


@pytest.fixture(scope="session")
def site_url(site_dir):
    from tests.support.browser import serve

    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.support.browser import Browser

    with sync_playwright() as playwright:
        instance = Browser(playwright)
        yield instance
        instance.close()


def copy_project(target: Path) -> Path:
    """A copy of the project's content and site configuration, to break things in."""
    import shutil

    for name in ("mkdocs.yml",):
        shutil.copy2(REPO_ROOT / name, target / name)
    for folder in ("hooks", "content", "practices"):
        shutil.copytree(REPO_ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target
