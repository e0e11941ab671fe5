"""The one way entries are written: ruamel.yaml in the repository's style, optionally with a comment before each
field and optional fields shown commented out (for scaffolds and templates).

Scaffolds (`intake/scaffold.py`), issue conversions (`intake/from_issue.py`) and the statistics import
(`intake/statistik/`) all write new entries through `entry_yaml`; so quoting, indentation and line width are
the same everywhere, and the comments come from the schemas' descriptions instead of hand-written copies.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Iterable

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

WIDTH = 100
# strings that YAML would read as something else (dates, numbers, booleans, null) or that look odd unquoted
_NEEDS_QUOTES = re.compile(r"^([0-9][0-9-]*|true|false|yes|no|on|off|null|~|)$|^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: | #",
                           re.IGNORECASE)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def styled(value: object, indent: int = 0) -> object:
    """`value` with the repository's string styles: multi-line text as `|-` blocks, long text folded (`>-`),
    anything YAML could misread in double quotes."""
    if isinstance(value, dict):
        return {key: styled(item, indent + 2) for key, item in value.items()}
    if isinstance(value, list):
        return [styled(item, indent + 4) for item in value]
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        if len(value) + indent > WIDTH - 20 and not _NEEDS_QUOTES.search(value):
            return FoldedScalarString(value)
        if _NEEDS_QUOTES.search(value):
            return DoubleQuotedScalarString(value)
    return value


def dump(data: dict) -> str:
    """YAML text of `data` in key order."""
    buffer = io.StringIO()
    _yaml().dump(styled(data), buffer)
    return buffer.getvalue()


def comment_lines(text: str, prefix: str = "") -> list[str]:
    """`text` as comment lines of at most WIDTH characters."""
    return [f"{prefix}# {line}" for line in textwrap.wrap(text, WIDTH - len(prefix) - 2)]


def entry_yaml(fields: Iterable[tuple[str, object, str | None, bool]], header: Iterable[str] = ()) -> str:
    """YAML of an entry: for each (key, value, comment, shown) a comment (if any), then `key: value`, or the same
    commented out when `shown` is false; `header` lines come first."""
    lines = list(header)
    for key, value, comment, shown in fields:
        if comment:
            lines += comment_lines(comment)
        text = dump({key: value}).rstrip("\n").split("\n")
        lines += text if shown else [f"# {line}" for line in text]
    return "\n".join(lines) + "\n"
