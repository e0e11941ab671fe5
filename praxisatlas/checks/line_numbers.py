"""A number that a line break put at the start of a line ("… vor dem\\n  14. Lebensjahr …").

Markdown reads "14. " at the start of a line as a numbered list item: inside a list item MkDocs makes it a new
item and drops the number, and GitHub's preview starts a list even in a paragraph. The sentence breaks apart
where the author only wrapped a line. A numbered line counts as intended when it follows a line ending in a
colon or full stop, a blank line, or another numbered item at the same indentation.
"""

from __future__ import annotations

from collections.abc import Iterator

from praxisatlas.checks.citations import CITING_FIELDS
from praxisatlas.domain.citations import LIST_ITEM
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import Entry


def stray_numbers(text: str) -> Iterator[tuple[int, str]]:
    """(line index, the line's start) for each line that begins with "N. " in the middle of a sentence."""
    numbered_indent: str | None = None  # indentation of the last numbered item of the current run
    previous = ""
    for index, line in enumerate(str(text or "").split("\n")):
        item = LIST_ITEM.match(line)
        if not line.strip() or (item and not item.group(0).strip()[0].isdigit()):
            numbered_indent = None  # a blank line or a bullet ends a run of numbered items
        elif item and line.strip() != item.group(0).strip():
            ends_sentence = previous.rstrip().endswith((":", ".", "!", "?", ")")) or not previous.strip()
            if not ends_sentence and item.group(1) != numbered_indent:
                yield index, line.strip()[:30]
            numbered_indent = item.group(1)
        previous = line


def _message(start: str) -> str:
    return (f"Die Zeile beginnt mit „{start} …“ mitten im Satz; Markdown macht daraus einen neuen Listenpunkt "
            "und der Satz bricht auseinander. Ziehen Sie die Zahl ans Ende der Zeile davor.")


def line_number_findings(entry: Entry) -> Iterator[Finding]:
    """Warnings for numbers at the start of a wrapped line, in a practice's text and in Markdown fields."""
    if entry.kind == "praxis":
        for index, start in stray_numbers(entry.body):
            yield Finding(entry.path, entry.body_line + index, 1, Level.WARNING, _message(start))
    for field in CITING_FIELDS.get(entry.kind, ()):  # in "|" blocks Markdown keeps the line breaks
        value = entry.get(field)
        if isinstance(value, str):
            for _, start in stray_numbers(value):
                yield entry.finding((field,), Level.WARNING, f"„{field}“: {_message(start)}")
