"""The preview's incremental build gives exactly the pages and data of a fresh build, after every kind of edit,
and renders only what an edit touched."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from praxisatlas.domain.findings import Problem
from praxisatlas.publish.build import BuildSettings, build_site
from praxisatlas.publish.preview_cache import PreviewCache
from tests.support.corpus import generate_corpus

TODAY = dt.date(2026, 11, 26)
SETTINGS = BuildSettings(today=TODAY)


def _texts(build) -> tuple[dict[str, str], dict[str, str]]:
    pages = {o.uri: text for o, text in build.outputs if o.is_page}
    return pages, {o.uri: text for o, text in build.outputs if not o.is_page}


def _fresh(root: Path, settings: BuildSettings = SETTINGS) -> tuple[dict[str, str], dict[str, str]]:
    return _texts(build_site(root, settings))


def _cached(root: Path, cache: PreviewCache, settings: BuildSettings = SETTINGS) -> tuple[dict[str, str], dict[str, str]]:
    return _texts(build_site(root, settings, cache))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000  # a later time even on coarse file system clocks
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture()
def corpus(tmp_path) -> Path:
    root = tmp_path / "korpus"
    generate_corpus(root, kommunen=12, praxis=30, themen=5, netzwerke=4)
    return root


def _first(folder: Path, pattern: str = "*") -> Path:
    return sorted(folder.glob(pattern))[0]


def _field(path: Path, key: str) -> str:
    """The text after `key: ` on the file's first line with that key."""
    line = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(f"{key}:"))
    return line.split(":", 1)[1].strip()


def _add_topic(root: Path) -> None:
    """Give the first practice one more topic (the relations between entries change)."""
    practice = _first(root / "practices")
    text = practice.read_text(encoding="utf-8")
    topic = next(t.stem for t in sorted((root / "content" / "themen").glob("*.yml")) if f"- {t.stem}\n" not in text)
    _edit(practice, "themen:\n", f"themen:\n- {topic}\n")


def _grow(root: Path) -> None:
    """Let a Kommune's population jump (its size class changes)."""
    kommune = _first(root / "content" / "kommunen")
    number = next(line for line in kommune.read_text(encoding="utf-8").splitlines() if "anzahl:" in line)
    _edit(kommune, number, number.split("anzahl:")[0] + "anzahl: 987654")


EDITS = {
    "Thema eines Praxisbeispiels": _add_topic,
    "Einwohnerzahl einer Kommune": _grow,
    "Text eines Praxisbeispiels": lambda root: _edit(_first(root / "practices"), "## Ziele", "## Ziele\n\nNeuer Satz.[^bericht]"),
    "Titel eines Praxisbeispiels": lambda root: _edit(
        _first(root / "practices"), f"titel: {_field(_first(root / 'practices'), 'titel')}", "titel: Ganz neuer Titel"),
    "Name einer Kommune": lambda root: _edit(
        _first(root / "content" / "kommunen"), f"name: {_field(_first(root / 'content' / 'kommunen'), 'name')}",
        "name: Neustadt am Test"),
    "Titel eines Themas": lambda root: _edit(
        _first(root / "content" / "themen"), f"titel: {_field(_first(root / 'content' / 'themen'), 'titel')}",
        "titel: Umbenanntes Thema"),
    "neues Praxisbeispiel": lambda root: (root / "practices" / "zz-neu.md").write_text(
        _first(root / "practices").read_text(encoding="utf-8").replace(
            f"titel: {_field(_first(root / 'practices'), 'titel')}", "titel: Ein neues Beispiel"), encoding="utf-8"),
    "gelöschtes Praxisbeispiel": lambda root: _first(root / "practices").unlink(),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_incremental_build_equals_fresh_build(corpus, edit):
    cache = PreviewCache()
    assert _cached(corpus, cache) == _fresh(corpus)
    edit(corpus)
    assert _cached(corpus, cache) == _fresh(corpus)
    assert cache.rendered > 0


def test_prose_edit_renders_only_its_own_page(corpus):
    cache = PreviewCache()
    _cached(corpus, cache)
    total = cache.rendered
    practice = _first(corpus / "practices")
    _edit(practice, "## Ziele", "## Ziele\n\nNur dieser Satz ist neu.[^bericht]")
    pages, _ = _cached(corpus, cache)
    assert "Nur dieser Satz ist neu." in pages[f"praxis/{practice.stem}.md"]
    assert cache.rendered < total / 5, (cache.rendered, total)


def test_unchanged_rebuild_renders_nothing(corpus):
    cache = PreviewCache()
    _cached(corpus, cache)
    _cached(corpus, cache)
    assert cache.rendered == 0


def test_error_during_preview_then_fix(corpus):
    cache = PreviewCache()
    before = _cached(corpus, cache)
    practice = _first(corpus / "practices")
    original = practice.read_text(encoding="utf-8")
    _edit(practice, "status:", "status: erfunden\nalt_status:")
    with pytest.raises(Problem) as problem:
        build_site(corpus, SETTINGS, cache)
    assert any(f.path == f"practices/{practice.name}" for f in problem.value.findings)
    practice.write_text(original, encoding="utf-8")
    stamp = practice.stat().st_mtime_ns + 2_000_000
    os.utime(practice, ns=(stamp, stamp))
    assert _cached(corpus, cache) == before


@pytest.mark.parametrize("settings", [BuildSettings(today=dt.date(2031, 5, 4)), BuildSettings(TODAY, handbook=True),
                                      BuildSettings(TODAY, site_url="https://example.org/atlas/")],
                         ids=["anderer Tag", "mit Handbuch", "andere Adresse"])
def test_every_hidden_input_is_a_key(corpus, settings):
    """The day, the handbook switch and the site URL are keys of the cache: changing one gives what a fresh
    build with it gives (e.g. the open data's "stand"), never the last build's texts."""
    cache = PreviewCache()
    _cached(corpus, cache)
    assert _cached(corpus, cache, settings) == _fresh(corpus, settings)
    assert _fresh(corpus, settings) != _fresh(corpus)
