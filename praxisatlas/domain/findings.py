"""Findings: what the loader and the validator report, with file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """Severity of a finding; the value is what readers see."""

    ERROR = "Fehler"
    WARNING = "Warnung"


@dataclass(frozen=True, order=True)
class Finding:
    """One message about one place in one file (line and column are 1-based)."""

    path: str
    line: int
    col: int
    level: Level
    message: str

    def format(self) -> str:
        """`path:line:col: Fehler: message`, the format editors and CI understand."""
        return f"{self.path}:{self.line}:{self.col}: {self.level.value}: {self.message}"

    def github_annotation(self) -> str:
        """The same finding as a GitHub Actions workflow command."""
        kind = "error" if self.level is Level.ERROR else "warning"
        text = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.col}::{text}"


def has_errors(findings: list[Finding]) -> bool:
    """True if any finding is an error."""
    return any(f.level is Level.ERROR for f in findings)


class Refusal(Exception):
    """A command cannot go ahead; `messages` says why, in German, one message a line."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
