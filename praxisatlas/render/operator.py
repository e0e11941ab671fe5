"""Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit, generated from content/betreiber.yml.

A text that is still a placeholder ("PLATZHALTER: …") is shown as one, clearly marked; a missing file
makes every operator detail a placeholder. The publish workflow refuses both (scripts/check_betreiber.py).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from praxisatlas.checks.operator import PLACEHOLDER, is_placeholder
from praxisatlas.domain.model import Entry
from praxisatlas.io.operator import OPERATOR_FILE

OPERATOR_PAGES = ("impressum", "datenschutz", "barrierefreiheit")


def operator_data(entry: object) -> tuple[dict, bool]:
    """The operator data as read (empty if the file is missing or unreadable) and whether it is complete."""
    data = entry.data if isinstance(entry, Entry) else {}
    return data, bool(data) and not _has_placeholder(data)


def _has_placeholder(value: object) -> bool:
    if isinstance(value, dict):
        return any(_has_placeholder(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_placeholder(v) for v in value)
    return is_placeholder(value)


def shown(value: object, missing: str = "Angabe fehlt") -> Markup:
    """A value for the page: placeholders and missing values as a marked placeholder, anything else escaped."""
    if value is None or value == "" or is_placeholder(value):
        text = str(value).strip()[len(PLACEHOLDER):].lstrip(" :") if is_placeholder(value) else missing
        return Markup('<span class="pa-platzhalter">Platzhalter: {}</span>').format(text)
    return escape(str(value))


def lines(values: object) -> Markup:
    """Address lines, one per line."""
    items = values if isinstance(values, list) and values else [None]
    return Markup("<br>\n").join(shown(v) for v in items)


def mail(value: object) -> Markup:
    """An e-mail address as mailto link (a placeholder stays a placeholder)."""
    if not value or is_placeholder(value):
        return shown(value)
    return Markup('<a href="mailto:{0}">{0}</a>').format(str(value).strip())


def web(value: object) -> Markup:
    """A web address as link."""
    if not value or is_placeholder(value):
        return shown(value)
    return Markup('<a href="{0}">{0}</a>').format(str(value).strip())


def phone(value: object) -> Markup:
    """A phone number as tel: link."""
    if not value or is_placeholder(value):
        return shown(value)
    digits = "".join(c for c in str(value) if c.isdigit() or c == "+")
    return Markup('<a href="tel:{0}">{1}</a>').format(digits, str(value).strip())


def operator_context(entry: object) -> dict:
    """Template variables of the three pages, from the operator data as read (`KnowledgeBase.operator`)."""
    data, complete = operator_data(entry)
    return {"b": data, "vollstaendig": complete, "betreiber_datei": OPERATOR_FILE,
            "zeige": shown, "zeilen": lines, "mail": mail, "web": web, "telefon": phone}
