"""The model -> the site's generated Markdown pages. Plain Python: MkDocs hooks or a folder take them."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import ChainableUndefined, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from praxisatlas.domain import dates
from praxisatlas.domain.dates import german_date
from praxisatlas.domain.model import KINDS, Entry, KnowledgeBase
from praxisatlas.publish.preview_cache import BuildCache, Memo, no_memo
from praxisatlas.relate import (
    SCORING,
    SIZE_CLASSES,
    Relations,
    learn_from,
    network_members,
    practice_type,
    relate,
)
from praxisatlas.render.chart import age_chart_svg
from praxisatlas.render.format import german_number, law_url, relative_path, relative_url
from praxisatlas.render.lists import (
    FILTER_DATA,
    LISTS,
    PAGE_SIZE,
    PLAIN_LIST_FACTOR,
    EntryList,
    ListPage,
    entry_list,
    paginate,
)

HANDBOOK_FILE = "handbuch.pdf"
STECKBRIEF_FILE = "steckbrief.pdf"


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: where it goes, its Markdown, and the file it was made from (for edit links)."""

    uri: str  # e.g. "kommunen/kreis-lippe.md"
    content: str
    source: str | None = None  # repository-relative path of the entry file
    in_nav: bool = False


@cache  # one per process: the preview compiles the templates once, not on every rebuild
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("praxisatlas.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=ChainableUndefined,  # optional fields are simply absent
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no file check per page
    )
    env.filters.update(
        datum=german_date,
        zahl=german_number,
        gesetz_url=law_url,
        # Markdown written by contributors: the validator has rejected scripts and event handlers.
        markdown=lambda text: Markup(text or ""),
        zip=lambda a, b: list(zip(a, b, strict=False)),
        extract=lambda key, container: container[key],
    )
    return env


@dataclass(frozen=True)
class PagePlan:
    """A page before rendering: where it goes, how to render it, and what the preview compares."""

    uri: str
    render: Callable[[], str]
    source: str | None = None
    in_nav: bool = False
    key: tuple = ()  # names the page in the preview's cache
    own: Entry | None = None  # the entry the page shows
    inputs: tuple = ()  # further inputs the preview compares by value (a list page's rows)

    def page(self, content: str) -> GeneratedPage:
        return GeneratedPage(self.uri, content, self.source, self.in_nav)


class SiteRenderer:
    """Renders every generated page of the site from one loaded (and valid) knowledge base."""

    def __init__(self, kb: KnowledgeBase, rel: Relations | None = None, today: dt.date | None = None,
                 handbook: bool = False, page_size: int = PAGE_SIZE, cache: BuildCache | None = None,
                 memo: Memo = no_memo):
        self.kb = kb
        self.cache = cache  # the preview's: pages whose inputs did not change come from the last build
        self.memo = memo  # parts shared by pages and data (lists, rows); the preview's remembers them across builds
        self.page_size = page_size  # rows per list page; a topic page previews half as many practices
        self.handbook = handbook
        self.rel = rel or relate(kb)
        self.today = today or dates.today()
        self.env = _environment()

    def pages(self) -> list[GeneratedPage]:
        """All generated pages: one per entry, the lists of each kind, the start and tool pages."""
        plans, texts = self.render()
        return [plan.page(text) for plan, text in zip(plans, texts, strict=True)]

    def render(self) -> tuple[list[PagePlan], list[str]]:
        """The plans of all pages and their texts (in the preview, unchanged ones from the last build)."""
        if self.cache is None:
            plans = self.plans()
            return plans, [plan.render() for plan in plans]
        cache, real, memo = self.cache, self.kb, self.memo
        self.kb = cache.recording(real)  # templates read through the recording view
        settings = cache.settings(self.rel, self.today, self.handbook, self.page_size)
        self.memo = cache.memo(cache.settings(self.rel), real)
        cache.rendered = 0
        try:
            plans = self.plans()
            return plans, [cache.page(plan.key, (settings, *plan.inputs), plan.own, real, plan.render)
                           for plan in plans]
        finally:
            self.kb, self.memo = real, memo

    def plans(self) -> list[PagePlan]:
        """Every page of the site, not yet rendered, in a fixed order."""
        result = [PagePlan("index.md", self._start_page, in_nav=True, key=("start",))]
        result += [PagePlan(f"{name}.md", lambda name=name: self._tool_page(name), in_nav=True, key=("tool", name))
                   for name in ("partnersuche", "vergleich")]
        for kind in KINDS.values():
            result += self._list_plans(kind.name)
            for entry in sorted(self.kb.entries[kind.name].values(), key=lambda e: e.slug):
                result.append(PagePlan(f"{kind.url_prefix}/{entry.slug}.md",
                                       lambda entry=entry: self._entry_page(entry), source=entry.path,
                                       key=("entry", kind.name, entry.slug), own=entry))
        return result

    # -- helpers available in templates -------------------------------------------------------
    def _context(self, uri: str, **extra) -> dict:
        kb, rel = self.kb, self.rel

        def link(target: Entry | str) -> str:
            """Markdown link: a path relative to this page's source file, which MkDocs checks and rewrites."""
            target_uri = f"{KINDS[target.kind].url_prefix}/{target.slug}.md" if isinstance(target, Entry) else target
            return relative_path(target_uri, posixpath.dirname(uri) or ".")

        def href(target: Entry | str) -> str:
            """HTML link: a URL relative to this page's URL (MkDocs leaves raw HTML alone)."""
            return relative_url(uri, target.url if isinstance(target, Entry) else target)

        return {
            "kb": kb,
            "rel": rel,
            "kinds": KINDS,
            "link": link,
            "href": href,
            "size_classes": SIZE_CLASSES,
            "members": network_members,
            "practice_type": practice_type,
            "today": self.today,
            "handbook": relative_url(uri, HANDBOOK_FILE) if self.handbook else None,
            "steckbrief": STECKBRIEF_FILE if self.handbook else None,
            **extra,
        }

    def _render(self, template: str, uri: str, **extra) -> str:
        return self.env.get_template(template).render(self._context(uri, **extra))

    def _entry_page(self, entry: Entry) -> str:
        uri = f"{KINDS[entry.kind].url_prefix}/{entry.slug}.md"
        extra: dict = {"e": entry, "d": entry.data}
        if entry.kind == "kommune":
            extra["learn"] = learn_from(self.kb, self.rel, entry.slug)
            groups = (entry.get("altersstruktur") or {}).get("gruppen")
            extra["chart"] = Markup(age_chart_svg(groups, f"Altersstruktur {entry.title}", f"alter-{entry.slug}")) \
                if groups else None
        if entry.kind == "thema":
            extra.update(self._topic_preview(entry))
        return self._render(f"{entry.kind}.md.j2", uri, **extra)

    def _topic_preview(self, topic: Entry) -> dict:
        """A topic page stays small: the most recently reviewed practices and the first Kommunen (by name);
        the page links the lists filtered by the topic, which hold all of them."""
        practices = [self.kb.praxis[s] for s in self.rel.practices_by_thema.get(topic.slug, [])]
        kommunen = sorted((self.kb.kommunen[s] for s in self.rel.kommunen_by_thema.get(topic.slug, [])),
                          key=lambda k: (k.title.casefold(), k.slug))
        shown = max(1, self.page_size // 2)
        if len(practices) > shown:
            by_title = sorted(practices, key=lambda p: p.title.casefold())
            practices = sorted(by_title, key=lambda p: str(p.get("stand")), reverse=True)[:shown]  # newest first
        via = sorted((self.kb.kommunen[s] for s in self.rel.kommunen_via_practice_by_thema.get(topic.slug, [])),
                     key=lambda k: (k.title.casefold(), k.slug))
        return {"practices": practices, "practice_count": len(self.rel.practices_by_thema.get(topic.slug, [])),
                "kommunen": kommunen[:self.page_size], "kommune_count": len(kommunen),
                "kommunen_via": via[:self.page_size], "kommune_via_count": len(via)}

    def _list_plans(self, kind: str) -> list[PagePlan]:
        """The list of all entries of a kind, `page_size` rows a page: page 1 in the nav, the others not.
        The preview renders a list page again only if its rows or the filter choices changed."""
        liste = entry_list(self.kb, self.rel, kind, self.memo) if kind in LISTS else None
        if liste is not None:
            items: list = liste.rows
            size = self.page_size
        else:
            items = sorted(self.kb.entries[kind].values(), key=lambda e: (e.title.casefold(), e.slug))
            size = self.page_size * PLAIN_LIST_FACTOR
        filters = liste.filter_fields() if liste is not None else None
        return [PagePlan(page.uri, lambda page=page: self._list_page(kind, page, liste, items[page.start:page.end]),
                         in_nav=page.number == 1, key=("liste", kind, page.number),
                         inputs=(page, tuple(items[page.start:page.end]), filters))
                for page in paginate(kind, len(items), size)]

    def _list_page(self, kind: str, page: ListPage, liste: EntryList | None, items: list) -> str:
        return self._render(f"index_{kind}.md.j2", page.uri, page=page, liste=liste, rows=items, entries=items,
                            filter_data=FILTER_DATA.get(kind), page_size=self.page_size)

    def _tool_page(self, name: str) -> str:
        return self._render(f"{name}.md.j2", f"{name}.md", scoring=SCORING)

    def _start_page(self) -> str:
        newest = sorted(self.kb.praxis.values(), key=lambda e: (str(e.get("stand")), e.title), reverse=True)[:6]
        return self._render("start.md.j2", "index.md", newest=newest)


def write_pages(pages: list[GeneratedPage], out: Path) -> None:
    """Write generated pages into a folder (for another MkDocs-compatible engine)."""
    for page in pages:
        target = out / page.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
