"""CSV injection: no cell of the open-data CSV files begins with a formula character, the JSON exports keep the
text, the validator warns about such titles and names, and the issue -> pull request path refuses them."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from praxisatlas.domain.text import FORMULA_START
from praxisatlas.intake.issue_to_pr import handle
from praxisatlas.io.load import load
from praxisatlas.relate import relate
from praxisatlas.render.export import csv_cell, data_files
from tests.support.kbfactory import FILES, TODAY, write_kb

HYPERLINK = '=HYPERLINK("https://angreifer.example/";"Mehr lesen")'
HOSTILE = {  # file -> (field, hostile value as YAML, the value as loaded)
    "practices/besuche.md": ("titel", f"'{HYPERLINK}'", HYPERLINK),
    "content/kommunen/stadt-a.yml": ("name", "'@SUMME(1+1)*cmd|\" /C calc\"!A0'", '@SUMME(1+1)*cmd|" /C calc"!A0'),
    "content/kommunen/kreis-b.yml": ("name", "'-2+3'", "-2+3"),
    "content/themen/kinderschutz.yml": ("titel", "'+Kinderschutz'", "+Kinderschutz"),
    "content/netzwerke/team-eins.yml": ("titel", '"\\tTeam eins"', "\tTeam eins"),
}


def hostile_kb(tmp_path):
    overrides = {}
    for path, (key, value, _) in HOSTILE.items():
        lines = FILES[path].split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}: "))
        lines[index] = f"{key}: {value}"
        overrides[path] = "\n".join(lines)
    overrides["practices/besuche.md"] = overrides["practices/besuche.md"].replace(
        "kurzbeschreibung: Zwei Jugendämter besuchen sich.", "kurzbeschreibung: '=1+1'")
    return write_kb(tmp_path, overrides)


@pytest.fixture
def exported(tmp_path):
    root = hostile_kb(tmp_path)
    kb, _ = load(root)
    return kb, data_files(kb, relate(kb), "https://praxisatlas.example/", TODAY)


def spreadsheet_rows(text: str) -> list[list[str]]:
    """The cells as a spreadsheet program's CSV import sees them: UTF-8 with BOM, semicolons, quoted fields."""
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def test_no_csv_cell_begins_with_a_formula_character(exported):
    _kb, files = exported
    practices = spreadsheet_rows(files["daten/praxisbeispiele.csv"])
    kommunen = spreadsheet_rows(files["daten/kommunen.csv"])
    for rows in (practices, kommunen):
        assert len({len(row) for row in rows}) == 1
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_START), cell
    practice = dict(zip(practices[0], practices[1], strict=True))
    assert practice["titel"] == "'" + HYPERLINK  # the leading apostrophe: read as text, shown as typed
    assert practice["kurzbeschreibung"] == "'=1+1"
    names = {row[0]: row[1] for row in kommunen[1:]}
    assert names == {"stadt-a": "'" + HOSTILE["content/kommunen/stadt-a.yml"][2], "kreis-b": "'-2+3"}


def test_a_spreadsheet_finds_no_formula_in_the_csv(exported, tmp_path):
    """Cell by cell into a workbook, as an import does: openpyxl, like a spreadsheet program, makes every text
    beginning with "=" a formula. Our CSV gives none; the raw title would have given one."""
    _kb, files = exported
    book = openpyxl.Workbook()
    sheet = book.active
    for row in spreadsheet_rows(files["daten/praxisbeispiele.csv"]) + spreadsheet_rows(files["daten/kommunen.csv"]):
        sheet.append(row)
    sheet.append([HYPERLINK])  # the control: the title as it was before neutralising
    book.save(tmp_path / "offen.xlsx")
    cells = [cell for row in openpyxl.load_workbook(tmp_path / "offen.xlsx").active.iter_rows() for cell in row]
    formulas = [cell.value for cell in cells if cell.data_type == "f"]
    assert formulas == [HYPERLINK]


def test_json_exports_keep_the_text_unchanged(exported):
    _kb, files = exported
    for path, (key, _, value) in HOSTILE.items():
        name = {"practices": "praxisbeispiele", "kommunen": "kommunen", "themen": "themen",
                "netzwerke": "netzwerke"}[path.split("/")[-2]]
        records = json.loads(files[f"daten/{name}.json"])["eintraege"]
        assert value in [record[key] for record in records], path


@pytest.mark.parametrize(("value", "expected"), [("=A1", "'=A1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"),
                                                 ("\tx", "'\tx"), ("\rx", "'\rx"), ("Kreis", "Kreis"), (None, ""),
                                                 (12, "12"), ("a=b", "a=b"), ("", "")])
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


def test_the_validator_warns_at_the_field(tmp_path):
    root = hostile_kb(tmp_path)
    _kb, findings = load_and_validate(root, today=TODAY)
    warnings = {f.path: f for f in findings if "als Formel" in f.message}
    assert set(warnings) == set(HOSTILE)
    for path, (key, _, _) in HOSTILE.items():
        finding = warnings[path]
        line = (root / path).read_text(encoding="utf-8").split("\n").index(f"{key}: {HOSTILE[path][1]}") + 1
        assert finding.level is Level.WARNING
        assert (finding.line, finding.col) == (line, 1), finding.format()
        assert finding.message.startswith(f"„{key}“ beginnt mit ")
    assert warnings["practices/besuche.md"].format().startswith(
        "practices/besuche.md:2:1: Warnung: „titel“ beginnt mit „=“. Tabellenprogramme lesen so einen Wert als Formel")
    assert "beginnt mit einem Tabulatorzeichen" in warnings["content/netzwerke/team-eins.yml"].message


class GhRecorder:
    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str | None]] = []

    def __call__(self, args: list[str], stdin: str | None) -> str:
        self.calls.append((args, stdin))
        return ""


@pytest.mark.parametrize(("kind", "label", "value"), [
    ("praxis", "Titel des Praxisbeispiels", HYPERLINK),
    ("kommune", "Name der Kommune", "@Stadt Musterhausen"),
])
def test_the_issue_path_refuses_a_formula_title(tmp_path, kind, label, value):
    """Nothing is committed, pushed or opened: one German comment names the form field."""
    root = write_kb(tmp_path)
    body = f"### {label}\n\n{value}\n\n### Kurzbeschreibung\n\nText.\n\n### Quellen\n\n_No response_\n"
    if kind == "kommune":
        body = f"### Anliegen\n\nNeues Kommunenprofil\n\n{body}### Art der Kommune\n\nStadt\n"
    issue = {"number": 5, "title": f"Neu: {value}", "body": body,
             "labels": [{"name": "praxisbeispiel" if kind == "praxis" else "kommunenprofil"}]}
    gh = GhRecorder()
    outcome = handle({"action": "labeled", "label": {"name": "angenommen"}, "issue": issue,
                      "repository": {"full_name": "o/r"}}, root, gh=gh, today=TODAY)
    assert outcome.action == "kommentar"
    assert [args[:2] for args, _ in gh.calls] == [["issue", "comment"]]
    assert f"- **{label}:** „{label}“ beginnt mit „{value[0]}“. Tabellenprogramme würden das in den offenen " \
           "Daten (CSV) als Formel lesen; bitte anders beginnen lassen." in outcome.detail.splitlines(), outcome.detail
