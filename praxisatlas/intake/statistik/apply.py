"""Apply a Destatis table to the Kommune profiles: official population, area and NUTS-3 code.

Profiles are found with the project's loader (`praxisatlas.load.load`) by their `ags`. The edit itself is a
minimal ruamel.yaml round trip, so comments, key order and hand-written text stay byte for byte as they were;
a file that ruamel cannot reproduce exactly is refused rather than reformatted. Everything is planned and
validated (in a staging copy) before the first file is written; each file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from praxisatlas.checks.schemas import schema
from praxisatlas.checks.validate import load_and_validate, validate
from praxisatlas.domain import dates
from praxisatlas.domain.findings import Finding, Level, Problem
from praxisatlas.domain.model import DOCUMENTS_FOLDER, KINDS, Entry, KnowledgeBase
from praxisatlas.domain.regions import AGS_LAND, landesjugendamt
from praxisatlas.domain.slug import SLUG_RE, slugify
from praxisatlas.domain.text import escape_controls
from praxisatlas.intake.statistik.destatis import (
    LICENCE,
    PUBLISHER,
    District,
    Table,
    TableError,
    check_totals,
    read_table,
)
from praxisatlas.intake.statistik.transaction import STAGE, Changed, exclusive, recover, replace_folder
from praxisatlas.io.console import report, summary
from praxisatlas.io.entry_writer import dump
from praxisatlas.io.folder_swap import Busy
from praxisatlas.io.load import load
from praxisatlas.render.format import german_number

KOMMUNE = KINDS["kommune"]
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../praxisatlas/schema/kommune.schema.json"
# (mapping indent, sequence indent, dash offset) styles tried, in this order, for a lossless round trip
INDENT_STYLES = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (3, 5, 3), (3, 3, 0)]
FIGURE_KEYS = ("nuts3", "einwohner", "flaeche_km2")  # in the schema's order


class ImportRefused(Problem):
    """The import cannot go ahead; `messages` says why, in German. Nothing has been written."""


@dataclass(frozen=True)
class FieldChange:
    """One value of one profile: before and after (None: missing / removed)."""

    field: str
    old: object
    new: object


@dataclass
class FileChange:
    """One file to write: an updated profile or a new one."""

    path: str  # relative to the root, with forward slashes
    title: str
    district: District
    new_bytes: bytes
    old_bytes: bytes | None  # None for a new file
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def created(self) -> bool:
        return self.old_bytes is None


@dataclass
class Plan:
    """What an import would do, computed without writing anything."""

    table: Table
    files: list[FileChange] = field(default_factory=list)
    unchanged: list[Entry] = field(default_factory=list)  # matched profiles already up to date
    without_profile: list[District] = field(default_factory=list)  # no profile, none created
    notes: list[str] = field(default_factory=list)
    baseline: list[Finding] = field(default_factory=list)  # validator findings before the import
    titles: dict[str, str] = field(default_factory=dict)  # normalised title -> path, existing and planned
    taken: set[str] = field(default_factory=set)  # file names (without suffix) existing and planned

    @property
    def updated(self) -> list[FileChange]:
        return [f for f in self.files if not f.created]

    @property
    def created(self) -> list[FileChange]:
        return [f for f in self.files if f.created]


# --------------------------------------------------------------------------------------------------
# Lossless YAML editing


@dataclass
class _Document:
    yaml: YAML
    data: CommentedMap
    bom: bool
    crlf: bool
    trimmed: bool = False  # the round trip drops spaces at line ends (outside of text blocks), nothing else

    def dump(self) -> bytes:
        text = _dump(self.yaml, self.data)
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "").encode("utf-8") + text.encode("utf-8")


def _yaml(style: tuple[int, int, int] = INDENT_STYLES[0]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    yaml.allow_unicode = True
    yaml.indent(mapping=style[0], sequence=style[1], offset=style[2])
    return yaml


def _dump(yaml: YAML, data: object) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _open_lossless(raw: bytes, rel: str) -> _Document:
    """Load a profile for editing; refuse it if ruamel would not write it back byte for byte."""
    text = raw.decode("utf-8")
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    trimmed: _Document | None = None
    for style in INDENT_STYLES:
        yaml = _yaml(style)
        try:
            data = yaml.load(text)
        except YAMLError:
            break
        if not isinstance(data, CommentedMap):
            break
        again = _dump(yaml, data)
        if again == text:
            return _Document(yaml, data, bom, crlf)
        if trimmed is None and _without_trailing_spaces(again) == _without_trailing_spaces(text):
            trimmed = _Document(yaml, data, bom, crlf, trimmed=True)
    if trimmed is not None:
        return trimmed
    raise ImportRefused([Finding(
        rel, 0, 0, Level.ERROR, "Die Datei lässt sich nicht verlustfrei bearbeiten (ungewöhnliche Einrückung oder "
        "Schreibweise, die beim Schreiben verändert würde). Bitte die Zahlen dort von Hand eintragen oder die "
        "Datei wie die übrigen Profile formatieren (zwei Leerzeichen Einrückung, Listen mit „  - “).")])


def _without_trailing_spaces(text: str) -> str:
    return "\n".join(line.rstrip(" \t") for line in text.split("\n"))


def _comment_holder(mapping: CommentedMap, key: object) -> tuple[dict, object, int]:
    """Where ruamel keeps the comment lines that follow `mapping[key]` (they belong to the next key)."""
    value = mapping[key]
    if isinstance(value, CommentedMap) and len(value):
        return _comment_holder(value, list(value)[-1])
    if isinstance(value, CommentedSeq) and len(value):
        last = len(value) - 1
        if isinstance(value[last], CommentedMap) and len(value[last]):
            return _comment_holder(value[last], list(value[last])[-1])
        return value.ca.items, last, 0
    return mapping.ca.items, key, 2


def _detach_comment_lines(mapping: CommentedMap, key: object) -> str:
    """Remove and return the full comment lines after `mapping[key]` (its end-of-line comment stays)."""
    items, slot_key, slot = _comment_holder(mapping, key)
    entry = items.get(slot_key)
    token = entry[slot] if entry and len(entry) > slot else None
    if not isinstance(token, CommentToken):
        return ""
    first, _newline, rest = token.value.partition("\n")
    if not rest:
        return ""
    if first.strip():
        token.value = first + "\n"
    else:
        entry[slot] = None
    return rest


def _attach_comment_lines(mapping: CommentedMap, key: object, lines: str) -> None:
    items, slot_key, slot = _comment_holder(mapping, key)
    entry = items.setdefault(slot_key, [None, None, None, None])
    entry[slot] = CommentToken("\n" + lines, CommentMark(0), None)


def _put(mapping: CommentedMap, key: str, value: object, order: list[str]) -> None:
    """Set `key`; a new key goes after the last present key that precedes it in the schema's order.

    Comment lines that stood before the following key keep standing before it.
    """
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    keys = list(mapping)
    position = 0
    for index, existing in enumerate(keys):
        if existing in order and order.index(existing) < rank:
            position = index + 1
    lines = _detach_comment_lines(mapping, keys[position - 1]) if position and position < len(keys) else ""
    mapping.insert(position, key, value)
    if lines:
        _attach_comment_lines(mapping, key, lines)


def _order(*path: str) -> list[str]:
    """Key order of a part of the Kommune schema, e.g. _order() or _order('einwohner')."""
    if not path:
        return list(schema("kommune")["properties"])
    if path == ("einwohner",):
        return list(schema("gemeinsam")["$defs"]["zahlangabe"]["properties"])
    return list(schema("kommune")["properties"][path[0]]["properties"])


# --------------------------------------------------------------------------------------------------
# What the table says about one district


def _official(district: District, table: Table) -> dict[str, dict[str, object] | str]:
    return {
        "einwohner": {
            "anzahl": district.einwohner,
            "maennlich": district.maennlich,
            "weiblich": district.weiblich,
            "stand": table.stand,
            "quelle": table.quelle,
        },
        "flaeche_km2": {"wert": district.flaeche_km2, "stand": table.stand, "quelle": table.quelle},
        "nuts3": district.nuts3,
    }


def _same(old: object, new: object) -> bool:
    if isinstance(new, float):
        return isinstance(old, int | float) and not isinstance(old, bool) and abs(old - new) < 0.005
    if isinstance(new, int):
        return isinstance(old, int) and not isinstance(old, bool) and old == new
    if isinstance(new, str) and isinstance(old, int) and not isinstance(old, bool):
        return str(old) == new  # a bare year as `stand`
    return old == new


def _scalar(key: str, value: object) -> object:
    return DoubleQuotedScalarString(value) if key == "stand" else value


def _diff(entry: Entry, official: dict) -> list[FieldChange]:
    """Field changes that bring `entry` to the official figures (read from the loaded model)."""
    changes: list[FieldChange] = []
    for key in FIGURE_KEYS:
        new, old = official[key], entry.get(key)
        if isinstance(new, dict):
            old_group = old if isinstance(old, dict) else {}
            if old is not None and not isinstance(old, dict):
                changes.append(FieldChange(key, old, None))
            for sub, value in new.items():
                if sub not in old_group or not _same(old_group[sub], value):
                    changes.append(FieldChange(f"{key}.{sub}", old_group.get(sub), value))
            if key == "einwohner" and old_group.get("ungefaehr") is True:
                changes.append(FieldChange("einwohner.ungefaehr", True, None))  # an official count is exact
        elif not _same(old, new):
            changes.append(FieldChange(key, old, new))
    return changes


def _edit(document: _Document, official: dict, changes: list[FieldChange]) -> None:
    data = document.data
    touched = {c.field.split(".")[0] for c in changes}
    for key in FIGURE_KEYS:
        if key not in touched:
            continue
        new = official[key]
        if not isinstance(new, dict):
            _put(data, key, new, _order())
            continue
        group = data.get(key)
        if not isinstance(group, CommentedMap):
            group = CommentedMap()
            for sub, value in new.items():
                group[sub] = _scalar(sub, value)
            if key in data:
                data[key] = group
            else:
                _put(data, key, group, _order())
            continue
        for change in changes:
            head, _, sub = change.field.partition(".")
            if head != key or not sub:
                continue
            if change.new is None:
                group.pop(sub, None)
            else:
                _put(group, sub, _scalar(sub, change.new), _order(key))


# --------------------------------------------------------------------------------------------------
# New profiles


def profile_name(district: District) -> str:
    """The display name of a new profile, in the style of the existing ones ('Stadt Herten', 'Kreis Lippe')."""
    base = district.name.split(",")[0].strip()  # 'Braunschweig, Stadt' -> 'Braunschweig'
    art = district.art
    if art == "Stadtstaat" or art == "Region" or (art in ("Kreis", "Landkreis") and "kreis" in base.casefold()):
        return base  # 'Region Hannover', 'Städteregion Aachen', 'Ennepe-Ruhr-Kreis', 'Heidekreis'
    prefix = {"Kreisfreie Stadt": "Stadt", "Kreis": "Kreis", "Landkreis": "Landkreis"}.get(art or "")
    return f"{prefix} {base}" if prefix else base


def _quelle_entry(table: Table) -> CommentedMap:
    entry = CommentedMap()
    entry["titel"] = f"{table.title}, Gebietsstand {table.gebietsstand_text}"
    entry["herausgeber"] = PUBLISHER
    if table.published:
        entry["datum"] = DoubleQuotedScalarString(table.published)
    year = f", {table.copyright_year}" if table.copyright_year else ""
    lands = [land.name for _key, land in sorted(table.lands.items())]
    excerpt = ""
    if len(lands) < len(AGS_LAND):
        names = lands[0] if len(lands) == 1 else ", ".join(lands[:-1]) + " und " + lands[-1]
        excerpt = f" Verwendet wurde ein Auszug der Tabelle ({names})."
    entry["anmerkung"] = (
        f"Daten aus dem Gemeindeverzeichnis-Informationssystem GV-ISys; © {PUBLISHER}{year}, im Auftrag der "
        f"Herausgebergemeinschaft Statistische Ämter des Bundes und der Länder. {LICENCE}{excerpt}"
    )
    return entry


def new_profile_text(district: District, table: Table, name: str, today: dt.date) -> str:
    """The text of a minimal valid profile for a district."""
    data = CommentedMap()
    data["name"] = name
    data["art"] = district.art
    data["bundesland"] = district.bundesland
    data["ags"] = DoubleQuotedScalarString(district.ags)
    official = _official(district, table)
    data["nuts3"] = official["nuts3"]
    for key in ("einwohner", "flaeche_km2"):
        group = CommentedMap()
        for sub, value in official[key].items():  # type: ignore[union-attr]
            group[sub] = _scalar(sub, value)
        data[key] = group
    quellen = CommentedSeq()
    quellen.append(_quelle_entry(table))
    data["quellen"] = quellen
    data["stand"] = DoubleQuotedScalarString(today.isoformat())
    order = _order()
    if "jugendamt" in order:  # the Jugendamt contract (issue 13), once the schema has it
        data["jugendamt"] = _jugendamt(district)
        data = CommentedMap(sorted(data.items(), key=lambda item: order.index(item[0]) if item[0] in order
                                   else len(order)))
    return SCHEMA_COMMENT + "\n" + dump(data)  # the one entry writer


JUGENDAMT_ART = {
    "Kreisfreie Stadt": "Jugendamt einer kreisfreien Stadt",
    "Stadtstaat": "Jugendamt eines Stadtstaats",
    "Kreis": "Kreisjugendamt",
    "Landkreis": "Kreisjugendamt",
    "Region": "Kreisjugendamt",  # Region Hannover, Städteregion Aachen, Regionalverband Saarbrücken
}


def _jugendamt(district: District) -> CommentedMap:
    """Who runs the youth welfare office of a district: its own, by its kind (no population is invented)."""
    block = CommentedMap()
    block["vorhanden"] = True
    block["art"] = JUGENDAMT_ART[district.art or ""]
    lja = landesjugendamt(district.ags)
    if lja:
        block["landesjugendamt"] = lja
    return block


def _norm_title(title: str) -> str:
    return " ".join(title.casefold().split())


# --------------------------------------------------------------------------------------------------
# Planning


def _require_root(root: Path) -> None:
    if not (root / KOMMUNE.folder).is_dir():
        raise ImportRefused([Finding(str(root), 0, 0, Level.ERROR, f"Unter „{root}“ gibt es keinen Ordner "
                                     f"{KOMMUNE.folder}/ – ist das der Wurzelordner des Praxisatlas (Option --root)?")])


def plan_import(root: Path | str, table: Table, create: bool = False, today: dt.date | None = None) -> Plan:
    """Everything the import would change, in memory; raises ImportRefused if it cannot go ahead."""
    root = Path(root)
    today = today or dates.today()
    _require_root(root)
    kb, load_findings = load(root)
    broken = [f for f in load_findings if f.path.startswith(KOMMUNE.folder + "/")]
    if broken:
        raise ImportRefused([
            "Einige Kommunenprofile lassen sich nicht lesen; ihr Gemeindeschlüssel ist daher unbekannt. Bitte "
            "zuerst beheben (python scripts/validate.py):", *broken
        ])
    plan = Plan(table=table, baseline=sorted(set(load_findings + validate(kb, today))))
    by_ags: dict[str, list[Entry]] = {}
    for entry in kb.kommunen.values():
        ags = entry.get("ags")
        if isinstance(ags, str):
            by_ags.setdefault(ags, []).append(entry)
    districts = {d.ags: d for d in table.districts}
    for ags, entries in sorted(by_ags.items()):
        if len(ags) == 5 and ags not in districts and ags[:2] in table.lands:
            for entry in entries:
                plan.notes.append(f"{entry.title} ({entry.path}): Der Gemeindeschlüssel „{ags}“ steht nicht in der "
                                  f"Tabelle (Gebietsstand {table.gebietsstand_text}); nichts geändert.")
    problems: list[Finding] = []
    for district in table.districts:
        for entry in sorted(by_ags.get(district.ags, []), key=lambda e: e.path):
            try:
                _plan_update(plan, root, entry, district)
            except ImportRefused as refused:
                problems.extend(refused.findings)
        if district.ags not in by_ags:
            if create:
                _plan_new(plan, kb, district, today)
            else:
                plan.without_profile.append(district)
    if problems:
        raise ImportRefused(problems)
    return plan


def _plan_update(plan: Plan, root: Path, entry: Entry, district: District) -> None:
    official = _official(district, plan.table)
    changes = _diff(entry, official)
    if not changes:
        plan.unchanged.append(entry)
        return
    raw = (root / entry.path).read_bytes()
    document = _open_lossless(raw, entry.path)
    _edit(document, official, changes)
    plan.files.append(FileChange(entry.path, entry.title, district, document.dump(), raw, changes))
    if document.trimmed:
        plan.notes.append(f"{entry.path}: Leerzeichen am Zeilenende wurden beim Schreiben entfernt.")


def _plan_new(plan: Plan, kb: KnowledgeBase, district: District, today: dt.date) -> None:
    shown = f"{district.ags} {district.name}"
    if district.art is None:
        plan.notes.append(f"{shown}: Die Art „{district.typ}“ ist unbekannt; kein Profil angelegt.")
        plan.without_profile.append(district)
        return
    name = profile_name(district)
    if not plan.titles:  # once per plan: titles and file names already in use
        plan.titles.update({_norm_title(e.title): e.path for e in kb.kommunen.values()})
        plan.taken.update(set(kb.kommunen) | {p.stem.casefold() for p in (kb.root / KOMMUNE.folder).iterdir()})
    twin = plan.titles.get(_norm_title(name))
    if twin is not None:
        plan.notes.append(f"{shown}: „{name}“ gibt es schon ({twin}), aber ohne den Gemeindeschlüssel "
                          f"„{district.ags}“; kein zweites Profil angelegt. Ist es dieselbe Kommune, bitte dort "
                          f"ags: \"{district.ags}\" eintragen – der nächste Import übernimmt dann die Zahlen.")
        plan.without_profile.append(district)
        return
    slug = slugify(name)
    for candidate in (slug, f"{slug}-{district.ags}", *(f"{slug}-{district.ags}-{n}" for n in range(2, 100))):
        if candidate not in plan.taken and SLUG_RE.match(candidate):
            slug = candidate
            break
    path = f"{KOMMUNE.folder}/{slug}{KOMMUNE.suffix}"
    plan.taken.add(slug)
    plan.titles[_norm_title(name)] = path
    text = new_profile_text(district, plan.table, name, today)
    official = _official(district, plan.table)
    changes = [FieldChange(f"{k}.{s}", None, v) for k in ("einwohner", "flaeche_km2")
               for s, v in official[k].items()]  # type: ignore[union-attr]
    plan.files.append(FileChange(path, name, district, text.encode("utf-8"), None, [
        FieldChange("nuts3", None, district.nuts3), *changes]))


# --------------------------------------------------------------------------------------------------
# Checking and writing


def _error_keys(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.path, f.message) for f in findings if f.level is Level.ERROR}


def _new_errors(before: list[Finding], after: list[Finding]) -> list[Finding]:
    known = _error_keys(before)
    return [f for f in after if f.level is Level.ERROR and (f.path, f.message) not in known]


def _stage_check(plan: Plan, today: dt.date) -> Callable[[Path], None]:
    """A check for the staging copy: refuse if the result would have errors it did not have before."""

    def check(stage_root: Path) -> None:
        _kb, findings = load_and_validate(stage_root, today)
        added = _new_errors(plan.baseline, findings)
        if added:
            raise ImportRefused(["Das Ergebnis wäre ungültig; es wurde nichts geschrieben:", *added])

    return check


def write_plan(root: Path | str, plan: Plan, today: dt.date | None = None) -> None:
    """Switch the Kommune folder to the planned state, all or nothing (see `transaction`)."""
    root = Path(root)
    others = [kind.folder for kind in KINDS.values() if kind.folder != KOMMUNE.folder] + [DOCUMENTS_FOLDER]
    try:
        replace_folder(root, KOMMUNE.folder, {f.path: f.new_bytes for f in plan.files},
                       {f.path: f.old_bytes for f in plan.files}, others, _stage_check(plan, today or dates.today()))
    except Changed as changed:
        raise ImportRefused([Finding(str(changed), 0, 0, Level.ERROR, "Während des Imports wurde dort etwas "
                                     "geändert (oder angelegt). Nichts geschrieben; bitte den Import erneut "
                                     "starten.")]) from None


# --------------------------------------------------------------------------------------------------
# The whole import, with German output


def _shown(value: object, field: str = "") -> str:
    if field.endswith("stand") and isinstance(value, int | str):
        return str(value)  # a date or a bare year, not a number
    if value is None:
        return "(fehlt)"
    if value is True:
        return "ja"
    if isinstance(value, float):
        return german_number(value, 2)
    if isinstance(value, int) and not isinstance(value, bool):
        return german_number(value)
    if isinstance(value, str):
        return f"„{value}“"
    return str(value)


def _change_line(change: FieldChange) -> str:
    if change.new is None:
        reason = ", die amtliche Zahl ist genau" if change.field == "einwohner.ungefaehr" else ""
        return f"{change.field}: {_shown(change.old, change.field)} → (entfernt{reason})"
    return f"{change.field}: {_shown(change.old, change.field)} → {_shown(change.new, change.field)}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _stopped(error: Problem | OSError, err: TextIO, unreadable: str = "", root: Path | None = None) -> int:
    """Report why the import stops before anything is written: a Problem's findings, or a file system error (the
    table `unreadable` cannot be read; else an error below `root`). Returns the exit code."""
    if isinstance(error, Problem):
        report(error.findings, stream=err)
        print("Import abgebrochen, es wurde nichts geschrieben.", file=err)
    elif unreadable:
        print(f"Die Datei „{escape_controls(unreadable)}“ lässt sich nicht lesen ({error.strerror or error}). Es "
              "wurde nichts geschrieben.", file=err)
    else:
        print(f"Import abgebrochen: {error.strerror or error} ({getattr(error, 'filename', '') or root}). "
              "Es wurde nichts geschrieben.", file=err)
    return 1


def run(xlsx: Path | str, root: Path | str, create: bool = False, today: dt.date | None = None,
        out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Import one file into the knowledge base below `root`; print a German report; return the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    root = Path(root)
    today = today or dates.today()
    try:
        table = read_table(xlsx)
    except (TableError, OSError) as error:
        return _stopped(error, err, unreadable=str(xlsx))

    lands = ", ".join(f"{land.name} ({len(table.districts_of(key))})" for key, land in sorted(table.lands.items()))
    print(f"Gelesen: „{escape_controls(table.file_name)}“, Tabellenblatt „{escape_controls(table.sheet)}“, "
          f"Gebietsstand {table.gebietsstand_text}.", file=out)
    print(f"{_plural(len(table.districts), 'Kreis oder kreisfreie Stadt', 'Kreise und kreisfreie Städte')} in "
          f"{_plural(len(table.lands), 'Land', 'Ländern')}: {lands}.", file=out)
    print("Summenprüfung:", file=out)
    for check in check_totals(table):
        label = "Warnung" if not check.ok else "OK" if check.checked else "Hinweis"
        print(f"  {label}: {check.message}", file=out)

    try:
        if not (root / STAGE).is_dir():  # with a staging folder left behind, recovery may restore the folder
            _require_root(root)
        with exclusive(root):
            note = recover(root)
            if note:
                print(f"Hinweis: {note}", file=out)
            plan = plan_import(root, table, create, today)
            if plan.files:
                write_plan(root, plan, today)
    except (ImportRefused, Busy, OSError) as error:
        return _stopped(error, err, root=root)

    _print_plan(plan, create, out, root)
    if not plan.files:
        return 0
    _kb, findings = load_and_validate(root, today)
    added = _new_errors(plan.baseline, findings)
    errors = sum(f.level is Level.ERROR for f in findings)
    if added:
        print("Prüfung nach dem Import: neue Fehler!", file=err)
        report(added, stream=err)
        return 1
    status = "OK" if not errors else f"keine neuen Fehler (schon vorher: {errors}; python scripts/validate.py)"
    print(f"Prüfung nach dem Import: {status} ({summary(errors, len(findings) - errors)}).", file=out)
    return 0


def _print_plan(plan: Plan, create: bool, out: TextIO, root: Path) -> None:
    table = plan.table
    updated, created = plan.updated, plan.created
    if updated:
        print(f"Aktualisiert ({_plural(len(updated), 'Profil', 'Profile')}):", file=out)
        for change in updated:
            print(f"  {escape_controls(change.title)} – {change.path}:", file=out)
            for field_change in change.changes:
                print(f"    {_change_line(field_change)}", file=out)
    if created:
        print(f"Neu angelegt ({_plural(len(created), 'Profil', 'Profile')}):", file=out)
        for change in created:
            d = change.district
            print(f"  {escape_controls(change.title)} – {change.path} ({d.art}, {d.ags}, "
                  f"{german_number(d.einwohner)} Einwohner, {german_number(d.flaeche_km2, 2)} km², NUTS3 {d.nuts3})",
                  file=out)
    if plan.unchanged:
        names = ", ".join(e.title for e in sorted(plan.unchanged, key=lambda e: e.title))
        print(f"Unverändert, schon auf dem Stand vom {table.gebietsstand_text}: {names}.", file=out)
    if plan.without_profile:
        hint = "" if create else " (mit --anlegen werden Profile angelegt)"
        print(f"Ohne Profil: {_plural(len(plan.without_profile), 'Kreis oder kreisfreie Stadt', 'Kreise und kreisfreie Städte')} der Tabelle{hint}.", file=out)  # noqa: E501
    for note in plan.notes:
        print(f"Hinweis: {note}", file=out)
    if plan.files:
        print(f"Zusammenfassung: {_plural(len(updated), 'Profil', 'Profile')} aktualisiert, "
              f"{len(created)} neu angelegt in {root}.", file=out)
    elif plan.unchanged:
        matched = len(plan.unchanged)
        print(f"Keine Änderungen: {_plural(matched, 'passendes Profil ist', 'passende Profile sind')} schon auf dem "
              f"Stand der Tabelle (Gebietsstand {table.gebietsstand_text}). In {root} wurde nichts geschrieben.",
              file=out)
    else:
        print("Keine Änderungen: Kein Profil hat einen Gemeindeschlüssel („ags“) aus der Tabelle. Es wurde nichts "
              "geschrieben.", file=out)
