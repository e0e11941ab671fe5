"""One switch turns every fast path off (praxisatlas/domain/fast_paths.py); the plain way gives the same bytes."""

from __future__ import annotations

import pytest

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain import fast_paths
from tests.support.digests import digests
from tests.support.kbfactory import TODAY, replace_in, write_kb
from tests.support.project import mkdocs_build

FAST = {"PRAXISATLAS_SEITENHELFER_AB": "1", "PRAXISATLAS_NAVIGATION_MERKEN": "ja"}  # helper on even for few pages
PLAIN = {fast_paths.SWITCH: "aus", "PRAXISATLAS_SEITENHELFER_AB": "1", "PRAXISATLAS_NAVIGATION_MERKEN": "ja"}


def test_the_site_is_the_same_with_every_fast_path_on_and_off(project_dir, tmp_path):
    fast = mkdocs_build(project_dir / "mkdocs.yml", tmp_path / "schnell", "--verbose", env=FAST)
    assert fast.returncode == 0, fast.stderr[-3000:]
    assert "Seitenhelfer: " in fast.stderr and "Navigation aus dem Zwischenspeicher" in fast.stderr  # really on
    plain = mkdocs_build(project_dir / "mkdocs.yml", tmp_path / "schlicht", "--verbose", env=PLAIN)
    assert plain.returncode == 0, plain.stderr[-3000:]
    assert "Seitenhelfer: " not in plain.stderr and "Navigation aus dem Zwischenspeicher" not in plain.stderr
    assert digests(tmp_path / "schnell") == digests(tmp_path / "schlicht")


@pytest.mark.parametrize("broken", [None, ("status: laufend", "status: fertig"), ("  stelle: Jugendamt der Stadt A\n", "")])
def test_the_findings_are_the_same_with_every_fast_path_on_and_off(tmp_path, monkeypatch, broken):
    overrides = replace_in("practices/besuche.md", *broken) if broken else None
    root = write_kb(tmp_path, overrides)
    fast = [f.format() for f in load_and_validate(root, TODAY)[1]]
    monkeypatch.setenv(fast_paths.SWITCH, "aus")
    assert fast_paths.current() == fast_paths.PLAIN
    assert [f.format() for f in load_and_validate(root, TODAY)[1]] == fast

