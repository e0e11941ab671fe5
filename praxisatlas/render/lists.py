"""The index lists (Praxisbeispiele, Kommunen, Themen, Netzwerke): rows, filters and pages, from the one model.

The same rows become the server-rendered, paginated HTML tables; assets/filter.js filters across *all*
entries through the site's search index, whose records carry the same facets as Pagefind filters
(render/search_records.py). A list page therefore stays small however many entries there are, and every
entry is linked from some list page (also without JavaScript).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from praxisatlas.domain.dates import german_date
from praxisatlas.domain.model import KINDS, Entry, KnowledgeBase
from praxisatlas.domain.regions import landesjugendamt
from praxisatlas.relate import PRACTICE_TYPES, SIZE_CLASSES, Relations, practice_type

PAGE_SIZE = 20  # table rows per list page: keeps list pages well under 40 KB (Material's frame is ~17 KB)
PLAIN_LIST_FACTOR = 4  # the plain link lists (Themen, Netzwerke) have short lines: 4 x as many per page
TEASER_LENGTH = 160  # characters of the short description shown in a list row
PAGES_FOLDER = "seiten"  # list page n >= 2 is <prefix>/seiten/<n>.md: no entry page can be called that


def teaser(text: str, limit: int = TEASER_LENGTH) -> str:
    """`text` cut at a word boundary to at most `limit` characters (with " …" when cut)."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else text[:limit]
    return cut.rstrip(" ,;:.–-") + " …"


@dataclass(frozen=True)
class Column:
    """One column of a list table; `param` is also its filter (URL parameter and select name)."""

    param: str
    label: str  # column heading, also the label on a phone
    multi: bool = False  # several values per row (shown comma-separated)
    names: dict[str, str] = field(default_factory=dict)  # value -> text shown in the table
    options: tuple[tuple[str, str], ...] = ()  # filter choices (value, text); empty: no filter
    filter_label: str = ""

    def text(self, value: str | list[str]) -> str:
        values = value if isinstance(value, list) else [value]
        return ", ".join(self.names.get(v, v) for v in values if v) or "–"


@dataclass(frozen=True)
class Row:
    entry: Entry
    teaser: str
    values: tuple  # one per column: a string, or a list of strings for a `multi` column


@dataclass
class EntryList:
    """All entries of one kind as a filterable table."""

    kind: str
    columns: list[Column]
    filters: list[str]  # column params in the order of the filter form
    rows: list[Row]
    extra_filters: list[tuple[str, str, tuple[tuple[str, str], ...]]] = field(default_factory=list)  # no column

    @property
    def label(self) -> str:
        return KINDS[self.kind].label

    @property
    def label_plural(self) -> str:
        return KINDS[self.kind].label_plural

    def column(self, param: str) -> Column:
        return next(c for c in self.columns if c.param == param)

    def filter_fields(self) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
        """(name, label, options) for the filter form."""
        fields = [(c.param, c.filter_label or c.label, c.options) for c in map(self.column, self.filters)]
        return fields + [f for f in self.extra_filters if f[2]]

    def cells(self, row: Row) -> list[tuple[str, str]]:
        """(label, text) of the row's cells after the first."""
        return [(c.label, c.text(v)) for c, v in zip(self.columns, row.values, strict=True)]

    def columns_json(self) -> str:
        """The columns as filter.js needs them to show a filtered row: [{name, titel, namen?}, …]."""
        return json.dumps([{"name": c.param, "titel": c.label, **({"namen": c.names} if c.names else {})}
                           for c in self.columns], ensure_ascii=False, separators=(",", ":"))


def _by_title(entries) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.title.casefold(), e.slug))


def _topic_column(kb: KnowledgeBase) -> Column:
    themen = sorted(kb.themen.values(), key=lambda t: t.title.casefold())
    return Column("thema", "Themen", multi=True, names={t.slug: t.title for t in themen},
                  options=tuple((t.slug, t.title) for t in themen), filter_label="Thema")


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _strings(entry: Entry, key: str) -> list[str]:
    value = entry.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _practice_row(kb: KnowledgeBase, rel: Relations, p: Entry) -> Row:
    laender = _unique(kb.kommunen[k].get("bundesland") for k in _strings(p, "kommunen") if k in kb.kommunen)
    return Row(p, teaser(p.get("kurzbeschreibung")),
               (_strings(p, "themen"), str(p.get("status") or ""), laender, str(p.get("pruefstatus") or ""),
                practice_type(p), rel.source_date.get(p.slug) or ""))


def practice_list(kb: KnowledgeBase, rel: Relations) -> EntryList:
    """All practices by title."""
    rows = [_practice_row(kb, rel, p) for p in _by_title(kb.praxis.values())]
    laender = sorted({land for r in rows for land in r.values[2]})
    source_dates = sorted({r.values[5] for r in rows if r.values[5]}, reverse=True)
    columns = [
        _topic_column(kb),
        Column("status", "Status", options=(("geplant", "geplant"), ("laufend", "laufend"),
                                            ("abgeschlossen", "abgeschlossen"), ("unbekannt", "unbekannt"))),
        Column("bundesland", "Bundesland", multi=True, options=tuple((land, land) for land in laender)),
        Column("pruefstatus", "Prüfstatus", options=(("geprüft", "geprüft"), ("eingereicht", "eingereicht"))),
        # the entry type: a filter for the search and list filters (its choices are ready here)
        # "/" is no line-break opportunity: a zero-width space after it lets the narrow column wrap there
        Column("art", "Art", names={t: t.replace("/", "/\u200b") for t in PRACTICE_TYPES if "/" in t},
               options=tuple((t, t) for t in PRACTICE_TYPES)),
        # currency: the date of the newest source, not the date of the editorial check
        Column("quelle", "Stand der Quelle", names={d: german_date(d) for d in source_dates}),
    ]
    extra = [("landesjugendamt", "Landesjugendamt", _landesjugendamt_options(kb))]
    return EntryList("praxis", columns, ["thema", "status", "bundesland", "pruefstatus", "art"], rows, extra)


def _office_kind(k: Entry) -> str:
    """The kind of a Kommune's Jugendamt for the list: its `art`, "kein eigenes", or "" when unknown."""
    office = k.get("jugendamt") if isinstance(k.get("jugendamt"), dict) else {}
    if office.get("vorhanden") is False:
        return "kein eigenes"
    return str(office.get("art") or "") if office.get("vorhanden") is True else ""


def _kommune_row(kb: KnowledgeBase, rel: Relations, k: Entry) -> Row:
    # own topics (from the profile's sources) and learning interests; topics reached only via a practice are not
    # the Kommune's own work and stay out of the filter
    themen = _unique(rel.own_topics.get(k.slug, []) + _strings(k, "lerninteressen"))
    return Row(k, "", (str(k.get("art") or ""), str(k.get("bundesland") or ""),
                       rel.size_class.get(k.slug) or "unbekannt", [t for t in themen if t in kb.themen],
                       _office_kind(k)))


def kommune_list(kb: KnowledgeBase, rel: Relations) -> EntryList:
    """All Kommunen by name."""
    rows = [_kommune_row(kb, rel, k) for k in _by_title(kb.kommunen.values())]
    arten = sorted({r.values[0] for r in rows if r.values[0]})
    laender = sorted({r.values[1] for r in rows if r.values[1]})
    offices = sorted({r.values[4] for r in rows if r.values[4]})
    columns = [
        Column("art", "Art", options=tuple((a, a) for a in arten)),
        Column("bundesland", "Bundesland", options=tuple((land, land) for land in laender)),
        Column("groessenklasse", "Größenklasse", names={"unbekannt": "–"},
               options=(*((key, f"{key}: {text}") for key, text in SIZE_CLASSES.items()), ("unbekannt", "unbekannt"))),
        _topic_column(kb),
        Column("jugendamt", "Jugendamt", options=tuple((a, a) for a in offices)),
    ]
    extra = [("landesjugendamt", "Landesjugendamt", _landesjugendamt_options(kb))]
    return EntryList("kommune", columns, ["bundesland", "art", "groessenklasse", "thema"], rows, extra)


def _landesjugendamt_options(kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """The Landesjugendämter of the Kommunen in the atlas (a filter of both lists, no column)."""
    names = {landesjugendamt(str(k.get("ags") or "")) for k in kb.kommunen.values()}
    return tuple((n, n) for n in sorted(n for n in names if n))


LISTS = {"praxis": practice_list, "kommune": kommune_list}


@dataclass(frozen=True)
class ListPage:
    """One page of a paginated list: page `number` of `count`, holding items[start:end]."""

    kind: str
    number: int
    count: int
    start: int
    end: int
    total: int

    @property
    def uri(self) -> str:
        return page_uri(self.kind, self.number)

    def url(self, number: int) -> str:
        """Site URL of page `number` of the same list."""
        return page_url(self.kind, number)

    def links(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last, and `around` either side of this one; None = a gap."""
        wanted = {1, self.count, *range(self.number - around, self.number + around + 1)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.count)
        result: list[int | None] = []
        for n in numbers:
            if result and n - (result[-1] or 0) == 2:
                result.append(n - 1)  # a gap of one page: show the number instead of "…"
            elif result and n - (result[-1] or 0) > 2:
                result.append(None)
            result.append(n)
        return result


def page_uri(kind: str, number: int) -> str:
    prefix = KINDS[kind].url_prefix
    return f"{prefix}/index.md" if number == 1 else f"{prefix}/{PAGES_FOLDER}/{number}.md"


def page_url(kind: str, number: int) -> str:
    prefix = KINDS[kind].url_prefix
    return f"{prefix}/" if number == 1 else f"{prefix}/{PAGES_FOLDER}/{number}/"


def paginate(kind: str, total: int, size: int) -> list[ListPage]:
    """Split `total` items into pages of `size` (at least one page, also when the list is empty)."""
    size = max(1, size)
    count = max(1, -(-total // size))
    return [ListPage(kind, n, count, (n - 1) * size, min(n * size, total), total) for n in range(1, count + 1)]


def entry_list(kb: KnowledgeBase, rel: Relations, kind: str) -> EntryList:
    """The list of `kind`."""
    return LISTS[kind](kb, rel)
