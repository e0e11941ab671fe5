"""Build the complete Destatis district table (GV-ISys, Gebietsstand 31.12.2018) as an .xlsx in its original
layout from the committed CSV `tests/fixtures/destatis-kreise-2018.csv` (401 districts, real figures).

The layout follows the excerpt `tests/fixtures/destatis-04-kreise-2018-auszug.xlsx` (cover sheet, title rows,
two header rows, column numbers, Land rows, Regierungsbezirk / statistische Region rows, one "Insgesamt" row
per Land, "Deutschland", footnotes and licence); the rows the excerpt does not show are reconstructed (see
tests/fixtures/README.md): the four-digit Region rows of Baden-Württemberg, the Land key cells of Länder 10–16
stored as numbers, and footnote marks after the names of Rheinland-Pfalz and Mecklenburg-Vorpommern.

    python -m tests.support.destatis_table ZIEL.xlsx
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

CSV = Path(__file__).resolve().parent.parent / "fixtures" / "destatis-kreise-2018.csv"
SHEET = "Kreisfreie Städte u. Landkreise"
TITLE = "Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte"

LANDS = {
    "01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen",
    "05": "Nordrhein-Westfalen", "06": "Hessen", "07": "Rheinland-Pfalz 1)", "08": "Baden-Württemberg",
    "09": "Bayern", "10": "Saarland", "11": "Berlin", "12": "Brandenburg", "13": "Mecklenburg-Vorpommern 1)",
    "14": "Sachsen", "15": "Sachsen-Anhalt", "16": "Thüringen",
}
# Rows between Land and district, by key prefix (3 digits: Regierungsbezirk / statistische Region,
# 4 digits: Region in Baden-Württemberg)
REGIONS = {
    "031": "Statistische Region Braunschweig", "032": "Statistische Region Hannover",
    "033": "Statistische Region Lüneburg", "034": "Statistische Region Weser-Ems",
    "051": "Reg.-Bez. Düsseldorf", "053": "Reg.-Bez. Köln", "055": "Reg.-Bez. Münster",
    "057": "Reg.-Bez. Detmold", "059": "Reg.-Bez. Arnsberg",
    "064": "Reg.-Bez. Darmstadt", "065": "Reg.-Bez. Gießen", "066": "Reg.-Bez. Kassel",
    "071": "Ehem. Reg.-Bez. Koblenz", "072": "Ehem. Reg.-Bez. Trier", "073": "Ehem. Reg.-Bez. Rheinhessen-Pfalz",
    "081": "Reg.-Bez. Stuttgart", "0811": "Region Stuttgart", "0812": "Region Heilbronn-Franken",
    "0813": "Region Ostwürttemberg",
    "082": "Reg.-Bez. Karlsruhe", "0821": "Region Mittlerer Oberrhein", "0822": "Region Rhein-Neckar",
    "0823": "Region Nordschwarzwald",
    "083": "Reg.-Bez. Freiburg", "0831": "Region Südlicher Oberrhein", "0832": "Region Schwarzwald-Baar-Heuberg",
    "0833": "Region Hochrhein-Bodensee",
    "084": "Reg.-Bez. Tübingen", "0841": "Region Neckar-Alb", "0842": "Region Donau-Iller",
    "0843": "Region Bodensee-Oberschwaben",
    "091": "Reg.-Bez. Oberbayern", "092": "Reg.-Bez. Niederbayern", "093": "Reg.-Bez. Oberpfalz",
    "094": "Reg.-Bez. Oberfranken", "095": "Reg.-Bez. Mittelfranken", "096": "Reg.-Bez. Unterfranken",
    "097": "Reg.-Bez. Schwaben",
    "145": "Statistische Region Chemnitz", "146": "Statistische Region Dresden", "147": "Statistische Region Leipzig",
}
INT_FORMAT = "#\\ ###\\ ###\\ ###\\ ##0"
AREA_FORMAT = "#\\ ###\\ ###\\ ###\\ ##0.00"
BOLD = Font(bold=True)


@dataclass(frozen=True)
class Row:
    """One district of the CSV."""

    ags: str
    typ: str
    name: str
    nuts3: str
    flaeche_km2: float
    einwohner: int
    maennlich: int
    weiblich: int
    je_km2: int


def read_csv(path: Path = CSV) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as stream:
        return [Row(r["ags"], r["typ"], r["name"], r["nuts3"], float(r["flaeche_km2"]), int(r["einwohner"]),
                    int(r["maennlich"]), int(r["weiblich"]), int(r["je_km2"]))
                for r in csv.DictReader(stream, delimiter=";")]


def _cover(book: openpyxl.Workbook) -> None:
    cover = book.active
    cover.title = "Deckblatt"
    for cell, text, bold in [
        ("A4", "Statistisches Bundesamt", False), ("A9", "Daten aus dem Gemeindeverzeichnis", True),
        ("A10", "Kreisfreie Städte und Landkreise nach Fläche,", True),
        ("A11", "Bevölkerung und Bevölkerungsdichte", True), ("A34", "Gebietsstand: 31.12.2018", True),
        ("A35", "Erscheinungsmonat: Oktober 2019", True), ("A38", "Ihr Kontakt zu uns:", False),
        ("A39", "www.destatis.de/kontakt", False),
        ("A46", "© Daten (im Auftrag der Herausgebergemeinschaft Statistische Ämter des Bundes und der Länder)", False),
        ("A47", "     Statistisches Bundesamt (Destatis), 2019", False),
        ("A48", "     Vervielfältigung und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet.", False),
    ]:
        cover[cell] = text
        cover[cell].font = Font(bold=bold)


def _figures(rows: list[Row]) -> list[object]:
    area = round(sum(r.flaeche_km2 for r in rows), 2)
    people = sum(r.einwohner for r in rows)
    return [area, people, sum(r.maennlich for r in rows), sum(r.weiblich for r in rows), round(people / area)]


def build(target: Path, rows: list[Row] | None = None,
          change: Callable[[openpyxl.worksheet.worksheet.Worksheet], None] | None = None) -> Path:
    """Write the workbook to `target`; `change` may alter the data sheet before saving (for damaged variants)."""
    rows = read_csv() if rows is None else rows
    book = openpyxl.Workbook()
    _cover(book)
    sheet = book.create_sheet(SHEET)
    sheet["A1"] = TITLE
    sheet["A1"].font = BOLD
    sheet["A2"] = "Gebietsstand: 31.12.2018"
    sheet["A2"].number_format = "@"
    header = {"A4": "Schlüssel-nummer", "B4": "Regionale Bezeichnung", "C4": "Kreisfreie Stadt", "D4": "NUTS3",
              "E4": "Fläche \nin km2 1)", "F4": "Bevölkerung 2)", "C5": "Kreis / Landkreis", "F5": "insgesamt",
              "G5": "männlich", "H5": "weiblich", "I5": "je km2"}
    for cell, text in header.items():
        sheet[cell] = text
        sheet[cell].alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for merged in ("A1:I1", "A2:I2", "A4:A5", "B4:B5", "D4:D5", "E4:E5", "F4:I4"):
        sheet.merge_cells(merged)
    sheet.append([])
    sheet.append([1, "2", 3, 4, 5, 6, 7, 8, 9])
    sheet.append([])
    for width, letter in zip((9.6, 14.3, 27.0, 6.6, 15.1, 15.7, 15.4, 15.4, 9.4), "ABCDEFGHI", strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A7"

    def bold_row(values: list[object], formats: bool = False) -> None:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
        if formats:
            _number_formats(sheet, sheet.max_row)

    for land, name in LANDS.items():
        members = [r for r in rows if r.ags[:2] == land]
        if not members:
            continue
        bold_row([int(land) if land.startswith("1") else land, name])  # Länder 10–16: key cell is a number
        shown: set[str] = set()
        for row in members:
            for prefix in (row.ags[:3], row.ags[:4]):
                if prefix in REGIONS and prefix not in shown:
                    shown.add(prefix)
                    bold_row([prefix, REGIONS[prefix]])
            sheet.append([row.ags, row.typ, row.name, row.nuts3, row.flaeche_km2, row.einwohner, row.maennlich,
                          row.weiblich, row.je_km2])
            _number_formats(sheet, sheet.max_row)
            sheet.cell(sheet.max_row, 3).number_format = "@"
        bold_row([None, None, "Insgesamt", None, *_figures(members)], formats=True)
    bold_row([None, "Deutschland", "Insgesamt", None, *_figures(rows)], formats=True)
    for _ in range(3):
        sheet.append([])
    for line in [
        "Quelle: Gemeindeverzeichnis-Informationssystem GV-ISys", None,
        '1)  Fläche in Rheinland-Pfalz: Ohne das Gebiet "gemeinsames deutsch-luxemburgisches Hoheitsgebiet" von '
        "6,20 km2.",
        '     Fläche in Mecklenburg-Vorpommern: Ohne das Gebiet "Küstengewässer einschl. Anteil am Festlandsockel" '
        "von 1,00 km2.",
        "     Abweichungen bei den Flächenangaben sind durch Runden der Zahlen möglich.",
        "2) Die Ergebnisse ab Berichtsjahr 2016 sind aufgrund methodischer Änderungen und technischer "
        "Weiterentwicklung\n     nur bedingt mit den Vorjahreswerten vegleichbar.", None,
        "© Daten (im Auftrag der Herausgebergemeinschaft Statistische Ämter des Bundes und der Länder)",
        "     Statistisches Bundesamt (Destatis), 2019",
        "     Vervielfältigung und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet.",
    ]:
        sheet.append([line])
    if change is not None:
        change(sheet)
    book.save(target)
    return target


def _number_formats(sheet, row: int) -> None:
    sheet.cell(row, 5).number_format = AREA_FORMAT
    for col in (6, 7, 8, 9):
        sheet.cell(row, col).number_format = INT_FORMAT


def row_of(sheet, key: str) -> int:
    """The sheet row (1-based) whose key cell is `key`."""
    for index, (value,) in enumerate(sheet.iter_rows(min_col=1, max_col=1, values_only=True), start=1):
        if value == key:
            return index
    raise KeyError(key)


if __name__ == "__main__":
    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else "04-kreise-2018.xlsx")))
