"""Import of the Destatis table (issue 6): reading the layout, updating and creating profiles, refusing bad files."""

from __future__ import annotations

import collections
import hashlib
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from praxisatlas import REPO_ROOT
from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from praxisatlas.intake.statistik.apply import SCHEMA_COMMENT, run, slugify
from praxisatlas.intake.statistik.destatis import TITLE, TableError, check_totals, read_table
from praxisatlas.io.load import load
from praxisatlas.relate import kommune_size_class
from tests.support import destatis_table
from tests.support.kbfactory import TODAY, write_kb
from tests.support.project import FROZEN_TODAY
from tests.support.project import fixture_project as copy_project

FIXTURE = Path(__file__).parent / "fixtures" / "destatis-04-kreise-2018-auszug.xlsx"
SCRIPT = REPO_ROOT / "scripts" / "import_statistik.py"
QUELLE = "Statistisches Bundesamt (Destatis), GV-ISys, Gebietsstand 31.12.2018"
UNNA = "content/kommunen/kreis-unna.yml"
SOEST = "content/kommunen/kreis-soest.yml"


def run_import(root: Path, xlsx: Path = FIXTURE, create: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(xlsx, root, create=create, today=TODAY, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def hashes(root: Path) -> dict[str, str]:
    """Every file of the knowledge base (content and practices), by path, with its SHA-256."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("content", "practices") if (root / folder).is_dir()
        for p in sorted((root / folder).rglob("*")) if p.is_file()
    }


def errors(root: Path) -> list[str]:
    _kb, findings = load_and_validate(root, today=TODAY)
    return [f.format() for f in findings if f.level is Level.ERROR]


# --------------------------------------------------------------------------------------------------
# Reading the excerpt


def test_excerpt_is_read_with_all_districts_and_land_totals():
    table = read_table(FIXTURE)
    assert table.sheet == "Kreisfreie Städte u. Landkreise"
    assert table.title == TITLE
    assert table.stand == "2018-12-31"
    assert table.quelle == QUELLE
    assert (table.published, table.copyright_year) == ("2019-10", "2019")
    # counted independently: rows of the data sheet whose first cell is a 5-digit key
    sheet = openpyxl.load_workbook(FIXTURE, read_only=True)["Kreisfreie Städte u. Landkreise"]
    keys = [r[0] for r in sheet.iter_rows(values_only=True) if isinstance(r[0], str) and len(r[0]) == 5]
    assert collections.Counter(k[:2] for k in keys) == {"03": 45, "05": 53}
    assert [d.ags for d in table.districts] == keys
    assert collections.Counter(d.land_key for d in table.districts) == {"03": 45, "05": 53}
    assert {k: land.name for k, land in table.lands.items()} == {"03": "Niedersachsen", "05": "Nordrhein-Westfalen"}
    assert table.lands["05"].total.einwohner == 17_932_651
    assert table.germany is not None and table.germany.einwohner == 83_019_213
    lippe = next(d for d in table.districts if d.ags == "05766")
    assert (lippe.typ, lippe.name, lippe.nuts3, lippe.flaeche_km2) == ("Kreis", "Lippe", "DEA45", 1246.22)
    assert (lippe.einwohner, lippe.maennlich, lippe.weiblich, lippe.bundesland) == (
        348_391, 170_965, 177_426, "Nordrhein-Westfalen")
    arts = {d.name: d.art for d in table.districts}
    assert arts["Braunschweig, Stadt"] == "Kreisfreie Stadt"
    assert arts["Gifhorn"] == "Landkreis"
    assert arts["Region Hannover"] == "Region"  # listed as Landkreis
    assert arts["Städteregion Aachen"] == "Region"  # listed as Kreis
    assert arts["Soest"] == "Kreis"
    checks = check_totals(table)
    assert all(c.ok for c in checks), checks
    assert [c.message.split(" (")[0] for c in checks if c.checked] == ["Niedersachsen", "Nordrhein-Westfalen"]


# --------------------------------------------------------------------------------------------------
# Updating existing profiles


def prepare_hand_edits(root: Path) -> dict[str, str]:
    """Give Kreis Unna a non-official population, comments and hand-written text; strip Soest's area and NUTS3."""
    unna = root / UNNA
    text = unna.read_text(encoding="utf-8")
    official = ("einwohner:\n  anzahl: 394782\n  maennlich: 192304\n  weiblich: 202478\n"
                f'  stand: "2018-12-31"\n  quelle: {QUELLE}\n')
    assert official in text
    text = text.replace(official, "einwohner:\n  anzahl: 390000  # laut Kreis\n  ungefaehr: true\n  stand: 2017\n"
                                  "  quelle: Website des Kreises Unna\n")
    office = "  landesjugendamt: LWL-Landesjugendamt Westfalen\n"
    assert office in text
    text = text.replace(office, office + "  einwohner:\n    anzahl: 100000\n    stand: 2017\n"
                                         "    quelle: Schätzung des Jugendamts\n")
    text = text.replace("netzwerke:\n", "# Von Hand: bitte die Netzwerke nicht sortieren\nnetzwerke:\n")
    text = text.replace('stand: "2026-11-23"', "besonderheiten: |-\n  Von Hand geschrieben: **wichtig**.\n\n"
                                                "  Zweiter Absatz mit „Anführungszeichen“.\nstand: \"2026-11-23\"")
    unna.write_text(text, encoding="utf-8")
    soest = root / SOEST
    text = soest.read_text(encoding="utf-8")
    area = f'flaeche_km2:\n  wert: 1328.64\n  stand: "2018-12-31"\n  quelle: {QUELLE}\n'
    assert area in text and "nuts3: DEA5B\n" in text
    soest.write_text(text.replace(area, "").replace("nuts3: DEA5B\n", "")
                     .replace("netzwerke:\n", "# Kommentar zu den Netzwerken\nnetzwerke:\n"), encoding="utf-8")
    return {UNNA: unna.read_text(encoding="utf-8"), SOEST: soest.read_text(encoding="utf-8")}


def test_import_updates_figures_and_keeps_everything_else(tmp_path):
    root = copy_project(tmp_path)
    before = prepare_hand_edits(root)
    untouched = {p: h for p, h in hashes(root).items() if p not in before}

    code, out, err = run_import(root)
    assert code == 0, err
    assert err == ""
    kb, _ = load(root)
    unna = kb.kommunen["kreis-unna"]
    assert unna.get("einwohner") == {"anzahl": 394_782, "maennlich": 192_304, "weiblich": 202_478,
                                     "stand": "2018-12-31", "quelle": QUELLE}
    assert unna.get("jugendamt")["einwohner"] == {"anzahl": 100_000, "stand": 2017,
                                                  "quelle": "Schätzung des Jugendamts"}
    assert unna.get("besonderheiten") == "Von Hand geschrieben: **wichtig**.\n\nZweiter Absatz mit „Anführungszeichen“."
    soest = kb.kommunen["kreis-soest"]
    assert soest.get("nuts3") == "DEA5B"
    assert soest.get("flaeche_km2") == {"wert": 1328.64, "stand": "2018-12-31", "quelle": QUELLE}
    assert kommune_size_class(unna) == "II"  # from the population its Kreisjugendamt serves, not the Kreis's

    # only the figures changed: comments, order and hand-written text are byte for byte the same
    after_unna = (root / UNNA).read_text(encoding="utf-8")
    assert after_unna == before[UNNA].replace(
        "  anzahl: 390000  # laut Kreis\n  ungefaehr: true\n  stand: 2017\n  quelle: Website des Kreises Unna\n",
        f'  anzahl: 394782  # laut Kreis\n  maennlich: 192304\n  weiblich: 202478\n  stand: "2018-12-31"\n'
        f"  quelle: {QUELLE}\n")
    assert "# Von Hand: bitte die Netzwerke nicht sortieren\nnetzwerke:\n" in after_unna
    after_soest = (root / SOEST).read_text(encoding="utf-8")
    area = f'flaeche_km2:\n  wert: 1328.64\n  stand: "2018-12-31"\n  quelle: {QUELLE}\n'
    # new keys go where the schema puts them; the comment before "netzwerke" stays before "netzwerke"
    assert after_soest == before[SOEST].replace('ags: "05974"\n', 'ags: "05974"\nnuts3: DEA5B\n').replace(
        "# Kommentar zu den Netzwerken\n", area + "# Kommentar zu den Netzwerken\n")
    assert {p: h for p, h in hashes(root).items() if p not in before} == untouched

    # the summary names each Kommune with old -> new
    assert "Kreis Unna – content/kommunen/kreis-unna.yml:" in out
    assert "einwohner.anzahl: 390.000 → 394.782" in out
    assert f"einwohner.quelle: „Website des Kreises Unna“ → „{QUELLE}“" in out
    assert "einwohner.stand: 2017 → 2018-12-31" in out
    assert "einwohner.ungefaehr: ja → (entfernt" in out
    assert "nuts3: (fehlt) → „DEA5B“" in out
    assert "flaeche_km2.wert: (fehlt) → 1.328,64" in out
    assert "Unverändert, schon auf dem Stand vom 31.12.2018: Kreis Lippe, Kreis Recklinghausen, Landkreis Friesland." in out
    assert "Zusammenfassung: 2 Profile aktualisiert, 0 neu angelegt in " in out
    assert "Prüfung nach dem Import: OK" in out
    assert errors(root) == []

    # a second run changes nothing and says so
    first = hashes(root)
    code, out, err = run_import(root)
    assert code == 0, err
    assert hashes(root) == first
    assert "Keine Änderungen: 5 passende Profile sind schon auf dem Stand der Tabelle" in out
    assert f"In {root} wurde nichts geschrieben." in out


def test_crlf_and_trailing_spaces_do_not_block_the_import(tmp_path):
    root = copy_project(tmp_path)
    soest = root / SOEST
    text = soest.read_text(encoding="utf-8").replace("nuts3: DEA5B\n", "").replace("art: Kreis\n", "art: Kreis  \n")
    soest.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    code, out, err = run_import(root)
    assert code == 0, err
    raw = soest.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert b'ags: "05974"\r\nnuts3: DEA5B\r\n' in raw
    assert "Leerzeichen am Zeilenende" in out
    assert errors(root) == []


# --------------------------------------------------------------------------------------------------
# Creating profiles


def test_anlegen_creates_a_valid_profile_for_every_district(tmp_path):
    root = copy_project(tmp_path)
    existing = set(hashes(root))
    code, out, err = run_import(root, create=True)
    assert code == 0, err
    new = sorted(set(hashes(root)) - existing)
    assert len(new) == 98 - 5
    assert "Neu angelegt (93 Profile):" in out
    assert errors(root) == []

    kb, _ = load(root)
    by_ags = collections.defaultdict(list)
    for slug, entry in kb.kommunen.items():
        if entry.get("ags"):
            by_ags[entry.get("ags")].append(slug)
    table = read_table(FIXTURE)
    assert {d.ags for d in table.districts} <= set(by_ags)
    assert all(len(slugs) == 1 for slugs in by_ags.values()), by_ags
    assert by_ags["05766"] == ["kreis-lippe"]  # matched, not created twice
    expected = {
        "03101": ("stadt-braunschweig", "Stadt Braunschweig", "Kreisfreie Stadt"),
        "03403": ("stadt-oldenburg-oldenburg", "Stadt Oldenburg (Oldenburg)", "Kreisfreie Stadt"),
        "03458": ("landkreis-oldenburg", "Landkreis Oldenburg", "Landkreis"),
        "03241": ("region-hannover", "Region Hannover", "Region"),
        "05334": ("staedteregion-aachen", "Städteregion Aachen", "Region"),
        "05958": ("hochsauerlandkreis", "Hochsauerlandkreis", "Kreis"),
        "05754": ("kreis-guetersloh", "Kreis Gütersloh", "Kreis"),
        "05914": ("stadt-hagen", "Stadt Hagen", "Kreisfreie Stadt"),
        "03159": ("landkreis-goettingen", "Landkreis Göttingen", "Landkreis"),
    }
    for ags, (slug, name, art) in expected.items():
        assert by_ags[ags] == [slug]
        entry = kb.kommunen[slug]
        assert (entry.get("name"), entry.get("art")) == (name, art)
    hannover = kb.kommunen["region-hannover"]
    assert hannover.get("bundesland") == "Niedersachsen"
    assert hannover.get("einwohner") == {"anzahl": 1_157_624, "maennlich": 567_201, "weiblich": 590_423,
                                         "stand": "2018-12-31", "quelle": QUELLE}
    assert hannover.get("flaeche_km2") == {"wert": 2297.13, "stand": "2018-12-31", "quelle": QUELLE}
    assert hannover.get("nuts3") == "DE929"
    assert hannover.get("stand") == TODAY.isoformat()
    [quelle] = hannover.get("quellen")
    assert quelle["herausgeber"] == "Statistisches Bundesamt (Destatis)"
    assert quelle["datum"] == "2019-10"
    assert "© Statistisches Bundesamt (Destatis), 2019" in quelle["anmerkung"]
    assert "mit Quellenangabe gestattet" in quelle["anmerkung"]
    assert quelle["anmerkung"].endswith("Auszug der Tabelle (Niedersachsen und Nordrhein-Westfalen).")
    # the district table does not say whom the Region's Jugendamt serves (Hannover has its own): no class yet
    assert kommune_size_class(hannover) is None
    for path in new:
        assert (root / path).read_text(encoding="utf-8").startswith(SCHEMA_COMMENT + "\nname: ")

    first = hashes(root)
    code, out, err = run_import(root, create=True)
    assert code == 0, err
    assert hashes(root) == first
    assert "Keine Änderungen: 98 passende Profile sind schon auf dem Stand der Tabelle" in out


@pytest.mark.parametrize(("text", "slug"), [
    ("Stadt Oldenburg (Oldenburg)", "stadt-oldenburg-oldenburg"),
    ("Landkreis Lüchow-Dannenberg", "landkreis-luechow-dannenberg"),
    ("Städteregion Aachen", "staedteregion-aachen"),
    ("Stadt Halle (Saale)", "stadt-halle-saale"),
    ("Landkreis Weißenburg-Gunzenhausen", "landkreis-weissenburg-gunzenhausen"),
    ("Stadt Frankfurt am Main", "stadt-frankfurt-am-main"),
])
def test_slugs(text, slug):
    assert slugify(text) == slug


# --------------------------------------------------------------------------------------------------
# The full table's layout: other Länder and types the excerpt lacks


def district(ags, typ, name, nuts3, area, male, female):
    return [ags, typ, name, nuts3, area, male + female, male, female, round((male + female) / area)]


FULL_LANDS = [
    ("02", "Hamburg", [
        ("020", None),
        district("02000", "Kreisfreie Stadt", "Hamburg, Freie und Hansestadt", "DE600", 755.09, 904_785, 942_468),
    ]),
    ("08", "Baden-Württemberg", [
        ("081", "Reg.-Bez. Stuttgart"),
        district("08111", "Stadtkreis", "Stuttgart, Landeshauptstadt", "DE111", 207.33, 317_312, 318_599),
        district("08115", "Landkreis", "Böblingen", "DE112", 617.76, 195_620, 197_187),
        ("082", "Reg.-Bez. Karlsruhe"),
        district("08212", "Stadtkreis", "Karlsruhe, Stadt", "DE122", 173.42, 157_109, 155_951),
    ]),
    ("10", "Saarland", [
        ("100", None),
        district("10041", "Regionalverband", "Regionalverband Saarbrücken", "DEC01", 410.95, 161_806, 167_787),
        district("10042", "Landkreis", "Merzig-Wadern", "DEC02", 555.2, 51_320, 52_200),
    ]),
]


class _Shifted:
    """A sheet whose rows all start one column further right."""

    def __init__(self, sheet):
        self.sheet = sheet

    def append(self, row):
        self.sheet.append([None, *row])


def full_layout(path: Path, lands=FULL_LANDS, total_delta=(0, 0.0), break_cell=None, variant="") -> Path:
    """A workbook in the layout of the full Destatis table (cover sheet, header, Länder, totals, footnotes)."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Deckblatt"
    cover["A4"] = "Statistisches Bundesamt"
    cover["A34"] = "Gebietsstand: 31.12.2019"
    cover["A35"] = "Erscheinungsmonat: Oktober 2020"
    sheet = book.create_sheet("Kreisfreie Städte u. Landkreise")
    if variant == "one header row, shifted":
        sheet = _Shifted(sheet)
        sheet.append([TITLE])
        sheet.append(["Gebietsstand: 31.12.2019"])
        sheet.append(["Schlüssel-\nnummer", "Regionale Bezeichnung", "Kreisfreie Stadt / Kreis / Landkreis", "NUTS3",
                      "Fläche in km²", "Bevölkerung insgesamt", "Bevölkerung männlich", "Bevölkerung weiblich",
                      "je km²"])
    else:
        sheet.append([TITLE])
        sheet.append(["Gebietsstand: 31.12.2019"])
        sheet.append([])
        sheet.append(["Schlüssel-nummer", "Regionale Bezeichnung", "Kreisfreie Stadt", "NUTS3", "Fläche \nin km2 1)",
                      "Bevölkerung 2)"])
        sheet.append([None, None, "Kreis / Landkreis", None, None, "insgesamt", "männlich", "weiblich", "je km2"])
    sheet.append([1, "2", 3, 4, 5, 6, 7, 8, 9])
    sheet.append([])
    for key, name, rows in lands:
        sheet.append([key, name])
        districts = [r for r in rows if len(r) > 2]
        for row in rows:
            sheet.append(list(row) if len(row) > 2 else [row[0], row[1] or name])
        people, male, female = (sum(d[i] for d in districts) for i in (5, 6, 7))
        area = round(sum(d[4] for d in districts), 2)
        if key == "08":
            people, area = people + total_delta[0], area + total_delta[1]
        sheet.append([None, None, "Insgesamt", None, area, people, male, female, round(people / area)])
    sheet.append([None, "Deutschland", "Insgesamt", None, 357_582.0, 83_166_711, 41_037_613, 42_129_098, 233])
    sheet.append([])
    sheet.append(["Quelle: Gemeindeverzeichnis-Informationssystem GV-ISys"])
    sheet.append(['1)  Fläche in Rheinland-Pfalz: Ohne das Gebiet "gemeinsames deutsch-luxemburgisches '
                  'Hoheitsgebiet" von 6,20 km2.'])
    sheet.append(["© Daten (im Auftrag der Herausgebergemeinschaft Statistische Ämter des Bundes und der Länder)"])
    sheet.append(["     Statistisches Bundesamt (Destatis), 2020"])
    sheet.append(["     Vervielfältigung und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet."])
    if break_cell:
        book["Kreisfreie Städte u. Landkreise"][break_cell[0]] = break_cell[1]
    book.save(path)
    return path


def test_full_layout_with_other_laender_and_types(tmp_path):
    xlsx = full_layout(tmp_path / "04-kreise.xlsx")
    table = read_table(xlsx)
    assert table.stand == "2019-12-31"
    assert (table.published, table.copyright_year) == ("2020-10", "2020")
    assert {d.ags: (d.typ, d.art) for d in table.districts} == {
        "02000": ("Kreisfreie Stadt", "Stadtstaat"),
        "08111": ("Stadtkreis", "Kreisfreie Stadt"),
        "08115": ("Landkreis", "Landkreis"),
        "08212": ("Stadtkreis", "Kreisfreie Stadt"),
        "10041": ("Regionalverband", "Region"),
        "10042": ("Landkreis", "Landkreis"),
    }
    assert {k: land.name for k, land in table.lands.items()} == {
        "02": "Hamburg", "08": "Baden-Württemberg", "10": "Saarland"}
    assert all(c.ok for c in check_totals(table))

    root = write_kb(tmp_path / "kb")
    code, out, err = run_import(root, xlsx, create=True)
    assert code == 0, err
    assert "Gebietsstand 31.12.2019" in out
    assert errors(root) == []
    kb, _ = load(root)
    assert {s: (e.get("name"), e.get("art"), e.get("bundesland")) for s, e in kb.kommunen.items()
            if s not in ("stadt-a", "kreis-b")} == {
        "hamburg": ("Hamburg", "Stadtstaat", "Hamburg"),
        "stadt-stuttgart": ("Stadt Stuttgart", "Kreisfreie Stadt", "Baden-Württemberg"),
        "landkreis-boeblingen": ("Landkreis Böblingen", "Landkreis", "Baden-Württemberg"),
        "stadt-karlsruhe": ("Stadt Karlsruhe", "Kreisfreie Stadt", "Baden-Württemberg"),
        "regionalverband-saarbruecken": ("Regionalverband Saarbrücken", "Region", "Saarland"),
        "landkreis-merzig-wadern": ("Landkreis Merzig-Wadern", "Landkreis", "Saarland"),
    }
    assert kb.kommunen["regionalverband-saarbruecken"].get("einwohner")["stand"] == "2019-12-31"


def test_layout_is_found_by_header_texts_not_positions(tmp_path):
    shifted = read_table(full_layout(tmp_path / "anders.xlsx", variant="one header row, shifted"))
    usual = read_table(full_layout(tmp_path / "ueblich.xlsx"))
    assert [(d.ags, d.name, d.einwohner) for d in shifted.districts] == [
        (d.ags, d.name, d.einwohner) for d in usual.districts]
    assert shifted.gebietsstand == usual.gebietsstand
    assert all(c.ok for c in check_totals(shifted))


def test_mismatching_land_totals_are_reported(tmp_path):
    xlsx = full_layout(tmp_path / "falsch.xlsx", total_delta=(1, 0.25))
    checks = check_totals(read_table(xlsx))
    problems = [c.message for c in checks if not c.ok]
    assert len(problems) == 2, checks
    assert "Baden-Württemberg (3 Kreise und kreisfreie Städte): Die Summe „Einwohner insgesamt“ der Kreise ist " \
           "1.341.778, die Zeile „Insgesamt“ (Zeile 18) nennt 1.341.779 (Abweichung −1)." in problems
    assert any("„Fläche in km²“" in p and "Abweichung −0,25" in p for p in problems)
    root = write_kb(tmp_path / "kb")
    code, out, _err = run_import(root, xlsx)
    assert code == 0
    assert "Warnung: Baden-Württemberg" in out
    # within rounding (0.1 km²) the area is fine
    within = check_totals(read_table(full_layout(tmp_path / "rund.xlsx", total_delta=(0, 0.09))))
    assert all(c.ok for c in within), within


def test_existing_profile_with_the_same_name_is_not_duplicated(tmp_path):
    root = write_kb(tmp_path / "kb", {"content/kommunen/stuttgart.yml": (
        "name: Stadt Stuttgart\nart: Kreisfreie Stadt\nbundesland: Baden-Württemberg\nstand: 2026-11-01\n")})
    code, out, err = run_import(root, full_layout(tmp_path / "t.xlsx"), create=True)
    assert code == 0, err
    assert not (root / "content/kommunen/stadt-stuttgart.yml").exists()
    assert "„Stadt Stuttgart“ gibt es schon (content/kommunen/stuttgart.yml)" in out
    assert errors(root) == []


# --------------------------------------------------------------------------------------------------
# Refusing bad input: exit 1, a German message, nothing written


def truncated(tmp_path: Path) -> Path:
    target = tmp_path / "abgebrochen.xlsx"
    data = FIXTURE.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def foreign(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["Kommune", "Einwohner"])
    book.active.append(["Lippe", 348391])
    book.save(tmp_path / "fremd.xlsx")
    return tmp_path / "fremd.xlsx"


def csv_renamed(tmp_path: Path) -> Path:
    target = tmp_path / "tabelle.xlsx"
    target.write_text("Schlüssel-nummer;Regionale Bezeichnung;NUTS3\n05766;Kreis;DEA45\n", encoding="utf-8")
    return target


def broken_number(tmp_path: Path) -> Path:
    book = openpyxl.load_workbook(FIXTURE)
    book["Kreisfreie Städte u. Landkreise"]["F102"] = "348.39x"  # Lippe, Bevölkerung insgesamt
    book.save(tmp_path / "kaputt.xlsx")
    return tmp_path / "kaputt.xlsx"


def missing_key(tmp_path: Path) -> Path:
    return full_layout(tmp_path / "ohne-schluessel.xlsx", break_cell=("A14", None))  # 08111 Stuttgart


def old_xls(tmp_path: Path) -> Path:
    target = tmp_path / "alt.xlsx"
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return target


def empty(tmp_path: Path) -> Path:
    target = tmp_path / "leer.xlsx"
    target.write_bytes(b"")
    return target


BAD_FILES = [
    (truncated, "beschädigt oder unvollständig"),
    (foreign, "hat nicht den Aufbau der Destatis-Tabelle"),
    (csv_renamed, "ist keine Excel-Arbeitsmappe (.xlsx)"),
    (broken_number, "kaputt.xlsx:102:6: Fehler: Tabellenblatt „Kreisfreie Städte u. Landkreise“, Zeile 102, Spalte F "
                    "(Bevölkerung insgesamt): 05766 Lippe: Der Wert ist „348.39x“, erwartet wird eine ganze Zahl."),
    (missing_key, "ohne-schluessel.xlsx:14:1: Fehler: Tabellenblatt „Kreisfreie Städte u. Landkreise“, Zeile 14, "
                  "Spalte A (Schlüsselnummer): Die Schlüsselnummer fehlt, aber die Zeile enthält Zahlen"),
    (old_xls, "im alten Excel-Format (.xls)"),
    (empty, "ist leer"),
]


@pytest.mark.parametrize(("make", "expected"), BAD_FILES, ids=[m.__name__ for m, _ in BAD_FILES])
def test_bad_file_is_refused_and_nothing_is_written(tmp_path, make, expected):
    (tmp_path / "kopie").mkdir()
    root = copy_project(tmp_path / "kopie")
    # make one profile outdated, so that a wrongly accepted file would have something to write
    soest = root / SOEST
    soest.write_text(soest.read_text(encoding="utf-8").replace("nuts3: DEA5B\n", ""), encoding="utf-8")
    before = hashes(root)
    xlsx = make(tmp_path)
    with pytest.raises(TableError):
        read_table(xlsx)
    code, out, err = run_import(root, xlsx, create=True)
    assert code == 1
    assert expected in err
    assert "Import abgebrochen, es wurde nichts geschrieben." in err
    assert "Traceback" not in err + out
    assert hashes(root) == before


def test_profile_that_cannot_be_edited_losslessly_is_refused(tmp_path):
    root = copy_project(tmp_path)
    soest = root / SOEST
    soest.write_text(soest.read_text(encoding="utf-8").replace("nuts3: DEA5B\n", "").replace(
        "name: Kreis Soest", "name:    Kreis Soest"), encoding="utf-8")
    before = hashes(root)
    code, _out, err = run_import(root, create=True)
    assert code == 1
    assert "content/kommunen/kreis-soest.yml: Fehler: Die Datei lässt sich nicht verlustfrei bearbeiten" in err
    assert hashes(root) == before


def test_unreadable_profile_stops_the_import(tmp_path):
    root = copy_project(tmp_path)
    (root / "content/kommunen/kaputt.yml").write_text("name: [offen\n", encoding="utf-8")
    before = hashes(root)
    code, _out, err = run_import(root, create=True)
    assert code == 1
    assert "content/kommunen/kaputt.yml:" in err
    assert hashes(root) == before


# --------------------------------------------------------------------------------------------------
# The command line


def test_command_line(tmp_path):
    root = copy_project(tmp_path)
    before = hashes(root)
    bad = subprocess.run([sys.executable, str(SCRIPT), str(truncated(tmp_path)), "--root", str(root)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert "beschädigt oder unvollständig" in bad.stderr
    assert "Traceback" not in bad.stderr
    good = subprocess.run([sys.executable, str(SCRIPT), str(FIXTURE), "--root", str(root)],
                          capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stderr
    assert "98 Kreise und kreisfreie Städte in 2 Ländern: Niedersachsen (45), Nordrhein-Westfalen (53)." in good.stdout
    assert "Keine Änderungen" in good.stdout
    assert hashes(root) == before


def test_command_line_speaks_german(tmp_path):
    missing = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2
    assert missing.stderr.startswith("Aufruf: python scripts/import_statistik.py")
    assert "Fehler: Es fehlen Angaben: DATEI.xlsx" in missing.stderr
    assert "usage" not in missing.stderr and "error" not in missing.stderr
    unknown = subprocess.run([sys.executable, str(SCRIPT), str(FIXTURE), "--alles"], capture_output=True, text=True,
                             timeout=120)
    assert unknown.returncode == 2
    assert "Fehler: Unbekannte Angaben: --alles" in unknown.stderr


# --------------------------------------------------------------------------------------------------
# The complete national table (tests/fixtures/destatis-kreise-2018.csv in the original layout)

GERMANY_2018 = 83_019_213
LAND_COUNTS = {"01": 15, "02": 1, "03": 45, "04": 2, "05": 53, "06": 26, "07": 36, "08": 44, "09": 96, "10": 6,
               "11": 1, "12": 18, "13": 8, "14": 13, "15": 14, "16": 23}


@pytest.fixture(scope="module")
def full_table(tmp_path_factory) -> Path:
    return destatis_table.build(tmp_path_factory.mktemp("destatis") / "04-kreise.xlsx")


def test_full_table_is_read_with_every_row_type(full_table):
    table = read_table(full_table)
    assert len(table.districts) == 401
    assert collections.Counter(d.land_key for d in table.districts) == LAND_COUNTS
    assert sum(d.einwohner for d in table.districts) == GERMANY_2018 == table.germany.einwohner
    # Länder 10–16 have their key cell as a number; footnote marks are not part of the names
    sheet = openpyxl.load_workbook(full_table, read_only=True)["Kreisfreie Städte u. Landkreise"]
    numeric = [r[0] for r in sheet.iter_rows(min_row=8, values_only=True) if isinstance(r[0], int) and r[0] < 100]
    assert numeric == [10, 11, 12, 13, 14, 15, 16]
    assert table.lands["07"].name == "Rheinland-Pfalz" and table.lands["13"].name == "Mecklenburg-Vorpommern"
    assert len(table.lands) == 16 and all(land.total is not None for land in table.lands.values())
    # rows below the Land: Regierungsbezirke, statistische Regionen (3 digits), Regionen in Baden-Württemberg (4)
    levels = collections.Counter(len(a.key) for a in table.aggregates)
    assert levels == {2: 16, 3: 29, 4: 12}
    arts = {d.ags: d.art for d in table.districts}
    assert (arts["02000"], arts["11000"]) == ("Stadtstaat", "Stadtstaat")
    assert (arts["04011"], arts["04012"]) == ("Kreisfreie Stadt", "Kreisfreie Stadt")  # Bremen, Bremerhaven
    assert (arts["10041"], arts["03241"], arts["05334"]) == ("Region", "Region", "Region")
    assert (arts["08111"], arts["08115"]) == ("Kreisfreie Stadt", "Landkreis")  # Stadtkreis, Landkreis
    checks = check_totals(table)
    assert all(c.ok for c in checks), [c.message for c in checks if not c.ok]
    assert sum(c.checked for c in checks) == 17  # 16 Länder and Germany


def _variant(tmp_path: Path, name: str, change) -> Path:
    return destatis_table.build(tmp_path / name, change=change)


def test_numeric_key_cells_are_accepted_only_where_no_zero_can_be_lost(tmp_path):
    def safe(sheet):  # districts and regions of Länder 10–16 as numbers, footnote marks in cells
        sheet.cell(destatis_table.row_of(sheet, "10041"), 1).value = 10041
        sheet.cell(destatis_table.row_of(sheet, "145"), 1).value = 145
        row = destatis_table.row_of(sheet, "16077")
        sheet.cell(row, 3).value = "Altenburger Land 3)"
        sheet.cell(row, 6).value = "90 118 2)"

    table = read_table(_variant(tmp_path, "sicher.xlsx", safe))
    altenburg = next(d for d in table.districts if d.ags == "16077")
    assert (altenburg.name, altenburg.einwohner) == ("Altenburger Land", 90_118)
    assert "10041" in {d.ags for d in table.districts}
    assert all(c.ok for c in check_totals(table))

    def lost_zero(sheet):
        sheet.cell(destatis_table.row_of(sheet, "01001"), 1).value = 1001

    xlsx = _variant(tmp_path, "null-fehlt.xlsx", lost_zero)
    with pytest.raises(TableError) as refused:
        read_table(xlsx)
    [finding] = [f for f in refused.value.findings if f.line > 1]
    assert (finding.path, finding.col) == (str(xlsx), 1)
    assert finding.message.startswith("Tabellenblatt „Kreisfreie Städte u. Landkreise“, Zeile "
                                      f"{finding.line}, Spalte A (Schlüsselnummer): Die Schlüsselnummer steht als "
                                      "Zahl 1001 in der Tabelle; dabei ist die führende Null verloren gegangen "
                                      "(gemeint ist wohl „01001“).")


def test_region_rows_with_figures_are_checked(tmp_path):
    def figures(sheet):  # Region Stuttgart with its sum, Region Ostwürttemberg 1 person off
        for key, people in (("0811", 634_830 + 391_640 + 533_859 + 257_253 + 543_984 + 426_158),
                            ("0813", 132_472 + 314_002 + 1)):
            row = destatis_table.row_of(sheet, key)
            districts = [r for r in destatis_table.read_csv() if r.ags.startswith(key)]
            male, female = sum(d.maennlich for d in districts), sum(d.weiblich for d in districts)
            area = round(sum(d.flaeche_km2 for d in districts), 2)
            for col, value in zip((5, 6, 7, 8), (area, people, male, female + people - male - female), strict=True):
                sheet.cell(row, col).value = value

    checks = check_totals(read_table(_variant(tmp_path, "regionen.xlsx", figures)))
    problems = [c.message for c in checks if not c.ok]
    assert len(problems) == 2, problems  # total and weiblich of 0813
    assert problems[0].startswith("0813 Region Ostwürttemberg (Zeile ")
    assert "Die Summe „Einwohner insgesamt“ der Kreise ist 446.474" in problems[0]
    assert "(Abweichung −1)" in problems[0]


def test_full_table_creates_401_valid_profiles_that_add_up_and_build(tmp_path, full_table):
    """--anlegen on the complete table: 401 valid profiles, Germany's population, a strict site build."""
    from praxisatlas.checks.schemas import schema
    from tests.support.project import mkdocs_build

    root = copy_project(tmp_path)
    code, out, err = run_import(root, full_table, create=True)
    assert code == 0, err
    assert "401 Kreise und kreisfreie Städte in 16 Ländern" in out
    assert "Deutschland: Die Summen aller Kreise stimmen" in out
    assert "Prüfung nach dem Import: OK" in out
    assert errors(root) == []
    kb, _ = load(root)
    by_ags = {e.get("ags"): e for e in kb.kommunen.values() if isinstance(e.get("ags"), str) and len(e.get("ags")) == 5}
    assert len(by_ags) == 401
    assert sum(e.get("einwohner")["anzahl"] for e in by_ags.values()) == GERMANY_2018
    assert all(e.get("einwohner")["stand"] == "2018-12-31" for e in by_ags.values())
    berlin, hannover = by_ags["11000"], by_ags["03241"]
    assert (berlin.get("name"), berlin.get("art"), berlin.get("bundesland")) == ("Berlin", "Stadtstaat", "Berlin")
    assert (hannover.get("name"), hannover.get("art")) == ("Region Hannover", "Region")
    assert by_ags["08111"].get("name") == "Stadt Stuttgart"
    assert by_ags["10041"].get("name") == "Regionalverband Saarbrücken"
    assert "Auszug" not in by_ags["16077"].get("quellen")[0]["anmerkung"]
    if "jugendamt" in schema("kommune")["properties"]:  # the Jugendamt contract of issue 13
        expected = {
            "11000": ("Jugendamt eines Stadtstaats", "Landesjugendamt Berlin"),
            "02000": ("Jugendamt eines Stadtstaats", "Landesjugendamt Hamburg"),
            "04012": ("Jugendamt einer kreisfreien Stadt", "Landesjugendamt Bremen"),
            "03241": ("Kreisjugendamt", "Landesjugendamt Niedersachsen"),
            "05334": ("Kreisjugendamt", "LVR-Landesjugendamt Rheinland"),
            "05374": ("Kreisjugendamt", "LVR-Landesjugendamt Rheinland"),  # Oberbergischer Kreis (Gummersbach)
            "05958": ("Kreisjugendamt", "LWL-Landesjugendamt Westfalen"),
            "08111": ("Jugendamt einer kreisfreien Stadt", "Landesjugendamt Baden-Württemberg"),
        }
        for ags, (art, lja) in expected.items():
            assert by_ags[ags].get("jugendamt") == {"vorhanden": True, "art": art, "landesjugendamt": lja}, ags

    result = mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "site" / "kommunen" / "region-hannover" / "index.html").read_text(encoding="utf-8")
    assert "1.157.624" in page and "Gebietsstand 31.12.2018" in page
    assert (tmp_path / "site" / "kommunen" / "landkreis-altenburger-land" / "index.html").is_file()


# --------------------------------------------------------------------------------------------------
# All or nothing, even under kill -9


def _script(root: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(FIXTURE), "--anlegen", "--root", str(root), *extra],
                          capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def before_and_after(tmp_path_factory) -> tuple[dict, dict]:
    """The knowledge base before and after a complete, undisturbed `--anlegen` of the excerpt."""
    root = _prepared(tmp_path_factory.mktemp("referenz"))
    before = hashes(root)
    done = _script(root)
    assert done.returncode == 0, done.stderr
    assert "Zusammenfassung: 2 Profile aktualisiert, 93 neu angelegt in " in done.stdout
    after = hashes(root)
    assert len(set(after) - set(before)) == 93
    assert {p for p in before if before[p] != after[p]} == {UNNA, SOEST}
    return before, after


def _prepared(folder: Path) -> Path:
    """The fixture project with two profiles to update (Unna, Soest) besides the 93 to create."""
    root = copy_project(folder)
    prepare_hand_edits(root)
    return root


STOP_AT = """\
import sys, time
import praxisatlas.io.folder_swap as folder_swap

POINT = {point!r}

def pause(point):
    if point == POINT:
        print(f"PAUSE {{point}}", file=sys.stderr, flush=True)
        time.sleep(600)

folder_swap.pause = pause
if {no_exchange!r}:
    folder_swap.exchange = lambda a, b: False  # the fallback switch (two renames)
"""


def _killed_at(root: Path, point: str, no_exchange: bool = False) -> None:
    """Start the import, wait until it reaches the named `point`, then kill -9 it."""
    custom = root.parent / f"anhalten-{point.replace(':', '-')}"
    custom.mkdir(exist_ok=True)
    (custom / "sitecustomize.py").write_text(STOP_AT.format(point=point, no_exchange=no_exchange), encoding="utf-8")
    python_path = os.pathsep.join(p for p in (str(custom), os.environ.get("PYTHONPATH", "")) if p)
    process = subprocess.Popen([sys.executable, str(SCRIPT), str(FIXTURE), "--anlegen", "--root", str(root)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": python_path})
    try:
        line = process.stderr.readline()
        assert line.strip() == f"PAUSE {point}", line + process.stderr.read()
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


KILL_POINTS = [
    ("kopiert:40", "", "before"),  # 40 of 95 changed profiles (2 updated, 93 new) staged
    ("geprueft", "", "before"),  # everything staged and validated, not yet switched
    ("getauscht", "", "after"),  # switched, staging folder (with the old state) not yet removed
    ("aufgeraeumt", "", "after"),  # halfway through removing the staging folder
    ("umbenannt", "1", None),  # fallback without atomic exchange: between its two renames
]


@pytest.mark.parametrize(("point", "no_exchange", "state"), KILL_POINTS, ids=[p for p, _, _ in KILL_POINTS])
def test_kill_9_leaves_before_or_after_and_the_next_run_recovers(tmp_path, before_and_after, point, no_exchange,
                                                                  state):
    from praxisatlas.intake.statistik.transaction import STAGE

    before, after = before_and_after
    root = _prepared(tmp_path)
    assert hashes(root) == before
    _killed_at(root, point, no_exchange=bool(no_exchange))
    if state is not None:
        assert hashes(root) == (before if state == "before" else after)  # no stray file, no half import
        _kb, findings = load_and_validate(root, today=FROZEN_TODAY)  # the subprocess ran on the frozen date
        assert [f for f in findings if f.level is Level.ERROR] == []  # the staging folder is not seen
    else:
        assert not (root / "content/kommunen").exists() and (root / STAGE / "UEBERNEHMEN").is_file()
    assert (root / STAGE).is_dir()

    again = _script(root)
    assert again.returncode == 0, again.stderr
    assert hashes(root) == after
    assert not (root / STAGE).exists()
    if state == "before":
        assert "Hinweis: Ein abgebrochener Import wurde verworfen" in again.stdout
        assert "Zusammenfassung: 2 Profile aktualisiert, 93 neu angelegt in " in again.stdout
    else:
        assert "Hinweis: Ein unterbrochener Import war schon vollständig übernommen" in again.stdout
        assert "Keine Änderungen" in again.stdout


def test_a_second_import_waits_for_the_first(tmp_path):
    from praxisatlas.intake.statistik.transaction import STAGE, exclusive

    root = copy_project(tmp_path)
    before = hashes(root)
    (root / STAGE).mkdir()  # what a running import has staged must not be "recovered" by a second one
    with exclusive(root):
        code, _out, err = run_import(root, create=True)
    assert code == 1
    assert "Fehler: Ein anderer Import läuft gerade in dieser Wissensbasis" in err
    assert hashes(root) == before and (root / STAGE).is_dir()
