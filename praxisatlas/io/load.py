"""Files -> model. Reads every content file, with line numbers, and reports unreadable files.

Nothing is dropped silently: a file that cannot be read becomes a finding, never a missing page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from praxisatlas.domain.findings import Finding, Level, PlaceProblem
from praxisatlas.domain.model import KINDS, Entry, Kind, KnowledgeBase, packed_positions
from praxisatlas.io.files import special_file_problem
from praxisatlas.io.yamlread import YamlProblem, parse_yaml

MAX_FILE_BYTES = 256 * 1024
FRONT_MATTER_FENCE = "---"


_FileProblem = PlaceProblem


Reader = Callable[[Path, str, Kind], "Entry | Finding"]


def load(root: Path | str, read: Reader | None = None) -> tuple[KnowledgeBase, list[Finding]]:
    """Read the knowledge base below `root`; return the model and the problems found while reading.

    `read` turns one file into an Entry or a finding (the preview passes one that remembers files)."""
    root = Path(root)
    read = read or read_or_finding
    kb = KnowledgeBase(root=root)
    findings: list[Finding] = []
    for kind in KINDS.values():
        folder = root / kind.folder
        if not folder.is_dir():
            continue
        for file in sorted(folder.iterdir()):
            rel = file.relative_to(root).as_posix()
            if file.name.startswith("."):
                continue
            problem = special_file_problem(file)
            if problem:
                findings.append(Finding(rel, 1, 1, Level.ERROR, problem))
                kb.unreadable[kind.name].add(file.stem)
                continue
            if file.is_dir():
                continue
            if file.suffix != kind.suffix:
                findings.append(
                    Finding(rel, 1, 1, Level.ERROR,
                            f"Unerwartete Datei im Ordner {kind.folder}/: hier liegen nur "
                            f"{kind.label_plural} als „*{kind.suffix}“-Dateien.")
                )
                continue
            result = read(file, rel, kind)
            if isinstance(result, Finding):
                findings.append(result)
                kb.unreadable[kind.name].add(file.stem)
            else:
                kb.entries[kind.name][result.slug] = result
    from praxisatlas.io.operator import read_operator  # it reads with read_or_finding (below): no import cycle

    kb.operator = read_operator(root)  # the operator data, read once for checks and pages
    return kb, findings


def read_or_finding(file: Path, rel: str, kind: Kind) -> Entry | Finding:
    """One file as an Entry, or the finding that says why it cannot be read."""
    try:
        return read_entry(file, rel, kind)
    except _FileProblem as problem:
        return Finding(rel, problem.line, problem.col, Level.ERROR, problem.message)


def read_entry(file: Path, rel: str, kind: Kind) -> Entry:
    """Read one file into an Entry, or raise _FileProblem with a German message."""
    text = _read_text(file)
    if kind.suffix == ".md":
        yaml_text, line_offset, body, body_line = _split_front_matter(text)
    else:
        yaml_text, line_offset, body, body_line = text, 0, "", 1
    if not yaml_text.strip():
        raise _FileProblem("Die Datei enthält keine Angaben (sie ist leer).", line_offset + 1)
    try:
        doc = parse_yaml(yaml_text, line_offset)
    except YamlProblem as problem:
        raise _FileProblem(problem.message, problem.line, problem.col) from None
    if doc.value is None:
        raise _FileProblem("Die Datei enthält keine Angaben (nur Kommentare).", line_offset + 1)
    if not isinstance(doc.value, dict):
        what = "die Kopfdaten (Front Matter)" if kind.suffix == ".md" else "die Datei"
        raise _FileProblem(
            f"Erwartet wird, dass {what} aus Feldern der Form „name: wert“ besteht.", line_offset + 1
        )
    return Entry(
        kind=kind.name,
        slug=file.stem,
        path=rel,
        data=doc.value,
        body=body,
        body_line=body_line,
        positions=packed_positions(doc.key_positions, doc.value_positions),
        start_line=line_offset + 1,
    )


def _read_text(file: Path) -> str:
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _FileProblem(
            f"Die Datei ist mit {size // 1024} KB zu groß (höchstens {MAX_FILE_BYTES // 1024} KB). "
            "Große Dokumente gehören als Anhang in content/dokumente/."
        )
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _FileProblem(
            "Die Datei ist nicht in UTF-8 gespeichert (ungültiges Byte). Bitte im Editor als "
            "„UTF-8“ speichern.", line, col
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if "\x00" in text:
        raise _FileProblem("Die Datei enthält Nullbytes; ist sie wirklich eine Textdatei?")
    return text


def _split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Split `---\\nYAML\\n---\\nBody` into (yaml, line offset of yaml, body, first body line)."""
    if not text.strip():
        raise _FileProblem("Die Datei ist leer.")
    lines = text.split("\n")
    if lines[0].rstrip() != FRONT_MATTER_FENCE:
        raise _FileProblem(
            "Die Datei muss mit Kopfdaten beginnen: erste Zeile „---“, dann die Felder, dann wieder „---“."
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FRONT_MATTER_FENCE:
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return yaml_text, 1, body, index + 2
    raise _FileProblem("Die Kopfdaten werden nicht mit einer Zeile „---“ abgeschlossen.", 1, 1)
