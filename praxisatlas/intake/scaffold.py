"""New entries: valid skeletons with a German comment on every field, and the checks for new files.

`scripts/new.py` writes a skeleton for a new practice or Kommune; `python scripts/new.py --vorlagen` writes
the same skeletons as static templates to `vorlagen/` for people who work in the GitHub web editor.
Everything a user reads is German; the code is English.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import sys
import tempfile
from pathlib import Path

from praxisatlas.checks.validate import validate
from praxisatlas.domain import dates, practice_template
from praxisatlas.domain.findings import Finding, Level, Problem
from praxisatlas.domain.model import KINDS, KnowledgeBase
from praxisatlas.domain.slug import slugify as model_slugify
from praxisatlas.io.console import GermanArgumentParser
from praxisatlas.io.entry_writer import entry_yaml
from praxisatlas.io.load import load

SCHEMA_FOLDER = "praxisatlas/schema"
TEMPLATE_FOLDER = "vorlagen"
# kind -> file name of its static template in vorlagen/
TEMPLATE_FILES = {"praxis": "praxisbeispiel.md", "kommune": "kommune.yml"}
# Every placeholder section shows how a statement names its source (the key of the skeleton's one source).
CITE_HINT = "Hinter jede Aussage gehört der Schlüssel ihrer Quelle:[^quelle-1]"
OPTIONAL_NOTE = "(Dieser Abschnitt ist freiwillig: löschen, wenn es nichts zu sagen gibt.)"
TEMPLATE_TITLES = {"praxis": "Bitte ersetzen: Titel des Praxisbeispiels", "kommune": "Bitte ersetzen: Name der Kommune"}
PLACEHOLDER = "Bitte ersetzen"
MAX_SLUG_LENGTH = 60

# Lines whose value is the day or year a skeleton was made; ignored when comparing templates.
DATED_LINE_RE = re.compile(r'^(\s*)(stand|beginn): "[0-9-]+"$', re.M)

# Leading words of a Kommune's name that the repository's slugs leave out ("Stadt Herten" -> herten);
# "Kreis" and "Landkreis" stay, so that "Kreis Soest" and "Stadt Soest" get different slugs.
KOMMUNE_NAME_PREFIXES = ("Kreisfreie Stadt ", "Stadt ", "Gemeinde ")
# Leading word of a Kommune's name -> its `art` (the longest match wins; default "Stadt").
ART_BY_PREFIX = {
    "Landkreis ": "Landkreis", "Kreisfreie Stadt ": "Kreisfreie Stadt", "Kreis ": "Kreis",
    "Stadt ": "Stadt", "Gemeinde ": "Gemeinde", "Region ": "Region",
}



class SkeletonError(Problem):
    """A new entry cannot be written; the message is German and meant for the user."""


# ---------------------------------------------------------------------------------------------------------------
# Slugs and small helpers


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """The model's slug rule, cut to a length that stays readable as a file name."""
    return model_slugify(text, max_length)


def kommune_slug(name: str) -> str:
    """The slug of a Kommune, following the repository's convention: "Stadt Herten" -> herten."""
    for prefix in KOMMUNE_NAME_PREFIXES:
        if name.startswith(prefix) and name[len(prefix):].strip():
            name = name[len(prefix):]
            break
    return slugify(name)


def slug_for(kind: str, title: str) -> str:
    """The slug a new entry of `kind` with this title or name gets."""
    return kommune_slug(title) if kind == "kommune" else slugify(title)


def guess_art(name: str) -> str:
    """The `art` of a Kommune from the first word(s) of its name, "Stadt" if nothing fits."""
    for prefix in sorted(ART_BY_PREFIX, key=len, reverse=True):
        if name.startswith(prefix):
            return ART_BY_PREFIX[prefix]
    return "Stadt"


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def schema_comment(kind: str, target: str) -> str:
    """`# yaml-language-server: $schema=…` with the schema's path relative to the file `target`."""
    schema = f"{SCHEMA_FOLDER}/{kind}.schema.json"
    return f"# yaml-language-server: $schema={posixpath.relpath(schema, posixpath.dirname(target))}"


def entry_path(kind: str, slug: str) -> str:
    """Repository-relative path of the entry file for `slug`."""
    info = KINDS[kind]
    return f"{info.folder}/{slug}{info.suffix}"


# ---------------------------------------------------------------------------------------------------------------
# The skeletons: every field of the schema, in its order, with the schema's description as comment; required
# fields filled in (placeholders where only the contributor knows), optional ones commented out with an example.

# Examples for optional fields (shown commented out); a field without one is shown as `# feld: …`.
EXAMPLES: dict[str, dict[str, object]] = {
    "praxis": {
        "art": "Praxisbeispiel",
        "netzwerke": ["kovis-team-1"], "traeger": "Landesjugendamt", "partner": ["Jobcenter"],
        "anhaenge": [{"titel": "Kooperationsvereinbarung", "datei": "kooperationsvereinbarung-musterstadt.pdf",
                      "beschreibung": "Die unterzeichnete Vereinbarung."}],
    },
    "kommune": {
        "ags": "05766", "nuts3": "DEA45",
        "einwohner": {"anzahl": 100000, "stand": "2024-12-31", "quelle": "Statistisches Bundesamt (Destatis), GV-ISys"},
        "flaeche_km2": {"wert": 123.45, "stand": "2024-12-31", "quelle": "Statistisches Bundesamt (Destatis), GV-ISys"},
        "altersstruktur": {"stand": "2024-12-31", "quelle": "Statistisches Bundesamt (Destatis)",
                           "gruppen": [{"altersgruppe": "unter 6 Jahre", "anzahl": 5000}]},
        "kreis": "kreis-lippe",
        "jugendamt": {"vorhanden": True, "art": "Kreisjugendamt", "landesjugendamt": "LWL-Landesjugendamt Westfalen"},
        "besonderheiten": "Das Kreisjugendamt ist in drei Regionalräume gegliedert.\n",
        "website": "https://www.musterstadt.de",
    },
}
# Further hints in front of a field's description.
HINTS: dict[str, dict[str, str]] = {
    "praxis": {
        "kommunen": "Kurznamen der Kommunenprofile (content/kommunen/), je Zeile „  - kurzname“; „[]“ bedeutet: "
                    "keine. Hat eine Kommune noch kein Profil, bitte zuerst eines anlegen (vorlagen/kommune.yml).",
        "zeitraum": "Beginn als JJJJ, JJJJ-MM oder JJJJ-MM-TT in Anführungszeichen – oder „unbekannt“, wenn keine "
                    "Quelle ihn nennt. Ende nur bei abgeschlossenen Vorhaben.",
        "rechtsgrundlagen": "In der Form „§ 79a SGB VIII“ oder „§ 8a Abs. 4 SGB VIII“; „[]“ bedeutet: keine angegeben.",
        "stand": "Beim Anlegen das heutige Datum.",
        "pruefstatus": "„eingereicht“ für neue Einträge; „geprüft“ setzt nur die Redaktion.",
    },
    "kommune": {
        "art": "Bitte prüfen: eingetragen ist, was der Name nahelegt.",
        "bundesland": "Bitte prüfen: eingetragen ist nur ein Beispiel.",
        "stand": "Beim Anlegen das heutige Datum.",
    },
}
HEADERS = {
    "praxis": ["# Praxisbeispiel für den Praxisatlas Jugendhilfe. Anleitung: CONTRIBUTING.md"],
    "kommune": ["# Kommunenprofil für den Praxisatlas Jugendhilfe. Anleitung: CONTRIBUTING.md"],
}
COMMON_HEADER = [
    "# Zeilen, die mit „#“ beginnen, sind Erläuterungen: Sie erscheinen nicht auf der Website und dürfen stehen",
    "# bleiben. Optionale Felder sind auskommentiert: zum Verwenden das „# “ am Zeilenanfang entfernen.",
    "# Alles, was mit „Bitte ersetzen“ beginnt, durch eigene Angaben ersetzen. Zahlen immer mit Stand und Quelle.",
    "# Niemals Angaben über einzelne Kinder, Jugendliche, Eltern oder Familien eintragen.",
    "",
]


def _placeholder(prop: dict) -> object:
    """A value for a required field the caller did not fill in: the schema's default, first allowed value,
    or a placeholder of the right type."""
    if "default" in prop:
        return prop["default"]
    if "enum" in prop:
        return prop["enum"][0]
    return f"{PLACEHOLDER}: …"


def scaffold_fields(kind: str, values: dict[str, object], hints: dict[str, str] | None = None
                    ) -> list[tuple[str, object, str | None, bool]]:
    """(field, value, comment, shown) for every field of `kind`'s schema, in the schema's order."""
    from praxisatlas.checks.schemas import schema

    definition = schema(kind)
    required = set(definition.get("required", []))
    hints = {**HINTS.get(kind, {}), **(hints or {})}
    fields = []
    for key, prop in definition["properties"].items():
        comment = " ".join(part for part in (prop.get("description"), hints.get(key)) if part) or None
        if key in values:
            fields.append((key, values[key], comment, True))
        elif key in required:
            fields.append((key, _placeholder(prop), comment, True))
        else:
            fields.append((key, EXAMPLES.get(kind, {}).get(key, "…"), comment, False))
    return fields


def practice_skeleton(title: str, *, topic: str, today: dt.date, topics: list[tuple[str, str]] | None = None,
                      target: str = "practices/neu.md", note: str | None = None) -> str:
    """Text of a valid practice file: front matter with a comment on every field, then the template sections.

    `topic` is the one existing topic slug the skeleton needs to be valid; `topics` (slug, title), if given,
    are listed in a comment so that the right ones can be picked.
    """
    choice = ("Vorhandene Themen (Kurzname – Titel):" if topics
              else "Die vorhandenen Themen stehen im Ordner content/themen/ (Kurzname = Dateiname).")
    topic_hint = ("Bitte ersetzen: eingetragen ist nur das erste vorhandene Thema, damit die Vorlage gültig ist. "
                  + choice)
    values = {
        "titel": title,
        "kurzbeschreibung": f"{PLACEHOLDER}: Ein bis drei Sätze darüber, was gemacht wurde und mit welchem Ziel.",
        "themen": [topic], "kommunen": [], "status": "laufend", "zeitraum": {"beginn": str(today.year)},
        "rechtsgrundlagen": [],
        "quellen": [{"kurz": "quelle-1", "titel": f"{PLACEHOLDER}: Titel der Quelle", "herausgeber": PLACEHOLDER}],
        "kontakt": {"stelle": f"{PLACEHOLDER}: Dienststelle, z. B. Jugendamt der Stadt Musterstadt"},
        "stand": today.isoformat(), "pruefstatus": "eingereicht",
    }
    header = ["---", schema_comment("praxis", target), *([note] if note else []), *HEADERS["praxis"], *COMMON_HEADER]
    text = entry_yaml(scaffold_fields("praxis", values, {"themen": topic_hint}), header)
    if topics:  # one topic a line, so that the list is easy to read
        listing = "\n".join(f"#   {slug} – {name}" for slug, name in topics)
        text = text.replace("\nthemen:\n", f"\n{listing}\nthemen:\n", 1)
    lines = [text + "---", ""]
    for section in practice_template.sections():
        optional = "" if section.required else f" {OPTIONAL_NOTE}"
        lines += [f"## {section.heading}", "", f"{PLACEHOLDER}: {section.hint}{optional} {CITE_HINT}", ""]
    return "\n".join(lines)


def kommune_skeleton(name: str, *, today: dt.date, target: str = "content/kommunen/neu.yml",
                     note: str | None = None) -> str:
    """Text of a valid Kommune profile with a comment on every field (optional ones commented out)."""
    values = {
        "name": name, "art": guess_art(name), "bundesland": "Nordrhein-Westfalen",
        "partnerkommunen": [], "netzwerke": [], "themen": [], "lerninteressen": [], "zentrale_themen": [],
        "qualitaetsentwicklungsinteressen": [], "ergebnisse": [], "in_planung": [],
        "quellen": [{"titel": f"{PLACEHOLDER}: Titel der Quelle", "herausgeber": PLACEHOLDER}],
        "stand": today.isoformat(),
    }
    header = [schema_comment("kommune", target), *([note] if note else []), *HEADERS["kommune"], *COMMON_HEADER]
    return entry_yaml(scaffold_fields("kommune", values), header)


def topic_choices(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(slug, title) of every topic, sorted by slug."""
    return [(slug, entry.title) for slug, entry in sorted(kb.themen.items())]


def skeleton_text(kind: str, title: str, kb: KnowledgeBase, *, today: dt.date, target: str,
                  list_topics: bool = True, note: str | None = None) -> str:
    """The skeleton of `kind` for the knowledge base `kb` (a practice needs one existing topic)."""
    if kind == "kommune":
        return kommune_skeleton(title, today=today, target=target, note=note)
    topics = topic_choices(kb)
    if not topics:
        raise SkeletonError("Es gibt noch kein Thema (Ordner content/themen/). Ein Praxisbeispiel braucht "
                            "mindestens ein Thema; bitte zuerst eines anlegen.")
    return practice_skeleton(title, topic=topics[0][0], today=today, target=target,
                             topics=topics if list_topics else None, note=note)


# ---------------------------------------------------------------------------------------------------------------
# Checking a new file against the repository before it is written


def check_new_entry(root: Path, kind: str, slug: str, text: str, today: dt.date | None = None,
                    kb: KnowledgeBase | None = None) -> list[Finding]:
    """The findings the project's validator reports because of this new file (in the repository at `root`).

    The file is read exactly as the loader reads it and validated together with all other entries;
    findings that exist without it (problems elsewhere in the repository) are left out.
    """
    root = Path(root)
    if kb is None:
        kb, _ = load(root)
    rel = entry_path(kind, slug)
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / rel
        file.parent.mkdir(parents=True)
        file.write_text(text, encoding="utf-8")
        new_kb, problems = load(tmp)
    if problems:
        return problems
    before = set(validate(kb, today))
    previous = kb.entries[kind].get(slug)
    kb.entries[kind][slug] = new_kb.entries[kind][slug]
    try:
        after = validate(kb, today)
    finally:
        if previous is None:
            del kb.entries[kind][slug]
        else:
            kb.entries[kind][slug] = previous
    return [f for f in after if f not in before]


def write_new_file(root: Path, rel: str, text: str) -> Path:
    """Write `text` to root/rel; refuse (SkeletonError) if the file already exists."""
    target = Path(root) / rel
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise SkeletonError(f"Die Datei {rel} gibt es schon; sie wird nicht überschrieben.") from None
    return target


def create(root: Path, kind: str, title: str, *, slug: str | None = None, today: dt.date | None = None) -> Path:
    """Create the skeleton file for a new entry and return its path; SkeletonError with a German message if not."""
    root = Path(root)
    today = today or dates.today()
    title = " ".join(title.split())
    if not title:
        raise SkeletonError("Bitte einen Titel (oder bei einer Kommune einen Namen) angeben.")
    slug = slug or slug_for(kind, title)
    if not slug or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise SkeletonError(f"Aus „{title}“ lässt sich kein Kurzname bilden; bitte mit --kurzname einen angeben "
                            "(nur a–z, 0–9 und Bindestriche).")
    rel = entry_path(kind, slug)
    if (root / rel).exists():
        raise SkeletonError(f"Die Datei {rel} gibt es schon; sie wird nicht überschrieben. Bitte einen anderen "
                            "Titel oder mit --kurzname einen anderen Kurznamen wählen.")
    kb, _ = load(root)
    text = skeleton_text(kind, title, kb, today=today, target=rel)
    errors = [f for f in check_new_entry(root, kind, slug, text, today, kb) if f.level is Level.ERROR]
    if errors:
        raise SkeletonError("Die neue Datei wäre nicht gültig:\n" + "\n".join(f.format() for f in errors))
    return write_new_file(root, rel, text)


# ---------------------------------------------------------------------------------------------------------------
# Static templates in vorlagen/


def template_texts(root: Path, today: dt.date | None = None) -> dict[str, str]:
    """The texts of vorlagen/praxisbeispiel.md and vorlagen/kommune.yml, as new.py --vorlagen writes them.

    They are the skeletons for the place the copy goes to (practices/, content/kommunen/), so their schema
    line is right once the text is pasted there.
    """
    today = today or dates.today()
    kb, _ = load(root)
    texts = {}
    for kind, name in TEMPLATE_FILES.items():
        info = KINDS[kind]
        note = (f"# Vorlage: den ganzen Text in eine neue Datei {info.folder}/<kurzname>{info.suffix} kopieren und\n"
                "# dort ausfüllen. (Erzeugt mit „python scripts/new.py --vorlagen“.)")
        texts[f"{TEMPLATE_FOLDER}/{name}"] = skeleton_text(
            kind, TEMPLATE_TITLES[kind], kb, today=today, target=entry_path(kind, "neu"), list_topics=False, note=note)
    return texts


def undated(text: str) -> str:
    """The text with the day and year of its making blanked out (for comparing templates)."""
    return DATED_LINE_RE.sub(r'\1\2: "…"', text)


def write_templates(root: Path, today: dt.date | None = None) -> list[str]:
    """Write the templates to vorlagen/ where they changed (apart from their date); return the paths written."""
    written = []
    for rel, text in template_texts(root, today).items():
        target = Path(root) / rel
        if target.is_file() and undated(target.read_text(encoding="utf-8")) == undated(text):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(rel)
    return written


# ---------------------------------------------------------------------------------------------------------------
# Command line (German for users)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """`new.py praxis "Titel"`, `new.py kommune "Name"` or `new.py --vorlagen`."""
    parser = GermanArgumentParser(
        prog="python scripts/new.py",
        description="Legt ein neues Praxisbeispiel oder Kommunenprofil als gültiges Gerüst an; jedes Feld ist "
                    "in einem Kommentar erklärt.",
        epilog='Beispiele: python scripts/new.py praxis "Kooperation Jugendamt und Schule" – '
               'python scripts/new.py kommune "Stadt Musterstadt"',
    )
    parser.add_argument("art", nargs="?", choices=["praxis", "kommune"],
                        help="praxis (Praxisbeispiel in practices/) oder kommune (Profil in content/kommunen/)")
    parser.add_argument("titel", nargs="?", help="Titel des Praxisbeispiels bzw. Name der Kommune")
    parser.add_argument("--kurzname", help="Kurzname (Dateiname) statt des aus dem Titel gebildeten")
    parser.add_argument("--vorlagen", action="store_true",
                        help="statt eines Eintrags die Vorlagen in vorlagen/ neu schreiben")
    parser.add_root()
    args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), *(["--root", str(root)] if root else [])])
    if args.vorlagen:
        if args.art or args.titel:
            parser.error("--vorlagen wird ohne Art und Titel aufgerufen.")
        written = write_templates(args.root)
        print(f"Vorlagen in {args.root} geschrieben: {', '.join(written)}" if written
              else f"Die Vorlagen in {args.root} sind aktuell.")
        return 0
    if not args.art or args.titel is None:
        parser.error('Bitte Art und Titel angeben, z. B. python scripts/new.py praxis "Titel".')
    try:
        path = create(args.root, args.art, args.titel, slug=args.kurzname)
    except SkeletonError as problem:
        print(f"Fehler: {problem}", file=sys.stderr)
        return 1
    rel = path.relative_to(args.root).as_posix() if path.is_relative_to(args.root) else str(path)
    print(f"Angelegt: {rel} in {args.root}\nBitte alle Stellen mit „{PLACEHOLDER}“ ausfüllen und dann "
          "„python scripts/validate.py“ ausführen.")
    return 0
