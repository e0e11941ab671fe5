"""Turn JSON Schema errors into German findings that point at the offending key."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from praxisatlas.checks.schemas import quick_check, validator
from praxisatlas.domain import fast_paths
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import Entry

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

TYPE_NAMES = {
    "string": "Text",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "array": "eine Liste (Zeilen mit „- “)",
    "object": "eine Gruppe von Feldern (name: wert)",
    "boolean": "true oder false",
    "null": "leer",
}

COMPUTED_FIELDS = {
    "groessenklasse": "Die Größenklasse wird aus „einwohner“ berechnet (genauer: aus den Einwohnern im "
                      "Zuständigkeitsbereich des Jugendamts) und darf nicht eingetragen werden.",
    "einwohner_jugendamt": "„einwohner_jugendamt“ heißt jetzt „jugendamt.einwohner“: bitte als „einwohner:“ unter "
                           "„jugendamt:“ einrücken (mit „vorhanden: true“ und „art“, siehe README).",
}


def field_name(path: tuple) -> str:
    """A readable name for a field path: `quellen[2].titel` (list positions counted from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(Datei)"


def describe(value: object) -> str:
    """A short German description of a value, for 'is … but should be …' messages."""
    if value is None:
        return "leer"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"die Zahl {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f"der Text „{short}“"
    if isinstance(value, list):
        return "eine Liste"
    return "eine Gruppe von Feldern"


def suggestion(word: str, choices: list[str]) -> str:
    """' – meinten Sie „x“?' or ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" – meinten Sie „{close[0]}“?" if close else ""


def schema_findings(entry: Entry) -> Iterator[Finding]:
    """All schema violations of one entry, in German, deduplicated."""
    if fast_paths.current().quick_schema_check and quick_check(entry.kind)(entry.data):
        return
    seen: set[tuple] = set()
    for error in validator(entry.kind).iter_errors(entry.data):
        for path, message in _translate(error):
            line, col = entry.position(path)
            key = (line, col, message)
            if key not in seen:
                seen.add(key)
                yield Finding(entry.path, line, col, Level.ERROR, message)


def _translate(error: ValidationError) -> Iterator[tuple[tuple, str]]:
    path = tuple(error.absolute_path)
    name = field_name(path)
    kind = error.validator
    value = error.validator_value
    custom = error.schema.get("x-fehlermeldung") if isinstance(error.schema, dict) else None
    instance = error.instance

    if kind == "required":
        for missing in value:
            if isinstance(instance, dict) and missing not in instance:
                where = f" in „{name}“" if path else ""
                yield path, f"Pflichtfeld „{missing}“ fehlt{where}."
    elif kind == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        for extra in instance:
            if extra in known:
                continue
            if extra in COMPUTED_FIELDS and not path:
                yield (*path, extra), COMPUTED_FIELDS[extra]
                continue
            yield (*path, extra), f"Unbekanntes Feld „{field_name((*path, extra))}“{suggestion(extra, known)}"
    elif custom and kind in ("pattern", "type", "oneOf", "anyOf", "minimum", "maximum"):
        yield path, f"„{name}“: {custom}"
    elif kind == "type":
        expected = value if isinstance(value, str) else value[0]
        yield path, f"„{name}“ muss {TYPE_NAMES.get(expected, expected)} sein, ist aber {describe(instance)}."
    elif kind == "enum":
        allowed = [str(v) for v in value]
        hint = suggestion(str(instance), allowed)
        end = f"{hint} " if hint else ". "
        yield path, f"„{name}“: {describe(instance)} ist nicht erlaubt{end}Erlaubt: {', '.join(allowed)}."
    elif kind in ("minLength", "pattern") and isinstance(instance, str) and not instance.strip():
        yield path, f"„{name}“ darf nicht leer sein."
    elif kind == "pattern":
        yield path, f"„{name}“ hat nicht die erwartete Form."
    elif kind == "maxLength":
        yield path, f"„{name}“ ist zu lang: {len(instance)} Zeichen, erlaubt sind höchstens {value}."
    elif kind == "minItems":
        yield path, f"„{name}“ braucht mindestens {value} Eintrag/Einträge."
    elif kind == "uniqueItems":
        yield path, f"„{name}“ enthält einen Eintrag doppelt."
    elif kind in ("minimum", "exclusiveMinimum"):
        yield path, f"„{name}“ ist zu klein ({instance})."
    elif kind in ("maximum", "exclusiveMaximum"):
        shown = f"{instance}"[:20] + ("…" if len(f"{instance}") > 20 else "")
        yield path, f"„{name}“ ist zu groß ({shown}); höchstens {value:,} ist möglich.".replace(",", ".")
    else:  # pragma: no cover - keywords the schemas do not use
        yield path, f"„{name}“ ist ungültig ({error.message})."
