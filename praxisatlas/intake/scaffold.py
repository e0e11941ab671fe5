"""New entries: valid skeletons with a German comment on every field, and the checks for new files.

`scripts/new.py` writes a skeleton for a new practice or Kommune; `python scripts/new.py --vorlagen` writes
the same skeletons as static templates to `vorlagen/` for people who work in the GitHub web editor.
Everything a user reads is German; the code is English.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import posixpath
import re
import sys
import tempfile
from pathlib import Path
from typing import ClassVar

from praxisatlas.checks.validate import OPTIONAL_HEADINGS, TEMPLATE_HEADINGS, validate
from praxisatlas.domain import dates
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import KINDS, KnowledgeBase
from praxisatlas.domain.slug import slugify as model_slugify
from praxisatlas.io.load import load

SCHEMA_FOLDER = "praxisatlas/schema"
TEMPLATE_FOLDER = "vorlagen"
# kind -> file name of its static template in vorlagen/
TEMPLATE_FILES = {"praxis": "praxisbeispiel.md", "kommune": "kommune.yml"}
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

SECTION_HINTS = {
    "Ausgangslage": "Wie war die Lage vor Beginn? Welches Problem oder welcher Bedarf war der Anlass?",
    "Ziele": "Was sollte erreicht werden, und für wen?",
    "Vorgehen": "Was wurde getan, von wem, in welchen Schritten? Welche Absprachen oder Verfahren gibt es?",
    "Ergebnisse und Wirkung": "Was hat sich verändert? Woran wird das sichtbar (Zahlen, Auswertung, Rückmeldungen)? "
                              "Bitte nur belegte Aussagen.",
    "Übertragbarkeit": "Was brauchen andere Jugendämter, um das zu übernehmen? Was hängt an örtlichen Besonderheiten?",
    "Stolpersteine": "Was war schwierig, was würden Sie heute anders machen? (Dieser Abschnitt ist freiwillig: "
                     "löschen, wenn es nichts zu sagen gibt.)",
    "Ressourcen": "Was hat es gekostet: Personal, Zeit, Geld, Förderung? „Keine Angaben“, wenn unbekannt.",
}
# The order of sections in a skeleton: the optional Stolpersteine before Ressourcen, as in the existing entries.
SECTION_ORDER = [*TEMPLATE_HEADINGS[:-1], *OPTIONAL_HEADINGS, TEMPLATE_HEADINGS[-1]]


class SkeletonError(Exception):
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


def _folded(text: str, indent: str = "  ", width: int = 100) -> list[str]:
    """Lines of a YAML `>-` block holding `text` (a single paragraph)."""
    lines, current = [], ""
    for word in text.split():
        if current and len(indent) + len(current) + 1 + len(word) > width:
            lines.append(indent + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, indent + current]


# ---------------------------------------------------------------------------------------------------------------
# The skeletons


def practice_skeleton(title: str, *, topic: str, today: dt.date, topics: list[tuple[str, str]] | None = None,
                      target: str = "practices/neu.md", note: str | None = None) -> str:
    """Text of a valid practice file: front matter with a comment on every field, then the template sections.

    `topic` is the one existing topic slug the skeleton needs to be valid; `topics` (slug, title), if given,
    are listed in a comment so that the right ones can be picked.
    """
    topic_lines = ["# Vorhandene Themen (Kurzname – Titel):"]
    topic_lines += [f"#   {slug} – {name}" for slug, name in topics or []]
    if not topics:
        topic_lines = ["# Die vorhandenen Themen stehen im Ordner content/themen/ (Kurzname = Dateiname ohne .yml)",
                       "# und auf der Website unter „Themen“."]
    lines = [
        "---",
        schema_comment("praxis", target),
        *([note] if note else []),
        "# Praxisbeispiel für den Praxisatlas Jugendhilfe. Anleitung: CONTRIBUTING.md",
        "# Zeilen, die mit „#“ beginnen, sind Erläuterungen: Sie erscheinen nicht auf der Website und dürfen",
        "# stehen bleiben. Alles, was mit „Bitte ersetzen“ beginnt, durch eigene Angaben ersetzen.",
        "# Niemals Angaben über einzelne Kinder, Jugendliche, Eltern oder Familien eintragen.",
        "",
        "# Titel des Praxisbeispiels: kurz und aussagekräftig, höchstens 150 Zeichen, im Praxisatlas eindeutig.",
        f"titel: {quoted(title)}",
        "# Kurzbeschreibung: ein bis drei Sätze – was wurde gemacht, mit welchem Ziel? Höchstens 600 Zeichen.",
        "# Die Zeilen darunter mit zwei Leerzeichen einrücken.",
        "kurzbeschreibung: >-",
        *_folded("Bitte ersetzen: Ein bis drei Sätze darüber, was gemacht wurde und mit welchem Ziel."),
        "# Themen: Kurznamen der Themen, mindestens eines, jedes in einer eigenen Zeile mit „  - “.",
        "# Bitte ersetzen: Eingetragen ist nur das erste vorhandene Thema, damit die Vorlage gültig ist.",
        *topic_lines,
        "themen:",
        f"  - {topic}",
        "# Beteiligte Kommunen: Kurznamen der Kommunenprofile (Dateien in content/kommunen/), z. B.",
        "#   kommunen:",
        "#     - kreis-lippe",
        "# „[]“ bedeutet: keine. Hat eine Kommune noch kein Profil, bitte zuerst eines anlegen (vorlagen/kommune.yml).",
        "kommunen: []",
        "# Optional: beteiligte Netzwerke, Kurznamen aus content/netzwerke/ (zum Verwenden „# “ entfernen).",
        "# netzwerke:",
        "#   - kovis-team-1",
        "# Optional: Wer trägt oder koordiniert das Vorhaben, falls keine Kommune (z. B. ein Landesjugendamt)?",
        "# traeger: Landesjugendamt",
        "# Optional: weitere beteiligte Organisationen (z. B. Jobcenter, Schulen, freie Träger).",
        "# partner:",
        "#   - Jobcenter",
        "# Stand des Vorhabens: geplant, laufend oder abgeschlossen.",
        "status: laufend",
        "# Zeitraum: Beginn als JJJJ, JJJJ-MM oder JJJJ-MM-TT in Anführungszeichen – oder „unbekannt“, wenn keine",
        "# Quelle ihn nennt. Ende nur bei abgeschlossenen Vorhaben.",
        "zeitraum:",
        f'  beginn: "{today.year}"',
        '  # ende: "2027-06"',
        "# Rechtsgrundlagen in der Form „§ 79a SGB VIII“ oder „§ 8a Abs. 4 SGB VIII“, z. B.",
        "#   rechtsgrundlagen:",
        "#     - § 8a SGB VIII",
        "# „[]“ bedeutet: keine angegeben.",
        "rechtsgrundlagen: []",
        "# Quellen: mindestens eine (Beschluss, Konzept, Bericht, Pressemitteilung) mit Herausgeber und Datum.",
        "# Jede Quelle beginnt mit „  - titel:“; die weiteren Felder stehen darunter, eingerückt wie „herausgeber“.",
        "quellen:",
        f"  - titel: {quoted(PLACEHOLDER + ': Titel der Quelle')}",
        "    # Wer die Quelle veröffentlicht hat (Stadt, Kreis, Landesjugendamt, Verlag …).",
        f"    herausgeber: {PLACEHOLDER}",
        "    # Erscheinungsdatum: JJJJ, JJJJ-MM oder JJJJ-MM-TT in Anführungszeichen.",
        '    # datum: "2025-05-31"',
        "    # Internetadresse, beginnend mit https://",
        "    # url: https://www.beispiel.de/bericht",
        "    # Optional: Anmerkung zur Quelle, z. B. „Pressemitteilung“.",
        "    # anmerkung: Pressemitteilung",
        "# Kontakt: eine Dienststelle oder Funktion – niemals eine Person mit Namen.",
        "kontakt:",
        f"  stelle: {quoted(PLACEHOLDER + ': Dienststelle, z. B. Jugendamt der Stadt Musterstadt')}",
        "  # organisation: Stadt Musterstadt",
        "  # Funktionspostfach, keine persönliche Adresse:",
        "  # email: jugendamt@musterstadt.de",
        "  # url: https://www.musterstadt.de/jugendamt",
        "# Datum der letzten Prüfung dieses Eintrags (JJJJ-MM-TT), beim Anlegen das heutige Datum.",
        f'stand: "{today.isoformat()}"',
        "# Prüfstatus: „eingereicht“ für neue Einträge; „geprüft“ setzt nur die Redaktion.",
        "pruefstatus: eingereicht",
        "# Optional: Dokumente zum Herunterladen – eine Datei im Ordner content/dokumente/ oder eine Internetadresse.",
        "# anhaenge:",
        "#   - titel: Kooperationsvereinbarung",
        "#     datei: kooperationsvereinbarung-musterstadt.pdf",
        "#     beschreibung: Die unterzeichnete Vereinbarung.",
        "---",
        "",
    ]
    for heading in SECTION_ORDER:
        lines += [f"## {heading}", "", f"{PLACEHOLDER}: {SECTION_HINTS[heading]}", ""]
    return "\n".join(lines)


def kommune_skeleton(name: str, *, today: dt.date, target: str = "content/kommunen/neu.yml",
                     note: str | None = None) -> str:
    """Text of a valid Kommune profile with a comment on every field (optional ones commented out)."""
    lines = [
        schema_comment("kommune", target),
        *([note] if note else []),
        "# Kommunenprofil für den Praxisatlas Jugendhilfe. Anleitung: CONTRIBUTING.md",
        "# Zeilen, die mit „#“ beginnen, sind Erläuterungen: Sie erscheinen nicht auf der Website und dürfen",
        "# stehen bleiben. Optionale Felder sind auskommentiert: zum Verwenden das „# “ am Zeilenanfang entfernen.",
        "# Zahlen immer mit Stand (Stichtag) und Quelle.",
        "",
        "# Name der Kommune, z. B. „Kreis Lippe“ oder „Stadt Herten“ (höchstens 120 Zeichen).",
        f"name: {quoted(name)}",
        "# Art: Kreis, Landkreis, Kreisfreie Stadt, Stadt (kreisangehörig, mit eigenem Jugendamt), Gemeinde,",
        "# Region oder Stadtstaat. Bitte prüfen: eingetragen ist, was der Name nahelegt.",
        f"art: {guess_art(name)}",
        "# Bundesland – bitte prüfen, eingetragen ist nur ein Beispiel. Erlaubt: Baden-Württemberg, Bayern, Berlin,",
        "# Brandenburg, Bremen, Hamburg, Hessen, Mecklenburg-Vorpommern, Niedersachsen, Nordrhein-Westfalen,",
        "# Rheinland-Pfalz, Saarland, Sachsen, Sachsen-Anhalt, Schleswig-Holstein, Thüringen.",
        "bundesland: Nordrhein-Westfalen",
        "# Amtlicher Gemeindeschlüssel in Anführungszeichen: 5 Ziffern (Kreis, kreisfreie Stadt) oder 8 (Gemeinde).",
        '# ags: "05766"',
        "# NUTS-3-Code der amtlichen Statistik.",
        "# nuts3: DEA45",
        "# Einwohnerzahl mit Stand und Quelle (Zahl ohne Tausenderpunkte). Die Größenklasse berechnet der",
        "# Praxisatlas aus den Einwohnern im Zuständigkeitsbereich des Jugendamts (nie von Hand eintragen).",
        "# einwohner:",
        "#   anzahl: 100000",
        '#   stand: "2024-12-31"',
        "#   quelle: Statistisches Bundesamt (Destatis), GV-ISys",
        "#   # ungefaehr: true      (wenn die Quelle nur einen ungefähren Wert nennt)",
        "#   # maennlich: 49000",
        "#   # weiblich: 51000",
        "# Nur bei kreisangehörigen Städten und Gemeinden: Kurzname des Kreises (aus content/kommunen/).",
        "# kreis: kreis-lippe",
        "# Das Jugendamt: ob die Kommune ein eigenes hat, welcher Art (Kreisjugendamt, Jugendamt einer kreisfreien",
        "# Stadt, Jugendamt einer kreisangehörigen Stadt, Jugendamt eines Stadtstaats), welches Landesjugendamt",
        "# zuständig ist. Die Einwohnerzahl im Zuständigkeitsbereich nur, wenn sie sich nicht berechnen lässt",
        "# (siehe README); daraus berechnet der Praxisatlas die Größenklasse.",
        "# jugendamt:",
        "#   vorhanden: true",
        "#   art: Kreisjugendamt",
        "#   landesjugendamt: LWL-Landesjugendamt Westfalen",
        "#   staedte_mit_eigenem_jugendamt: 4",
        "#   einwohner:",
        "#     anzahl: 150000",
        "#     ungefaehr: true",
        '#     stand: "2024-12-31"',
        "#     quelle: Jahresbericht des Jugendamts",
        "# Fläche in Quadratkilometern (Dezimalpunkt, kein Komma).",
        "# flaeche_km2:",
        "#   wert: 123.45",
        '#   stand: "2024-12-31"',
        "#   quelle: Statistisches Bundesamt (Destatis), GV-ISys",
        "# Bevölkerung nach Altersgruppen.",
        "# altersstruktur:",
        '#   stand: "2024-12-31"',
        "#   quelle: Statistisches Bundesamt (Destatis)",
        "#   gruppen:",
        "#     - altersgruppe: unter 6 Jahre",
        "#       anzahl: 5000",
        "# Die folgenden Listen: „[]“ bedeutet leer. Einträge jeweils in eigener Zeile mit „  - “, z. B.",
        "#   themen:",
        "#     - kinderschutz",
        "# Partnerkommunen (Kurznamen aus content/kommunen/); die Partnerschaft muss bei beiden eingetragen sein.",
        "partnerkommunen: []",
        "# Netzwerke (Kurznamen aus content/netzwerke/); die Kommune muss dort auch unter „mitglieder“ stehen.",
        "netzwerke: []",
        "# Themen, an denen die Kommune arbeitet (Kurznamen aus content/themen/).",
        "themen: []",
        "# Themen, die die Kommune weiterentwickeln möchte – daraus entsteht „Von wem wir lernen können“.",
        "lerninteressen: []",
        "# Zentrale Themen in eigenen Worten, je Zeile ein Satz.",
        "zentrale_themen: []",
        "# Interessen für die Qualitätsentwicklung, in eigenen Worten.",
        "qualitaetsentwicklungsinteressen: []",
        "# Was schon erreicht wurde, in eigenen Worten.",
        "ergebnisse: []",
        "# Was in Planung ist, in eigenen Worten.",
        "in_planung: []",
        "# Optional: Besonderheiten als Fließtext (Markdown erlaubt); die Zeilen darunter mit zwei Leerzeichen",
        "# einrücken.",
        "# besonderheiten: |-",
        "#   Das Kreisjugendamt ist in drei Regionalräume gegliedert.",
        "# Internetauftritt der Kommune, beginnend mit https://",
        "# website: https://www.musterstadt.de",
        "# Quellen für die Angaben: Titel, Herausgeber und – wenn möglich – Datum und Internetadresse.",
        "quellen:",
        f"  - titel: {quoted(PLACEHOLDER + ': Titel der Quelle')}",
        f"    herausgeber: {PLACEHOLDER}",
        '    # datum: "2025-05-31"',
        "    # url: https://www.musterstadt.de/jugendamt",
        "# Datum der letzten Prüfung dieses Profils (JJJJ-MM-TT), beim Anlegen das heutige Datum.",
        f'stand: "{today.isoformat()}"',
        "",
    ]
    return "\n".join(lines)


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


class GermanArgumentParser(argparse.ArgumentParser):
    """argparse with German headings and error messages."""

    _MESSAGES: ClassVar[list[tuple[re.Pattern, str]]] = [
        (re.compile(r"the following arguments are required: (.*)"), "Es fehlen Angaben: {0}"),
        (re.compile(r"unrecognized arguments: (.*)"), "Unbekannte Angaben: {0}"),
        (re.compile(r"argument (.*?): invalid choice: '?(.*?)'? \(choose from (.*)\)"),
         "{0}: „{1}“ ist nicht möglich (möglich: {2})"),
        (re.compile(r"argument (.*?): expected one argument"), "{0}: Hier fehlt ein Wert"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "Angaben"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", help="diese Hilfe anzeigen")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Aufruf:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Aufruf:", 1)

    def error(self, message: str):
        for pattern, german in self._MESSAGES:
            match = pattern.search(message)
            if match:
                message = german.format(*match.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"Fehler: {message}\nHilfe: {self.prog} --help\n")


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """`new.py praxis "Titel"`, `new.py kommune "Name"` or `new.py --vorlagen`."""
    from praxisatlas import REPO_ROOT

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
    parser.add_argument("--root", type=Path, default=root or REPO_ROOT, help="Wurzelordner der Wissensbasis")
    args = parser.parse_args(argv)
    if args.vorlagen:
        if args.art or args.titel:
            parser.error("--vorlagen wird ohne Art und Titel aufgerufen.")
        written = write_templates(args.root)
        print(f"Vorlagen geschrieben: {', '.join(written)}" if written else "Die Vorlagen sind aktuell.")
        return 0
    if not args.art or args.titel is None:
        parser.error('Bitte Art und Titel angeben, z. B. python scripts/new.py praxis "Titel".')
    try:
        path = create(args.root, args.art, args.titel, slug=args.kurzname)
    except SkeletonError as problem:
        print(f"Fehler: {problem}", file=sys.stderr)
        return 1
    rel = path.relative_to(args.root).as_posix() if path.is_relative_to(args.root) else str(path)
    print(f"Angelegt: {rel}\nBitte alle Stellen mit „{PLACEHOLDER}“ ausfüllen und dann "
          "„python scripts/validate.py“ ausführen.")
    return 0
