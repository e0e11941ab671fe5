"""Text rules shared by every layer: how titles compare, German plurals, what a spreadsheet reads as a formula,
how a file name or value is shown on one line."""

from __future__ import annotations

import re
import unicodedata

# characters that change nothing a reader sees: zero-width space/joiners, word joiner, BOM, soft hyphen, …
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e"
                                   "\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066"
                                   "\u2067\u2068\u2069\u3164\ufeff\uffa0"))


def visible(text: str) -> str:
    """`text` in NFC with invisible characters removed: what a reader sees, as one string."""
    return unicodedata.normalize("NFC", text.translate(INVISIBLE))


def title_key(text: str) -> str:
    """How titles compare: as seen (`visible`), compatibility forms folded, case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFKC", visible(text)).casefold().split())


def plural(count: int, singular: str, plural_form: str) -> str:
    """'1 Praxisbeispiel', '3 Praxisbeispiele' (with German thousands separators)."""
    number = f"{count:,}".replace(",", ".")
    return f"{number} {singular if count == 1 else plural_form}"


# first characters that make a spreadsheet program read a cell as a formula (OWASP, "CSV Injection"), plus the line
# feed, which some programs treat like the carriage return
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
FORMULA_START_NAMES = {"\t": "einem Tabulatorzeichen", "\r": "einem Wagenrücklauf (CR)",
                       "\n": "einem Zeilenumbruch"}


def starts_like_formula(text: str) -> bool:
    """True if a spreadsheet program would read `text`, as a cell of a CSV file, as a formula."""
    return text.startswith(FORMULA_START)


def formula_start_name(text: str) -> str:
    """The first character of `text` as German text says it: „=“, or „einem Tabulatorzeichen“ for a tab."""
    first = text[:1]
    return FORMULA_START_NAMES.get(first, f"„{first}“")


# control characters (C0 but the tab, DEL, C1) and the Unicode line and paragraph separators
_CONTROL_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match) -> str:
    char = match[0]
    if char in "\n\r":
        return "\\n" if char == "\n" else "\\r"
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def escape_controls(text: str) -> str:
    """`text` shown on one line: line breaks and other control characters as visible escapes (\\n, \\r, \\x1b),
    so that a file name or a value can neither start a new line of output nor steer a terminal."""
    return _CONTROL_RE.sub(_escape, text)
