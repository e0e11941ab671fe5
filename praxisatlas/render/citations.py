"""Citation marks as numbered references: `[^key]` -> a superscript link to the entry's source list."""

from __future__ import annotations

from html import escape

from praxisatlas.domain.citations import CITATION_RE, source_numbers


def source_anchor(key: str) -> str:
    """The id of a source's line in the source list."""
    return f"quelle-{key}"


def link_citations(text: str, sources: object) -> str:
    """Markdown with each known `[^key]` replaced by a numbered link; unknown keys stay visible as written."""
    numbers = source_numbers(sources)

    def reference(match) -> str:
        key = match.group(1)
        if key not in numbers:
            return escape(match.group(0))
        n = numbers[key]
        return (f'<sup class="pa-ref"><a href="#{source_anchor(key)}">'
                f'<span class="pa-sr">Quelle </span>[{n}]</a></sup>')

    return CITATION_RE.sub(reference, str(text or ""))


def numbered_citations(text: str, sources: object) -> str:
    """Plain text with each known `[^key]` as " [n]" (handbook, open data)."""
    numbers = source_numbers(sources)
    return CITATION_RE.sub(lambda m: f"[{numbers[m.group(1)]}]" if m.group(1) in numbers else m.group(0),
                           str(text or ""))
