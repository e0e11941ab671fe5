"""Checks of content/betreiber.yml: the schema, the form of e-mail addresses, phone numbers and web
addresses, and the placeholders that must be replaced before the site is published."""

from __future__ import annotations

import re
from pathlib import Path

from praxisatlas.checks.schema_messages import field_name, schema_findings
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import Entry
from praxisatlas.domain.nested import leaves
from praxisatlas.io.operator import OPERATOR_FILE, read_operator

PLACEHOLDER = "PLATZHALTER"
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()/-]{4,}[0-9]$")
URL_RE = re.compile(r"^https://[^\s]+$")
FORMS = {  # last key of a field -> (pattern, what is expected)
    "email": (EMAIL_RE, "eine E-Mail-Adresse wie redaktion@beispiel.de"),
    "telefon": (PHONE_RE, "eine Telefonnummer aus Ziffern, Leerzeichen und -, z. B. 030 123456-0"),
    "url": (URL_RE, "eine Webadresse, die mit https:// beginnt"),
}


def is_placeholder(value: object) -> bool:
    """True for a text that is still a placeholder ("PLATZHALTER: …")."""
    return isinstance(value, str) and value.strip().upper().startswith(PLACEHOLDER)


def _at(entry: Entry, path: tuple, level: Level, message: str) -> Finding:
    line, col = entry.position(path)
    return Finding(entry.path, line, col, level, message)


def placeholder_findings(entry: Entry, level: Level = Level.WARNING) -> list[Finding]:
    """One finding per field that still holds a placeholder."""
    return [_at(entry, path, level, f"„{field_name(path)}“ ist noch ein Platzhalter: {value.strip()}")
            for path, value in leaves(entry.data) if is_placeholder(value)]


def operator_findings(entry: Entry) -> list[Finding]:
    """Schema errors and malformed contact details (errors). Placeholders are not among them: the validator
    (strict in every pull request) must not fail on them; the build warns (`placeholder_warnings`), the
    publish gate refuses (`publish_refusals`)."""
    findings = list(schema_findings(entry))
    for path, value in leaves(entry.data):
        if not path or not isinstance(path[-1], str) or path[-1] not in FORMS or not isinstance(value, str):
            continue
        pattern, expected = FORMS[path[-1]]
        if not is_placeholder(value) and not pattern.match(value.strip()):
            findings.append(_at(entry, path, Level.ERROR,
                                f"„{field_name(path)}“: erwartet wird {expected}, nicht „{value}“."))
    return findings


def check_operator(root: Path | str) -> tuple[Entry | None, list[Finding]]:
    """Read and check content/betreiber.yml below `root` (see `check_operator_data`)."""
    return check_operator_data(read_operator(root))


def check_operator_data(result: object) -> tuple[Entry | None, list[Finding]]:
    """Check the operator data as read (`KnowledgeBase.operator`). A missing file is no error for the build
    (the pages then show that the details are missing); the publish check refuses it (see `publish_refusals`)."""
    if result is None:
        return None, []
    if isinstance(result, Finding):
        return None, [result]
    return result, operator_findings(result)


def placeholder_warnings(entry: object) -> list[Finding]:
    """One warning per placeholder left in the operator data as read (what a local build reports)."""
    return placeholder_findings(entry) if isinstance(entry, Entry) else []


def publish_refusals(root: Path | str) -> list[Finding]:
    """Everything that forbids publishing: a missing file, any error, any placeholder (as errors)."""
    entry, findings = check_operator(root)
    if entry is None and not findings:
        return [Finding(OPERATOR_FILE, 1, 1, Level.ERROR,
                        "Die Datei fehlt: ohne Angaben zum Betreiber gibt es kein Impressum.")]
    errors = [f for f in findings if f.level is Level.ERROR]
    placeholders = placeholder_findings(entry, Level.ERROR) if entry is not None else []
    return sorted(set(errors + placeholders))
