"""What one MkDocs run does with us, step by step; hooks/praxisatlas_hooks.py only forwards MkDocs' events here.

config: read the typed settings and build the knowledge base (invalid content stops here with the validator's
German messages, before anything is written); files: add the generated pages, data files and attachments, start
the search index (publish/search.py, fed from the model while MkDocs renders) and, for a large site, the page
helper (publish/page_helper.py); page_content: every page through the one sanitizer, pages that are not entries
into the index; post_build: the search index, the PDFs, and the finished site swapped in (a failed build leaves
the previous site untouched); serve: watch the content.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from praxisatlas import REPO_ROOT
from praxisatlas.checks.pages import publishable
from praxisatlas.domain import dates, fast_paths
from praxisatlas.domain.model import DOCUMENTS_FOLDER, KINDS
from praxisatlas.domain.text import escape_controls
from praxisatlas.io.folder_swap import FolderSwap
from praxisatlas.io.operator import OPERATOR_FILE
from praxisatlas.publish import search
from praxisatlas.publish.build import THEME_OVERRIDES, BuildSettings, SiteBuild, build_site, publish_pdfs
from praxisatlas.publish.editor.config import EditorSite, editor_files, node_root, repo_of
from praxisatlas.publish.mkdocs_settings import Settings, load_settings
from praxisatlas.publish.navigation_cache import NavigationCache
from praxisatlas.publish.page_helper import PageHelper
from praxisatlas.publish.preview_cache import preview_cache
from praxisatlas.render.sanitize import clean_html, escaped_text

log = logging.getLogger("mkdocs.hooks.praxisatlas")


@dataclass
class Built:
    """What exists once `config` has run: never None from then on."""

    settings: Settings
    site: SiteBuild
    staged: FolderSwap | None  # None in `serve` (the preview writes in place)
    sources: dict[str, str] = field(default_factory=dict)  # page uri -> source file (edit links)
    search: search.SearchBuild | None = None  # running between files and post_build
    helper: PageHelper | None = None  # running between files and env
    navigation: NavigationCache | None = None  # from env on, if switched on


class MkDocsRun(logging.Handler):
    """One `mkdocs build` or `mkdocs serve` (which calls config … post_build once per rebuild). As a log
    handler it counts MkDocs' warnings, so that strict mode is known before the site is swapped in."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.command = "build"
        self.warnings = 0
        self._built: Built | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.warnings += 1

    @property
    def preview(self) -> bool:
        return self.command == "serve"

    @property
    def built(self) -> Built:
        assert self._built is not None, "on_config has not run"
        return self._built

    # -- the steps ---------------------------------------------------------------------------------
    def startup(self, command: str) -> None:
        self.command = command

    def config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Build the knowledge base next to mkdocs.yml (a Problem stops the build with German messages)."""
        root = Path(config.config_file_path).resolve().parent
        settings = load_settings(config.extra)
        build_settings = BuildSettings(today=dates.today(), handbook=settings.handbuch,
                                       site_url=config.site_url or "/", repo_url=config.repo_url or "")
        fast = fast_paths.current()
        site = build_site(root, build_settings, preview_cache(root) if self.preview and fast.preview_cache else None)
        if str(THEME_OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_OVERRIDES))  # our templates, assets and the security policy
        for finding in site.findings:  # warnings only: they inform, they do not stop a build
            log.info(finding.format())
        staged = None if self.preview else FolderSwap.beside(Path(config.site_dir))
        if staged is not None:
            staged.recover()  # what a killed build left behind
            config.site_dir = str(staged.begin())
        self._built = Built(settings, site, staged)
        self.warnings = 0
        logging.getLogger("mkdocs").addHandler(self)
        return config

    def files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages and data files (in memory) and the checked attachments; publish nothing from
        content/seiten/ but regular Markdown pages and images (no .html, .svg, symlinks: see checks/pages.py)."""
        built = self.built
        docs = Path(config.docs_dir)
        for file in list(files):
            source = Path(file.abs_src_path or "")
            if file.generated_by or not source.is_relative_to(docs):
                continue  # ours, or the theme's
            if not publishable(source):
                log.warning(f"Nicht veröffentlicht: {escape_controls(file.src_uri)} (nur .md-Seiten und Bilder als "
                            "echte Dateien)")
                files.remove(file)
        built.sources = {}
        for output, text in built.site.outputs:
            existing = files.get_file_from_path(output.uri)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.INCLUDED if output.in_nav else InclusionLevel.NOT_IN_NAV
            if not output.is_page:
                inclusion = InclusionLevel.UNDEFINED
            if self.preview:
                files.append(self._preview_file(config, output.uri, text, inclusion))
            else:
                files.append(File.generated(config, output.uri, content=text, inclusion=inclusion))
            if output.source:
                built.sources[output.uri] = output.source
        for document in built.site.documents:
            files.append(File.generated(config, f"dokumente/{document.name}", abs_src_path=str(document)))
        self._add_editor(files, config)
        self.stop_search()
        self.stop_helper()
        entry_pages = [output.uri for output, _ in built.site.outputs if output.own is not None]
        threshold = built.settings.seitenhelfer_ab if fast_paths.current().page_helper else 0
        if not self.preview and threshold and len(entry_pages) >= threshold:  # forked before any thread starts
            built.helper = PageHelper(config, files, entry_pages, clean_html)
        pages = [file.url for file in files.documentation_pages()]
        built.search = search.start(built.site.kb, built.site.rel, pages)
        return files

    def page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        """Edit links of generated pages open their source file (practices/….md, content/kommunen/….yml)."""
        built = self.built
        source = built.sources.get(page.file.src_uri)
        if source and config.repo_url:
            page.edit_url = f"{config.repo_url.rstrip('/')}/edit/{built.settings.branch}/{source}"
        elif page.file.generated_by:
            page.edit_url = None  # an index page has no single source file
        if built.helper is not None and built.helper.claim(page):
            return ""  # rendered by the helper process; page_content takes its HTML
        return markdown

    def page_content(self, html: str, page: Page, files: Files) -> str:
        """The one sanitizing boundary: the page's HTML through the allow-list; title, description and table of
        contents (which the theme inserts unescaped) as escaped plain text. A page from the helper process passed
        the same allow-list there."""
        built = self.built
        helped = built.helper.apply(page, files) if built.helper is not None else None
        page.meta["title"] = escaped_text(str(page.meta.get("title") or page.title or ""))
        if page.meta.get("description"):
            page.meta["description"] = escaped_text(str(page.meta["description"]))
        _escape_toc(list(page.toc))
        html = helped if helped is not None else clean_html(html)
        if built.search is not None:  # pages that are not entries go into the search index as shown
            built.search.add_page(page.url, html)
        return html

    def env(self, env):
        """Every page is converted: the helper process ends; the templates get the navigation cache."""
        built = self.built
        self.stop_helper()
        remember = built.settings.navigation_merken and fast_paths.current().navigation_once_per_folder
        built.navigation = NavigationCache() if remember else None
        env.globals["pa_navigation"] = built.navigation
        return env

    def post_build(self, config: MkDocsConfig) -> None:
        """Write the search index; with `extra.handbuch` on, put the handbook and the Steckbriefe into the site;
        then swap the finished site in (unless strict mode is about to refuse it for warnings)."""
        built = self.built
        logging.getLogger("mkdocs").removeHandler(self)
        if built.navigation is not None:
            log.debug(f"Navigation aus dem Zwischenspeicher: {built.navigation.reused} Seiten")
        if built.search is not None:
            log.info(f"Suchindex: {built.search.finish(Path(config.site_dir))} Seiten")
            built.search = None
        if built.settings.handbuch:
            for pdf in publish_pdfs(built.site, Path(config.site_dir)):
                log.info(f"PDF geschrieben: {pdf}")
        if built.staged is not None:
            if config.strict and self.warnings:
                return  # MkDocs aborts next; build_error discards the stage
            built.staged.commit()
            config.site_dir = str(built.staged.live)
            built.staged = None

    def build_error(self) -> None:
        """Leave the previous site as it was."""
        logging.getLogger("mkdocs").removeHandler(self)
        if self._built is None:
            return
        self.stop_search()
        self.stop_helper()
        if self._built.staged is not None:
            self._built.staged.discard()
            self._built.staged = None

    def serve(self, server):
        """Rebuild the preview when an entry, topic, network, attachment or the operator data changes."""
        root = self.built.site.kb.root
        for folder in [*(kind.folder for kind in KINDS.values()), DOCUMENTS_FOLDER]:
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        if (root / OPERATOR_FILE).is_file():  # Impressum, Datenschutz, Barrierefreiheit
            server.watch(str(root / OPERATOR_FILE))
        return server

    # -- helpers -----------------------------------------------------------------------------------
    def stop_search(self) -> None:
        if self._built is not None and self._built.search is not None:
            self._built.search.close()
            self._built.search = None

    def stop_helper(self) -> None:
        if self._built is not None and self._built.helper is not None:
            self._built.helper.close()
            log.debug(f"Seitenhelfer: {self._built.helper.helped} Seiten")
            self._built.helper = None

    def _preview_file(self, config: MkDocsConfig, uri: str, content: str, inclusion: InclusionLevel) -> File:
        """For `serve`: keep generated files in a cache folder and touch only those whose text changed, so that
        `--dirty` rebuilds just the changed pages."""
        root = self.built.site.kb.root
        key = hashlib.sha1(str(root).encode()).hexdigest()[:12]
        path = Path(tempfile.gettempdir()) / f"praxisatlas-vorschau-{key}" / uri
        written = preview_cache(root).written
        if written.get(uri) != content or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            written[uri] = content
        return File.generated(config, uri, abs_src_path=str(path), inclusion=inclusion)

    def _add_editor(self, files: Files, config: MkDocsConfig) -> None:
        """The form editor at /bearbeiten/ (publish/editor), vendored from the project's node_modules."""
        site = EditorSite(repo_of(config.repo_url), self.built.settings.branch)
        root = node_root(Path(config.config_file_path).resolve().parent, REPO_ROOT)
        for uri, content in editor_files(root, site, config.site_url):
            if isinstance(content, Path):
                files.append(File.generated(config, uri, abs_src_path=str(content)))
            else:
                files.append(File.generated(config, uri, content=content))


def _escape_toc(items: list[AnchorLink]) -> None:
    for item in items:
        item.title = escaped_text(item.title)
        _escape_toc(item.children)
