"""The fast schema check (fastjsonschema) never passes an entry that the full validator (jsonschema) rejects.

The validator trusts the fast check for valid entries, so a disagreement would drop errors silently.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest

from praxisatlas import REPO_ROOT
from praxisatlas.checks.schemas import quick_check, validator
from praxisatlas.io.load import load
from tests.support.corpus import generate_corpus

WRONG_VALUES = [None, True, 0, -5, 1.5, "", " ", "x", "2019-13-45", "https://", [], [""], [1], ["a", "a"], {},
                {"unbekannt": 1}, {"text": ""}]


def _paths(value: object, path: tuple = ()) -> Iterator[tuple]:
    """Every key and list position inside a value."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*path, key)
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*path, index)
            yield from _paths(child, (*path, index))


def _mutations(data: dict) -> Iterator[dict]:
    """The entry with one value replaced by a wrong one, one key removed, or one unknown key added."""
    for path in _paths(data):
        for wrong in WRONG_VALUES:
            changed = copy.deepcopy(data)
            parent = changed
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = copy.deepcopy(wrong)
            yield changed
        changed = copy.deepcopy(data)
        parent = changed
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, dict):
            del parent[path[-1]]
            yield changed
    yield {**data, "webseite": "https://example.org"}


def _entries(tmp_path_factory) -> list:
    corpus = tmp_path_factory.mktemp("korpus") / "korpus"
    generate_corpus(corpus, kommunen=6, praxis=6, themen=3, netzwerke=3)
    return [e for root in (REPO_ROOT, corpus) for e in load(root)[0].all_entries()]


def test_quick_check_agrees_with_full_validator(tmp_path_factory):
    checked = rejected = 0
    for entry in _entries(tmp_path_factory):
        assert quick_check(entry.kind)(entry.data), entry.path
        for data in _mutations(entry.data):
            full_valid = not any(True for _ in validator(entry.kind).iter_errors(data))
            if not full_valid:
                rejected += 1
                assert not quick_check(entry.kind)(data), (entry.path, data)
            checked += 1
    assert rejected > 1000, (checked, rejected)  # the mutations really break things


@pytest.mark.parametrize("kind", ["praxis", "kommune", "thema", "netzwerk"])
def test_quick_check_rejects_empty_entry(kind):
    assert not quick_check(kind)({})
