"""Markdown -> plain data blocks (headings, paragraphs, list items of text runs).

The handbook engine receives contributed text only as data (strings in JSON), never as markup, so
nothing a contributor writes can run as code of the PDF engine.
"""

from __future__ import annotations

from html.parser import HTMLParser

import markdown

Run = dict  # {"t": text, "b": bold, "i": italic, "link": url or None}
Block = dict  # {"typ": "h"|"p"|"li", "ebene": int, "inhalt": [Run, ...]}

_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote", "pre"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.list_depth = 0
        self.bold = 0
        self.italic = 0
        self.links: list[str | None] = []

    def _open(self, typ: str, level: int) -> None:
        self._close()
        self.current = {"typ": typ, "ebene": level, "inhalt": []}

    def _close(self) -> None:
        if self.current and any(r["t"].strip() for r in self.current["inhalt"]):
            runs = self.current["inhalt"]
            runs[0]["t"] = runs[0]["t"].lstrip()
            runs[-1]["t"] = runs[-1]["t"].rstrip()
            self.current["inhalt"] = [r for r in runs if r["t"]]
            self.blocks.append(self.current)
        self.current = None

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.list_depth += 1
            self._close()
        elif tag == "li":
            self._open("li", self.list_depth)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._open("h", int(tag[1]))
        elif tag in _BLOCK_TAGS:
            if not (self.current and self.current["typ"] == "li"):
                self._open("p", 0)
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href if href.startswith(("https://", "http://", "mailto:")) else None)
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self.list_depth -= 1
            self._close()
        elif tag in ("li", "h1", "h2", "h3", "h4", "h5", "h6") or (tag in _BLOCK_TAGS and tag != "li"):
            if not (tag in _BLOCK_TAGS and self.current and self.current["typ"] == "li" and tag != "li"):
                self._close()
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a" and self.links:
            self.links.pop()

    def handle_data(self, data):
        if not data.strip() and self.current is None:
            return
        if self.current is None:
            self._open("p", 0)
        text = " ".join(data.split()) if data.strip() else " "
        if data[:1].isspace() and text != " ":
            text = " " + text
        if data[-1:].isspace() and text != " ":
            text += " "
        link = next((u for u in reversed(self.links) if u), None)
        self.current["inhalt"].append({"t": text, "b": self.bold > 0, "i": self.italic > 0, "link": link})


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a Markdown text; raw HTML tags are dropped, their text is kept."""
    collector = _Collector()
    collector.feed(markdown.markdown(text or "", extensions=["tables"]))
    collector.close()
    collector._close()
    return collector.blocks
