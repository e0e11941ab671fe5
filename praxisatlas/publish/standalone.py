"""A mkdocs.yml for the generated pages without our hooks: for another MkDocs-compatible engine, and for the
benchmark's plain-MkDocs comparison.

It is the project's own mkdocs.yml (theme, features, nav, extensions, assets) with `docs_dir` pointing at the
folder `scripts/generate.py --out` wrote, the hooks left out, our theme templates as `custom_dir` (edit and
"Fehler melden" links, the repository link without GitHub's API) and the entry pages kept out of the nav, as
the hook does.
"""

from __future__ import annotations

from pathlib import Path

ENTRY_FOLDERS = ("praxis", "kommunen", "themen", "netzwerke")


def hookless_config(mkdocs_yml: str, docs_dir: Path | str, theme_dir: Path | str) -> str:
    """The text of `mkdocs_yml` rewritten as described above."""
    lines: list[str] = []
    skipping = False
    for line in mkdocs_yml.splitlines():
        if skipping and line.startswith((" ", "-")):
            continue  # the items of the hooks list
        skipping = line.startswith("hooks:")
        if skipping:
            continue
        if line.startswith("docs_dir:"):
            line = f"docs_dir: {docs_dir}"
        elif line.rstrip() == "theme:":
            line = f"theme:\n  custom_dir: {theme_dir}"
        lines.append(line)
    lines += ["not_in_nav: |", *(f"  /{folder}/**" for folder in ENTRY_FOLDERS)]
    return "\n".join(lines) + "\n"
