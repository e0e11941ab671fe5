"""One build of the knowledge base: load, validate, relate, render – shared by hooks and scripts."""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from praxisatlas.checks.validate import cycle_collection_paused, load_and_validate
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import DOCUMENTS_FOLDER, KnowledgeBase
from praxisatlas.publish.preview_cache import BuildCache, Memo, build_memo, no_memo
from praxisatlas.relate import Relations, relate
from praxisatlas.render.background import BackgroundRender
from praxisatlas.render.background import possible as background_possible
from praxisatlas.render.export import DataJob, data_files, data_jobs
from praxisatlas.render.site import GeneratedPage, PagePlan, SiteRenderer

THEME_OVERRIDES = Path(__file__).resolve().parent.parent / "render" / "theme"


class InvalidContent(Exception):
    """The knowledge base has errors; `findings` holds all of them."""

    def __init__(self, findings: list[Finding]):
        errors = [f for f in findings if f.level is Level.ERROR]
        super().__init__(f"{len(errors)} Fehler in den Inhalten")
        self.findings = findings


@dataclass
class SiteBuild:
    """The loaded model and everything rendered from it for one site build."""

    kb: KnowledgeBase
    rel: Relations
    findings: list[Finding]
    plans: list[PagePlan]
    texts: list[str] | BackgroundRender  # rendered, or being rendered by a second process (pages, then data)
    cache: BuildCache | None = None
    background_data: list[DataJob] = field(default_factory=list)  # data files the second process makes
    background_site_url: str | None = None
    memo: Memo = no_memo  # lists and records this build already made

    def text(self, index: int) -> str:
        """The Markdown of page `index` of `plans` (waits for the background worker if need be)."""
        return self.texts[index] if isinstance(self.texts, list) else self.texts.text(index)

    @property
    def pages(self) -> list[GeneratedPage]:
        """Every generated page with its text."""
        return [plan.page(self.text(index)) for index, plan in enumerate(self.plans)]

    def data(self, site_url: str) -> list[tuple[str, Callable[[], str]]]:
        """The open data files (JSON, CSV, feed, list data) as (path, text when asked). Made by the second
        process if it is at work; in the preview remade only where entries changed."""
        texts = self.texts
        if isinstance(texts, BackgroundRender) and site_url == self.background_site_url:
            first = len(self.plans)
            return [(path, functools.partial(texts.text, first + index))
                    for index, (path, _) in enumerate(self.background_data)]
        return [(path, lambda text=text: text) for path, text in self.data_files(site_url).items()]

    def data_files(self, site_url: str) -> dict[str, str]:
        """The open data files: path in the site -> text (in the preview remade only where entries changed)."""
        cache = self.cache
        if cache is None:
            with cycle_collection_paused():
                return data_files(self.kb, site_url, self.rel, memo=self.memo)
        view = cache.recording(self.kb)
        settings = cache.settings(self.rel, site_url)
        memo = cache.memo(cache.settings(self.rel), self.kb)  # parts shared with the pages: lists, rows, records
        return {path: cache.page(("daten", path), settings, None, self.kb, make)
                for path, make in data_jobs(view, site_url, self.rel, memo=memo)}

    def close(self) -> None:
        """Stop a background worker (after the build, or when it failed)."""
        if isinstance(self.texts, BackgroundRender):
            self.texts.close()

    def documents(self) -> list[Path]:
        """Attachment files to publish under /dokumente/."""
        folder = self.kb.root / DOCUMENTS_FOLDER
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")) \
            if folder.is_dir() else []


def build_site(root: Path, *, handbook: bool = False, today: dt.date | None = None,
               cache: BuildCache | None = None, background_for: str | None = None) -> SiteBuild:
    """Load and validate `root`; raise InvalidContent on errors; otherwise render every page.

    With a `cache` (the preview), only what an edit changed is read, checked and rendered again. With
    `background_for` a site URL (a one-off MkDocs build), a second process renders the pages and then the
    open data for that URL while MkDocs converts the first pages."""
    with cycle_collection_paused():
        kb, findings = load_and_validate(root, today=today, cache=cache)
        if any(f.level is Level.ERROR for f in findings):
            raise InvalidContent(findings)
        rel = relate(kb)
        # lists and records made for the pages serve the open data too (also in the worker); the preview's
        # cache remembers them across builds instead
        memo = build_memo() if cache is None else no_memo
        renderer = SiteRenderer(kb, rel, today=today, handbook=handbook, cache=cache, memo=memo)
        if background_for is not None and cache is None and background_possible():
            plans = renderer.plans()
            gc.freeze()  # see below; also spares the forked worker from copying pages the collector touches
            jobs = data_jobs(kb, background_for, rel, today, memo)
            try:
                worker = BackgroundRender([plan.render for plan in plans] + [make for _, make in jobs])
            except OSError:  # no second process to be had here: render in this one
                return SiteBuild(kb, rel, findings, plans, [plan.render() for plan in plans], memo=memo)
            return SiteBuild(kb, rel, findings, plans, worker, background_data=jobs,
                             background_site_url=background_for, memo=memo)
        plans, texts = renderer.render()
    if background_for is not None:
        # A one-off build keeps the model to the end. Frozen, the cycle collector no longer walks its several
        # hundred thousand objects each time MkDocs' own allocations trigger a full collection. (Not where the
        # process builds again and again, like the preview: there the model is replaced on every change.)
        gc.freeze()
    return SiteBuild(kb, rel, findings, plans, texts, cache, memo=memo)


def publish_pdfs(build: SiteBuild, site_dir: Path) -> list[Path]:
    """Write the handbook (handbuch.pdf), each topic's handbook and each Kommune's Steckbrief into the built
    site, then the file sizes into the pages that link them."""
    from praxisatlas.render.filesize import fill_sizes
    from praxisatlas.render.handbook import HandbookData, render_pdfs
    from praxisatlas.render.site import HANDBOOK_FILE, STECKBRIEF_FILE, TOPIC_HANDBOOK

    data = HandbookData(build.kb, build.rel)
    jobs = [(data.handbook(), site_dir / HANDBOOK_FILE)]
    jobs += [(data.handbook(slug), site_dir / TOPIC_HANDBOOK.format(slug)) for slug in sorted(build.kb.themen)]
    jobs += [(data.steckbrief(slug), site_dir / "kommunen" / slug / STECKBRIEF_FILE)
             for slug in sorted(build.kb.kommunen)]
    written = render_pdfs(jobs)
    fill_sizes(site_dir)
    return written


def wants_handbook(value: object) -> bool:
    """Read the `extra.handbuch` switch (from mkdocs.yml or the PRAXISATLAS_HANDBUCH variable)."""
    return str(value).strip().lower() in ("1", "true", "yes", "ja", "on")
