"""The console: one German argument parser for every command, one way to print findings, and under GitHub
Actions an output that no file name or text can turn into a workflow command.

GitHub's runner reads every line a step prints: a line beginning (after blanks) with `::` is a workflow command
(`::error file=…::` annotates a file, `::stop-commands::` silences the real annotations, `::add-mask::` hides
text), and so is a line containing the older form `##[…]`; a carriage return, like a line feed, ends a line.
Every command builds a `GermanArgumentParser` first; under Actions that puts `CiSafeStream` in front of stdout and
stderr (`guard_ci_output`), so print, logging, argparse and tracebacks alike pass through `inert_line`. Our own
annotations are the one exception: `report` writes them with `workflow_command`. Output of other programs (MkDocs,
pytest) goes through the same filter in scripts/build_site.sh and scripts/run_tests.sh:
`… | python -m praxisatlas.io.console`.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import functools
import io
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, TextIO

from praxisatlas.domain.findings import Finding, Level, Problem
from praxisatlas.io.project import NO_PROJECT, find_project

# a line the runner reads as a command: "::" after blanks (.NET's TrimStart; BOM and zero-width space to be safe)
_BLANKS = r"[\s\ufeff\u200b]*"
_COMMAND_RE = re.compile(rf"^({_BLANKS})::")
_MAY_BECOME_COMMAND_RE = re.compile(rf"{_BLANKS}:?")  # a line start that more text could make one


def in_actions() -> bool:
    """True in a GitHub Actions step (the runner sets GITHUB_ACTIONS=true)."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def inert_line(line: str) -> str:
    """One line of output (without its line end) as the runner cannot read it as a workflow command: a leading
    "::" becomes ":%3A", "##[" becomes "##%5B", and a carriage return, which would start a new line, is shown
    as \\r. Everything else is left as it is."""
    line = line.replace("\r", "\\r").replace("##[", "##%5B")
    return _COMMAND_RE.sub(r"\1:%3A", line, count=1)


class CiSafeStream(io.TextIOBase):
    """A text stream in front of stdout or stderr that writes whole lines, each made inert (`inert_line`).
    A line without its end yet waits until it is complete (or flushed, as long as it cannot become a command)."""

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw
        self._pending = ""
        self._mid_line = False  # the start of the current line is already written (and was inert)

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def write(self, text: str) -> int:
        self._pending += text
        while (end := self._pending.find("\n")) >= 0:
            line, self._pending = self._pending[:end], self._pending[end + 1:]
            ending = "\r\n" if line.endswith("\r") else "\n"
            self._emit(line.removesuffix("\r"))
            self.raw.write(ending)
            self._mid_line = False
        return len(text)

    def _emit(self, part: str) -> None:
        if self._mid_line:  # no line start here; "##[" can still be completed, see flush
            self.raw.write(part.replace("\r", "\\r").replace("##[", "##%5B"))
        else:
            self.raw.write(inert_line(part))

    def flush(self) -> None:
        """Write what is complete enough: not a line start that could still become "::", nor a trailing "#" that
        could become "##[", nor a trailing carriage return that could be the start of "\\r\\n"."""
        waiting = self._pending
        keep = len(waiting) - len(waiting.rstrip("#\r"))
        ready = waiting[: len(waiting) - keep]
        if ready and (self._mid_line or not _MAY_BECOME_COMMAND_RE.fullmatch(ready)):
            self._emit(ready)
            self._mid_line = True
            self._pending = waiting[len(ready):]
        self.raw.flush()

    def finish(self) -> None:
        """At exit: write what still waits, as the last (inert) line start."""
        if self._pending:
            self._emit(self._pending)
            self._mid_line, self._pending = True, ""
        self.raw.flush()

    def command(self, line: str) -> None:
        """Write one of our own workflow commands as a line of its own, unchanged."""
        if self._pending or self._mid_line:
            self.finish()
            self.raw.write("\n")
            self._mid_line = False
        self.raw.write(line + "\n")
        self.raw.flush()


_GUARDS: list[CiSafeStream] = []


def _finish_all() -> None:
    for guard in _GUARDS:
        with contextlib.suppress(OSError, ValueError):  # a stream closed before exit (a test's captured output)
            guard.finish()


def guard_ci_output() -> None:
    """Under GitHub Actions, put `CiSafeStream` in front of stdout and stderr (once; nothing elsewhere)."""
    if not in_actions():
        return
    if not _GUARDS:
        atexit.register(_finish_all)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, CiSafeStream):
            guard = CiSafeStream(stream)
            _GUARDS.append(guard)
            setattr(sys, name, guard)


def workflow_command(line: str) -> None:
    """Print one of our own workflow commands (an annotation) on stdout: the one line the guard lets through."""
    if isinstance(sys.stdout, CiSafeStream):
        sys.stdout.command(line)
    else:
        print(line, file=sys.stdout, flush=True)


def report(findings: list[Finding], *, strict: bool = False, stream=None) -> int:
    """Print findings (and GitHub annotations under Actions); return the exit code."""
    stream = stream or sys.stderr
    actions = in_actions()
    for finding in findings:
        print(finding.format(), file=stream)
        if actions:
            stream.flush()  # the human line first, then its annotation
            workflow_command(finding.github_annotation())
    errors = sum(f.level is Level.ERROR for f in findings)
    warnings = len(findings) - errors
    failing = errors + (warnings if strict else 0)
    return 1 if failing else 0


def summary(errors: int, warnings: int) -> str:
    """'2 Fehler, 1 Warnung' in German."""
    return f"{errors} Fehler, {warnings} {'Warnung' if warnings == 1 else 'Warnungen'}"


class GermanArgumentParser(argparse.ArgumentParser):
    """argparse with German headings and error messages."""

    _MESSAGES: ClassVar[list[tuple[re.Pattern, str]]] = [
        (re.compile(r"the following arguments are required: (.*)"), "Es fehlen Angaben: {0}"),
        (re.compile(r"unrecognized arguments: (.*)"), "Unbekannte Angaben: {0}"),
        (re.compile(r"argument (.*?): invalid choice: '?(.*?)'? \(choose from (.*)\)"),
         "{0}: „{1}“ ist nicht möglich (möglich: {2})"),
        (re.compile(r"argument (.*?): expected one argument"), "{0}: Hier fehlt ein Wert"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        guard_ci_output()  # every command builds this parser first: from here on its output is safe in CI logs
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "Angaben"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", help="diese Hilfe anzeigen")

    def add_root(self) -> None:
        """`--root ORDNER`; without it, the project the command runs in (see praxisatlas.io.project)."""
        self.add_argument("--root", type=Path, default=None, metavar="ORDNER",
                          help="Projektordner (ohne Angabe: der aktuelle Ordner oder der nächste darüber mit "
                               "mkdocs.yml und content/)")

    def parse_args(self, args=None, namespace=None):
        parsed = super().parse_args(args, namespace)
        if "root" in parsed and parsed.root is None:
            found = find_project()
            if found is None:
                self.exit(2, NO_PROJECT.format(start=Path.cwd()) + "\n")
            parsed.root = found
        elif "root" in parsed:
            parsed.root = parsed.root.resolve()
        return parsed

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Aufruf:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Aufruf:", 1)

    def error(self, message: str):
        for pattern, german in self._MESSAGES:
            match = pattern.search(message)
            if match:
                message = german.format(*match.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"Fehler: {message}\nHilfe: {self.prog} --help\n")


def filter_main() -> int:
    """`… | python -m praxisatlas.io.console`: copy stdin to stdout, every line made inert under GitHub Actions
    (for the output of programs that are not ours, such as MkDocs and pytest)."""
    guard_ci_output()
    source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")
    for chunk in iter(lambda: source.readline(65536), ""):
        sys.stdout.write(chunk)
        if chunk.endswith("\n"):
            sys.stdout.flush()
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(filter_main())


def command(main: Callable[..., int]) -> Callable[..., int]:
    """The one wrapper of every command: a `Problem` (the one error type) is printed as German findings with
    exit code 1, Ctrl+C ends quietly with 130; no traceback reaches the user."""

    @functools.wraps(main)
    def run(*args, **kwargs) -> int:
        try:
            return main(*args, **kwargs)
        except Problem as problem:
            report(problem.findings)
            print(f"Abbruch: {problem}.", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("Abgebrochen.", file=sys.stderr)
            return 130

    return run
