"""GitHub issue form -> entry file.

GitHub renders an issue form into the issue body as `### <label>` followed by the answer ("_No response_"
when a field was left empty, `- [X] …` for ticked checkboxes). This module reads such a body from the forms
in .github/ISSUE_TEMPLATE/ (praxisbeispiel.yml, kommunenprofil.yml), builds a practice or Kommune file,
validates it with the project's validator and only then writes it. Problems are reported in German,
all at once; on any error nothing is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from praxisatlas.domain import dates, practice_template
from praxisatlas.domain.dates import month_number
from praxisatlas.domain.findings import Level, Problem
from praxisatlas.domain.laws import parse_citation
from praxisatlas.domain.model import KINDS, KnowledgeBase
from praxisatlas.domain.practice_template import NO_DETAILS
from praxisatlas.domain.text import formula_start_name, starts_like_formula
from praxisatlas.intake.scaffold import (
    SkeletonError,
    check_new_entry,
    entry_path,
    kommune_slug,
    schema_comment,
    slugify,
    write_new_file,
)
from praxisatlas.io.console import GermanArgumentParser
from praxisatlas.io.entry_writer import dump
from praxisatlas.io.load import load

NO_RESPONSE = "_No response_"


@dataclass(frozen=True)
class FormField:
    """One field of an issue form: its id in the form file, its label (the heading GitHub renders)."""

    id: str
    label: str
    required: bool = False



_PRAXIS_HEAD: tuple[FormField, ...] = (
    FormField("titel", "Titel des Praxisbeispiels", True),
    FormField("kurzbeschreibung", "Kurzbeschreibung", True),
    FormField("themen", "Themen", True),
    FormField("thema_fehlt", "Thema fehlt?"),
    FormField("kommunen", "Beteiligte Kommunen"),
    FormField("partner", "Weitere beteiligte Organisationen"),
    FormField("status", "Stand des Vorhabens", True),
    FormField("beginn", "Beginn"),
    FormField("ende", "Ende"),
    FormField("rechtsgrundlagen", "Rechtsgrundlagen"),
    FormField("quellen", "Quellen", True),
    FormField("kontakt", "Kontakt: Dienststelle oder Funktion", True),
    FormField("kontakt_email", "Kontakt: Funktionspostfach (E-Mail)"),
)
_PRAXIS_TAIL = (FormField("bestaetigung", "Bestätigungen", True),)


def praxis_fields() -> tuple[FormField, ...]:
    """The fields of the Praxisbeispiel form: the fixed ones and one per section of the practice template."""
    sections = tuple(FormField(s.field, s.form_label, s.form_required) for s in practice_template.sections())
    return (*_PRAXIS_HEAD, *sections, *_PRAXIS_TAIL)

KOMMUNE_NEW = "Neues Kommunenprofil"
KOMMUNE_CORRECTION = "Korrektur eines bestehenden Profils"
KOMMUNE_FIELDS: tuple[FormField, ...] = (
    FormField("anliegen", "Anliegen", True),
    FormField("name", "Name der Kommune", True),
    FormField("art", "Art der Kommune"),
    FormField("bundesland", "Bundesland"),
    FormField("ags", "Amtlicher Gemeindeschlüssel (AGS)"),
    FormField("website", "Internetauftritt"),
    FormField("einwohner", "Einwohnerzahl"),
    FormField("einwohner_stand", "Stichtag der Einwohnerzahl"),
    FormField("einwohner_quelle", "Quelle der Einwohnerzahl"),
    FormField("themen", "Themen, an denen die Kommune arbeitet"),
    FormField("lerninteressen", "Themen, zu denen die Kommune dazulernen möchte"),
    FormField("thema_fehlt", "Thema fehlt?"),
    FormField("zentrale_themen", "Zentrale Themen in eigenen Worten"),
    FormField("ergebnisse", "Was schon erreicht wurde"),
    FormField("in_planung", "Was in Planung ist"),
    FormField("besonderheiten", "Besonderheiten"),
    FormField("korrektur", "Korrektur: Was soll geändert werden?"),
    FormField("quellen", "Quellen", True),
    FormField("bestaetigung", "Bestätigungen", True),
)

class _Forms(Mapping):
    """kind -> (form file, fields), made when asked (the practice form follows the practice template)."""

    def __getitem__(self, kind: str) -> tuple[str, tuple[FormField, ...]]:
        if kind == "praxis":
            return "praxisbeispiel.yml", praxis_fields()
        if kind == "kommune":
            return "kommunenprofil.yml", KOMMUNE_FIELDS
        raise KeyError(kind)

    def __iter__(self):
        return iter(("praxis", "kommune"))

    def __len__(self) -> int:
        return 2


FORMS = _Forms()

APPROXIMATE_RE = re.compile(r"^(ca\.?|circa|etwa|rund|ungefähr|knapp|über)\s*", re.I)
BULLET_RE = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
CHECKBOX_RE = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+(.*)$")
HEADING_RE = re.compile(r"^(#{1,2})(\s+\S.*)$")


class IssueError(Problem):
    """The issue cannot become a valid entry; `problems` are German sentences for the user."""

    def __init__(self, problems: list[str]):
        super().__init__(problems)
        self.problems = problems


# ---------------------------------------------------------------------------------------------------------------
# Reading the rendered body


def parse_body(body: str, fields: tuple[FormField, ...]) -> dict[str, str | None]:
    """The answer to every field, by id: None for '_No response_' or a missing section.

    A line `### <label>` starts a field's answer only for a label of the form not seen before, so a heading
    a person typed into an answer stays part of that answer.
    """
    by_label = {f.label: f.id for f in fields}
    answers: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = re.match(r"^###\s+(.+?)\s*$", line)
        if match and match.group(1) in by_label and by_label[match.group(1)] not in answers:
            current = answers.setdefault(by_label[match.group(1)], [])
        elif current is not None:
            current.append(line.rstrip())
    result: dict[str, str | None] = {}
    for field in fields:
        text = "\n".join(answers.get(field.id, [])).strip()
        result[field.id] = None if not text or text == NO_RESPONSE else text
    return result


def detect_kind(body: str) -> str | None:
    """'praxis' or 'kommune', from the labels in the body (None if neither form is recognised)."""
    headings = set(re.findall(r"^###\s+(.+?)\s*$", body.replace("\r\n", "\n"), re.M))
    scores = {kind: len(headings & {f.label for f in fields}) for kind, (_, fields) in FORMS.items()}
    best = max(scores, key=lambda kind: scores[kind])
    return best if scores[best] >= 3 else None


def split_items(text: str | None, separators: str = "") -> list[str]:
    """List items from an answer: one per line (bullets removed), optionally also split at `separators`."""
    if not text:
        return []
    items = []
    for line in text.split("\n"):
        line = BULLET_RE.sub("", line).strip()
        parts = re.split(f"[{re.escape(separators)}]", line) if separators else [line]
        items += [" ".join(p.split()) for p in parts if p.strip()]
    return items


def one_line(text: str | None) -> str | None:
    """An answer as a single line (whitespace collapsed)."""
    return " ".join(text.split()) if text else None


def iso_date(text: str) -> str | None:
    """JJJJ, JJJJ-MM or JJJJ-MM-TT from the usual German ways of writing a date; None if it is none of them."""
    value = text.strip().rstrip(".")
    if re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
        return value
    match = re.fullmatch(r"([0-9]{1,2})\.\s*([0-9]{1,2})\.\s*([0-9]{4})", value)
    if match:
        return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    match = re.fullmatch(r"([0-9]{1,2})\s*[./]\s*([0-9]{4})", value)
    if match:
        return f"{match[2]}-{int(match[1]):02d}"
    match = re.fullmatch(r"([A-Za-zÄÖÜäöü]+)\.?\s+([0-9]{4})", value)
    if match and month_number(match[1]):
        return f"{match[2]}-{month_number(match[1]):02d}"
    return None


def normalize_law(text: str) -> str:
    """'§8a Abs.4 SGB 8' -> '§ 8a Abs. 4 SGB VIII' (the form the schema expects, read by domain/laws.py); text
    that names no paragraph stays as written (the validator then says why)."""
    citation = parse_citation(text)
    return citation.label if citation else " ".join(text.split())


def markdown_section(text: str) -> str:
    """An answer as section text: headings of level 1 and 2 become level 3 (the sections are level 2)."""
    lines = []
    in_fence = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        lines.append(line if in_fence else HEADING_RE.sub(r"###\2", line))
    return "\n".join(lines).strip()


# ---------------------------------------------------------------------------------------------------------------
# Building the data


def _find(name: str, kb: KnowledgeBase, kind: str) -> str | None:
    """The slug of the existing entry of `kind` that `name` means (its title or slug, any case), or None."""
    index: dict[str, str] = {}
    for slug, entry in kb.entries[kind].items():
        for key in (slug, entry.title, slugify(entry.title)):
            index.setdefault(key.casefold(), slug)
    return (index.get(name.casefold()) or index.get(slugify(name))
            or (index.get(kommune_slug(name)) if kind == "kommune" else None))


def _lookup(names: list[str], kb: KnowledgeBase, kind: str, problems: list[str]) -> list[str]:
    """Slugs for names or slugs of existing entries of `kind`; a German problem for each unknown name."""
    found: list[str] = []
    for name in names:
        slug = _find(name, kb, kind)
        if slug is None:
            problems.append(_unknown(name, kind, kb))
        elif slug not in found:
            found.append(slug)
    return found


def _unknown(name: str, kind: str, kb: KnowledgeBase) -> str:
    entries = sorted(kb.entries[kind].values(), key=lambda e: e.title.casefold())
    close = difflib.get_close_matches(name, [e.title for e in entries] + [e.slug for e in entries], n=1, cutoff=0.6)
    hint = f" – meinten Sie „{close[0]}“?" if close else "."
    if kind == "thema":
        allowed = "; ".join(f"{e.title} ({e.slug})" for e in entries)
        return f"Unbekanntes Thema „{name}“{hint} Erlaubt sind: {allowed}."
    return (f"Die Kommune „{name}“ hat noch kein Profil im Praxisatlas{hint} Bitte zuerst ein Kommunenprofil "
            "vorschlagen (Formular „Kommunenprofil ergänzen oder korrigieren“) oder die Kommune hier weglassen.")


def _sources(text: str | None, problems: list[str]) -> list[dict]:
    """One source per line: Titel; Herausgeber; Datum; Internetadresse (also with '|'); order of date/URL free."""
    sources = []
    for line in split_items(text):
        parts = [p.strip() for p in re.split(r"\s*\|\s*" if "|" in line else r"\s*;\s*", line) if p.strip()]
        source: dict[str, str] = {}
        rest = []
        for part in parts:
            if re.match(r"^(https?://|www\.)", part, re.I) and "url" not in source:
                source["url"] = part if part.lower().startswith("http") else f"https://{part}"
            elif iso_date(part) and "datum" not in source:
                source["datum"] = iso_date(part)
            else:
                rest.append(part)
        if len(rest) < 2:
            problems.append(f"Quelle „{line}“: Es fehlt der Titel oder der Herausgeber. Bitte je Zeile "
                            "„Titel; Herausgeber; Datum; Internetadresse“ angeben.")
            continue
        ordered = {"kurz": f"q{len(sources) + 1}", "titel": rest[0], "herausgeber": rest[1],
                   **{k: source[k] for k in ("datum", "url") if k in source}}
        if rest[2:]:
            ordered["anmerkung"] = "; ".join(rest[2:])
        sources.append(ordered)
    return sources


def form_citations(text: str) -> str:
    """The form's "[1]" (the first line under Quellen) as the entry's citation "[^q1]"."""
    return re.sub(r"\[(\d{1,2})\](?!\()", r"[^q\1]", text)


def _check_confirmations(text: str | None, problems: list[str]) -> None:
    boxes = [CHECKBOX_RE.match(line) for line in (text or "").split("\n")]
    boxes = [b for b in boxes if b]
    if not boxes:
        problems.append("Die Bestätigungen fehlen (keine Angaben über Klientinnen und Klienten, Kontakt als Stelle, "
                        "Lizenz CC BY 4.0).")
    for box in boxes:
        if box.group(1) == " ":
            problems.append(f"Nicht bestätigt: „{box.group(2).strip()}“")


def _check_formula_start(value: str, field_id: str, fields: tuple[FormField, ...], problems: list[str]) -> None:
    """Refuse a title or name that a spreadsheet program would read as a formula (CSV injection): it would reach
    the open data, the pull request and the commit. The message names the form field (issue_to_pr.field_of)."""
    if starts_like_formula(value):
        label = next(f.label for f in fields if f.id == field_id)
        problems.append(f"„{label}“ beginnt mit {formula_start_name(value)}. Tabellenprogramme würden das in den "
                        "offenen Daten (CSV) als Formel lesen; bitte anders beginnen lassen.")


def _missing(answers: dict[str, str | None], fields: tuple[FormField, ...], problems: list[str],
             skip: tuple[str, ...] = ()) -> None:
    for field in fields:
        if field.required and field.id not in skip and answers.get(field.id) is None:
            problems.append(f"Das Pflichtfeld „{field.label}“ ist leer.")


def practice_from_answers(answers: dict[str, str | None], kb: KnowledgeBase,
                          today: dt.date) -> tuple[str, str, list[str]]:
    """(slug, file text, problems) of a practice from the answers of the Praxisbeispiel form.

    Unknown topics and Kommunen are left out of the text and reported as problems, so that the validator
    can still check the rest and all problems are reported at once.
    """
    problems: list[str] = []
    _missing(answers, praxis_fields(), problems, skip=("bestaetigung",))
    _check_confirmations(answers.get("bestaetigung"), problems)
    title = one_line(answers["titel"]) or ""
    _check_formula_start(title, "titel", praxis_fields(), problems)
    data: dict[str, object] = {
        "titel": title,
        "kurzbeschreibung": one_line(answers["kurzbeschreibung"]) or "",
        "themen": _lookup(split_items(answers["themen"], ",;"), kb, "thema", problems),
        "kommunen": _lookup(split_items(answers["kommunen"], ",;"), kb, "kommune", problems),
    }
    if answers["partner"]:
        data["partner"] = split_items(answers["partner"])
    data["status"] = (one_line(answers["status"]) or "").lower()
    beginn = one_line(answers["beginn"]) or "unbekannt"
    zeitraum = {"beginn": "unbekannt" if beginn.casefold() == "unbekannt" else iso_date(beginn) or beginn}
    if answers["ende"]:
        zeitraum["ende"] = iso_date(answers["ende"]) or one_line(answers["ende"])
    data["zeitraum"] = zeitraum
    data["rechtsgrundlagen"] = [normalize_law(item) for item in split_items(answers["rechtsgrundlagen"], ";")]
    data["quellen"] = _sources(answers["quellen"], problems)
    kontakt = {"stelle": one_line(answers["kontakt"]) or ""}
    if answers["kontakt_email"]:
        kontakt["email"] = one_line(answers["kontakt_email"]).removeprefix("mailto:")
    data["kontakt"] = kontakt
    data["stand"] = today.isoformat()
    data["pruefstatus"] = "eingereicht"
    slug = slugify(title)
    sections = []
    for section in practice_template.sections():
        heading = section.heading
        text = answers.get(section.field)
        if text:
            sections.append(f"## {heading}\n\n{form_citations(markdown_section(text))}\n")
        elif section.required:
            sections.append(f"## {heading}\n\n{NO_DETAILS}\n")
    target = entry_path("praxis", slug)
    text = f"---\n{schema_comment('praxis', target)}\n{dump_yaml(data)}---\n\n" + "\n".join(sections)
    return slug, text, problems


def kommune_from_answers(answers: dict[str, str | None], kb: KnowledgeBase,
                         today: dt.date) -> tuple[str, str, list[str]]:
    """(slug, file text, problems) of a Kommune profile from the answers of the Kommunenprofil form."""
    anliegen = one_line(answers.get("anliegen"))
    name = one_line(answers.get("name")) or ""
    if anliegen == KOMMUNE_CORRECTION:
        where = kb.kommunen.get(_find(name, kb, "kommune") or "")
        raise IssueError([
            f"Dieses Issue meldet eine Korrektur{f' für {where.path}' if where else ''}. Korrekturen übernimmt "
            "die Redaktion von Hand in die bestehende Datei; neu angelegt wird nur ein neues Profil."])
    problems: list[str] = []
    _missing(answers, KOMMUNE_FIELDS, problems, skip=("bestaetigung",))
    for key in ("art", "bundesland"):
        if not answers.get(key):
            label = next(f.label for f in KOMMUNE_FIELDS if f.id == key)
            problems.append(f"Für ein neues Profil fehlt „{label}“.")
    _check_confirmations(answers.get("bestaetigung"), problems)
    _check_formula_start(name, "name", KOMMUNE_FIELDS, problems)
    data: dict[str, object] = {"name": name, "art": one_line(answers["art"]) or "",
                               "bundesland": one_line(answers["bundesland"]) or ""}
    if answers["ags"]:
        data["ags"] = re.sub(r"\s", "", answers["ags"])
    if answers["einwohner"]:
        data["einwohner"] = _population(answers, problems)
    for key, separators in (("themen", ",;"), ("lerninteressen", ",;")):
        slugs = _lookup(split_items(answers[key], separators), kb, "thema", problems)
        if slugs:
            data[key] = slugs
    for key in ("zentrale_themen", "ergebnisse", "in_planung"):
        if answers[key]:
            data[key] = split_items(answers[key])
    if answers["besonderheiten"]:
        data["besonderheiten"] = markdown_section(answers["besonderheiten"])
    if answers["website"]:
        website = one_line(answers["website"])
        data["website"] = website if website.lower().startswith("http") else f"https://{website}"
    sources = _sources(answers["quellen"], problems)
    if sources:
        data["quellen"] = sources
    data["stand"] = today.isoformat()
    slug = kommune_slug(name)
    return slug, f"{schema_comment('kommune', entry_path('kommune', slug))}\n{dump_yaml(data)}", problems


def _population(answers: dict[str, str | None], problems: list[str]) -> dict:
    raw = one_line(answers["einwohner"]) or ""
    number = APPROXIMATE_RE.sub("", raw)
    figure: dict[str, object] = {}
    digits = re.sub(r"[.\s'’ ]", "", number)
    if digits.isdigit():
        figure["anzahl"] = int(digits)
    else:
        problems.append(f"Die Einwohnerzahl „{raw}“ ist keine ganze Zahl.")
    if number != raw:
        figure["ungefaehr"] = True
    if answers["einwohner_stand"]:
        figure["stand"] = iso_date(answers["einwohner_stand"]) or one_line(answers["einwohner_stand"])
    if answers["einwohner_quelle"]:
        figure["quelle"] = one_line(answers["einwohner_quelle"])
    else:
        problems.append("Zur Einwohnerzahl fehlt die Quelle („Quelle der Einwohnerzahl“).")
    return figure


# ---------------------------------------------------------------------------------------------------------------
# YAML output in the repository's style


def dump_yaml(data: dict) -> str:
    """YAML text of `data` in key order, through the one entry writer."""
    return dump(data)


# ---------------------------------------------------------------------------------------------------------------
# The whole conversion


def convert(body: str, root: Path, *, kind: str | None = None, slug: str | None = None,
            today: dt.date | None = None) -> tuple[str, str, str, list[str]]:
    """(kind, repository-relative path, file text, warnings) for an issue body; IssueError if it cannot be done.

    The text has passed the project's validator (together with all entries under `root`).
    """
    today = today or dates.today()
    kind = kind or detect_kind(body)
    if kind not in FORMS:
        raise IssueError(["Das Issue stammt aus keinem der Formulare „Praxisbeispiel vorschlagen“ oder "
                          "„Kommunenprofil ergänzen oder korrigieren“ (die Überschriften „### …“ fehlen)."])
    kb, _ = load(root)
    answers = parse_body(body, FORMS[kind][1])
    builder = practice_from_answers if kind == "praxis" else kommune_from_answers
    made_slug, text, problems = builder(answers, kb, today)
    slug = slug or made_slug
    if not slug:
        problems.append("Aus dem Titel bzw. Namen lässt sich kein Kurzname (Dateiname) bilden.")
    rel = entry_path(kind, slug or "neu")
    if slug and (slug in kb.entries[kind] or (Path(root) / rel).exists()):
        problems.append(f"Die Datei {rel} gibt es schon; sie wird nicht überschrieben.")
    findings = check_new_entry(root, kind, slug or "neu", text, today, kb)
    problems += [f"Der Eintrag wäre nicht gültig: {f.message}" for f in findings if f.level is Level.ERROR]
    if problems:
        raise IssueError(problems)
    return kind, rel, text, [f.message for f in findings if f.level is Level.WARNING]


def main(argv: list[str] | None = None) -> int:
    """Command line: issue body from a file or stdin -> new entry file (or stdout with --ausgabe -)."""
    parser = GermanArgumentParser(
        prog="python scripts/from_issue.py",
        description="Macht aus einem Issue der Formulare „Praxisbeispiel vorschlagen“ oder „Kommunenprofil "
                    "ergänzen oder korrigieren“ einen geprüften Eintrag (Prüfstatus „eingereicht“).",
        epilog="Beispiel: gh issue view 12 --json body -q .body | python scripts/from_issue.py",
    )
    parser.add_argument("datei", nargs="?", default="-", help="Datei mit dem Text des Issues (ohne Angabe: Eingabe)")
    parser.add_root()
    parser.add_argument("--ausgabe", help="Zieldatei (ohne Angabe: practices/<kurzname>.md bzw. "
                                          "content/kommunen/<kurzname>.yml; „-“: nur anzeigen)")
    parser.add_argument("--art", choices=sorted(FORMS), help="praxis oder kommune (ohne Angabe: erkannt)")
    args = parser.parse_args(argv)
    try:
        body = sys.stdin.read() if args.datei == "-" else Path(args.datei).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        print(f"Fehler: Die Datei {args.datei} lässt sich nicht lesen. Gibt es sie, und ist sie als UTF-8 "
              "gespeichert?", file=sys.stderr)
        return 1
    slug = Path(args.ausgabe).stem if args.ausgabe and args.ausgabe != "-" else None
    try:
        kind, rel, text, warnings = convert(body, args.root, kind=args.art, slug=slug)
    except IssueError as problem:
        for message in problem.problems:
            print(f"Fehler: {message}", file=sys.stderr)
        print("Es wurde nichts geschrieben.", file=sys.stderr)
        return 1
    for message in warnings:
        print(f"Warnung: {message}", file=sys.stderr)
    if args.ausgabe == "-":
        sys.stdout.write(text)
        return 0
    try:
        written = args.ausgabe or rel
        write_new_file(Path.cwd() if args.ausgabe else args.root, written, text)
    except SkeletonError as problem:
        print(f"Fehler: {problem}", file=sys.stderr)
        return 1
    status = ", Prüfstatus „eingereicht“" if kind == "praxis" else ""
    where = Path.cwd() if args.ausgabe else args.root
    print(f"Angelegt: {written} in {where} ({KINDS[kind].label}{status}). "
          "Bitte prüfen und als Pull Request einreichen.")
    return 0
