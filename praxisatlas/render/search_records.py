"""Search records from the model: one small HTML document per entry page for the Pagefind index.

Each record holds the text the page shows (title, lead, the Markdown body as plain paragraphs, the facts
as "Label: value." sentences, so no excerpt runs a label into its value), legal references with a high
weight (a search for "§ 8a" finds the entries that cite it first), the topic's search terms on topic
pages, and as Pagefind filters the facets the lists and the search share (URL parameter = filter name).
Made from the model, not from the rendered pages: records can be sent while MkDocs is still rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape

from praxisatlas.domain.citations import text_blocks, without_citations
from praxisatlas.domain.glossary import synonyms
from praxisatlas.domain.model import KINDS, Entry, KnowledgeBase
from praxisatlas.domain.regions import landesjugendamt
from praxisatlas.relate import Relations
from praxisatlas.render.lists import teaser
from praxisatlas.render.reference import reference_label

# Pagefind filters (also the URL parameters of the lists and the search); see filter_names()
FILTERS = ("typ", "thema", "status", "bundesland", "landesjugendamt", "groessenklasse", "art", "pruefstatus")
TYPE_NAMES = {"praxis": "Praxisbeispiel", "kommune": "Kommune", "thema": "Thema", "netzwerk": "Netzwerk"}
# Pagefind's weights run 0–10 (its defaults: h1 7 … h6 2, text 1). The title's weight ranks the kinds for a
# word in several titles: the topic (the hub for its word) first, then practices, Kommunen, networks.
WEIGHT_TITLE = {"thema": 10, "praxis": 8, "kommune": 7, "netzwerk": 6}
WEIGHT_LEGAL = 9
WEIGHT_TERMS = 8  # a topic's search terms ("Auch gesucht als")
WEIGHT_LEAD = 2
WEIGHT_FACTS = 1
WEIGHT_SYNONYMS = 3  # the glossary's other names for what the entry says ("HzE" for "Hilfe zur Erziehung")
WEIGHT_NORM = 10  # a paragraph's own page: the first hit for "§ 8a"
LAWS_FOLDER = "rechtsgrundlagen"  # the pages of cited paragraphs (render/site.py)

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_MARK = re.compile(r"(\*\*|__|\*|`)")


@dataclass
class SearchRecord:
    """One page for the index: its URL (relative to the site root), HTML for Pagefind, and its facets."""

    url: str
    title: str
    html: str
    filters: dict[str, list[str]] = field(default_factory=dict)


def plain(markdown: str) -> str:
    """Markdown (or a line of it) as plain text: links become their text, emphasis and tags go."""
    text = _LINK.sub(r"\1", without_citations(markdown))
    text = _TAG.sub(" ", text)
    text = _MARK.sub("", text).replace("|", " ")
    return " ".join(text.split())


def markdown_blocks(markdown: str) -> list[tuple[str, str]]:
    """A contributor's Markdown as (tag, plain text) blocks: headings, paragraphs, list items, table rows."""
    blocks = [(b.kind if b.kind.startswith("h") else "p", plain(b.text)) for b in text_blocks(markdown)]
    return [(tag, text) for tag, text in blocks if text]


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_FOLDED = re.compile(r"[^a-z0-9§]")


def folded(text: str) -> str:
    """A search word as the search compares it: "Kita-Plätze" and "kitaplaetze" are the same ("kitaplaetze").
    assets/suche.js folds the query the same way."""
    return _NOT_FOLDED.sub("", str(text).lower().translate(_FOLD))


def _strings(entry: Entry, key: str) -> list[str]:
    value = entry.get(key)
    return [str(v) for v in value if isinstance(v, str | int)] if isinstance(value, list) else []


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


class _Html:
    """A record's HTML, built block by block."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.texts: list[str] = []  # the plain text of every block (for the glossary's synonyms)

    def block(self, tag: str, text: str, weight: int | None = None) -> None:
        if text:
            attr = f' data-pagefind-weight="{weight}"' if weight is not None else ""
            self.parts.append(f"<{tag}{attr}>{escape(text)}</{tag}>")
            self.texts.append(text)

    def synonyms(self) -> None:
        """The glossary's other names for what the record says, so that "ASD" finds "Allgemeiner Sozialer
        Dienst" and "Hilfe zur Erziehung" finds "HzE"."""
        self.fact("Fachbegriffe", synonyms("\n".join(self.texts)), WEIGHT_SYNONYMS)

    def fact(self, label: str, values: list[str] | str | None, weight: int = WEIGHT_FACTS) -> None:
        values = [v for v in ([values] if isinstance(values, str) else values or []) if v]
        if values:
            self.block("p", f"{label}: {', '.join(values)}.", weight)

    def document(self, filters: dict[str, list[str]], meta: dict[str, str], sort: dict[str, str]) -> str:
        tags = [f'<span data-pagefind-filter="{escape(name)}:{escape(value)}"></span>'
                for name, values in filters.items() for value in values]
        tags += [f'<span data-pagefind-meta="{escape(name)}:{escape(value)}"></span>'
                 for name, value in meta.items() if value]
        tags += [f'<span data-pagefind-sort="{escape(name)}:{escape(value)}"></span>' for name, value in sort.items()]
        return ('<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"></head><body>'
                + "".join(self.parts) + "".join(tags) + "</body></html>")


class RecordMaker:
    """Makes the search record of each entry from the model (the same data the page templates read)."""

    def __init__(self, kb: KnowledgeBase, rel: Relations):
        self.kb = kb
        self.rel = rel

    def records(self) -> Iterator[SearchRecord]:
        """One record per entry page, kinds in a fixed order, then one per cited paragraph."""
        for entry in self.kb.all_entries():
            yield self.record(entry)
        for use in self.rel.norm_uses.values():
            yield self.norm_record(use)

    def urls(self) -> set[str]:
        """The URL of every record (these pages are not indexed from their HTML)."""
        return {e.url for e in self.kb.all_entries()} | {f"{LAWS_FOLDER}/{slug}/" for slug in self.rel.norm_uses}

    def norm_record(self, use) -> SearchRecord:
        """A cited paragraph's page: its label and heading weigh most, then the entries citing it."""
        norm = use.norm
        html = _Html()
        html.block("h1", norm.label, WEIGHT_NORM)  # "§ 8a SGB VIII": the hub for its paragraph
        html.block("p", norm.title or "", WEIGHT_LEAD)  # the heading's words weigh like a lead, not a title
        html.block("p", norm.law.name, WEIGHT_FACTS)
        html.fact("Praxisbeispiele", self._titles("praxis", list(use.praxis))[:50])
        html.fact("Themen", self._titles("thema", list(use.thema)))
        html.fact("Netzwerke", self._titles("netzwerk", list(use.netzwerk)))
        filters = {"typ": ["seite"]}
        meta = {"typ": "Rechtsgrundlage", "kurz": norm.law.name, "title": norm.full_label}
        url = f"{LAWS_FOLDER}/{norm.slug}/"
        return SearchRecord(url, norm.full_label, html.document(filters, meta, {"titel": norm.label.casefold()}),
                            filters)

    def _titles(self, kind: str, slugs: list[str]) -> list[str]:
        entries = self.kb.entries[kind]
        return [entries[s].title for s in slugs if s in entries]

    def _kommune_facets(self, slugs: list[str]) -> tuple[list[str], list[str]]:
        kommunen = [self.kb.kommunen[s] for s in slugs if s in self.kb.kommunen]
        laender = _unique(str(k.get("bundesland") or "") for k in kommunen)
        aemter = _unique(landesjugendamt(str(k.get("ags") or "")) for k in kommunen)
        return laender, aemter

    def record(self, entry: Entry) -> SearchRecord:
        html = _Html()
        html.block("h1", entry.title, WEIGHT_TITLE[entry.kind])
        filters: dict[str, list[str]] = {"typ": [entry.kind]}
        meta = {"typ": TYPE_NAMES[entry.kind]}
        getattr(self, f"_{entry.kind}")(entry, html, filters, meta)
        html.synonyms()
        if entry.get("art") and entry.kind != "netzwerk":
            filters["art"] = [str(entry.get("art"))]
        filters = {name: values for name, values in filters.items() if values}
        sort = {"titel": entry.title.casefold()}
        return SearchRecord(entry.url, entry.title, html.document(filters, meta, sort), filters)

    def _praxis(self, p: Entry, html: _Html, filters: dict, meta: dict) -> None:
        d = p.data
        themen = _strings(p, "themen")
        html.block("p", plain(d.get("kurzbeschreibung")), WEIGHT_LEAD)
        html.fact("Rechtsgrundlagen", [reference_label(r) for r in _strings(p, "rechtsgrundlagen")], WEIGHT_LEGAL)
        for tag, text in markdown_blocks(p.body):
            html.block(tag, text)
        html.fact("Themen", self._titles("thema", themen))
        html.fact("Kommunen", self._titles("kommune", _strings(p, "kommunen")))
        html.fact("Träger", str(d.get("traeger") or ""))
        html.fact("Partner", _strings(p, "partner"))
        html.fact("Netzwerke", self._titles("netzwerk", _strings(p, "netzwerke")))
        laender, aemter = self._kommune_facets(_strings(p, "kommunen"))
        filters.update(thema=themen, status=[str(d.get("status") or "")], bundesland=laender,
                       landesjugendamt=aemter, pruefstatus=[str(d.get("pruefstatus") or "")])
        filters["status"] = [v for v in filters["status"] if v]
        filters["pruefstatus"] = [v for v in filters["pruefstatus"] if v]
        meta.update(kurz=teaser(d.get("kurzbeschreibung")), status=str(d.get("status") or ""),
                    orte=", ".join(self._titles("kommune", _strings(p, "kommunen"))))

    def _kommune(self, k: Entry, html: _Html, filters: dict, meta: dict) -> None:
        d = k.data
        land = str(d.get("bundesland") or "")
        html.block("p", f"{d.get('art') or ''} in {land}".strip(), WEIGHT_LEAD)
        for key, heading in (("zentrale_themen", "Zentrale Themen"),
                             ("qualitaetsentwicklungsinteressen", "Interessen in der Qualitätsentwicklung"),
                             ("ergebnisse", "Ergebnisse"), ("in_planung", "In Planung")):
            items = _strings(k, key)
            if items:
                html.block("h2", heading)
                for item in items:
                    html.block("p", plain(item))
        for tag, text in markdown_blocks(str(d.get("besonderheiten") or "")):
            html.block(tag, text)
        html.fact("Themen", self._titles("thema", _strings(k, "themen")))
        themen = [t for t in _unique(_strings(k, "themen") + _strings(k, "lerninteressen")) if t in self.kb.themen]
        klasse = self.rel.size_class.get(k.slug)
        amt = landesjugendamt(str(d.get("ags") or ""))
        filters.update(thema=themen, bundesland=[land] if land else [], landesjugendamt=[amt] if amt else [],
                       groessenklasse=[klasse or "unbekannt"])
        meta.update(orte=land, kurz=f"{d.get('art') or ''} in {land}".strip())

    def _thema(self, t: Entry, html: _Html, filters: dict, meta: dict) -> None:
        for tag, text in markdown_blocks(str(t.get("beschreibung") or "")):
            html.block(tag, text, WEIGHT_LEAD if tag == "p" else None)
        html.fact("Rechtsgrundlagen", [reference_label(r) for r in _strings(t, "rechtsgrundlagen")], WEIGHT_LEGAL)
        html.fact("Auch gesucht als", _strings(t, "schlagworte"), WEIGHT_TERMS)
        filters["thema"] = [t.slug]
        meta["kurz"] = teaser(plain(t.get("beschreibung")))
        # the topic's name and terms for putting it first: daten/suchthemen.json (render/export.py, assets/suche.js)

    def _netzwerk(self, n: Entry, html: _Html, filters: dict, meta: dict) -> None:
        d = n.data
        html.block("p", str(d.get("art") or ""), WEIGHT_LEAD)
        for tag, text in markdown_blocks(str(d.get("beschreibung") or "")):
            html.block(tag, text)
        html.fact("Organisation", str(d.get("organisator") or ""))
        html.fact("Zielgruppe", str(d.get("zielgruppe") or ""))
        meta["kurz"] = teaser(plain(d.get("beschreibung") or d.get("art")))


def filter_names() -> dict[str, str]:
    """German label of each filter (for the search dialog and the list forms)."""
    return {"typ": "Art des Eintrags", "thema": "Thema", "status": "Status", "bundesland": "Bundesland",
            "landesjugendamt": "Landesjugendamt", "groessenklasse": "Größenklasse", "art": "Art",
            "pruefstatus": "Prüfstatus"}


def kind_label(kind: str) -> str:
    return KINDS[kind].label
