"""Findings and the one error type: what any step reports, in German, with file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from praxisatlas.domain.text import escape_controls


class Level(StrEnum):
    """Severity of a finding; the value is what readers see."""

    ERROR = "Fehler"
    WARNING = "Warnung"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Finding:
    """One message about one place in one file (line and column are 1-based; 0 = not about a line).

    `path` may be empty for a message about the command itself (a wrong option, a missing file)."""

    path: str
    line: int
    col: int
    level: Level
    message: str

    def format(self) -> str:
        """`path:line:col: Fehler: message`, the format editors and CI understand."""
        place = self.path
        if place and self.line:
            place += f":{self.line}:{self.col}"
        # one line, whatever the file name or a quoted value holds (no line break can start a forged line)
        shown, message = escape_controls(place), escape_controls(self.message)
        return f"{shown}: {self.level.value}: {message}" if shown else f"{self.level.value}: {message}"

    def github_annotation(self) -> str:
        """The same finding as a GitHub Actions workflow command (properties and message escaped, so that no
        file name or text can end the command early or forge another one)."""
        kind = "error" if self.level is Level.ERROR else "warning"
        where = f"file={_escape_property(self.path)},line={self.line},col={self.col}" if self.path else ""
        return f"::{kind} {where}::{_escape_data(self.message)}" if where else f"::{kind}::{_escape_data(self.message)}"


def has_errors(findings: list[Finding]) -> bool:
    """True if any finding is an error."""
    return any(f.level is Level.ERROR for f in findings)


def error(message: str, path: str = "", line: int = 0, col: int = 0) -> Finding:
    """An error finding (about a file place, or about the command when `path` is empty)."""
    return Finding(path, line, col, Level.ERROR, message)


class Problem(Exception):
    """The one error type: a step cannot go ahead. `findings` say why (German, all of them at once); every
    command prints them the same way (praxisatlas.io.console.command) and exits non-zero."""

    def __init__(self, findings: list[Finding] | list[str] | str) -> None:
        if isinstance(findings, str):
            findings = [findings]
        self.findings = [f if isinstance(f, Finding) else error(f) for f in findings]
        findings = self.findings
        count = sum(f.level is Level.ERROR for f in findings)
        super().__init__(f"{count} Fehler" if count != 1 else findings[0].message)

    @property
    def messages(self) -> list[str]:
        """The messages alone, one per finding."""
        return [f.message for f in self.findings]


class PlaceProblem(Problem):
    """A Problem at a line and column of a text whose file the caller knows (the reader adds the path)."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__([Finding("", line, col, Level.ERROR, message)])
        self.message, self.line, self.col = message, line, col
