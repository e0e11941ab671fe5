"""Model -> findings. Schema checks plus the rules a schema cannot express.

Every rule adds findings; nothing stops at the first error, so one run shows all problems.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import gc
import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from praxisatlas.checks.schema_messages import field_name, schema_findings, suggestion
from praxisatlas.checks.youth_office import currency_findings, kreis_findings, office_findings
from praxisatlas.domain import dates
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import DOCUMENTS_FOLDER, KINDS, Entry, KnowledgeBase
from praxisatlas.domain.regions import AGS_LAND
from praxisatlas.domain.slug import SLUG_RE
from praxisatlas.domain.youth_office import towns_with_own_office
from praxisatlas.io.load import load
from praxisatlas.relate import network_members

if TYPE_CHECKING:
    from praxisatlas.publish.preview_cache import BuildCache

TEMPLATE_HEADINGS = ["Ausgangslage", "Ziele", "Vorgehen", "Ergebnisse und Wirkung", "Übertragbarkeit", "Ressourcen"]
OPTIONAL_HEADINGS = ["Stolpersteine"]

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

# Date fields that describe the past (a review, a publication, a figure's reference date).
PAST_DATE_KEYS = {"stand", "datum"}

UNSAFE_MARKUP = [
    (re.compile(r"<\s*(script|iframe|object|embed|style|form|base|meta|link)\b", re.I),
     "HTML-Element „<{0}>“ ist nicht erlaubt."),
    (re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I), "HTML-Attribut „{0}“ (Skript) ist nicht erlaubt."),
    (re.compile(r"\b(javascript|vbscript|data(?=\s*:\s*text/html))\s*:", re.I),
     "Links mit „{0}:“ sind nicht erlaubt."),
]
STALE_AFTER_DAYS = 730


def validate(kb: KnowledgeBase, today: dt.date | None = None, cache: BuildCache | None = None) -> list[Finding]:
    """All findings for a loaded knowledge base (errors and warnings), sorted by file and line.

    With a `cache` (the preview), an unchanged entry's own findings are taken from the last build."""
    today = today or dates.today()
    findings: list[Finding] = []
    towns = towns_with_own_office(kb)
    for entry in kb.all_entries():
        if cache is None:
            findings.extend(entry_findings(entry, today))
        else:
            findings.extend(cache.entry_findings(entry, today, lambda entry=entry: entry_findings(entry, today)))
        findings.extend(_check_references(kb, entry))
        if entry.kind == "kommune":
            findings.extend(_check_partners(kb, entry))
            findings.extend(_check_kommune_networks(kb, entry))
            findings.extend(kreis_findings(kb, entry, towns))
        if entry.kind == "praxis":
            findings.extend(_check_attachments(kb, entry))
        if entry.kind == "netzwerk":
            findings.extend(_check_members(kb, entry))
    findings.extend(_check_unique_titles(kb))
    if cache is not None:
        cache.prune_findings(kb)
    return sorted(set(findings))


def entry_findings(entry: Entry, today: dt.date) -> list[Finding]:
    """The findings that depend on one entry alone (schema, form, dates, markup, placeholders)."""
    nodes = _walk(entry.data)
    findings = [*schema_findings(entry), *_check_slug(entry), *_check_dates(entry, nodes, today),
                *_check_markup(entry, nodes), *_check_placeholders(entry, nodes), *_check_contact(entry)]
    if entry.kind == "kommune":
        findings.extend(_check_ags(entry))
        findings.extend(office_findings(entry))
    if entry.kind == "praxis":
        findings.extend(_check_template(entry))
        findings.extend(currency_findings(entry, today))
    return findings


def load_and_validate(root, today: dt.date | None = None,
                      cache: BuildCache | None = None) -> tuple[KnowledgeBase, list[Finding]]:
    """Load and validate in one go: the loader's findings first, then the validator's."""
    with cycle_collection_paused():
        kb, findings = load(root, cache)
        return kb, sorted(set(findings + validate(kb, today, cache)))


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Building the model makes several hundred thousand small objects that live to the end of the build;
    Python's cycle collector would scan them again and again (a sixth of the time). Reference counting
    still frees everything else at once."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _error(entry: Entry, path: tuple, message: str) -> Finding:
    line, col = entry.position(path)
    return Finding(entry.path, line, col, Level.ERROR, message)


def _warning(entry: Entry, path: tuple, message: str) -> Finding:
    line, col = entry.position(path)
    return Finding(entry.path, line, col, Level.WARNING, message)


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
            if isinstance(slug, str) and SLUG_RE.match(slug) and slug not in kb.entries[target]:
                yield _error(entry, (key, index), _unknown_reference(kb, target, slug))


def _unknown_reference(kb: KnowledgeBase, target: str, slug: str) -> str:
    kind = KINDS[target]
    hint = suggestion(slug, list(kb.entries[target]))
    return f"{kind.label} „{slug}“ gibt es nicht (keine Datei {kind.folder}/{slug}{kind.suffix}){hint}"


def _walk(value: object) -> list[tuple[tuple, object]]:
    """Every (path, value) pair inside a value, the value itself first."""
    result: list[tuple[tuple, object]] = []
    stack: list[tuple[tuple, object]] = [((), value)]
    while stack:
        path, item = stack.pop()
        result.append((path, item))
        if isinstance(item, dict):
            stack.extend(((*path, key), child) for key, child in item.items())
        elif isinstance(item, list):
            stack.extend(((*path, index), child) for index, child in enumerate(item))
    return result


def _parse_partial_date(text: str) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest day a JJJJ[-MM[-TT]] value can mean, or None if it is no real date."""
    parts = text.split("-")
    try:
        if len(parts) == 3:
            day = dt.date.fromisoformat(text)
            return day, day
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            first = dt.date(year, month, 1)
            last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
            return first, last
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


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
        span = _parse_partial_date(value)
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
        begin, end = _parse_partial_date(str(zeitraum["beginn"])), _parse_partial_date(str(zeitraum["ende"]))
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
    for path, value in nodes:
        if isinstance(value, str):
            for message in _unsafe(value):
                yield _error(entry, path, f"„{field_name(path)}“: {message}")
    for offset, line in enumerate(entry.body.split("\n")):
        for message in _unsafe(line):
            yield Finding(entry.path, entry.body_line + offset, 1, Level.ERROR, message)


URL_ATTRIBUTE_RE = re.compile(
    r"""\b(?:href|src|action|formaction|xlink:href|data|poster)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
MARKDOWN_LINK_RE = re.compile(r"\]\(\s*<?([^)>\s]+)")
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def _bad_scheme(url: str) -> str | None:
    """The scheme of a link that is not http(s)/mailto/tel, as a browser would read it (entities, tabs)."""
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(url.strip("'\""))).lower()
    scheme, colon, _ = cleaned.partition(":")
    if colon and "/" not in scheme and "?" not in scheme and "#" not in scheme and scheme not in SAFE_SCHEMES:
        return scheme
    return None


def _unsafe(text: str) -> Iterator[str]:
    if "<" not in text and ":" not in text and "&" not in text:
        return
    for pattern, message in UNSAFE_MARKUP:
        for match in pattern.finditer(text):
            yield message.format(match.group(1).lower())
    for pattern in (URL_ATTRIBUTE_RE, MARKDOWN_LINK_RE):
        for match in pattern.finditer(text):
            scheme = _bad_scheme(match.group(1))
            already_reported = UNSAFE_MARKUP[2][0].search(match.group(1))  # a plain "javascript:" above
            if scheme and not already_reported:
                yield f"Links mit „{scheme}:“ sind nicht erlaubt (nur https, http, mailto, tel)."


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


def _check_partners(kb: KnowledgeBase, entry: Entry) -> Iterator[Finding]:
    for index, partner in enumerate(_slug_list(entry, "partnerkommunen")):
        if partner == entry.slug:
            yield _error(entry, ("partnerkommunen", index), "Eine Kommune kann nicht ihre eigene Partnerkommune sein.")
        elif partner in kb.kommunen and entry.slug not in _slug_list(kb.kommunen[partner], "partnerkommunen"):
            yield _error(entry, ("partnerkommunen", index),
                         f"Die Partnerschaft muss bei beiden stehen: In {kb.kommunen[partner].path} fehlt "
                         f"„{entry.slug}“ unter „partnerkommunen“.")


def _check_kommune_networks(kb: KnowledgeBase, entry: Entry) -> Iterator[Finding]:
    for index, slug in enumerate(_slug_list(entry, "netzwerke")):
        network = kb.netzwerke.get(slug)
        if network and entry.slug not in {k for k, _ in network_members(network)}:
            yield _error(entry, ("netzwerke", index),
                         f"Das Netzwerk „{slug}“ führt „{entry.slug}“ nicht unter „mitglieder“ "
                         f"({network.path}); bitte dort ergänzen oder hier streichen.")


def _check_members(kb: KnowledgeBase, entry: Entry) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, (slug, _role) in enumerate(network_members(entry)):
        path = ("mitglieder", index, "kommune")
        if slug in seen:
            yield _error(entry, path, f"„{slug}“ steht doppelt unter „mitglieder“.")
        seen.add(slug)
        if not SLUG_RE.match(slug):
            continue
        kommune = kb.kommunen.get(slug)
        if kommune is None:
            yield _error(entry, path, _unknown_reference(kb, "kommune", slug))
        elif entry.slug not in _slug_list(kommune, "netzwerke"):
            yield _error(entry, path,
                         f"Mitgliedschaft muss bei beiden stehen: In {kommune.path} fehlt „{entry.slug}“ "
                         "unter „netzwerke“.")


HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _check_template(entry: Entry) -> Iterator[Finding]:
    found: list[tuple[str, int]] = []
    suggested: set[str] = set()
    in_fence = False
    allowed = TEMPLATE_HEADINGS + OPTIONAL_HEADINGS
    for offset, line in enumerate(entry.body.split("\n")):
        if ("```" in line or "~~~" in line) and line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence or not line.startswith("#") else HEADING_RE.match(line)
        if not match:
            continue
        number = entry.body_line + offset
        level, text = len(match.group(1)), match.group(2)
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
                              f"{', '.join(TEMPLATE_HEADINGS)} (und optional Stolpersteine).")
            elif text in (t for t, _ in found):
                yield Finding(entry.path, number, 1, Level.ERROR, f"Der Abschnitt „## {text}“ steht doppelt.")
            else:
                found.append((text, number))
    names = [t for t, _ in found]
    for heading in TEMPLATE_HEADINGS:
        if heading not in names and heading not in suggested:
            yield Finding(entry.path, entry.body_line, 1, Level.ERROR,
                          f"Der Pflichtabschnitt „## {heading}“ fehlt im Text.")
    order = [(t, n) for t, n in found if t in TEMPLATE_HEADINGS]
    expected = [t for t in TEMPLATE_HEADINGS if t in names]
    for (text, number), wanted in zip(order, expected, strict=False):
        if text != wanted:
            yield Finding(entry.path, number, 1, Level.ERROR,
                          f"Die Abschnitte stehen nicht in der vorgesehenen Reihenfolge: "
                          f"{' – '.join(TEMPLATE_HEADINGS)}.")
            break


def _check_attachments(kb: KnowledgeBase, entry: Entry) -> Iterator[Finding]:
    attachments = entry.get("anhaenge")
    if not isinstance(attachments, list):
        return
    for index, item in enumerate(attachments):
        name = item.get("datei") if isinstance(item, dict) else None
        if isinstance(name, str) and not (kb.root / DOCUMENTS_FOLDER / name).is_file():
            yield _error(entry, ("anhaenge", index, "datei"),
                         f"Der Anhang „{name}“ liegt nicht im Ordner {DOCUMENTS_FOLDER}/.")


def _check_unique_titles(kb: KnowledgeBase) -> Iterator[Finding]:
    for kind in KINDS.values():
        seen: dict[str, Entry] = {}
        for entry in sorted(kb.entries[kind.name].values(), key=lambda e: e.path):
            title = entry.get(kind.title_key)
            if not isinstance(title, str):
                continue
            normal = " ".join(title.casefold().split())
            if normal in seen:
                yield _error(entry, (kind.title_key,),
                             f"Der Titel „{title}“ gibt es schon in {seen[normal].path}; "
                             "Titel müssen eindeutig sein.")
            else:
                seen[normal] = entry
