"""File sizes next to download links: pages carry an empty marker, filled once the PDFs exist.

The pages are rendered before the handbook is typeset, so a page cannot know its size; after the build
`fill_sizes` writes "(PDF, 1,2 MB)" into every marker whose file is in the site.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

from praxisatlas.render.format import german_number

MARKER = '<span class="pa-groesse" data-pa-datei="{}"></span>'
MARKER_RE = re.compile(r'<span class="pa-groesse" data-pa-datei="([^"<>]+)"></span>')


def size_marker(site_path: str) -> Markup:
    """The marker for the file at `site_path` (relative to the site root, e.g. "handbuch.pdf")."""
    return Markup(MARKER).format(site_path)


def size_text(size: int) -> str:
    """'(PDF, 1,2 MB)' / '(PDF, 850 KB)' for a size in bytes."""
    if size >= 1_000_000:
        return f"(PDF, {german_number(round(size / 1_000_000, 1), 1)} MB)"
    return f"(PDF, {german_number(max(1, round(size / 1000)))} KB)"


def fill_sizes(site_dir: Path) -> int:
    """Write the sizes into every HTML page of the built site; returns the number of pages changed."""
    sizes: dict[str, str | None] = {}

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in sizes:
            file = site_dir / name
            sizes[name] = size_text(file.stat().st_size) if file.is_file() and ".." not in name else None
        text = sizes[name]
        return f'<span class="pa-groesse"> {text}</span>' if text else ""

    changed = 0
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "data-pa-datei=" not in html:
            continue
        page.write_text(MARKER_RE.sub(replace, html), encoding="utf-8")
        changed += 1
    return changed
