"""Early feedback on contributed markup: what the site's sanitizer would remove, and text too hostile to render.

The site's safety does not depend on this module (every page passes `praxisatlas.render.sanitize` at render
time, with the same allow-list from `praxisatlas.domain.markup`). Here a contributor learns, with file, line
and column, what will not appear, before a reviewer sees it. Everything runs in linear time: texts are first
measured with plain loops (line length, nesting depth, runs of brackets), and only texts that pass are
rendered with Python-Markdown and read with an HTML parser.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

from praxisatlas.domain.markup import ALLOWED_TAGS, is_allowed_attribute, value_problem

MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]  # as in mkdocs.yml
MAX_LINE = 5_000  # characters in one line
MAX_BRACKETS = 100  # "[" in one paragraph: Python-Markdown slows down quadratically beyond
MAX_DEPTH = 10  # nested lists or quotes
TRIGGERS = ("<", "{", "&", "](", "]:", "javascript", "data:")  # texts without these need no rendering


@dataclass(frozen=True)
class MarkupProblem:
    """One problem: its German message and the text it is about (to find its line and column)."""

    message: str
    needles: tuple[str, ...] = ()  # texts to look for in the source, best first


def shape_problems(text: str) -> Iterator[tuple[int, MarkupProblem]]:
    """(line index, problem) for text that would take the Markdown renderer too long or too deep."""
    brackets = 0
    too_deep = False
    for index, line in enumerate(text.split("\n")):
        if len(line) > MAX_LINE:
            yield index, MarkupProblem(f"Die Zeile ist mit {len(line):,} Zeichen zu lang (höchstens "
                                       f"{MAX_LINE:,}); bitte Absätze umbrechen.".replace(",", "."))
            continue
        if not line.strip():
            brackets = 0
            continue
        brackets += line.count("[")
        if brackets > MAX_BRACKETS:
            yield index, MarkupProblem(f"Zu viele „[“ in einem Absatz (mehr als {MAX_BRACKETS}).")
            brackets = -10**9  # once per paragraph
        stripped = line.lstrip(" ")
        depth = (len(line) - len(stripped)) // 2
        quotes = len(stripped) - len(stripped.lstrip("> "))
        if (depth > MAX_DEPTH * 2 or quotes > MAX_DEPTH * 2) and not too_deep:
            too_deep = True  # once per text
            yield index, MarkupProblem(f"Zu tief verschachtelt (Listen oder Zitate höchstens {MAX_DEPTH} Ebenen).")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[MarkupProblem] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(MarkupProblem(f"HTML-Element „<{tag}>“ ist nicht erlaubt.", (f"<{tag}",)))
            return
        for name, value in attrs:
            if not is_allowed_attribute(tag, name):
                if name.startswith("on"):
                    self.problems.append(MarkupProblem(f"HTML-Attribut „{name}“ (Skript) ist nicht erlaubt.", (name,)))
                else:
                    self.problems.append(MarkupProblem(f"HTML-Attribut „{name}“ ist nicht erlaubt.", (name,)))
            elif (problem := value_problem(tag, name, value or "")) is not None:
                shown = value or ""
                needles = (shown[:20], f"{name}=", f"]({shown[:4]}", "]:")
                self.problems.append(MarkupProblem(problem, needles))

    handle_startendtag = handle_starttag


def markup_problems(text: str) -> list[MarkupProblem]:
    """What the sanitizer would remove from `text` rendered as Markdown (raw HTML, attr_list, links)."""
    if not any(trigger in text for trigger in TRIGGERS):
        return []
    collector = _Collector()
    collector.feed(markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS))
    collector.close()
    seen: set[str] = set()
    return [p for p in collector.problems if not (p.message in seen or seen.add(p.message))]


def locate(text: str, needles: tuple[str, ...]) -> tuple[int, int]:
    """0-based line and 1-based column of the first of `needles` found in `text` (case-insensitive), or (0, 1)."""
    lowered = text.lower()
    at = next((found for needle in needles if needle and (found := lowered.find(needle.lower())) >= 0), -1)
    if at < 0:
        return 0, 1
    line = text.count("\n", 0, at)
    return line, at - (text.rfind("\n", 0, at) + 1) + 1
