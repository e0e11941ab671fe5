"""Contributed Markdown as the handbook's plain data: blocks of text runs.

The blocks come from the one Markdown block reader (praxisatlas.domain.citations.text_blocks); within a block a
small inline reader finds what the handbook sets: bold, italic and links (as python-markdown reads `**…**`,
`__…__`, `*…*`, `_…_`, `[text](url)` and `<https://…>`, and the same raw HTML tags), backslash escapes, code
spans and character references as text; other tags and images drop out. The Typst layout receives only this
data (strings in JSON), never markup, so nothing a contributor writes can run as code of the PDF engine.
"""

from __future__ import annotations

import html
import re
from typing import TypedDict

from praxisatlas.domain.citations import text_blocks


class Run(TypedDict):
    """A piece of text with one formatting."""

    t: str
    b: bool
    i: bool
    link: str | None


class Block(TypedDict):
    """A heading ("h", `ebene` = its level), paragraph ("p", `ebene` 0) or list item ("li", `ebene` = depth)."""

    typ: str
    ebene: int
    inhalt: list[Run]


LINK_SCHEMES = ("https://", "http://", "mailto:")  # links kept in the PDF; any other target is text only
_TOKEN = re.compile(
    r"(?P<escape>\\[\\`*_{}\[\]()#+\-.!:|<>])"
    r"|(?P<code>`+)"
    r"|<(?P<autolink>(?:https?://|mailto:)[^<>\s]+)>"
    r"|<(?P<email>[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>"
    r"|(?P<tag></?[A-Za-z][^<>]*>)"
    r"|(?P<entity>&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)"
    r"|(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|\[(?P<label>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)"
    r"|(?P<lone>(?:^|(?<=\s))(?:\*{1,3}|_{1,3})(?=\s|$))"  # "3 * 4": a marker between spaces is text
    r"|\*\*\*(?P<both>[^*]+?)\*\*\*|(?<!\w)___(?!_)(?P<both_>.+?)(?<!_)___(?!\w)"
    r"|\*\*(?P<strong>.+?)\*\*|(?<!\w)__(?!_)(?P<strong_>.+?)(?<!_)__(?!\w)"
    r"|\*(?P<em>[^*]+)\*|(?<!\w)_(?!_)(?P<em_>.+?)(?<!_)_(?!\w)"
)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


class _Reader:
    """Turns the inline Markdown of one block into runs; raw HTML tags switch bold, italic and links on and off."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.tags = {"b": 0, "i": 0}
        self.links: list[str | None] = []

    def text(self, text: str, bold: bool, italic: bool, link: str | None) -> None:
        bold, italic = bold or self.tags["b"] > 0, italic or self.tags["i"] > 0
        link = link or next((u for u in reversed(self.links) if u), None)
        last = self.runs[-1] if self.runs else None
        if last is not None and (last["b"], last["i"], last["link"]) == (bold, italic, link):
            last["t"] += text
        elif text:
            self.runs.append({"t": text, "b": bold, "i": italic, "link": link})

    def tag(self, tag: str) -> None:
        name = _TAG_NAME.match(tag)
        kind = name.group(1).lower() if name else ""
        closing = tag.startswith("</")
        if kind in ("strong", "b", "em", "i"):
            key = "b" if kind in ("strong", "b") else "i"
            self.tags[key] = max(0, self.tags[key] + (-1 if closing else 1))
        elif kind == "a" and closing:
            if self.links:
                self.links.pop()
        elif kind == "a":
            href = _HREF.search(tag)
            url = next((g for g in href.groups() if g is not None), "") if href else ""
            self.links.append(url if url.startswith(LINK_SCHEMES) else None)
        elif kind == "br":
            self.text(" ", False, False, None)

    def read(self, text: str, bold: bool = False, italic: bool = False, link: str | None = None) -> None:
        position = 0
        while position < len(text):
            match = _TOKEN.search(text, position)
            if match is None:
                break
            self.text(text[position:match.start()], bold, italic, link)
            position = match.end()
            kind = match.lastgroup
            if kind == "lone":
                self.text(match.group(0), bold, italic, link)
            elif kind == "escape":
                self.text(match.group(0)[1], bold, italic, link)
            elif kind == "code":
                end = text.find(match.group(0), position)
                if end < 0:  # an unclosed backtick is text
                    self.text(match.group(0), bold, italic, link)
                else:
                    self.text(text[position:end].strip(), bold, italic, link)
                    position = end + len(match.group(0))
            elif kind in ("autolink", "email"):
                target = match.group(kind)
                self.text(target.removeprefix("mailto:"), bold, italic,
                          target if kind == "autolink" else f"mailto:{target}")
            elif kind == "tag":
                self.tag(match.group(0))
            elif kind == "entity":
                self.text(html.unescape(match.group(0)), bold, italic, link)
            elif kind == "url":
                url = match.group("url")
                self.read(match.group("label"), bold, italic, url if url.startswith(LINK_SCHEMES) else link)
            elif kind in ("both", "both_"):
                self.read(match.group(kind), True, True, link)
            elif kind in ("strong", "strong_"):
                self.read(match.group(kind), True, italic, link)
            elif kind in ("em", "em_"):
                self.read(match.group(kind), bold, True, link)
        self.text(text[position:], bold, italic, link)


def _tidy(runs: list[Run]) -> list[Run]:
    """Whitespace as in HTML: each run's spaces folded to one, the block trimmed at both ends, empty runs gone."""
    for run in runs:
        text = run["t"]
        folded = " ".join(text.split())
        run["t"] = (" " if text[:1].isspace() else "") + folded + (" " if text[-1:].isspace() and folded else "")
    if runs:
        runs[0]["t"] = runs[0]["t"].lstrip()
        runs[-1]["t"] = runs[-1]["t"].rstrip()
    return [run for run in runs if run["t"]]


def inline_runs(text: str) -> list[Run]:
    """One block's inline Markdown as runs of text with bold, italic and link."""
    reader = _Reader()
    reader.read(text)
    return _tidy(reader.runs)


def markdown_blocks(text: str | None) -> list[Block]:
    """Headings, paragraphs and list items of a Markdown text, each as runs; a table row gives one paragraph per
    cell; a block without text drops out."""
    blocks: list[Block] = []
    for block in text_blocks(text or ""):
        typ = "h" if block.kind.startswith("h") else block.kind
        level = int(block.kind[1:]) if typ == "h" else block.depth
        cells = block.text.strip().strip("|").split("|") if block.text.startswith("|") else [block.text]
        for cell in cells:
            runs = inline_runs(cell)
            if any(run["t"].strip() for run in runs):
                blocks.append({"typ": typ, "ebene": level, "inhalt": runs})
    return blocks
