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
        """The same finding as a GitHub Actions workflow command; nothing in the path or message can end the
        command early or forge another one (a file name with a newline, a comma or `::`)."""
        kind = "error" if self.level is Level.ERROR else "warning"
        return (f"::{kind} file={escape_property(self.path)},line={self.line},col={self.col}"
                f"::{escape_data(self.message)}")


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does (`%`, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (e.g. `file=`), escaped as GitHub's toolkit does: the message
    escapes plus `:` and `,`, which would otherwise end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def has_errors(findings: list[Finding]) -> bool:
    """True if any finding is an error."""
    return any(f.level is Level.ERROR for f in findings)


class Refusal(Exception):
    """A command cannot go ahead; `messages` says why, in German, one message a line."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
