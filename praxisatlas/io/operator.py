"""Reading content/betreiber.yml, the operator data behind Impressum, Datenschutz and Barrierefreiheit."""

from __future__ import annotations

from pathlib import Path

from praxisatlas.domain.findings import Finding
from praxisatlas.domain.model import Entry, Kind
from praxisatlas.io.load import read_or_finding

OPERATOR_FILE = "content/betreiber.yml"
OPERATOR_KIND = Kind("betreiber", "content", ".yml", "Betreiber", "Betreiber", "", "")


def read_operator(root: Path | str) -> Entry | Finding | None:
    """The operator file as an Entry (kind "betreiber"), a Finding if it cannot be read, None if absent."""
    file = Path(root) / OPERATOR_FILE
    if not file.is_file():
        return None
    return read_or_finding(file, OPERATOR_FILE, OPERATOR_KIND)
