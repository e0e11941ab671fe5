"""One-page summary of a pull request's preview: which pages it adds, changes or removes, where they are in
the downloadable site, and what the validator says. Written by the "vorschau" job of pruefen.yml; the
workflow vorschau-kommentar.yml posts it on the pull request.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import KINDS, KnowledgeBase
from praxisatlas.io.console import GermanArgumentParser

MAX_FINDINGS = 50
MAX_PAGES = 100
COMMENT_LIMIT = 60000  # GitHub refuses comments over 65,536 characters
STATUS_WORDS = {"A": "neu", "M": "geändert", "D": "entfernt"}


@dataclass(frozen=True)
class PageChange:
    """A page of the site touched by a changed source file."""

    status: str  # neu, geändert, entfernt
    title: str
    source: str
    page: str | None  # file inside the site folder, e.g. praxis/x/index.html; None if there is none


def changed_files(root: Path, base: str) -> list[tuple[str, str]]:
    """(status letter, path) of each file changed between the merge base with `base` and HEAD."""
    result = subprocess.run(["git", "diff", "--name-status", "--no-renames", f"{base}...HEAD"], cwd=root,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"git diff: {result.stderr.strip()}")
    pairs = []
    for line in result.stdout.splitlines():
        status, _, path = line.partition("\t")
        pairs.append((status[:1], path))
    return pairs


def page_of(path: str) -> tuple[str, str] | None:
    """(kind, slug) of an entry file, ('seite', name) of a hand-written page, else None."""
    for kind in KINDS.values():
        if path.startswith(kind.folder + "/") and path.endswith(kind.suffix) and path.count("/") == \
                kind.folder.count("/") + 1:
            return kind.name, Path(path).stem
    if path.startswith("content/seiten/") and path.endswith(".md"):
        return "seite", path.removeprefix("content/seiten/").removesuffix(".md")
    return None


def page_changes(changes: list[tuple[str, str]], kb: KnowledgeBase, site: Path) -> list[PageChange]:
    """The site pages behind the changed files, with their titles and files in the built site."""
    result = []
    for status, path in changes:
        found = page_of(path)
        if found is None:
            continue
        kind, slug = found
        if kind == "seite":
            url, title = ("" if slug == "index" else f"{slug}/"), slug
        else:
            entry = kb.entries[kind].get(slug)
            url, title = f"{KINDS[kind].url_prefix}/{slug}/", entry.title if entry else slug
        page = f"{url}index.html"
        exists = (site / page).is_file()
        result.append(PageChange(STATUS_WORDS.get(status, "geändert"), title, path, page if exists else None))
    return result


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (no pipes, no line breaks, no HTML)."""
    return " ".join(text.replace("|", "/").replace("<", "‹").replace(">", "›").split())


def summary(pages: list[PageChange], findings: list[Finding], *, compared: bool,
            artifact_url: str | None) -> str:
    """The comment text (Markdown, German)."""
    lines = ["## Vorschau der Website", ""]
    if artifact_url:
        lines.append(f"Die gebaute Website liegt als Artefakt **vorschau-website** bereit: [ZIP herunterladen]"
                     f"({artifact_url}) (14 Tage). Entpacken und die Datei der Seite im Browser öffnen.")
    else:
        lines.append("Die gebaute Website liegt als Artefakt **vorschau-website** an diesem Lauf („Summary“ → "
                     "„Artifacts“). Entpacken und die Datei der Seite im Browser öffnen.")
    lines += ["", "### Geänderte Seiten", ""]
    if not compared:
        lines.append("Ohne Vergleichsstand (kein Pull Request): keine Liste der geänderten Seiten.")
    elif not pages:
        lines.append("Dieser Pull Request ändert keine Seite mit Inhalten.")
    else:
        lines += ["| Seite | Änderung | Datei in der Vorschau | Quelle |", "|---|---|---|---|"]
        for change in pages[:MAX_PAGES]:
            where = f"`{change.page}`" if change.page else "–"
            lines.append(f"| {_cell(change.title)} | {change.status} | {where} | `{_cell(change.source)}` |")
        if len(pages) > MAX_PAGES:
            lines.append(f"\n… und {len(pages) - MAX_PAGES} weitere.")
    errors = [f for f in findings if f.level is Level.ERROR]
    lines += ["", "### Prüfung der Inhalte", ""]
    if not findings:
        lines.append("Keine Fehler, keine Warnungen.")
    else:
        lines.append(f"{len(errors)} Fehler, {len(findings) - len(errors)} Warnungen:")
        lines.append("")
        lines += [f"- `{_cell(f.path)}:{f.line}:{f.col}` {f.level.value}: {_cell(f.message)}"
                  for f in findings[:MAX_FINDINGS]]
        if len(findings) > MAX_FINDINGS:
            lines.append(f"- … und {len(findings) - MAX_FINDINGS} weitere (siehe Auftrag „Inhalte prüfen“).")
    text = "\n".join(lines) + "\n"
    return text if len(text) <= COMMENT_LIMIT else text[:COMMENT_LIMIT] + "\n\n… (gekürzt)\n"


def main(argv: list[str] | None = None) -> int:
    """Command line: write zusammenfassung.md (and pr-nummer.txt) into the output folder."""
    parser = GermanArgumentParser(prog="python scripts/vorschau.py",
                                  description="Schreibt die Zusammenfassung der Vorschau eines Pull Requests.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="Arbeitskopie des Projekts (git)")
    parser.add_argument("--site", type=Path, required=True, help="Ordner der gebauten Website")
    parser.add_argument("--basis", default="", help="Vergleichsstand (Commit des Zielzweigs)")
    parser.add_argument("--pr", default="", help="Nummer des Pull Requests")
    parser.add_argument("--artefakt-url", default="", help="Adresse des hochgeladenen Artefakts")
    parser.add_argument("--ausgabe", type=Path, required=True, help="Ordner für zusammenfassung.md")
    args = parser.parse_args(argv)
    if args.pr and not args.pr.isdigit():
        print(f"Fehler: „{args.pr}“ ist keine Nummer eines Pull Requests.", file=sys.stderr)
        return 1
    kb, findings = load_and_validate(args.root)
    try:
        pages = page_changes(changed_files(args.root, args.basis), kb, args.site) if args.basis else []
    except RuntimeError as problem:
        print(f"Fehler: {problem}", file=sys.stderr)
        return 1
    args.ausgabe.mkdir(parents=True, exist_ok=True)
    text = summary(pages, findings, compared=bool(args.basis), artifact_url=args.artefakt_url or None)
    (args.ausgabe / "zusammenfassung.md").write_text(text, encoding="utf-8")
    (args.ausgabe / "pr-nummer.txt").write_text(args.pr, encoding="utf-8")
    print(f"Geschrieben: {args.ausgabe / 'zusammenfassung.md'} ({len(pages)} Seiten)")
    return 0
