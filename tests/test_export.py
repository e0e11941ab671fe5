"""Open data: the exports are complete, validate against the schemas, round-trip, and the feed is Atom."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

from jsonschema import Draft202012Validator

from praxisatlas import REPO_ROOT
from praxisatlas.checks.schemas import validator
from praxisatlas.io.load import load
from praxisatlas.render.export import EXPORT_FILES, record_to_data
from tests.support.project import FIXTURE_KB

ATOM = "{http://www.w3.org/2005/Atom}"


def test_json_exports_contain_every_entry_and_round_trip(site_dir):
    kb, _ = load(FIXTURE_KB)
    for kind, name in EXPORT_FILES.items():
        payload = json.loads((site_dir / "daten" / f"{name}.json").read_text(encoding="utf-8"))
        records = {r["kurzname"]: r for r in payload["eintraege"]}
        assert set(records) == set(kb.entries[kind]), kind
        assert payload["anzahl"] == len(records)
        for slug, entry in kb.entries[kind].items():
            record = records[slug]
            assert record_to_data(record) == entry.data, slug
            assert record["datei"] == entry.path and record["seite"] == entry.url
            assert list(validator(kind).iter_errors(record_to_data(record))) == []
            if kind == "praxis":
                assert record["text"] == entry.body
    kommunen = json.loads((site_dir / "daten" / "kommunen.json").read_text(encoding="utf-8"))["eintraege"]
    # from the population its Kreisjugendamt serves (about 150,000), not the whole Kreis (348,391)
    assert {r["kurzname"]: r["berechnet"]["groessenklasse"] for r in kommunen}["kreis-lippe"] == "II"


def test_published_schemas_are_the_validator_schemas(site_dir):
    for name in ("gemeinsam", "praxis", "kommune", "thema", "netzwerk"):
        published = json.loads((site_dir / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(published)
        source = json.loads((REPO_ROOT / "praxisatlas" / "schema" / f"{name}.schema.json").read_text("utf-8"))
        assert published == source


def test_csv_exports_are_semicolon_separated_utf8_with_header(site_dir):
    kb, _ = load(FIXTURE_KB)
    for name, kind, first in (("praxisbeispiele", "praxis", "kurzname"), ("kommunen", "kommune", "kurzname")):
        raw = (site_dir / "daten" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == first and len({len(r) for r in rows}) == 1
        assert {r[0] for r in rows[1:]} == set(kb.entries[kind])
    text = (site_dir / "daten" / "kommunen.csv").read_text(encoding="utf-8-sig")
    assert "Landkreis Friesland;Landkreis;Niedersachsen;03455;98460" in text


def test_feed_is_valid_atom_with_every_practice(site_dir):
    kb, _ = load(FIXTURE_KB)
    root = ET.fromstring((site_dir / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(kb.praxis)
    for item in entries:
        for tag in ("id", "title", "updated", "link", "summary"):
            assert item.find(f"{ATOM}{tag}") is not None, tag
        assert item.find(f"{ATOM}updated").text.endswith("T00:00:00Z")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids)


def test_sitemap_lists_entry_pages(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "/praxis/kollegiale-visitation-kovis/" in sitemap and "/kommunen/kreis-lippe/" in sitemap
