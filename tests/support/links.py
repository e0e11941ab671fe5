"""Links and loaded resources of a built page, and the URL a page file is served under."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class _Links(HTMLParser):
    """Collects the links (a href) and the resources a browser loads (scripts, images, stylesheets)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "img", "source", "iframe", "audio", "video") and attrs.get("src"):
            self.resources.append(attrs["src"])
        loading = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest"}
        if tag == "link" and attrs.get("href") and loading & set((attrs.get("rel") or "").split()):
            self.resources.append(attrs["href"])


def parse(html_file: Path) -> _Links:
    parser = _Links()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


def page_url(site: Path, html_file: Path) -> str:
    rel = html_file.relative_to(site).as_posix()
    return "http://site.test/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
