"""Rebuild only what an edit changed, for the preview (`mkdocs serve --dirty`).

One object, `PreviewCache`, remembers between two builds of one preview process:
- each file's Entry (or read error), by modification time and size: an unchanged file is not parsed again and
  keeps the very same Entry object, so object identity says "unchanged" everywhere below;
- each Entry's own findings (schema, form, dates, markup) for the day they were checked on;
- each output (page or data file) with the entries its rendering read. The renderer reads the model through
  a view that notes every slug looked up and every kind listed in full. An output is made again only if one
  of those entries changed, a kind it listed changed, the relations changed, or a setting of the build
  (today, handbook, site URL) differs.
A one-off `mkdocs build` uses none of this; `tests/test_incremental.py` checks that the preview's result
equals a fresh build after every kind of edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from praxisatlas.domain.findings import Finding
from praxisatlas.domain.model import Entry, Kind, KnowledgeBase
from praxisatlas.io.load import Reader
from praxisatlas.render.site import Output

Reads = tuple[dict[tuple[str, str], "Entry | None"], set[str]]


class _RecordingEntries(Mapping):
    """The entries of one kind, noting every access in the cache's current record."""

    def __init__(self, kind: str, entries: dict[str, Entry], cache: PreviewCache):
        self._kind, self._entries, self._cache = kind, entries, cache

    def __getitem__(self, slug: str) -> Entry:
        entry = self._entries.get(slug)
        self._cache._note(self._kind, slug, entry)
        if entry is None:
            raise KeyError(slug)
        return entry

    def __iter__(self) -> Iterator[str]:
        self._cache._note_kind(self._kind)
        return iter(self._entries)

    def __len__(self) -> int:
        self._cache._note_kind(self._kind)
        return len(self._entries)


@dataclass
class _Made:
    settings: tuple
    entries: dict[tuple[str, str], Entry | None]
    kinds: dict[str, tuple]
    text: str


@dataclass
class PreviewCache:
    """What a preview process remembers between builds (see the module docstring)."""

    files: dict[str, tuple[tuple[int, int], Entry | Finding]] = field(default_factory=dict)
    own_findings: dict[int, tuple[Entry, dt.date, list[Finding]]] = field(default_factory=dict)
    made: dict[tuple, _Made] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # generated file -> text last handed to MkDocs
    rendered: int = 0  # outputs made (not taken from the cache) in the last build
    _reads: Reads | None = None
    _kinds: dict[str, tuple] = field(default_factory=dict)
    _relations: object = None
    _generation: int = 0

    # -- loading and checking: plain functions for io.load and checks.validate -------------------------
    def reader(self, read: Reader) -> Reader:
        """`read` that returns the last result for a file whose time and size did not change."""
        def cached(file: Path, rel: str, kind: Kind) -> Entry | Finding:
            stat = file.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            known = self.files.get(rel)
            if known is None or known[0] != stamp:
                known = self.files[rel] = (stamp, read(file, rel, kind))
            return known[1]
        return cached

    def checker(self, check: Callable[[Entry, dt.date], list[Finding]]) -> Callable[[Entry, dt.date], list[Finding]]:
        """`check` that returns the last findings of an unchanged entry checked on the same day."""
        def cached(entry: Entry, today: dt.date) -> list[Finding]:
            known = self.own_findings.get(id(entry))
            if known is None or known[0] is not entry or known[1] != today:
                known = self.own_findings[id(entry)] = (entry, today, check(entry, today))
            return known[2]
        return cached

    def forget_others(self, kb: KnowledgeBase) -> None:
        """Drop what belongs to files and entries no longer in the knowledge base."""
        alive = {e.path for e in kb.all_entries()}
        for rel in [rel for rel, (_, result) in self.files.items()
                    if isinstance(result, Entry) and rel not in alive]:
            del self.files[rel]
        ids = {id(e) for e in kb.all_entries()}
        for key in set(self.own_findings) - ids:
            del self.own_findings[key]

    # -- rendering --------------------------------------------------------------------------------------
    def recording(self, kb: KnowledgeBase) -> KnowledgeBase:
        """A view of `kb` whose entry mappings note what is read; fixes this build's kind fingerprints."""
        self._kinds = {kind: tuple((slug, id(e)) for slug, e in entries.items())
                       for kind, entries in kb.entries.items()}
        view = KnowledgeBase(root=kb.root)
        view.entries = {kind: _RecordingEntries(kind, entries, self)  # type: ignore[misc]
                        for kind, entries in kb.entries.items()}
        return view

    def texts(self, outputs: list[Output], kb: KnowledgeBase, relations: object, settings: tuple) -> list[str]:
        """The text of every output: from the last build where nothing it read changed, else made now.

        `outputs` must have been planned by a renderer on `recording(kb)`; `settings` holds every other input
        of the build (today, handbook, site URL, page size)."""
        if relations != self._relations:
            self._relations = relations
            self._generation += 1
        self.rendered = 0
        return [self._text(output, kb, (self._generation, *settings, *output.inputs)) for output in outputs]

    def _text(self, output: Output, kb: KnowledgeBase, settings: tuple) -> str:
        known = self.made.get(output.key)
        if known is not None and known.settings == settings and self._unchanged(known, kb):
            return known.text
        self._reads = ({}, set())
        try:
            if output.own is not None:
                self._reads[0][(output.own.kind, output.own.slug)] = output.own
            text = output.render()
            entries, kinds = self._reads
        finally:
            self._reads = None
        self.made[output.key] = _Made(settings, entries, {k: self._kinds[k] for k in kinds}, text)
        self.rendered += 1
        return text

    def _note(self, kind: str, slug: str, entry: Entry | None) -> None:
        if self._reads is not None:
            self._reads[0][(kind, slug)] = entry

    def _note_kind(self, kind: str) -> None:
        if self._reads is not None:
            self._reads[1].add(kind)

    def _unchanged(self, known: _Made, kb: KnowledgeBase) -> bool:
        for (kind, slug), entry in known.entries.items():
            if kb.entries[kind].get(slug) is not entry:
                return False
        return all(self._kinds.get(kind) == fingerprint for kind, fingerprint in known.kinds.items())


_PREVIEWS: dict[str, PreviewCache] = {}


def preview_cache(root: object) -> PreviewCache:
    """The one cache of this process for the knowledge base at `root` (it outlives MkDocs' config reloads)."""
    return _PREVIEWS.setdefault(str(root), PreviewCache())
