"""Hand-written pages (content/seiten/): Markdown only, regular files, markup as the sanitizer allows.

MkDocs publishes every file of its docs_dir as it is: an .html or .svg file there would run script on the
site's origin, and a symlink would copy any file of the build machine into the site. So this folder may hold
Markdown pages and images only, as real files; the hook publishes nothing else from it.
"""

from __future__ import annotations

import os
from pathlib import Path

from praxisatlas.checks.attachments import DOCUMENT_TYPES, content_problem
from praxisatlas.checks.markup import locate, markup_problems, shape_problems
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import PAGES_FOLDER
from praxisatlas.io.files import special_file_problem
from praxisatlas.io.load import MAX_FILE_BYTES

IMAGE_ENDINGS = {"png", "jpg", "jpeg"}


def page_files(root: Path) -> list[Path]:
    """Every file below content/seiten/ (symlinked folders are not entered)."""
    folder = Path(root) / PAGES_FOLDER
    found: list[Path] = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(here) / d).is_symlink())
        found += [Path(here) / name for name in sorted(files) if not name.startswith(".")]
    return found


def publishable(path: Path) -> bool:
    """True if a file of content/seiten/ may be published (a regular Markdown page or image)."""
    ending = path.suffix.lower().lstrip(".")
    return (ending == "md" or ending in IMAGE_ENDINGS) and special_file_problem(path) is None


def _markdown_findings(rel: str, text: str) -> list[Finding]:
    findings = [Finding(rel, index + 1, 1, Level.ERROR, problem.message) for index, problem in shape_problems(text)]
    if findings:
        return findings
    for problem in markup_problems(text):
        line, col = locate(text, problem.needles)
        findings.append(Finding(rel, line + 1, col, Level.ERROR, problem.message))
    return findings


def page_findings(root: Path) -> list[Finding]:
    """German errors for every file of content/seiten/ that would not be published or would lose markup."""
    findings: list[Finding] = []
    for path in page_files(root):
        rel = path.relative_to(root).as_posix()
        ending = path.suffix.lower().lstrip(".")
        if problem := special_file_problem(path):
            findings.append(Finding(rel, 1, 1, Level.ERROR, problem))
        elif ending in IMAGE_ENDINGS:
            if problem := content_problem(path, ending if ending in DOCUMENT_TYPES else "png"):
                findings.append(Finding(rel, 1, 1, Level.ERROR, f"Das Bild {problem}"))
        elif ending != "md":
            findings.append(Finding(rel, 1, 1, Level.ERROR,
                                    "In content/seiten/ liegen nur Seiten (.md) und Bilder (.png, .jpg); diese Datei "
                                    "würde nicht veröffentlicht."))
        elif path.stat().st_size > MAX_FILE_BYTES:
            findings.append(Finding(rel, 1, 1, Level.ERROR, f"Die Seite ist größer als {MAX_FILE_BYTES // 1024} KB."))
        else:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                findings.append(Finding(rel, 1, 1, Level.ERROR, "Die Seite ist nicht in UTF-8 gespeichert."))
                continue
            findings += _markdown_findings(rel, text)
    return findings
