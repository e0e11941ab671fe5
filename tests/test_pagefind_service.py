"""The Pagefind client speaks German when its service dies, and never raises anything but PagefindError."""

from __future__ import annotations

import pytest

from praxisatlas.publish import pagefind_index
from praxisatlas.publish.pagefind_index import PagefindError, PagefindIndex

PAGE = "<html lang='de'><body data-pagefind-body><h1>Kinderschutz</h1><p>Seite {n}</p></body></html>"


def test_a_killed_service_gives_a_german_pagefind_error(tmp_path):
    index = PagefindIndex()
    try:
        for n in range(50):
            index.add_html(f"seite-{n}/", PAGE.format(n=n))
        index._process.kill()  # the service dies in the middle of the build
        index._process.wait(timeout=10)
        with pytest.raises(PagefindError, match="Pagefind-Dienst für den Suchindex wurde unerwartet beendet"):
            index.write(tmp_path / "pagefind")
        with pytest.raises(PagefindError, match="unerwartet beendet"):
            index.add_html("spaeter/", PAGE.format(n=99))
    finally:
        index.close()


def test_a_living_service_writes_the_index(tmp_path):
    index = PagefindIndex()
    try:
        for n in range(3):
            index.add_html(f"seite-{n}/", PAGE.format(n=n))
        index.write(tmp_path / "pagefind")
    finally:
        index.close()
    assert (tmp_path / "pagefind" / "pagefind.js").is_file() and index.pages == 3


def test_without_npm_packages_the_build_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setattr(pagefind_index, "REPO_ROOT", tmp_path / "ohne-npm")
    with pytest.raises(PagefindError, match=r"Pagefind fehlt .*„npm ci“"):
        pagefind_index.executable(tmp_path)


def _index_bytes(folder) -> dict[str, bytes]:
    index = PagefindIndex()
    try:
        for n in range(400):  # many pages and filter values: Pagefind 1.5 wrote these in a varying order
            filters = "".join(f'<span data-pagefind-filter="{name}:{name}-{(n * step) % 37}"></span>'
                              for step, name in ((1, "thema"), (7, "bundesland"), (11, "kommune")))
            index.add_html(f"seite-{n}/", PAGE.format(n=n).replace("</body>", f"{filters}</body>"))
        index.write(folder)
    finally:
        index.close()
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_pages_give_the_same_index_bytes(tmp_path):
    """No sorting pass after Pagefind: its own output is reproducible (tests/test_reproducible.py: whole builds)."""
    first, second = _index_bytes(tmp_path / "eins"), _index_bytes(tmp_path / "zwei")
    assert any(name.startswith("filter/") for name in first)
    assert first == second
