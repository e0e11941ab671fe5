"""Formatting helpers: the fast relative path equals posixpath.relpath for every site-relative path."""

from __future__ import annotations

import itertools
import posixpath

from praxisatlas.render.format import relative_path, relative_url

SEGMENTS = ["praxis", "kommunen", "x", "index.md", ".", ""]


def _paths(depth: int):
    for n in range(depth + 1):
        for parts in itertools.product(SEGMENTS, repeat=n):
            yield "/".join(parts).lstrip("/") or "."


def test_relative_path_matches_posixpath():
    pairs = 0
    for target in _paths(3):
        for start in _paths(3):
            assert relative_path(target, start) == posixpath.relpath(target, start), (target, start)
            pairs += 1
    assert pairs > 10000


def test_relative_url_between_pages():
    assert relative_url("praxis/a.md", "kommunen/b/") == "../../kommunen/b/"
    assert relative_url("praxis/index.md", "praxis/a/") == "a/"
    assert relative_url("index.md", "index.md") == "index.md"
    assert relative_url("praxis/a.md", "praxis/a/") == "./"
