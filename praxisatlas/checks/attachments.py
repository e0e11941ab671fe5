"""Attachments: only files an entry references, of the listed types, within the size limit, regular files.

Everything in content/dokumente/ that is published must pass here; the build publishes exactly the files
`referenced_documents` returns. A file whose content does not match its ending (an HTML page named .pdf, an
SVG named .png) is refused too, so nothing in that folder can run script on the site's origin.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import DOCUMENTS_FOLDER, Entry, KnowledgeBase
from praxisatlas.io.files import is_regular, special_file_problem

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ZIP = (b"PK\x03\x04",)
# ending -> (what readers see, the bytes such a file starts with; None: text in UTF-8)
DOCUMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    "pdf": ("PDF", (b"%PDF-",)),
    "odt": ("ODT", ZIP),
    "docx": ("DOCX", ZIP),
    "txt": ("TXT", None),
    "png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("JPEG", (b"\xff\xd8\xff",)),
    "jpeg": ("JPEG", (b"\xff\xd8\xff",)),
}


def _references(kb: KnowledgeBase) -> Iterator[tuple[Entry, int, str]]:
    for entry in kb.praxis.values():
        items = entry.get("anhaenge")
        for index, item in enumerate(items if isinstance(items, list) else []):
            name = item.get("datei") if isinstance(item, dict) else None
            if isinstance(name, str):
                yield entry, index, name


def content_problem(path: Path, ending: str) -> str | None:
    """Why the file at `path` is not what its ending promises or too big (German, after its name), or None."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        return (f"ist mit {size / 1024 / 1024:.1f} MB zu groß (höchstens {MAX_DOCUMENT_BYTES // 1024 // 1024} MB); "
                "bitte verkleinern oder als Internetadresse (url) verlinken.")
    label, magic = DOCUMENT_TYPES[ending]
    with path.open("rb") as handle:
        head = handle.read(min(size, 65536) if magic is None else 16)
    if magic is None:
        try:
            head.decode("utf-8") if size <= 65536 else head[:65000].decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            return "ist keine Textdatei in UTF-8, wie die Endung .txt verspricht."
        if b"\x00" in head:
            return "enthält Nullbytes und ist damit keine Textdatei, wie die Endung .txt verspricht."
        return None
    if not head.startswith(magic):
        return f"ist keine {label}-Datei, wie die Endung .{ending} verspricht (der Inhalt passt nicht dazu)."
    return None


def check_attachments(kb: KnowledgeBase) -> tuple[list[Path], list[Finding]]:
    """The attachment files that may be published, and German errors for every referenced attachment that may
    not and for every file in the documents folder that no entry references."""
    folder = kb.root / DOCUMENTS_FOLDER
    findings: list[Finding] = []
    referenced: set[str] = set()
    publishable: set[Path] = set()
    for entry, index, name in _references(kb):
        referenced.add(name)
        path = folder / name
        ending = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        line, col = entry.position(("anhaenge", index, "datei"))
        problem = None
        if ending not in DOCUMENT_TYPES:
            continue  # the schema reports the name (allowed endings), and nothing is published
        if not (path.exists() or path.is_symlink()):
            problem = f"Der Anhang „{name}“ liegt nicht im Ordner {DOCUMENTS_FOLDER}/."
        elif special := special_file_problem(path):
            problem = f"Der Anhang „{name}“: {special}"
        elif not is_regular(path):
            problem = f"Der Anhang „{name}“ ist keine Datei."
        elif content := content_problem(path, ending):
            problem = f"Der Anhang „{name}“ {content}"
        if problem:
            findings.append(Finding(entry.path, line, col, Level.ERROR, problem))
        else:
            publishable.add(path)
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.name in referenced:
                continue
            findings.append(Finding(f"{DOCUMENTS_FOLDER}/{path.name}", 1, 1, Level.ERROR,
                                    "Diese Datei wird von keinem Praxisbeispiel als Anhang genannt und würde daher "
                                    "nicht veröffentlicht: bitte unter „anhaenge“ eintragen oder löschen."))
    return sorted(publishable), findings


def attachment_findings(kb: KnowledgeBase) -> list[Finding]:
    """The findings of `check_attachments`; the publishable files are kept on the model for the build."""
    kb.documents, findings = check_attachments(kb)
    return findings
