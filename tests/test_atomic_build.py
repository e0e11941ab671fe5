"""A build replaces site/ only when everything succeeded: a crash, a failing PDF, strict-mode warnings or a
killed process leave the previous site exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import praxisatlas.io.folder_swap as folder_swap
from praxisatlas.io.folder_swap import FolderSwap
from tests.support.digests import digests
from tests.support.project import BUILD_ENV, mkdocs_build

FAILING_PDF = """\
import praxisatlas.publish.build as build

def publish_pdfs(*args, **kwargs):
    raise RuntimeError("Steckbrief kaputt")

build.publish_pdfs = publish_pdfs
"""

# stops the build at the swap's named point "geprueft": every page is written into the stage, the swap into
# site/ is next
HOLD_BEFORE_SWAP = """\
import os, time
from pathlib import Path
import praxisatlas.io.folder_swap as folder_swap

def pause(point):
    if point == "geprueft":
        Path(os.environ["PRAXISATLAS_TEST_MARKE"]).write_text("vor dem Tausch", encoding="utf-8")
        time.sleep(600)

folder_swap.pause = pause
"""



def _leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".praxisatlas-"))


@pytest.fixture()
def built(project_dir, tmp_path) -> tuple[Path, dict[str, str]]:
    site = tmp_path / "site"
    result = mkdocs_build(project_dir / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-2000:]
    return site, digests(site)


def test_failing_pdf_leaves_the_previous_site(project_dir, built, tmp_path):
    site, before = built
    custom = tmp_path / "kaputt"
    custom.mkdir()
    (custom / "sitecustomize.py").write_text(FAILING_PDF, encoding="utf-8")
    env = {"PRAXISATLAS_HANDBUCH": "true", "PYTHONPATH": f"{custom}:{BUILD_ENV['PYTHONPATH']}"}
    result = mkdocs_build(project_dir / "mkdocs.yml", site, env=env)
    assert result.returncode != 0
    assert digests(site) == before
    assert _leftovers(site) == []


def test_strict_warnings_leave_the_previous_site(project_dir, built, tmp_path):
    site, before = built
    page = project_dir / "content" / "seiten" / "ueber.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n[kaputt](gibt-es-nicht.md)\n", encoding="utf-8")
    try:
        result = mkdocs_build(project_dir / "mkdocs.yml", site)
    finally:
        page.write_text(original, encoding="utf-8")
    assert result.returncode != 0 and "strict" in result.stderr
    assert digests(site) == before
    assert _leftovers(site) == []


def test_killed_build_leaves_the_previous_site_and_the_next_build_tidies_up(project_dir, built, tmp_path):
    site, before = built
    custom = tmp_path / "anhalten"
    custom.mkdir()
    (custom / "sitecustomize.py").write_text(HOLD_BEFORE_SWAP, encoding="utf-8")
    marker = tmp_path / "marke"
    env = {**BUILD_ENV, "PYTHONPATH": f"{custom}:{BUILD_ENV['PYTHONPATH']}", "PRAXISATLAS_TEST_MARKE": str(marker)}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project_dir / "mkdocs.yml"), "-d", str(site)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 300
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert marker.exists(), "the build never reached the swap"
    os.killpg(process.pid, signal.SIGKILL)  # killed at a named point: the stage is complete, site/ untouched
    process.wait()
    assert _leftovers(site), "the build was killed before it wrote anything"
    assert digests(site) == before
    result = mkdocs_build(project_dir / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-2000:]
    assert _leftovers(site) == []
    assert digests(site) == before  # same input, same bytes


def test_a_bad_setting_stops_the_build_in_german(project_dir, built):
    site, before = built
    result = mkdocs_build(project_dir / "mkdocs.yml", site, env={"PRAXISATLAS_SEITENHELFER_AB": "viele"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "mkdocs.yml: Fehler: „extra.seitenhelfer_ab“: erwartet eine ganze Zahl ab 0, erhalten: „viele“" in result.stderr
    assert digests(site) == before


class Stopped(Exception):
    """Stands in for kill -9 at a named point (commit has no clean-up path that would run on it)."""


@pytest.mark.parametrize(("point", "exchange", "result"), [("geprueft", True, "alt"), ("umbenannt", False, "neu"),
                                                          ("getauscht", True, "neu")])
def test_the_next_run_completes_or_drops_an_interrupted_swap(tmp_path, monkeypatch, point, exchange, result):
    """Before the switch the next run drops the new state; a fallback switch stopped between its two renames
    (site/ gone) is completed; after the switch only the working folder is left to remove."""
    live = tmp_path / "site"
    live.mkdir()
    (live / "seite.html").write_text("alt", encoding="utf-8")
    swap = FolderSwap.beside(live)
    (swap.begin() / "seite.html").write_text("neu", encoding="utf-8")

    def stop(name: str) -> None:
        if name == point:
            raise Stopped(name)

    monkeypatch.setattr(folder_swap, "pause", stop)
    if not exchange:
        monkeypatch.setattr(folder_swap, "exchange", lambda a, b: False)
    with pytest.raises(Stopped):
        swap.commit()
    assert _leftovers(live)
    monkeypatch.setattr(folder_swap, "pause", lambda name: None)
    assert FolderSwap.beside(live).recover()
    assert (live / "seite.html").read_text(encoding="utf-8") == result
    assert _leftovers(live) == []
