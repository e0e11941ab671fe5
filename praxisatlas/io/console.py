"""The console: one German argument parser for every command, and one way to print findings."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import ClassVar

from praxisatlas.domain.findings import Finding, Level
from praxisatlas.io.project import NO_PROJECT, find_project


def report(findings: list[Finding], *, strict: bool = False, stream=None) -> int:
    """Print findings (and GitHub annotations under Actions); return the exit code."""
    stream = stream or sys.stderr
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in findings:
        print(finding.format(), file=stream)
        if in_actions:
            print(finding.github_annotation(), file=sys.stdout)
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
