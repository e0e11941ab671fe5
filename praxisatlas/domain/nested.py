"""Walking nested data (YAML read into dicts and lists): the one walker of the package."""

from __future__ import annotations

KeyPath = tuple  # keys and list indexes from the top, e.g. ("quellen", 0, "url")


def nodes(value: object) -> list[tuple[KeyPath, object]]:
    """Every (path, value) pair inside `value`, the value itself first, then depth-first in document order."""
    result: list[tuple[KeyPath, object]] = []
    stack: list[tuple[KeyPath, object]] = [((), value)]
    while stack:
        path, item = stack.pop()
        result.append((path, item))
        if isinstance(item, dict):
            stack.extend(reversed([((*path, key), child) for key, child in item.items()]))
        elif isinstance(item, list):
            stack.extend(reversed([((*path, index), child) for index, child in enumerate(item)]))
    return result


def leaves(value: object) -> list[tuple[KeyPath, object]]:
    """The (path, value) pairs that are neither a mapping nor a list."""
    return [(path, item) for path, item in nodes(value) if not isinstance(item, dict | list)]
