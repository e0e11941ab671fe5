"""Legal bases: every entry of `rechtsgrundlagen` should name a paragraph the atlas knows (domain/normen.yml).

A reference in another spelling ("§8a SGB 8", "8a KJHG") is understood and shown in the normal form; one that
names no known paragraph gets a warning at its line and column (it is still shown, as written)."""

from __future__ import annotations

from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.laws import unknown_reason
from praxisatlas.domain.model import Entry


def law_findings(entry: Entry) -> list[Finding]:
    """A warning for each legal reference of an entry that names no known paragraph."""
    references = entry.get("rechtsgrundlagen")
    if not isinstance(references, list):
        return []
    findings = []
    for index, reference in enumerate(references):
        if not isinstance(reference, str) or not any(c.isdigit() for c in reference):
            continue  # no number at all: the schema's error says what is expected
        reason = unknown_reason(reference)
        if reason:
            findings.append(entry.finding(("rechtsgrundlagen", index), Level.WARNING, reason))
    return findings
