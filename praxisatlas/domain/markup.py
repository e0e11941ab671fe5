"""What HTML the site may contain: the one allow-list, applied at render time and reported early by checks.

Every page passes `praxisatlas.render.sanitize.clean_html` with these lists before it is written; the
validator uses the same lists to tell a contributor early (with file, line and column) what will be removed.
"""

from __future__ import annotations

import re

TEXT_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "aside", "section", "nav",
}
FORM_TAGS = {"form", "fieldset", "legend", "label", "input", "select", "option", "optgroup", "button", "output",
             "noscript"}
SVG_TAGS = {"svg", "g", "rect", "text", "title", "desc", "path", "line", "circle"}
ALLOWED_TAGS = TEXT_TAGS | FORM_TAGS | SVG_TAGS

COMMON_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "role", "hidden"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": COMMON_ATTRIBUTES,
    "a": {"href", "hreflang", "download", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "details": {"open"},
    "input": {"type", "name", "value", "checked", "placeholder", "autocomplete", "min", "max", "step", "size",
              "disabled", "required", "list"},
    "select": {"name", "multiple", "disabled", "required", "size", "autocomplete"},
    "option": {"value", "selected", "disabled", "label"},
    "optgroup": {"label", "disabled"},
    "button": {"type", "name", "value", "disabled"},
    "label": {"for"},
    "output": {"for", "name"},
    "svg": {"viewBox", "width", "height", "xmlns", "preserveAspectRatio", "focusable"},
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "text": {"x", "y", "dx", "dy", "text-anchor"},
    "path": {"d"},
    "line": {"x1", "y1", "x2", "y2"},
    "circle": {"cx", "cy", "r"},
}
# data-* attributes our own templates and scripts use (no contributor markup can add others)
ALLOWED_DATA_ATTRIBUTES = {
    "data-base", "data-index", "data-liste", "data-pa-filter", "data-search-exclude", "data-seitengroesse",
    "data-label", "data-pa-status", "data-pa-seiten", "data-pa-bereit", "data-quelle",
    "data-pagefind-body", "data-pagefind-ignore", "data-pagefind-meta", "data-pagefind-filter",
    "data-pagefind-weight", "data-pagefind-sort",
    # the list filter form (assets/filter.js): entry kind, list name, columns, show teasers
    "data-typ", "data-bezeichnung", "data-spalten", "data-kurz", "data-text",
    # the search dialog in the header (partials/pa-suche.html, assets/suche.js)
    "data-pa-suche", "data-pa-suche-oeffnen", "data-pa-suche-dialog", "data-pa-suche-schliessen",
    "data-pa-suche-form", "data-pa-suche-status", "data-pa-suche-ergebnisse", "data-pa-suche-mehr",
    "data-pa-datei",  # file-size marker next to PDF links, filled after the build (render/filesize.py)
    "data-ags", "data-klasse",  # the map of Kreise and its legend (render/map.py, assets/karte.js)
    "data-pa-menue", "data-pa-menue-label",  # the drawer's menu button in the header (assets/navigation.js)
}
URL_SCHEMES = {"https", "http", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src"}
# Element ids that Material's own scripts look up: a page element with one of these would hijack them.
RESERVED_ID = re.compile(r"^(__|md-|md_)")
# Only images from the site itself: no scheme, no "//host".
FOREIGN_URL = re.compile(r"^\s*(//|[a-zA-Z][a-zA-Z0-9+.-]*:)")


# Material's own classes could dress contributed text up as the site's frame; only these may be used.
MATERIAL_CLASSES = {"md-button", "md-button--primary", "md-typeset"}


def allowed_classes(value: str) -> list[str]:
    """The class names of `value` a page may use (none of Material's frame classes)."""
    return [name for name in value.split() if not name.startswith("md-") or name in MATERIAL_CLASSES]


def is_allowed_attribute(tag: str, name: str) -> bool:
    """True if attribute `name` may stand on element `tag` (before its value is looked at)."""
    name = name.lower() if tag not in SVG_TAGS else name
    return (name in ALLOWED_ATTRIBUTES["*"] or name in ALLOWED_ATTRIBUTES.get(tag, set())
            or name.startswith("aria-") or name in ALLOWED_DATA_ATTRIBUTES)


def value_problem(tag: str, name: str, value: str) -> str | None:
    """Why this attribute value is not allowed (German), or None if it is."""
    if name == "id" and RESERVED_ID.match(value):
        return f"Die Kennung „{value}“ ist für die Website selbst reserviert."
    if name in URL_ATTRIBUTES:
        scheme = url_scheme(value)
        if scheme is not None and scheme not in URL_SCHEMES:
            return f"Links mit „{scheme}:“ sind nicht erlaubt (erlaubt: https, http, mailto, tel und relative Links)."
    if name == "src" and FOREIGN_URL.match(value):
        return "Bilder dürfen nur von der Website selbst kommen (keine fremden Server, keine data:-Adressen)."
    return None


def url_scheme(value: str) -> str | None:
    """The scheme of a URL as a browser reads it (control characters and whitespace ignored), lowercased, or
    None for a relative URL."""
    cleaned = "".join(ch for ch in value if ch > " " and ch != "\x7f")
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None
