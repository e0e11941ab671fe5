"""Reference helpers for the pages: legal references as links, abbreviations explained on first use."""

from __future__ import annotations

import re
from html import escape

from praxisatlas.domain.glossary import abbreviation_pattern, expansion
from praxisatlas.domain.laws import norm_of, parse_citation

# Parts of contributed Markdown that are not running text: code, link targets, tags, addresses, citation
# marks and headings (the table of contents shows headings as plain text).
_PROTECTED = re.compile(r"`[^`\n]*`|\]\([^)\n]*\)|<[^>\n]+>|https?://\S+|\[\^[^\]\n]*\]|^\s{0,3}#{1,6}\s.*$",
                        re.MULTILINE)


def abbreviation_html(short: str, long: str) -> str:
    """An abbreviation with its expansion: as `abbr` title (shown on hover) and as text for screen readers."""
    return (f'<abbr title="{escape(long)}">{escape(short)}</abbr>'
            f'<span class="pa-sr"> ({escape(long)})</span>')


def mark_abbreviations(markdown: str) -> str:
    """The text with the first use of each glossary abbreviation explained (running text only)."""
    text = str(markdown or "")
    pattern = abbreviation_pattern()
    seen: set[str] = set()

    def mark(part: str) -> str:
        def replace(match: re.Match) -> str:
            short = match.group(1)
            long = expansion(short)
            if short in seen or not long:
                return short
            seen.add(short)
            return abbreviation_html(short, long)
        return pattern.sub(replace, part)

    parts, position = [], 0
    for match in _PROTECTED.finditer(text):
        parts += [mark(text[position:match.start()]), match.group()]
        position = match.end()
    parts.append(mark(text[position:]))
    return "".join(parts)


def reference_label(reference: str) -> str:
    """A contributor's legal reference in the normal form ('§8a SGB 8' -> '§ 8a SGB VIII'), else as written."""
    citation = parse_citation(reference)
    return citation.label if citation and norm_of(reference) else str(reference)

