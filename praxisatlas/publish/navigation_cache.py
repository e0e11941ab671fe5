"""Material's sidebar navigation, made once per folder for the pages that are not in it.

Material renders the whole navigation for every page (about a third of its template time). For a page that
is not in the navigation (every entry page) nothing in it is marked active, so its HTML depends only on the
folder the page is in (the links are relative to it): the first entry page of a folder renders it, the others
reuse it. Pages in the navigation are always rendered. tests/test_page_helper.py builds with and without this
cache and compares every file.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page


class NavigationCache:
    """Template helper (`pa_navigation` in main.html): key(page), get(key), keep(key, html)."""

    def __init__(self) -> None:
        self._html: dict[tuple, str] = {}
        self.reused = 0

    def key(self, page: Page | None) -> tuple | None:
        """The cache key of `page`'s navigation, or None if it must be rendered (the page is in it)."""
        if page is None or page.file.inclusion.is_in_nav():
            return None
        hide = page.meta.get("hide") if isinstance(page.meta, dict) else None
        return page.url.rstrip("/").rpartition("/")[0], repr(hide)

    def get(self, key: tuple | None) -> str | None:
        found = self._html.get(key) if key is not None else None
        self.reused += found is not None
        return found

    def keep(self, key: tuple | None, html: str) -> str:
        if key is not None:
            self._html[key] = html
        return html
