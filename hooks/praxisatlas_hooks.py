"""MkDocs adapter: hands MkDocs what praxisatlas.publish.build made, and nothing more.

on_config reads our typed settings and builds the knowledge base (invalid content stops here with the
validator's German messages, before anything is written); on_files adds the generated pages, data files and
attachments, starts the search index (praxisatlas.publish.search, fed from the model while MkDocs renders) and,
for a large site, the page helper (praxisatlas.publish.page_helper, a second process rendering half the entry
pages); on_page_content passes every page through the one sanitizer and hands the pages that are not entries to
the index; on_post_build moves the search index in, writes the PDFs and swaps the finished site in (a failed
build leaves the previous site untouched); on_serve watches the content.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from praxisatlas import REPO_ROOT
from praxisatlas.checks.pages import publishable
from praxisatlas.domain import dates
from praxisatlas.domain.findings import Problem
from praxisatlas.domain.model import DOCUMENTS_FOLDER, KINDS
from praxisatlas.io.operator import OPERATOR_FILE
from praxisatlas.publish import search
from praxisatlas.publish.build import THEME_OVERRIDES, BuildSettings, SiteBuild, build_site, publish_pdfs
from praxisatlas.publish.editor.config import EditorSite, EditorUnavailable, editor_files, node_root, repo_of
from praxisatlas.publish.frame_markup import valid_frame
from praxisatlas.publish.navigation_cache import NavigationCache
from praxisatlas.publish.page_helper import PageHelper
from praxisatlas.publish.preview_cache import preview_cache
from praxisatlas.publish.staging import StagedFolder
from praxisatlas.render.sanitize import clean_html, escaped_text

log = logging.getLogger("mkdocs.hooks.praxisatlas")


class Switch(c.BaseConfigOption[bool]):
    """A yes/no setting that also accepts the strings an environment variable gives (true, ja, 1, …)."""

    YES = ("1", "true", "yes", "ja", "on")
    NO = ("0", "false", "no", "nein", "off", "")

    def __init__(self, default: bool = False) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self.YES or text in self.NO:
            return text in self.YES
        raise base.ValidationError(f"erwartet ja oder nein (true/false), erhalten: „{value}“")


class Count(c.BaseConfigOption[int]):
    """A whole number ≥ 0 that also accepts the string an environment variable gives."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        text = str(value).strip()
        if isinstance(value, bool) or not text.isdigit():
            raise base.ValidationError(f"erwartet eine ganze Zahl ab 0, erhalten: „{value}“")
        return int(text)


class Settings(base.Config):
    """Our settings under `extra:` in mkdocs.yml."""

    handbuch = Switch(default=False)
    """Handbook and Steckbriefe as PDF into the site (scripts/build_site.sh switches it on)."""
    branch = c.Type(str, default="main")
    """Branch that edit links open."""
    suchteil_seiten = Count(default=search.SHARD_PAGES)
    """Pages per part of the search index (praxisatlas/publish/search.py)."""
    navigation_merken = Switch(default=True)
    """Render Material's navigation once per folder for pages not in it (publish/navigation_cache.py)."""
    seitenhelfer_ab = Count(default=1000)
    """From this many entry pages on, a second process renders half of them (publish/page_helper.py); 0: never."""


@dataclass
class Run:
    """Everything this MkDocs run knows about us (one object instead of module-level state)."""

    command: str = "build"
    dirty: bool = False
    settings: Settings | None = None
    build: SiteBuild | None = None
    sources: dict[str, str] = field(default_factory=dict)  # page uri -> source file (edit links)
    staged: StagedFolder | None = None
    search: search.SearchBuild | None = None
    helper: PageHelper | None = None
    navigation: NavigationCache | None = None
    warnings: int = 0

    @property
    def preview(self) -> bool:
        return self.command == "serve"


RUN = Run()


class _WarningCounter(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        RUN.warnings += 1


_COUNTER = _WarningCounter(logging.WARNING)


def on_startup(*, command: str, dirty: bool) -> None:
    RUN.command, RUN.dirty = command, dirty


def _settings(config: MkDocsConfig) -> Settings:
    settings = Settings()
    names = ("handbuch", "branch", "seitenhelfer_ab", "suchteil_seiten", "navigation_merken")
    settings.load_dict({key: config.extra[key] for key in names if key in config.extra})
    errors, _ = settings.validate()
    if errors:
        raise Abort("\n".join(f"mkdocs.yml, extra.{key}: {error}" for key, error in errors))
    return settings


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Build the knowledge base next to mkdocs.yml; stop with German messages on errors."""
    root = Path(config.config_file_path).resolve().parent
    RUN.settings = _settings(config)
    try:
        settings = BuildSettings(today=dates.today(), handbook=RUN.settings.handbuch,
                                 site_url=config.site_url or "/", repo_url=config.repo_url or "")
        RUN.build = build_site(root, settings, preview_cache(root) if RUN.preview else None)
    except Problem as problem:
        for finding in problem.findings:
            log.error(finding.format())
        raise Abort(f"Abbruch: {problem} in den Inhalten – die Website wurde nicht gebaut.") from None
    if str(THEME_OVERRIDES) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(THEME_OVERRIDES))  # our templates, assets and the security policy
    for finding in RUN.build.findings:  # warnings only: they inform, they do not stop a build
        log.info(finding.format())
    if not RUN.preview:
        RUN.staged = StagedFolder(Path(config.site_dir))
        config.site_dir = str(RUN.staged.stage)
    RUN.warnings = 0
    logging.getLogger("mkdocs").addHandler(_COUNTER)
    return config


def _build() -> SiteBuild:
    assert RUN.build is not None, "on_config has not run"
    return RUN.build


def _preview_file(config: MkDocsConfig, uri: str, content: str, inclusion: InclusionLevel) -> File:
    """For `serve`: keep generated files in a cache folder and touch only those whose text changed, so that
    `--dirty` rebuilds just the changed pages."""
    root = _build().kb.root
    key = hashlib.sha1(str(root).encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"praxisatlas-vorschau-{key}" / uri
    written = preview_cache(root).written
    if written.get(uri) != content or not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written[uri] = content
    return File.generated(config, uri, abs_src_path=str(path), inclusion=inclusion)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and data files (in memory) and the checked attachments; publish nothing from
    content/seiten/ but regular Markdown pages and images (no .html, .svg, symlinks: see checks/pages.py)."""
    docs = Path(config.docs_dir)
    for file in list(files):
        source = Path(file.abs_src_path or "")
        if file.generated_by or not source.is_relative_to(docs):
            continue  # ours, or the theme's
        if not publishable(source):
            log.warning(f"Nicht veröffentlicht: {file.src_uri} (nur .md-Seiten und Bilder als echte Dateien)")
            files.remove(file)
    RUN.sources = {}
    for output, text in _build().outputs:
        existing = files.get_file_from_path(output.uri)
        if existing is not None:
            files.remove(existing)
        inclusion = InclusionLevel.INCLUDED if output.in_nav else InclusionLevel.NOT_IN_NAV
        if not output.is_page:
            inclusion = InclusionLevel.UNDEFINED
        if RUN.preview:
            files.append(_preview_file(config, output.uri, text, inclusion))
        else:
            files.append(File.generated(config, output.uri, content=text, inclusion=inclusion))
        if output.source:
            RUN.sources[output.uri] = output.source
    for document in _build().documents:
        files.append(File.generated(config, f"dokumente/{document.name}", abs_src_path=str(document)))
    _add_editor(files, config)
    _stop_search()
    _stop_helper()
    entry_pages = [output.uri for output, _ in _build().outputs if output.own is not None]
    threshold = RUN.settings.seitenhelfer_ab if RUN.settings else 0
    if not RUN.preview and threshold and len(entry_pages) >= threshold:  # forked before any thread starts
        RUN.helper = PageHelper(config, files, entry_pages, clean_html)
    pages = [file.url for file in files.documentation_pages()]
    shard_pages = RUN.settings.suchteil_seiten if RUN.settings else search.SHARD_PAGES
    RUN.search = search.start(_build().kb, _build().rel, pages, shard_pages)  # fills while MkDocs renders
    config.extra["suchteile"] = RUN.search.shards  # the search box loads every part (partials/pa-suche.html)
    return files


def _stop_search() -> None:
    if RUN.search is not None:
        RUN.search.close()
        RUN.search = None


def _stop_helper() -> None:
    if RUN.helper is not None:
        RUN.helper.close()
        log.debug(f"Seitenhelfer: {RUN.helper.helped} Seiten")
        RUN.helper = None


def _add_editor(files: Files, config: MkDocsConfig) -> None:
    """The form editor at /bearbeiten/ (praxisatlas/publish/editor), vendored from the project's node_modules."""
    site = EditorSite(repo_of(config.repo_url), RUN.settings.branch if RUN.settings else "main")
    root = node_root(Path(config.config_file_path).resolve().parent, REPO_ROOT)
    try:
        contents = editor_files(root, site, config.site_url)
    except EditorUnavailable as problem:
        raise Abort(f"Abbruch: {problem} – die Website wurde nicht gebaut.") from None
    for uri, content in contents:
        if isinstance(content, Path):
            files.append(File.generated(config, uri, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, uri, content=content))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Edit links of generated pages open their source file (practices/….md, content/kommunen/….yml)."""
    source = RUN.sources.get(page.file.src_uri)
    branch = RUN.settings.branch if RUN.settings else "main"
    if source and config.repo_url:
        page.edit_url = f"{config.repo_url.rstrip('/')}/edit/{branch}/{source}"
    elif page.file.generated_by:
        page.edit_url = None  # an index page has no single source file
    if RUN.helper is not None and RUN.helper.claim(page):
        return ""  # rendered by the helper process; on_page_content takes its HTML
    return markdown


def _escape_toc(items: list[AnchorLink]) -> None:
    for item in items:
        item.title = escaped_text(item.title)
        _escape_toc(item.children)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The one sanitizing boundary: the page's HTML through the allow-list; title, description and table of
    contents (which the theme inserts unescaped) as escaped plain text. A page from the helper process passed
    the same allow-list there."""
    helped = RUN.helper.apply(page, files) if RUN.helper is not None else None
    page.meta["title"] = escaped_text(str(page.meta.get("title") or page.title or ""))
    if page.meta.get("description"):
        page.meta["description"] = escaped_text(str(page.meta["description"]))
    _escape_toc(list(page.toc))
    html = helped if helped is not None else clean_html(html)
    if RUN.search is not None:  # pages that are not entries go into the search index as shown
        RUN.search.add_page(page.url, html)
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Material's frame as valid HTML (publish/frame_markup.py)."""
    return valid_frame(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for the pages made from templates alone (404.html)."""
    return valid_frame(output_content)


def on_env(env, config: MkDocsConfig, files: Files):
    """Every page is converted: the helper process ends; the templates get the navigation cache."""
    _stop_helper()
    remember = RUN.settings.navigation_merken if RUN.settings else True
    RUN.navigation = NavigationCache() if remember else None
    env.globals["pa_navigation"] = RUN.navigation
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Write the search index; with `extra.handbuch` on, put the handbook and the Steckbriefe into the site;
    then swap the finished site in (unless strict mode is about to refuse it for warnings)."""
    logging.getLogger("mkdocs").removeHandler(_COUNTER)
    if RUN.navigation is not None:
        log.debug(f"Navigation aus dem Zwischenspeicher: {RUN.navigation.reused} Seiten")
    if RUN.search is not None:
        log.info(f"Suchindex: {RUN.search.finish(Path(config.site_dir))} Seiten")
        RUN.search = None
    if RUN.settings and RUN.settings.handbuch:
        for pdf in publish_pdfs(_build(), Path(config.site_dir)):
            log.info(f"PDF geschrieben: {pdf}")
    if RUN.staged is not None:
        if config.strict and RUN.warnings:
            return  # MkDocs aborts next; on_build_error discards the stage
        RUN.staged.commit()
        config.site_dir = str(RUN.staged.final)
        RUN.staged = None


def on_build_error(error: Exception) -> None:
    """Leave the previous site as it was."""
    logging.getLogger("mkdocs").removeHandler(_COUNTER)
    _stop_search()
    _stop_helper()
    if RUN.staged is not None:
        RUN.staged.discard()
        RUN.staged = None


def on_serve(server, config: MkDocsConfig, builder):
    """Rebuild the preview when an entry, topic, network or attachment changes."""
    root = _build().kb.root
    for folder in [*(kind.folder for kind in KINDS.values()), DOCUMENTS_FOLDER]:
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    if (root / OPERATOR_FILE).is_file():  # Impressum, Datenschutz, Barrierefreiheit
        server.watch(str(root / OPERATOR_FILE))
    return server
