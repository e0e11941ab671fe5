"""The model -> the site's generated Markdown pages. Plain Python: MkDocs hooks or a folder take them."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import ChainableUndefined, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from praxisatlas.domain.dated import profile_dating
from praxisatlas.domain.dates import german_date
from praxisatlas.domain.glossary import Term, sort_key, terms
from praxisatlas.domain.laws import laws, norm_of
from praxisatlas.domain.model import KINDS, Entry, KnowledgeBase
from praxisatlas.domain.regions import AGS_LAND
from praxisatlas.io.geodata import ATTRIBUTION, LICENCE, LICENCE_URL
from praxisatlas.io.operator import OPERATOR_FILE
from praxisatlas.relate import (
    PRACTICE_TYPES,
    SCORING,
    SIZE_CLASSES,
    Relations,
    learn_from,
    network_members,
    practice_type,
)
from praxisatlas.render.chart import age_chart_svg
from praxisatlas.render.citations import link_citations
from praxisatlas.render.export import data_jobs
from praxisatlas.render.filesize import size_marker
from praxisatlas.render.format import german_number, law_url, relative_path, relative_url
from praxisatlas.render.lists import (
    LISTS,
    PAGE_SIZE,
    PLAIN_LIST_FACTOR,
    EntryList,
    ListPage,
    entry_list,
    paginate,
)
from praxisatlas.render.map import (
    BINS,
    GERMANY,
    MapData,
    colour_class,
    geometry,
    highlight_file,
    highlight_svg,
    kommune_kreis,
    kreis_key,
    kreis_name,
    map_data,
    map_svg,
    place_map,
    practice_facets,
    shapes_by_ars,
    small_map,
    small_map_file,
    small_map_list,
)
from praxisatlas.render.operator import OPERATOR_PAGES, operator_context
from praxisatlas.render.reference import mark_abbreviations, reference_label

LAWS_FOLDER = "rechtsgrundlagen"
LAWS_INDEX = f"{LAWS_FOLDER}/index.md"
GLOSSARY_PAGE = "glossar.md"
MAP_PAGE = "karte.md"
MAP_TABLE = "karte/tabelle.md"
MAP_DATA = "karte/daten.json"
HANDBOOK_FILE = "handbuch.pdf"
STECKBRIEF_FILE = "steckbrief.pdf"
TOPIC_HANDBOOK = "themen/{}/handbuch.pdf"  # the handbook of one topic, next to its page
TOPIC_MAP = "themen/{}/karte.svg"  # the small map of one topic, next to its page (render/map.py: small maps)
TOPIC_MAP_LIST = 60  # a topic map's text lists up to this many Kreise by name, more by Land (page size)


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
        belege=link_citations,
        zip=lambda a, b: list(zip(a, b, strict=False)),
        extract=lambda key, container: container[key],
        norm=norm_of,  # the known paragraph a legal reference names, or None
        rechtsgrundlage=reference_label,
        abkuerzungen=mark_abbreviations,  # glossary abbreviations explained on first use
    )
    return env


@dataclass(frozen=True)
class Output:
    """One file the build makes (a page as Markdown, or an open-data file), before it is made.

    `key` names it for the preview's cache; `own` is the entry a page shows; `inputs` are further values the
    preview compares (a list page's rows)."""

    uri: str  # e.g. "kommunen/kreis-lippe.md" or "daten/kommunen.json"
    render: Callable[[], str]
    source: str | None = None  # repository-relative path of the entry file (for edit links)
    in_nav: bool = False
    key: tuple = ()
    own: Entry | None = None
    inputs: tuple = ()

    @property
    def is_page(self) -> bool:
        return self.uri.endswith(".md")


class SiteRenderer:
    """Renders every generated page and data file of the site from one loaded (and valid) knowledge base."""

    def __init__(self, kb: KnowledgeBase, rel: Relations, today: dt.date, handbook: bool = False,
                 page_size: int = PAGE_SIZE, repo_url: str = ""):
        self.kb = kb
        self.rel = rel
        self.today = today
        self.handbook = handbook
        self.page_size = page_size  # rows per list page; a topic page previews half as many practices
        self.repo_url = repo_url.rstrip("/")
        self.env = _environment()
        self._lists: dict[str, EntryList] = {}

    def entry_list(self, kind: str) -> EntryList:
        """The index list of `kind`, made once for its pages. Its rows read entries
        of every kind (titles, Länder), so each use counts as reading them all (for the preview's cache)."""
        if kind not in self._lists:
            self._lists[kind] = entry_list(self.kb, self.rel, kind)
        for entries in self.kb.entries.values():
            len(entries)
        return self._lists[kind]

    def outputs(self, site_url: str = "/") -> list[Output]:
        """Every page, then every open-data file, in a fixed order."""
        data = data_jobs(self.kb, self.rel, site_url, self.today)
        return self.plans() + [Output(path, make, key=("daten", path)) for path, make in data]

    def plans(self) -> list[Output]:
        """Every page of the site, not yet rendered, in a fixed order."""
        result = [Output("index.md", self._start_page, in_nav=True, key=("start",))]
        result += [Output(f"{name}.md", lambda name=name: self._tool_page(name), in_nav=True, key=("tool", name))
                   for name in ("partnersuche", "vergleich")]
        operator = operator_context(self.kb.operator)  # Impressum, Datenschutz, Barrierefreiheit
        result += [Output(f"{name}.md", lambda name=name: self._render(f"{name}.md.j2", f"{name}.md", **operator),
                            source=OPERATOR_FILE, in_nav=True, key=("betreiber", name), inputs=(repr(operator["b"]),))
                   for name in OPERATOR_PAGES]
        result += self._reference_plans()
        for kind in KINDS.values():
            result += self._list_plans(kind.name)
            for entry in sorted(self.kb.entries[kind.name].values(), key=lambda e: e.slug):
                result.append(Output(f"{kind.url_prefix}/{entry.slug}.md",
                                     lambda entry=entry: self._entry_page(entry), source=entry.path,
                                     key=("entry", kind.name, entry.slug), own=entry))
                if kind.name == "thema":
                    result += self._topic_map_plans(entry)
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
            "handbook_file": HANDBOOK_FILE,
            "issue_form": self._issue_form,
            "dated": lambda entry: profile_dating(entry, self.today),
            "file_size": size_marker,  # filled with "(PDF, 1,2 MB)" once the PDFs exist (render/filesize.py)
            **extra,
        }

    def _issue_form(self, form: str, title: str, **fields: str) -> str | None:
        """Address of a prefilled GitHub issue form (fields by their id), or None without a repository."""
        if not self.repo_url:
            return None
        query = urlencode({"template": f"{form}.yml", "title": title, **fields}, quote_via=quote)
        return f"{self.repo_url}/issues/new?{query}"

    def _render(self, template: str, uri: str, **extra) -> str:
        return self.env.get_template(template).render(self._context(uri, **extra))

    def _entry_page(self, entry: Entry) -> str:
        uri = f"{KINDS[entry.kind].url_prefix}/{entry.slug}.md"
        extra: dict = {"e": entry, "d": entry.data}
        if entry.kind == "kommune":
            extra["learn"] = learn_from(self.kb, self.rel, entry.slug)
            extra["lage"] = self._place_map(entry, uri)
            groups = (entry.get("altersstruktur") or {}).get("gruppen")
            extra["chart"] = Markup(age_chart_svg(groups, f"Altersstruktur {entry.title}", f"alter-{entry.slug}")) \
                if groups else None
        if entry.kind == "thema":
            extra.update(self._topic_preview(entry))
            extra["karte"] = self._topic_map(entry, uri)
        return self._render(f"{entry.kind}.md.j2", uri, **extra)

    def _kreis_title(self, key: str, kommunen: list[Entry]) -> str:
        """The name of the Kreis `key`: its profile's title if one of `kommunen` is it or names it, else the
        BKG's name (no scan of all Kommunen: the preview re-renders a page only when what it read changed)."""
        for kommune in kommunen:
            if kreis_key(kommune) == key and len(kommune.get("ags")) == 5:
                return kommune.title
            kreis = kommune.get("kreis")
            if isinstance(kreis, str) and kreis in self.kb.kommunen and kreis_key(self.kb.kommunen[kreis]) == key:
                return self.kb.kommunen[kreis].title
        return kreis_name(shapes_by_ars()[key], None)

    def _topic_places(self, topic: Entry) -> tuple[dict[str, dict[str, Entry]], int]:
        """Per Kreis (on the map) the Kommunen of the topic's practices there (a town counts for its Kreis), and
        how many of its practices have a place on the map."""
        germany = small_map(GERMANY)
        places: dict[str, dict[str, Entry]] = {}
        placed = 0
        for slug in self.rel.practices_by_thema.get(topic.slug, []):
            found = False
            for name in self.kb.praxis[slug].get("kommunen") or []:
                if not isinstance(name, str) or name not in self.kb.kommunen:
                    continue
                kommune = self.kb.kommunen[name]
                key = kommune_kreis(kommune, self.kb.kommunen)
                if key in germany.kreise:
                    found = True
                    places.setdefault(key, {})[name] = kommune
            placed += found
        return places, placed

    def _topic_map(self, topic: Entry, uri: str) -> dict | None:
        """The small map of a topic page (a file of its own, TOPIC_MAP): the Kreise of the Kommunen of its
        practices, and as text the list of those Kreise with their Kommunen (per Land, if there are many)."""
        places, placed = self._topic_places(topic)
        if not places:
            return None
        germany = small_map(GERMANY)
        rows, lands = [], []
        if len(places) <= TOPIC_MAP_LIST:
            for key, kommunen in places.items():
                title = self._kreis_title(key, list(kommunen.values()))
                others = sorted({k.title for k in kommunen.values() if k.title != title}, key=str.casefold)
                rows.append((title, others))
            rows.sort(key=lambda row: row[0].casefold())
        else:
            per_land: dict[str, int] = {}
            for key in places:
                land = AGS_LAND.get(key[:2], "ohne Land")
                per_land[land] = per_land.get(land, 0) + 1
            lands = sorted(per_land.items())
        return {"bild": relative_url(uri, TOPIC_MAP.format(topic.slug)), "breite": germany.width,
                "hoehe": germany.height, "alt": f"Karte: Kreise mit Praxisbeispielen zum Thema „{topic.title}“",
                "anzahl": len(places), "kreise": rows, "laender": lands, "verortet": placed,
                "praxis": len(self.rel.practices_by_thema.get(topic.slug, [])), **self._attribution()}

    def _topic_map_plans(self, topic: Entry) -> list[Output]:
        """The file of a topic's small map, if the topic has a practice with a place on the map."""
        if not self._topic_places(topic)[0]:
            return []
        return [Output(TOPIC_MAP.format(topic.slug), lambda: highlight_file(small_map(GERMANY),
                                                                            self._topic_places(topic)[0]),
                       key=("karte", "thema", topic.slug))]

    def _place_map(self, kommune: Entry, uri: str) -> dict | None:
        """The small map of a Kommune page: its Land's Kreise, its own (a town's Kreis) highlighted."""
        key = kommune_kreis(kommune, self.kb.kommunen)
        small = place_map(key) if key else None
        if small is None:
            return None
        own = len(kommune.get("ags") or "") == 5
        land = AGS_LAND.get(key[:2], kommune.get("bundesland"))
        where = "Deutschland" if small.key == GERMANY else land
        label = f"Lage von {kommune.title} in {where}"
        return {"svg": Markup(highlight_svg(small, [key], label)), "bild": relative_url(uri, small.file),
                "breite": small.width, "hoehe": small.height, "eigene": own, "wo": where,
                "kreis": kommune.title if own else self._kreis_title(key, [kommune]), **self._attribution()}

    @staticmethod
    def _attribution() -> dict:
        return {"attribution": ATTRIBUTION, "licence": LICENCE, "licence_url": LICENCE_URL}

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

    def _list_plans(self, kind: str) -> list[Output]:
        """The list of all entries of a kind, `page_size` rows a page: page 1 in the nav, the others not.
        The preview renders a list page again only if its rows or the filter choices changed."""
        liste = self.entry_list(kind) if kind in LISTS else None
        if liste is not None:
            items: list = liste.rows
            size = self.page_size
        else:
            items = sorted(self.kb.entries[kind].values(), key=lambda e: (e.title.casefold(), e.slug))
            size = self.page_size * PLAIN_LIST_FACTOR
        filters = liste.filter_fields() if liste is not None else None
        return [Output(page.uri, lambda page=page: self._list_page(kind, page, liste, items[page.start:page.end]),
                         in_nav=page.number == 1, key=("liste", kind, page.number),
                         inputs=(page, tuple(items[page.start:page.end]), filters))
                for page in paginate(kind, len(items), size)]

    def _list_page(self, kind: str, page: ListPage, liste: EntryList | None, items: list) -> str:
        return self._render(f"index_{kind}.md.j2", page.uri, page=page, liste=liste, rows=items, entries=items,
                            page_size=self.page_size)

    def _reference_plans(self) -> list[Output]:
        """The index of legal bases, one page per cited paragraph, and the glossary."""
        uses = self.rel.norm_uses
        result = [Output(LAWS_INDEX, lambda: self._render("rechtsgrundlagen.md.j2", LAWS_INDEX, uses=uses,
                                                          laws=laws_by_group(uses)),
                         in_nav=True, key=("rechtsgrundlagen",))]
        for slug, use in uses.items():
            uri = f"{LAWS_FOLDER}/{slug}.md"
            result.append(Output(uri, lambda uri=uri, use=use: self._render("rechtsgrundlage.md.j2", uri, use=use),
                                 key=("rechtsgrundlage", slug), inputs=(use,)))
        result += self._map_plans()
        result.append(Output(GLOSSARY_PAGE, lambda: self._render("glossar.md.j2", GLOSSARY_PAGE, terms=terms(),
                                                                 letters=glossary_letters(terms())),
                             in_nav=True, key=("glossar",)))
        return result

    def _map_plans(self) -> list[Output]:
        """The map, its text alternative and the data its filter reads (geometry made once per build)."""
        return [Output(MAP_PAGE, self._map_page, in_nav=True, key=("karte",)),
                Output(MAP_TABLE, self._map_table, key=("karte", "tabelle")),
                Output(MAP_DATA, self._map_json, key=("karte", "daten"))] + \
            [Output(small_map_file(key), lambda key=key: small_map(key).background, key=("karte", "klein", key))
             for key in small_map_list()]  # the Länder (and Germany) under the Kommune pages' highlight

    def _map(self) -> MapData:
        return map_data(self.kb, self.rel)

    def _map_page(self) -> str:
        data = self._map()
        shapes = geometry().kreise
        counts = [len(data.practices.get(s.ars, ())) for s in shapes]
        legend = [(i, text, sum(1 for c in counts if colour_class(c) == i)) for i, (_, text) in enumerate(BINS)]
        placed = len({p for slugs in data.practices.values() for p in slugs})
        svg = map_svg(data, lambda entry: relative_url(MAP_PAGE, entry.url), relative_url(MAP_PAGE, "karte/tabelle/"))
        return self._render("karte.md.j2", MAP_PAGE, svg=Markup(svg), legend=legend, placed=placed,
                            kreise_mit=sum(1 for c in counts if c), kreise_alle=len(shapes),
                            practice_types=PRACTICE_TYPES, attribution=ATTRIBUTION, licence=LICENCE,
                            licence_url=LICENCE_URL)

    def _map_table(self) -> str:
        data = self._map()
        groups: dict[str, list] = {}
        for shape in sorted(geometry().kreise, key=lambda s: s.ars):
            profile = data.profiles.get(shape.ars)
            groups.setdefault(AGS_LAND.get(shape.ars[:2], "ohne Land"), []).append(
                {"ars": shape.ars, "name": kreis_name(shape, profile), "profile": profile,
                 "count": len(data.practices.get(shape.ars, ()))})
        ordered = [(land, sorted(rows, key=lambda r: r["name"].casefold())) for land, rows in sorted(groups.items())]
        return self._render("karte_tabelle.md.j2", MAP_TABLE, groups=ordered)

    def _map_json(self) -> str:
        """Per Kreis the indexes of its practices; per practice its topics and type (assets/karte.js)."""
        data = self._map()
        facets = practice_facets(self.kb)
        order = {slug: i for i, slug in enumerate(facets)}
        names = {s.ars: kreis_name(s, data.profiles.get(s.ars)) for s in geometry().kreise}
        return json.dumps({"kreise": {ars: {"name": names[ars], "praxis": [order[p] for p in slugs]}
                                      for ars, slugs in sorted(data.practices.items()) if ars in names},
                           "namen": names, "praxis": list(facets.values()),
                           "klassen": [low for low, _ in BINS]}, ensure_ascii=False, separators=(",", ":"))

    def _tool_page(self, name: str) -> str:
        return self._render(f"{name}.md.j2", f"{name}.md", scoring=SCORING)

    def _start_page(self) -> str:
        newest = sorted(self.kb.praxis.values(), key=lambda e: (str(e.get("stand")), e.title), reverse=True)[:6]
        return self._render("start.md.j2", "index.md", newest=newest)


def laws_by_group(uses: dict) -> list[tuple]:
    """(law, [NormUse, …]) for each law with a cited paragraph, in the order of the norm table."""
    groups: dict[str, list] = {}
    for use in uses.values():
        groups.setdefault(use.norm.law.short, []).append(use)
    return [(laws()[short], items) for short, items in sorted(groups.items(), key=lambda g: laws()[g[0]].order)]


def glossary_letters(items: tuple[Term, ...]) -> list[tuple[str, list[Term]]]:
    """The glossary grouped by first letter (A, B, …)."""
    groups: dict[str, list[Term]] = {}
    for term in items:
        groups.setdefault(sort_key(term.name)[:1].upper(), []).append(term)
    return list(groups.items())


def write_outputs(outputs: list[tuple[Output, str]], out: Path) -> None:
    """Write generated pages and data files into a folder (for another MkDocs-compatible engine)."""
    for output, text in outputs:
        target = out / output.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
