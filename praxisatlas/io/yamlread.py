"""Safe YAML reading with positions.

Parses YAML into plain Python values (dict, list, str, int, float, bool, None) and records the
line and column of every key and value. Rejects what has no place in hand-edited content files:
anchors and aliases (and with them "billion laughs" bombs), custom tags, duplicate keys, tabs in
indentation. Dates stay strings ("2018-09-26") so that one schema describes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from praxisatlas.domain.findings import PlaceProblem
from praxisatlas.domain.model import KeyPath, Position

try:  # libyaml is much faster; the pure-Python parser gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = KeyPath

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class YamlProblem(PlaceProblem):
    """A problem that makes a YAML text unusable; line and col are 1-based within the text."""


@dataclass
class YamlDocument:
    """A parsed YAML text: its value and where each key (and value) stands."""

    value: object
    key_positions: dict[Path, Position] = field(default_factory=dict)
    value_positions: dict[Path, Position] = field(default_factory=dict)


def _check_tabs(text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlProblem(
                "Tabulatorzeichen in der Einrückung. YAML erlaubt nur Leerzeichen zum Einrücken.",
                number,
                indent.index("\t") + 1,
            )


MAX_DEPTH = 20  # nested lists and maps; deeper would exhaust the parser's recursion
TOO_DEEP = f"Die Angaben sind zu tief verschachtelt (höchstens {MAX_DEPTH} Ebenen)."


def _is_too_deep(exc: yaml.YAMLError) -> bool:
    """True for the parser's own nesting limit (libyaml 0.2.5 with PyYAML 6.0.4 and later: "exceeded maximum
    nesting depth"); its scanner reads a run of brackets ahead and may stop before our count reaches MAX_DEPTH."""
    words = " ".join(str(getattr(exc, name, "") or "") for name in ("problem", "context"))
    return "nesting depth" in (words.strip() or str(exc))


def _check_depth(text: str, line_offset: int) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the (recursive) composer sees it. Cheap unless the text
    has many brackets or deep indentation: then the parser's event stream (not recursive) is counted. Whichever
    notices first, our count or the parser's own limit, the message is the same German one."""
    brackets = max(text.count("["), text.count("{"))
    indent = max((len(line) - len(line.lstrip(" ")) for line in text.split("\n")), default=0)
    if brackets <= MAX_DEPTH and indent <= MAX_DEPTH * 2:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise YamlProblem(TOO_DEEP, mark.line + 1 + line_offset, mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        if _is_too_deep(exc):
            mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
            raise YamlProblem(TOO_DEEP, (mark.line + 1 if mark else 1) + line_offset,
                              mark.column + 1 if mark else 1) from None
        return  # the composer reports it with its position


def parse_yaml(text: str, line_offset: int = 0) -> YamlDocument:
    """Parse one YAML document; raise YamlProblem with a German message on anything unsafe."""
    _check_tabs(text)
    _check_depth(text, line_offset)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark
        message = (
            "Die Datei enthält mehrere YAML-Dokumente (mehrere „---“); erlaubt ist genau eines."
            if "another document" in str(exc.problem) or "single document" in str(exc.context)
            else "Anker und Verweise (&name, *name) sind in Inhaltsdateien nicht erlaubt."
        )
        raise YamlProblem(
            message, (mark.line + 1 if mark else 1) + line_offset, mark.column + 1 if mark else 1
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if _is_too_deep(exc):
            raise YamlProblem(TOO_DEEP, (mark.line + 1 if mark else 1) + line_offset,
                              mark.column + 1 if mark else 1) from None
        detail = exc.problem or "unbekanntes Problem"
        raise YamlProblem(
            f"Die Datei ist kein gültiges YAML ({detail}). Bitte Einrückung, Doppelpunkte und "
            "Anführungszeichen prüfen.",
            (mark.line + 1 if mark else 1) + line_offset,
            mark.column + 1 if mark else 1,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"Die Datei ist kein gültiges YAML ({exc}).", 1 + line_offset, 1) from None
    doc = YamlDocument(value=None)
    if node is None:
        return doc
    doc.value = _build(node, (), doc, set(), line_offset)
    return doc


def _pos(node: yaml.Node, line_offset: int) -> Position:
    return node.start_mark.line + 1 + line_offset, node.start_mark.column + 1


def _build(node: yaml.Node, path: Path, doc: YamlDocument, seen: set[int], off: int) -> object:
    line, col = _pos(node, off)
    if id(node) in seen:
        raise YamlProblem("Anker und Verweise (&name, *name) sind in Inhaltsdateien nicht erlaubt.", line, col)
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        raise YamlProblem(f"YAML-Tags wie „{node.tag}“ sind in Inhaltsdateien nicht erlaubt.", line, col)
    doc.value_positions[path] = (line, col)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key_line, key_col = _pos(key_node, off)
            if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                raise YamlProblem("Zusammenführungen („<<“) sind nicht erlaubt.", key_line, key_col)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
                raise YamlProblem("Feldnamen müssen einfache Wörter sein.", key_line, key_col)
            key = key_node.value
            if key in result:
                first = doc.key_positions[(*path, key)][0]
                raise YamlProblem(
                    f"Das Feld „{key}“ steht doppelt (zuerst in Zeile {first}).", key_line, key_col
                )
            doc.key_positions[(*path, key)] = (key_line, key_col)
            result[key] = _build(value_node, (*path, key), doc, seen, off)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, seen, off) for i, item in enumerate(node.value)]
    return _scalar(node, line, col)


def _scalar(node: yaml.ScalarNode, line: int, col: int) -> object:
    tag, text = node.tag, node.value
    if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
        return text
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() in ("true", "yes", "on", "y")
    try:
        constructor = yaml.SafeLoader.yaml_constructors[tag]
        return constructor(yaml.SafeLoader(""), node)
    except (ValueError, yaml.YAMLError):
        raise YamlProblem(f"Der Wert „{text}“ ist keine gültige Zahl.", line, col) from None
