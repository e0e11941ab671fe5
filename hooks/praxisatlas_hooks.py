"""MkDocs adapter: hands MkDocs the pages that plain Python (praxisatlas.build) generated.

on_config loads and validates the knowledge base (a build with invalid content stops here with the
validator's German messages); on_files adds the generated pages in memory (in `mkdocs build` their texts
arrive from a second process while MkDocs works; in `mkdocs serve --dirty` only changed pages are made
again); on_page_markdown points each page's edit link at its source file; on_serve watches the content
folders.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from praxisatlas.publish import search  # noqa: E402
from praxisatlas.publish.build import (  # noqa: E402
    THEME_OVERRIDES,
    InvalidContent,
    SiteBuild,
    build_site,
    publish_pdfs,
    wants_handbook,
)
from praxisatlas.publish.preview_cache import preview_cache  # noqa: E402

log = logging.getLogger("mkdocs.hooks.praxisatlas")
_state: dict[str, object] = {}  # "build": SiteBuild of this run, "sources": page uri -> source file


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is a `mkdocs serve --dirty` preview (see _preview_file) or a one-off build
    (pages are then rendered by a second process while MkDocs converts them; never in the threaded server)."""
    _state["preview"] = command == "serve" and dirty
    _state["background"] = command in ("build", "gh-deploy")


class _PendingFile(File):
    """A generated page whose text the background worker may still be rendering: read when MkDocs asks."""

    _pending: Callable[[], str] | None = None
    _text: str | bytes | None = None

    @property  # type: ignore[override]
    def _content(self) -> str | bytes | None:
        if self._pending is not None:
            self._text, self._pending = self._pending(), None
        return self._text

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._text = value


def _preview_file(config: MkDocsConfig, uri: str, content: str, inclusion: InclusionLevel) -> File:
    """For `serve --dirty`: keep generated files in a cache folder and touch only those whose text changed,
    so MkDocs rebuilds just the changed pages instead of all of them."""
    root = _build().kb.root
    key = hashlib.sha1(str(root).encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"praxisatlas-vorschau-{key}" / uri
    written = preview_cache(root).written
    if written.get(uri) != content or not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written[uri] = content
    return File.generated(config, uri, abs_src_path=str(path), inclusion=inclusion)


def _generated(config: MkDocsConfig, uri: str, content: str,
               inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
    if _state.get("preview"):
        return _preview_file(config, uri, content, inclusion)
    return File.generated(config, uri, content=content, inclusion=inclusion)


def _file(config: MkDocsConfig, uri: str, text: Callable[[], str],
          inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
    """A generated file; while the background worker is at work, its text is read only when MkDocs needs it."""
    if isinstance(_build().texts, list):
        return _generated(config, uri, text(), inclusion)
    pending = _PendingFile.generated(config, uri, content="", inclusion=inclusion)
    pending._pending = text
    return pending


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _build() -> SiteBuild:
    build = _state["build"]
    assert isinstance(build, SiteBuild)
    return build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load, validate and render the knowledge base next to mkdocs.yml; stop with German messages on errors."""
    root = _root(config)
    config.extra["handbuch"] = wants_handbook(config.extra.get("handbuch"))
    try:
        cache = preview_cache(root) if _state.get("preview") else None
        background_for = (config.site_url or "/") if _state.get("background") else None
        _state["build"] = build_site(root, handbook=config.extra["handbuch"], cache=cache,
                                     background_for=background_for)
    except InvalidContent as problem:
        for finding in problem.findings:
            log.error(finding.format())
        raise Abort(f"Abbruch: {problem} – die Website wurde nicht gebaut.") from None
    if str(THEME_OVERRIDES) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(THEME_OVERRIDES))  # our template overrides (no GitHub API widget)
    for finding in _build().findings:  # warnings only: they inform, they do not stop a build
        log.info(finding.format())
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages (in memory), the open data and the attachments."""
    build = _build()
    sources = {}
    for index, page in enumerate(build.plans):
        existing = files.get_file_from_path(page.uri)
        if existing is not None:
            files.remove(existing)
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(_file(config, page.uri, functools.partial(build.text, index), inclusion))
        if page.source:
            sources[page.uri] = page.source
    for path, text in build.data(config.site_url or "/"):
        files.append(_file(config, path, text))
    for document in build.documents():
        files.append(File.generated(config, f"dokumente/{document.name}", abs_src_path=str(document)))
    _state["sources"] = sources
    _stop_search()
    _state["search"] = search.start(build.kb, build.rel)  # the index fills while MkDocs renders
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Edit links of generated pages open their source file (practices/….md, content/kommunen/….yml)."""
    sources = _state.get("sources")
    source = sources.get(page.file.src_uri) if isinstance(sources, dict) else None
    if source and config.repo_url:
        page.edit_url = f"{config.repo_url.rstrip('/')}/edit/{config.extra.get('branch', 'main')}/{source}"
    elif page.file.generated_by:
        page.edit_url = None  # an index page has no single source file
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Pages that are not entries (start, hand-written pages) go into the search index as rendered."""
    index = _state.get("search")
    if isinstance(index, search.SearchBuild):
        index.add_page(page.url, output)
    return output


def _stop_search() -> None:
    index = _state.pop("search", None)
    if isinstance(index, search.SearchBuild):
        index.close()


def on_post_build(config: MkDocsConfig) -> None:
    """Write the search index; with `extra.handbuch` on, put the handbook and the Steckbriefe into the site."""
    _build().close()
    index = _state.pop("search", None)
    if isinstance(index, search.SearchBuild):
        log.info(f"Suchindex: {index.finish(Path(config.site_dir))} Seiten")
    if config.extra.get("handbuch"):
        for pdf in publish_pdfs(_build(), Path(config.site_dir)):
            log.info(f"PDF geschrieben: {pdf}")


def on_build_error(error: Exception) -> None:
    """Stop the background worker when MkDocs gives up."""
    build = _state.get("build")
    if isinstance(build, SiteBuild):
        build.close()
    _stop_search()


def on_serve(server, config: MkDocsConfig, builder):
    """Rebuild the preview when an entry, topic, network or attachment changes."""
    root = _build().kb.root
    for folder in ("practices", "content/kommunen", "content/themen", "content/netzwerke", "content/dokumente"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server
