"""The slug rule: file names and URL segments of entries."""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


def slugify(text: str, max_length: int | None = None) -> str:
    """A slug (file name) from a title: ä->ae, ö->oe, ü->ue, ß->ss, other accents dropped, lowercase, the rest '-';
    with `max_length`, cut at a word boundary."""
    text = text.lower()
    for umlaut, replacement in UMLAUTS.items():
        text = text.replace(umlaut, replacement)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if max_length is not None and len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug.strip("-")


def is_slug(text: object) -> bool:
    """True for a valid slug: lowercase letters and digits in groups joined by single hyphens."""
    return isinstance(text, str) and SLUG_RE.match(text) is not None
