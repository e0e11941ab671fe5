"""The one sanitizing boundary: every page's HTML passes this allow-list before it is written.

Contributors write Markdown and YAML; Markdown allows raw HTML and `attr_list` sets attributes. Instead of
trying to spot every trick in the source, the finished HTML of each page is cleaned with `nh3` (the Ammonia
library) against the explicit lists in `praxisatlas.domain.markup`: unknown elements and attributes go, event
handlers and `style` never pass, links keep only https, http, mailto, tel or relative URLs, images only come
from the site itself. Titles and descriptions that the theme inserts without escaping are turned into plain,
escaped text.
"""

from __future__ import annotations

import html
from functools import cache, lru_cache
from html.parser import HTMLParser

import nh3

from praxisatlas.domain import fast_paths
from praxisatlas.domain.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_DATA_ATTRIBUTES,
    ALLOWED_TAGS,
    URL_SCHEMES,
    allowed_classes,
    value_problem,
)


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        return " ".join(allowed_classes(value)) or None
    return None if value_problem(tag, name, value) else value


# a pure function of its arguments; class names and links repeat on every page (a fast path)
_remembered_attribute_filter = lru_cache(maxsize=1 << 16)(_attribute_filter)


@cache
def _attributes() -> dict[str, set[str]]:
    attributes = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
    attributes["*"] |= ALLOWED_DATA_ATTRIBUTES
    return attributes


def clean_html(fragment: str) -> str:
    """`fragment` with everything outside the allow-list removed (the content of script/style elements too)."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "template", "iframe", "object", "embed", "math"},
        attributes=_attributes(),
        generic_attribute_prefixes={"aria-"},
        attribute_filter=_remembered_attribute_filter if fast_paths.current().remembered_attributes
        else _attribute_filter,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,  # no target attribute is allowed, so no rel is needed
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style", "template")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style", "template") and self.hidden > 0

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: tags removed, entities decoded, whitespace collapsed."""
    parser = _Text()
    parser.feed(fragment or "")
    parser.close()
    return " ".join("".join(parser.parts).split())


def escaped_text(fragment: str) -> str:
    """`plain_text`, escaped for insertion into HTML that the theme does not escape itself."""
    return html.escape(plain_text(fragment), quote=True)
