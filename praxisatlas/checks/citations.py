"""Citation rules: every statement of a practice names its source with `[^key]`, every key exists, every
source is cited. Topics, networks and Kommune texts may cite too; their keys must exist."""

from __future__ import annotations

from collections.abc import Iterator

from praxisatlas.domain.citations import citations, cited_keys, is_exempt, text_blocks
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import Entry

# Front-matter texts (besides a practice's body) in which citations are allowed, by kind
CITING_FIELDS = {"thema": ("beschreibung",), "netzwerk": ("beschreibung",), "kommune": ("besonderheiten",)}

HOW_TO_CITE = ("Hängen Sie den Schlüssel der Quelle an (z. B. „[^lwl-2001]“, Feld „kurz“ unter „quellen“) oder "
               "beginnen Sie mit „Einschätzung der Redaktion:“.")


def citation_findings(entry: Entry) -> list[Finding]:
    """All citation findings of one entry."""
    sources = entry.get("quellen")
    sources = sources if isinstance(sources, list) else []
    keys = _declared_keys(entry, sources)
    findings = list(keys.findings)
    cited: set[str] = set()
    if entry.kind == "praxis":
        findings.extend(_uncited_blocks(entry))
        for key, line, col in citations(entry.body):
            cited.add(key)
            if key not in keys.known:
                findings.append(Finding(entry.path, entry.body_line + line, col, Level.ERROR,
                                        _unknown(key, keys.known)))
    for field in CITING_FIELDS.get(entry.kind, ()):
        for key in cited_keys(entry.get(field)):
            cited.add(key)
            if key not in keys.known:
                findings.append(entry.finding((field,), Level.ERROR, f"„{field}“: {_unknown(key, keys.known)}"))
    if entry.kind in ("praxis", "thema"):
        for index, source in enumerate(sources):
            key = source.get("kurz") if isinstance(source, dict) else None
            if isinstance(key, str) and key not in cited:
                findings.append(entry.finding(("quellen", index, "kurz"), Level.ERROR,
                                              f"Die Quelle „{key}“ wird nirgends im Text zitiert. Belegen Sie "
                                              f"eine Aussage mit „[^{key}]“ oder entfernen Sie die Quelle."))
    return findings


class _Keys:
    def __init__(self) -> None:
        self.known: set[str] = set()
        self.findings: list[Finding] = []


def _declared_keys(entry: Entry, sources: list) -> _Keys:
    keys = _Keys()
    for index, source in enumerate(sources):
        if not isinstance(source, dict):
            continue
        key = source.get("kurz")
        if not isinstance(key, str):
            if entry.kind == "praxis":
                keys.findings.append(entry.finding(("quellen", index), Level.ERROR,
                                                   "Jede Quelle eines Praxisbeispiels braucht einen kurzen "
                                                   "Schlüssel „kurz“ (z. B. „kurz: stadt-2019“), mit dem der "
                                                   "Text sie zitiert: [^stadt-2019]."))
            continue
        if key in keys.known:
            keys.findings.append(entry.finding(("quellen", index, "kurz"), Level.ERROR,
                                               f"Der Schlüssel „{key}“ steht schon bei einer anderen Quelle; "
                                               "jede Quelle braucht einen eigenen."))
        keys.known.add(key)
    return keys


def _unknown(key: str, known: set[str]) -> str:
    listed = ", ".join(f"„{k}“" for k in sorted(known)) or "keine"
    return f"Der Beleg „[^{key}]“ nennt keine Quelle dieses Eintrags (Schlüssel unter „quellen“: {listed})."


def _uncited_blocks(entry: Entry) -> Iterator[Finding]:
    section = None
    for block in text_blocks(entry.body):
        if block.kind.startswith("h"):
            section = block.text
            continue
        introduces_list = block.kind == "p" and block.text.rstrip().endswith(":")
        if section is None or introduces_list or cited_keys(block.text) or is_exempt(block.text):
            continue
        kind = "Dieser Listenpunkt" if block.kind == "li" else "Dieser Absatz"
        yield Finding(entry.path, entry.body_line + block.line, block.column, Level.ERROR,
                      f"Abschnitt „{section}“: {kind} nennt keine Quelle. {HOW_TO_CITE}")
