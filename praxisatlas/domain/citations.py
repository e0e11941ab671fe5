"""Sources at the sentence level: `[^key]` in a text names a source of the entry by its `kurz` key.

Contributors write Markdown's footnote syntax without definitions; the keys are those of the entry's
`quellen`. The site, the handbook and the open data number the sources in list order (the first source
is 1), so a reference always points at the same line of the entry's source list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

CITATION_RE = re.compile(r"\[\^([^\]\s]*)\]")

# A block that starts with one of these needs no citation: the editors' own assessment, or what the sources
# leave open. Compared case-insensitively after emphasis markers are removed.
EXEMPT_PREFIXES = ("einschätzung der redaktion", "offen:", "keine angaben")

# a list item as python-markdown (MkDocs) reads one: "-", "*", "+" or "1." (not "1)") and a space
LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+\.)\s+")  # a list item's marker, with its indentation
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)")


@dataclass(frozen=True)
class TextBlock:
    """A paragraph, list item or heading of a Markdown text, with the 0-based line of its first line."""

    kind: str  # "h1".."h6", "p" or "li"
    text: str  # the block's Markdown, lines joined by spaces
    line: int
    column: int  # 1-based column where the text starts
    depth: int = 0  # list items: 1 at the top level, 2 one level in (indented by 4 more spaces); else 0


def atx_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line ("## Ziele ##"), without regular expressions (no backtracking on
    hostile lines)."""
    hashes = len(line) - len(line.lstrip("#"))
    if not 1 <= hashes <= 6 or (len(line) > hashes and line[hashes] not in " \t"):
        return None
    text = line[hashes:].strip()
    closing = text.rstrip("#")
    if closing != text and (not closing or closing[-1] in " \t"):
        text = closing.strip()
    return hashes, text


def text_blocks(markdown: str) -> list[TextBlock]:
    """Headings, paragraphs and list items of a contributor's Markdown, in order, outside code fences; each table
    row is a paragraph. The one Markdown block reader (checks, search records, handbook). Blocks split as
    python-markdown (MkDocs) splits them: a list starts after a blank line, a heading or another item, never in
    the middle of a paragraph ("… seit dem\n1. August 2008 …" is one paragraph)."""
    blocks: list[TextBlock] = []
    parts: list[str] = []
    start = (0, 1, "p", 0)

    def flush() -> None:
        text = " ".join(p.strip() for p in parts).strip()
        if text:
            blocks.append(TextBlock(start[2], text, start[0], start[1], start[3]))
        parts.clear()

    in_fence = False
    for number, line in enumerate(str(markdown or "").splitlines()):
        if line.lstrip().startswith(("```", "~~~")):  # code is no statement and holds no heading
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = atx_heading(line) if line.startswith("#") else None
        item = LIST_ITEM.match(line) if not parts or start[2] == "li" else None
        setext = (parts and start[2] == "p" and not parts[0].startswith(("    ", ">", "|"))
                  and re.fullmatch(r"\s*(=+|-+)\s*", line))
        if setext:  # "Titel" underlined with === or ---: the paragraph so far is a heading
            text = " ".join(p.strip() for p in parts)
            parts.clear()
            blocks.append(TextBlock("h1" if "=" in line else "h2", text, start[0], start[1]))
        elif heading:
            flush()
            blocks.append(TextBlock(f"h{heading[0]}", heading[1], number, heading[0] + 2))
        elif not line.strip() or set(line.strip()) <= set("|-: "):
            flush()
        elif item:
            flush()
            start = (number, item.end() + 1, "li", len(item.group(1).expandtabs(4)) // 4 + 1)
            parts.append(line[item.end():])
        elif line.lstrip().startswith("|"):  # a table row is a block of its own
            flush()
            start = (number, len(line) - len(line.lstrip()) + 1, "p", 0)
            parts.append(line)
        else:
            if not parts:
                start = (number, len(line) - len(line.lstrip()) + 1, "p", 0)
            parts.append(line)
    flush()
    return blocks


def cited_keys(text: str) -> list[str]:
    """The keys a text cites, in order (repeats kept)."""
    return CITATION_RE.findall(str(text or ""))


def citations(text: str) -> Iterator[tuple[str, int, int]]:
    """(key, 0-based line, 1-based column) of each citation in a text."""
    for number, line in enumerate(str(text or "").splitlines()):
        for match in CITATION_RE.finditer(line):
            yield match.group(1), number, match.start() + 1


def without_citations(text: str) -> str:
    """The text with its citation marks removed (for search and teasers)."""
    return re.sub(r"\s+([.,;:])", r"\1", CITATION_RE.sub("", str(text or "")))


def is_exempt(text: str) -> bool:
    """Whether a block needs no citation: the editors' assessment or a statement of what is open."""
    plain = _EMPHASIS.sub("", text).strip().casefold()
    return plain.startswith(EXEMPT_PREFIXES)


def source_numbers(sources: object) -> dict[str, int]:
    """key -> number (1-based position in the entry's source list) for each source that has a key."""
    if not isinstance(sources, list):
        return {}
    numbers: dict[str, int] = {}
    for index, source in enumerate(sources, start=1):
        key = source.get("kurz") if isinstance(source, dict) else None
        if isinstance(key, str) and key not in numbers:
            numbers[key] = index
    return numbers
