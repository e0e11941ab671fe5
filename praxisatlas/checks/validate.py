"""Model -> findings. Schema checks plus the rules a schema cannot express.

Every rule adds findings; nothing stops at the first error, so one run shows all problems.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from praxisatlas.checks.attachments import attachment_findings
from praxisatlas.checks.citations import citation_findings
from praxisatlas.checks.laws import law_findings
from praxisatlas.checks.line_numbers import line_number_findings
from praxisatlas.checks.markup import locate, markup_problems, shape_problems
from praxisatlas.checks.operator import check_operator_data
from praxisatlas.checks.pages import page_findings
from praxisatlas.checks.schema_messages import field_name, schema_findings, suggestion
from praxisatlas.checks.youth_office import currency_findings, kreis_findings, office_findings
from praxisatlas.domain import dates, practice_template
from praxisatlas.domain.citations import text_blocks
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import KINDS, Entry, KnowledgeBase, network_members
from praxisatlas.domain.nested import nodes
from praxisatlas.domain.regions import AGS_LAND
from praxisatlas.domain.slug import SLUG_RE
from praxisatlas.domain.text import formula_start_name, starts_like_formula, title_key, visible
from praxisatlas.domain.youth_office import towns_with_own_office
from praxisatlas.io.load import Reader, load

AGS_LENGTH = {"Kreis": 5, "Landkreis": 5, "Kreisfreie Stadt": 5, "Region": 5, "Stadt": 8, "Gemeinde": 8}

# (kind, field) -> kind the slugs refer to
REFERENCES = {
    ("praxis", "themen"): "thema",
    ("praxis", "kommunen"): "kommune",
    ("praxis", "netzwerke"): "netzwerk",
    ("kommune", "partnerkommunen"): "kommune",
    ("kommune", "netzwerke"): "netzwerk",
    ("kommune", "themen"): "thema",
    ("kommune", "lerninteressen"): "thema",
}

# (kind, field) -> kind the one slug of the field refers to
SINGLE_REFERENCES = {
    ("praxis", "hauptthema"): "thema",
}

# Date fields that describe the past (a review, a publication, a figure's reference date).
PAST_DATE_KEYS = {"stand", "datum", "abgerufen"}

STALE_AFTER_DAYS = 730


EntryCheck = Callable[[Entry, dt.date], list[Finding]]


def validate(kb: KnowledgeBase, today: dt.date | None = None, check: EntryCheck | None = None) -> list[Finding]:
    """All findings for a loaded knowledge base (errors and warnings), sorted by file and line.

    `check` finds one entry's own findings (the preview passes one that remembers unchanged entries)."""
    today = today or dates.today()
    check = check or entry_findings
    findings: list[Finding] = []
    towns = towns_with_own_office(kb)
    for entry in kb.all_entries():
        findings.extend(check(entry, today))
        findings.extend(_check_references(kb, entry))
        findings.extend(_check_both_sides(kb, entry))
        if entry.kind == "kommune":
            findings.extend(_check_partners(kb, entry))
            findings.extend(kreis_findings(kb, entry, towns))
        if entry.kind == "netzwerk":
            findings.extend(_check_members(kb, entry))
    findings.extend(_check_unique_titles(kb))
    findings.extend(attachment_findings(kb))
    return sorted(set(findings))


def entry_findings(entry: Entry, today: dt.date) -> list[Finding]:
    """The findings that depend on one entry alone (schema, form, dates, markup, placeholders)."""
    parts = nodes(entry.data)
    findings = [*schema_findings(entry), *_check_slug(entry), *_check_dates(entry, parts, today),
                *_check_markup(entry, parts), *_check_placeholders(entry, parts), *_check_contact(entry),
                *citation_findings(entry), *_check_formula_title(entry), *law_findings(entry),
                *line_number_findings(entry)]
    if entry.kind == "kommune":
        findings.extend(_check_ags(entry))
        findings.extend(office_findings(entry))
    if entry.kind == "praxis":
        findings.extend(_check_main_topic(entry))
        findings.extend(_check_template(entry))
        findings.extend(currency_findings(entry, today))
    return findings


def load_and_validate(root, today: dt.date | None = None, read: Reader | None = None,
                      check: EntryCheck | None = None) -> tuple[KnowledgeBase, list[Finding]]:
    """Load and validate in one go: the loader's findings first, then the validator's."""
    kb, findings = load(root, read)
    operator = check_operator_data(kb.operator)[1]  # content/betreiber.yml: Impressum, Datenschutz, Barrierefreiheit
    return kb, sorted(set(findings + validate(kb, today, check) + page_findings(kb.root) + operator))


def _error(entry: Entry, path: tuple, message: str) -> Finding:
    return entry.finding(path, Level.ERROR, message)


def _warning(entry: Entry, path: tuple, message: str) -> Finding:
    return entry.finding(path, Level.WARNING, message)


def _check_formula_title(entry: Entry) -> Iterator[Finding]:
    """A title (the name of a Kommune) that a spreadsheet program would read as a formula (CSV injection). The
    open data neutralise it (praxisatlas/render/export.py: csv_cell), but the title should not need that."""
    key = KINDS[entry.kind].title_key
    value = entry.get(key)
    if isinstance(value, str) and starts_like_formula(value):
        yield _warning(entry, (key,), f"„{key}“ beginnt mit {formula_start_name(value)}. Tabellenprogramme lesen "
                       "so einen Wert als Formel; in den offenen Daten (CSV) steht deshalb ein Apostroph davor. "
                       "Bitte den Wert anders beginnen lassen.")


def _check_slug(entry: Entry) -> Iterator[Finding]:
    if not SLUG_RE.match(entry.slug):
        yield Finding(entry.path, 1, 1, Level.ERROR,
                      f"Der Dateiname „{entry.slug}“ ist kein gültiger Kurzname: nur Kleinbuchstaben a–z, "
                      "Ziffern und einzelne Bindestriche (ohne Umlaute, ß und Leerzeichen).")


def _check_references(kb: KnowledgeBase, entry: Entry) -> Iterator[Finding]:
    for (kind, key), target in REFERENCES.items():
        if entry.kind != kind or not isinstance(entry.get(key), list):
            continue
        for index, slug in enumerate(entry.get(key)):
            if isinstance(slug, str) and SLUG_RE.match(slug) and kb.is_missing(target, slug):
                yield _error(entry, (key, index), _unknown_reference(kb, target, slug))


    for (kind, key), target in SINGLE_REFERENCES.items():
        slug = entry.get(key)
        if entry.kind == kind and isinstance(slug, str) and SLUG_RE.match(slug) and kb.is_missing(target, slug):
            yield _error(entry, (key,), _unknown_reference(kb, target, slug))


def _check_main_topic(entry: Entry) -> Iterator[Finding]:
    """The main topic is one of the practice's topics (the handbook prints the practice in its chapter)."""
    main, topics = entry.get("hauptthema"), entry.get("themen")
    if isinstance(main, str) and isinstance(topics, list) and main not in topics:
        listed = ", ".join(f"„{t}“" for t in topics if isinstance(t, str)) or "keine"
        yield _error(entry, ("hauptthema",), f"„hauptthema“ muss eines der „themen“ des Praxisbeispiels sein "
                                             f"(„{main}“ steht nicht darunter; dort stehen: {listed}).")


def _unknown_reference(kb: KnowledgeBase, target: str, slug: str) -> str:
    kind = KINDS[target]
    hint = suggestion(slug, list(kb.entries[target]))
    return f"{kind.label} „{slug}“ gibt es nicht (keine Datei {kind.folder}/{slug}{kind.suffix}){hint}"


DATE_RE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


DATE_KEYS = PAST_DATE_KEYS | {"beginn", "ende"}


def _check_dates(entry: Entry, nodes: list[tuple[tuple, object]], today: dt.date) -> Iterator[Finding]:
    for path, value in nodes:
        if not path or path[-1] not in DATE_KEYS:
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a bare year such as `beginn: 1998`
        if not isinstance(value, str) or not DATE_RE.match(value):
            continue  # the schema reports the form
        span = dates.partial_date_span(value)
        name = field_name(path)
        if span is None:
            yield _error(entry, path, f"„{name}“: {value} ist kein gültiges Datum.")
            continue
        if path[-1] in PAST_DATE_KEYS and span[0] > today:
            yield _error(entry, path, f"„{name}“: {value} liegt in der Zukunft.")
        if path == ("stand",) and (today - span[1]).days > STALE_AFTER_DAYS:
            yield _warning(entry, path, f"Der Eintrag wurde seit {value} nicht mehr geprüft (über zwei Jahre).")
    zeitraum = entry.get("zeitraum")
    if isinstance(zeitraum, dict) and zeitraum.get("beginn") and zeitraum.get("ende"):
        begin, end = dates.partial_date_span(str(zeitraum["beginn"])), dates.partial_date_span(str(zeitraum["ende"]))
        if begin and end and end[1] < begin[0]:
            yield _error(entry, ("zeitraum", "ende"), "„zeitraum.ende“ liegt vor „zeitraum.beginn“.")
    office = entry.get("jugendamt") if isinstance(entry.get("jugendamt"), dict) else {}
    figures = ((("einwohner",), entry.get("einwohner")), (("jugendamt", "einwohner"), office.get("einwohner")))
    for path, figure in figures:
        if isinstance(figure, dict) and "stand" not in figure:
            yield _warning(entry, path, f"„{field_name(path)}“ hat keinen Stand (Stichtag); bitte ergänzen, falls "
                                        "bekannt.")


PLACEHOLDER = "Bitte ersetzen"


def _check_placeholders(entry: Entry, nodes: list[tuple[tuple, object]]) -> Iterator[Finding]:
    needle = PLACEHOLDER.casefold()
    for path, value in nodes:
        if isinstance(value, str) and needle in value.casefold():
            yield _warning(entry, path, f"„{field_name(path)}“ enthält noch den Platzhalter „{PLACEHOLDER}“.")
    if needle not in entry.body.casefold():
        return
    for offset, line in enumerate(entry.body.split("\n")):
        if PLACEHOLDER.casefold() in line.casefold():
            yield Finding(entry.path, entry.body_line + offset, 1, Level.WARNING,
                          f"Der Text enthält noch den Platzhalter „{PLACEHOLDER}“.")


def _check_markup(entry: Entry, nodes: list[tuple[tuple, object]]) -> Iterator[Finding]:
    """What the sanitizer would remove, and text too long or deep to render (see checks/markup.py)."""
    for path, value in nodes:
        if isinstance(value, str) and value:
            shape = [problem for _, problem in shape_problems(value)]
            for problem in shape or markup_problems(value):
                yield _error(entry, path, f"„{field_name(path)}“: {problem.message}")
    body = entry.body
    shape = list(shape_problems(body))
    for offset, problem in shape:
        yield Finding(entry.path, entry.body_line + offset, 1, Level.ERROR, problem.message)
    if not shape:
        for problem in markup_problems(body):
            offset, col = locate(body, problem.needles)
            yield Finding(entry.path, entry.body_line + offset, col, Level.ERROR, problem.message)


PERSON_RE = re.compile(r"\b(Herr|Frau|Hr\.|Fr\.)\s+[A-ZÄÖÜ]")
PERSONAL_MAIL_RE = re.compile(r"^[a-zäöü]+[._][a-zäöü]+@|^[a-z]\.[a-z]+@", re.I)


def _check_contact(entry: Entry) -> Iterator[Finding]:
    contact = entry.get("kontakt")
    if not isinstance(contact, dict):
        return
    for key, value in contact.items():
        if isinstance(value, str) and PERSON_RE.search(value):
            yield _error(entry, ("kontakt", key),
                         "Kontakt nennt eine Person. Bitte eine Stelle oder Funktion angeben, keine Namen.")
    mail = contact.get("email")
    if isinstance(mail, str) and PERSONAL_MAIL_RE.search(mail):
        yield _warning(entry, ("kontakt", "email"),
                       "Die E-Mail-Adresse sieht persönlich aus; bitte ein Funktionspostfach angeben.")


def _check_ags(entry: Entry) -> Iterator[Finding]:
    ags, art, land = entry.get("ags"), entry.get("art"), entry.get("bundesland")
    if not isinstance(ags, str) or not re.fullmatch(r"[0-9]{5}([0-9]{3})?", ags):
        return
    expected = AGS_LENGTH.get(art) if isinstance(art, str) else None
    if expected and len(ags) != expected:
        yield _error(entry, ("ags",),
                     f"„ags“: Für die Art „{art}“ hat der Gemeindeschlüssel {expected} Ziffern, nicht {len(ags)}.")
    prefix_land = AGS_LAND.get(ags[:2])
    if prefix_land is None:
        yield _error(entry, ("ags",), f"„ags“: {ags[:2]} ist kein Länderschlüssel (01 bis 16).")
    elif isinstance(land, str) and prefix_land != land:
        yield _error(entry, ("ags",),
                     f"„ags“ beginnt mit {ags[:2]} ({prefix_land}), aber „bundesland“ ist {land}.")


def _slug_list(entry: Entry, key: str) -> list[str]:
    value = entry.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@dataclass(frozen=True)
class BothSides:
    """A link that must be recorded on both sides: entries of `kind` name entries of `target` (`forward`),
    which must name them back (`back`)."""

    kind: str
    target: str
    forward: Callable[[Entry], list[tuple[tuple, str]]]  # (field path, slug) of each link
    back: Callable[[Entry], list[str]]
    message: str  # German; {me}, {other} (the target's file) and {slug} are filled in


def _listed(key: str) -> Callable[[Entry], list[tuple[tuple, str]]]:
    return lambda entry: [((key, index), slug) for index, slug in enumerate(_slug_list(entry, key))]


def _members(entry: Entry) -> list[tuple[tuple, str]]:
    return [(("mitglieder", index, "kommune"), slug) for index, (slug, _) in enumerate(network_members(entry))]


BOTH_SIDES = [
    BothSides("kommune", "kommune", _listed("partnerkommunen"), lambda k: _slug_list(k, "partnerkommunen"),
              "Die Partnerschaft muss bei beiden stehen: In {other} fehlt „{me}“ unter „partnerkommunen“."),
    BothSides("kommune", "netzwerk", _listed("netzwerke"), lambda n: [k for _, k in _members(n)],
              "Das Netzwerk „{slug}“ führt „{me}“ nicht unter „mitglieder“ ({other}); bitte dort ergänzen oder "
              "hier streichen."),
    BothSides("netzwerk", "kommune", _members, lambda k: _slug_list(k, "netzwerke"),
              "Mitgliedschaft muss bei beiden stehen: In {other} fehlt „{me}“ unter „netzwerke“."),
]


def _check_both_sides(kb: KnowledgeBase, entry: Entry) -> Iterator[Finding]:
    for rule in BOTH_SIDES:
        if entry.kind != rule.kind:
            continue
        for path, slug in rule.forward(entry):
            other = kb.entries[rule.target].get(slug)
            if other is not None and other is not entry and entry.slug not in rule.back(other):
                yield _error(entry, path, rule.message.format(me=entry.slug, other=other.path, slug=slug))


def _check_partners(kb: KnowledgeBase, entry: Entry) -> Iterator[Finding]:
    for index, partner in enumerate(_slug_list(entry, "partnerkommunen")):
        if partner == entry.slug:
            yield _error(entry, ("partnerkommunen", index), "Eine Kommune kann nicht ihre eigene Partnerkommune sein.")


def _check_members(kb: KnowledgeBase, entry: Entry) -> Iterator[Finding]:
    seen: set[str] = set()
    for path, slug in _members(entry):
        if slug in seen:
            yield _error(entry, path, f"„{slug}“ steht doppelt unter „mitglieder“.")
        seen.add(slug)
        if SLUG_RE.match(slug) and kb.is_missing("kommune", slug):
            yield _error(entry, path, _unknown_reference(kb, "kommune", slug))


def _headings(body: str) -> Iterator[tuple[int, int, str]]:
    """(line index, level, text) of every heading outside code fences (domain/citations.text_blocks reads
    them); the text as a reader sees it (NFC, invisible characters removed)."""
    for block in text_blocks(body):
        if block.kind.startswith("h"):
            yield block.line, int(block.kind[1]), visible(block.text)


def _check_template(entry: Entry) -> Iterator[Finding]:
    found: list[tuple[str, int]] = []
    suggested: set[str] = set()
    required = practice_template.required_headings()
    allowed = practice_template.headings()
    optional = " und ".join(practice_template.optional_headings())
    for offset, level, text in _headings(entry.body):
        number = entry.body_line + offset
        if level == 1:
            yield Finding(entry.path, number, 1, Level.ERROR,
                          "Überschriften der ersten Ebene („# “) sind nicht vorgesehen: Der Titel steht in "
                          "„titel“. Abschnitte beginnen mit „## “.")
            if text in allowed:
                suggested.add(text)
        elif level == 2:
            if text not in allowed:
                close = difflib.get_close_matches(text, allowed, n=1, cutoff=0.6)
                hint = f" – meinten Sie „{close[0]}“?" if close else "."
                suggested.update(close)
                yield Finding(entry.path, number, 1, Level.ERROR,
                              f"Unbekannter Abschnitt „## {text}“{hint} Vorgesehen sind: "
                              f"{', '.join(required)}" + (f" (und optional {optional})." if optional else "."))
            elif text in (t for t, _ in found):
                yield Finding(entry.path, number, 1, Level.ERROR, f"Der Abschnitt „## {text}“ steht doppelt.")
            else:
                found.append((text, number))
    names = [t for t, _ in found]
    for heading in required:
        if heading not in names and heading not in suggested:
            yield Finding(entry.path, entry.body_line, 1, Level.ERROR,
                          f"Der Pflichtabschnitt „## {heading}“ fehlt im Text.")
    order = [(t, n) for t, n in found if t in required]
    expected = [t for t in required if t in names]
    for (text, number), wanted in zip(order, expected, strict=False):
        if text != wanted:
            yield Finding(entry.path, number, 1, Level.ERROR,
                          f"Die Abschnitte stehen nicht in der vorgesehenen Reihenfolge: "
                          f"{' – '.join(required)}.")
            break


def _check_unique_titles(kb: KnowledgeBase) -> Iterator[Finding]:
    for kind in KINDS.values():
        seen: dict[str, Entry] = {}
        for entry in sorted(kb.entries[kind.name].values(), key=lambda e: e.path):
            title = entry.get(kind.title_key)
            if not isinstance(title, str):
                continue
            normal = title_key(title)
            if normal in seen:
                yield _error(entry, (kind.title_key,),
                             f"Der Titel „{title}“ gibt es schon in {seen[normal].path}; "
                             "Titel müssen eindeutig sein.")
            else:
                seen[normal] = entry
