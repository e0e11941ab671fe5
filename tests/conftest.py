"""Shared fixtures: the frozen knowledge base built once into a temp folder, served on 127.0.0.1, and a browser.

Every test runs on the fixed date of tests/support/project.py (SOURCE_DATE_EPOCH), never on the wall clock.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.project import FROZEN_EPOCH, fixture_project, mkdocs_build

os.environ["SOURCE_DATE_EPOCH"] = FROZEN_EPOCH


@pytest.fixture(scope="session")
def project_dir(tmp_path_factory) -> Path:
    """A copy of the frozen knowledge base with the project's site configuration."""
    return fixture_project(tmp_path_factory.mktemp("projekt"))


@pytest.fixture(scope="session")
def site_dir(project_dir, tmp_path_factory) -> Path:
    """The frozen knowledge base, built with the README's strict build (with handbook) into a temp folder."""
    target = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(project_dir / "mkdocs.yml", target, env={"PRAXISATLAS_HANDBUCH": "true"})
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
