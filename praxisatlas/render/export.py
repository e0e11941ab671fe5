"""Open data from the one model: JSON (round-trips to the same entries), CSV for spreadsheets, an Atom feed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from xml.etree import ElementTree as ET

from praxisatlas.checks.schemas import SCHEMA_FILES, schema_text
from praxisatlas.domain.model import KINDS, Entry, KnowledgeBase
from praxisatlas.domain.text import starts_like_formula
from praxisatlas.relate import Relations, partner_index, practice_type
from praxisatlas.render.search_records import folded

LICENCE_NOTE = ("Inhalte des Praxisatlas Jugendhilfe unter CC BY 4.0 "
                "(https://creativecommons.org/licenses/by/4.0/deed.de); amtliche Zahlen: © Statistisches "
                "Bundesamt (Destatis), Vervielfältigung mit Quellenangabe gestattet.")
EXPORT_FILES = {"praxis": "praxisbeispiele", "kommune": "kommunen", "thema": "themen", "netzwerk": "netzwerke"}
META_KEYS = ("kurzname", "datei", "seite", "text", "berechnet")


def entry_record(entry: Entry, rel: Relations) -> dict:
    """One entry as exported: its data unchanged, plus slug, source file, page and derived values."""
    record = {"kurzname": entry.slug, "datei": entry.path, "seite": entry.url, **entry.data}
    if entry.kind == "praxis":
        record["text"] = entry.body
        record["berechnet"] = {"art": practice_type(entry), "stand_der_quelle": rel.source_date.get(entry.slug)}
    if entry.kind == "kommune":
        served = rel.served.get(entry.slug)
        record["berechnet"] = {"groessenklasse": rel.size_class.get(entry.slug),
                               "jugendamt_einwohner": served.as_dict() if served else None,
                               "themen_eigene": rel.own_topics.get(entry.slug, []),
                               "themen_ueber_praxisbeispiele": rel.topics_via_practice.get(entry.slug, [])}
    return record


def record_to_data(record: dict) -> dict:
    """The inverse of `entry_record`: the entry's own data (what its file holds)."""
    return {key: value for key, value in record.items() if key not in META_KEYS}


def record_json(entry: Entry, rel: Relations) -> str:
    """One entry's export record as one line of JSON."""
    return json.dumps(entry_record(entry, rel), ensure_ascii=False, separators=(",", ":"))


def json_export(kb: KnowledgeBase, kind: str, rel: Relations, today: dt.date) -> str:
    """All entries of a kind with licence and date: one entry a line."""
    lines = [record_json(e, rel) for _, e in sorted(kb.entries[kind].items())]
    head = {"titel": f"Praxisatlas Jugendhilfe: {KINDS[kind].label_plural}", "lizenz": LICENCE_NOTE,
            "stand": today.isoformat(), "schema": f"../schema/{kind}.schema.json", "anzahl": len(lines)}
    opening = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # without the closing "\n}"
    return opening + ',\n "eintraege": [\n' + ",\n".join(lines) + "\n ]\n}\n"


def csv_cell(value: object) -> str:
    """A value as a CSV cell that no spreadsheet program reads as a formula: text beginning with =, +, -, @, a tab
    or a line break gets a leading apostrophe (OWASP, "CSV Injection"). The JSON exports keep the text as it is."""
    text = "" if value is None else str(value)
    return "'" + text if starts_like_formula(text) else text


def _csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return "\ufeff" + buffer.getvalue()  # BOM: spreadsheet programs then read UTF-8 correctly


def practices_csv(kb: KnowledgeBase, site_url: str, rel: Relations) -> str:
    rows: list[list[object]] = [["kurzname", "titel", "kurzbeschreibung", "themen", "kommunen", "netzwerke",
                                 "status", "beginn", "ende", "rechtsgrundlagen", "pruefstatus", "stand", "seite",
                                 "art", "stand_der_quelle"]]
    for slug, p in sorted(kb.praxis.items()):
        d = p.data
        rows.append([slug, p.title, d.get("kurzbeschreibung", ""), ", ".join(d.get("themen") or []),
                     ", ".join(d.get("kommunen") or []), ", ".join(d.get("netzwerke") or []), d.get("status", ""),
                     d.get("zeitraum", {}).get("beginn", ""), d.get("zeitraum", {}).get("ende", ""),
                     ", ".join(d.get("rechtsgrundlagen") or []), d.get("pruefstatus", ""), d.get("stand", ""),
                     site_url + p.url, practice_type(p), rel.source_date.get(slug) or ""])
    return _csv(rows)


def kommunen_csv(kb: KnowledgeBase, rel: Relations, site_url: str) -> str:
    rows: list[list[object]] = [["kurzname", "name", "art", "bundesland", "ags", "einwohner", "einwohner_stand",
                                 "einwohner_quelle", "groessenklasse", "themen", "lerninteressen", "seite",
                                 "kreis", "jugendamt_art", "landesjugendamt", "jugendamt_einwohner",
                                 "jugendamt_einwohner_berechnet"]]
    for slug, k in sorted(kb.kommunen.items()):
        d = k.data
        figure = d.get("einwohner") or {}
        rows.append([slug, k.title, d.get("art", ""), d.get("bundesland", ""), d.get("ags", ""),
                     figure.get("anzahl", ""), figure.get("stand", ""), figure.get("quelle", ""),
                     rel.size_class.get(slug) or "", ", ".join(d.get("themen") or []),
                     ", ".join(d.get("lerninteressen") or []), site_url + k.url, *_office_columns(k, rel)])
    return _csv(rows)


def _office_columns(k: Entry, rel: Relations) -> list[object]:
    office = k.get("jugendamt") if isinstance(k.get("jugendamt"), dict) else {}
    served = rel.served.get(k.slug)
    kind = office.get("art", "") if office.get("vorhanden") is not False else "kein eigenes Jugendamt"
    return [k.get("kreis") or "", kind, office.get("landesjugendamt", ""), served.anzahl if served else "",
            ("ja" if served.berechnet else "nein") if served else ""]


def atom_feed(kb: KnowledgeBase, site_url: str, limit: int = 50) -> str:
    """New and updated practices, newest review date first."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed", {"xml:lang": "de"})
    practices = sorted(kb.praxis.values(), key=lambda e: (str(e.get("stand")), e.slug), reverse=True)[:limit]
    newest = str(practices[0].get("stand")) if practices else "2000-01-01"
    for tag, text in (("id", site_url + "feed.xml"), ("title", "Praxisatlas Jugendhilfe: neue und geprüfte "
                      "Praxisbeispiele"), ("updated", f"{newest}T00:00:00Z")):
        ET.SubElement(feed, f"{{{ns}}}{tag}").text = text
    ET.SubElement(feed, f"{{{ns}}}link", {"href": site_url, "rel": "alternate"})
    ET.SubElement(feed, f"{{{ns}}}link", {"href": site_url + "feed.xml", "rel": "self"})
    ET.SubElement(ET.SubElement(feed, f"{{{ns}}}author"), f"{{{ns}}}name").text = "Praxisatlas Jugendhilfe"
    for p in practices:
        item = ET.SubElement(feed, f"{{{ns}}}entry")
        ET.SubElement(item, f"{{{ns}}}id").text = site_url + p.url
        ET.SubElement(item, f"{{{ns}}}title").text = p.title
        ET.SubElement(item, f"{{{ns}}}updated").text = f"{p.get('stand')}T00:00:00Z"
        ET.SubElement(item, f"{{{ns}}}link", {"href": site_url + p.url, "rel": "alternate"})
        ET.SubElement(item, f"{{{ns}}}summary").text = str(p.get("kurzbeschreibung", ""))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


DataJob = tuple[str, Callable[[], str]]  # (path in the site, function making the file's text)


def data_jobs(kb: KnowledgeBase, rel: Relations, site_url: str, today: dt.date) -> list[DataJob]:
    """The open-data files of the site, each as (path, function making it). (The index lists need no data
    file: their filters go through the search index, see render/search_records.py.)"""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    jobs: list[DataJob] = [(f"daten/{name}.json", lambda kind=kind: json_export(kb, kind, rel, today))
                           for kind, name in EXPORT_FILES.items()]
    jobs += [
        ("daten/praxisbeispiele.csv", lambda: practices_csv(kb, site_url, rel)),
        ("daten/kommunen.csv", lambda: kommunen_csv(kb, rel, site_url)),
        ("daten/suchthemen.json", lambda: json.dumps(search_topics(kb), ensure_ascii=False, separators=(",", ":"))),
        ("daten/kommunenindex.json", lambda: json.dumps(partner_index(kb, rel, today), ensure_ascii=False,
                                                         separators=(",", ":"))),
        ("feed.xml", lambda: atom_feed(kb, site_url)),
        ("daten/LIZENZ.txt", lambda: LICENCE_NOTE + "\n"),
        *((f"schema/{name}.schema.json", lambda name=name: schema_text(name)) for name in SCHEMA_FILES),
    ]
    return jobs


def data_files(kb: KnowledgeBase, rel: Relations, site_url: str, today: dt.date) -> dict[str, str]:
    """Every open-data file of the site: path in the site -> text."""
    return {path: make() for path, make in data_jobs(kb, rel, site_url, today)}


def search_topics(kb: KnowledgeBase) -> dict[str, dict]:
    """For the search box (assets/suche.js): each topic's name and search terms, folded as the search folds a
    query, so that a topic comes first for its own name and high for its terms without a second index search."""
    return {t.slug: {"name": folded(t.title),
                     "begriffe": sorted({folded(w) for w in t.get("schlagworte") or [] if isinstance(w, str)}
                                        - {"", folded(t.title)})}
            for t in sorted(kb.themen.values(), key=lambda t: t.slug)}
