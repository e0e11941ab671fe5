"""Rebuild only what an edit changed, for the preview (`mkdocs serve --dirty`).

A preview process keeps one `BuildCache`. Between two builds it remembers
- each file's Entry (or read error), by modification time and size: an unchanged file is not parsed again
  and keeps the very same Entry object, so object identity says "unchanged" everywhere below;
- each Entry's own findings (schema, form, dates, markup): only changed entries are checked again; the
  checks across entries (references, partners, titles) always run;
- each generated page, with the entries its rendering read. Reads are recorded by handing the renderer
  mappings that note every slug looked up (and every listing of a whole kind). A page is rendered again
  only if one of the entries it read changed, a kind it listed changed, or the relations or settings of
  the build changed.
A full `mkdocs build` uses none of this.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from praxisatlas.domain.findings import Finding
from praxisatlas.domain.model import Entry, KnowledgeBase

T = TypeVar("T")
Memo = Callable[[object, "Entry | None", Callable[[], T]], T]  # (key, entry shown, produce) -> result


def no_memo(key: object, own: Entry | None, produce: Callable[[], T]) -> T:
    """A `Memo` that remembers nothing."""
    return produce()


def build_memo() -> Memo:
    """The `Memo` of one full build: a list or record made for the pages is reused by the open data."""
    made: dict[object, object] = {}

    def memo(key: object, own: Entry | None, produce: Callable[[], T]) -> T:
        if key not in made:
            made[key] = produce()
        return made[key]  # type: ignore[return-value]

    return memo


@dataclass
class _Reads:
    """What one page's rendering looked at."""

    entries: dict[tuple[str, str], Entry | None] = field(default_factory=dict)
    kinds: set[str] = field(default_factory=set)


class _RecordingEntries(Mapping):
    """The entries of one kind, noting every access in the current `_Reads`."""

    def __init__(self, kind: str, entries: dict[str, Entry], cache: BuildCache):
        self._kind, self._entries, self._cache = kind, entries, cache

    def __getitem__(self, slug: str) -> Entry:
        entry = self._entries.get(slug)
        self._cache.note(self._kind, slug, entry)
        if entry is None:
            raise KeyError(slug)
        return entry

    def __iter__(self) -> Iterator[str]:
        self._cache.note_kind(self._kind)
        return iter(self._entries)

    def __len__(self) -> int:
        self._cache.note_kind(self._kind)
        return len(self._entries)


@dataclass
class _CachedPage:
    settings: tuple
    entries: dict[tuple[str, str], Entry | None]
    kinds: dict[str, tuple]
    result: object


@dataclass
class BuildCache:
    """What a preview process remembers between builds (see the module docstring)."""

    files: dict[str, tuple[tuple[int, int], Entry | Finding]] = field(default_factory=dict)
    own_findings: dict[int, tuple[Entry, dt.date, list[Finding]]] = field(default_factory=dict)
    pages: dict[object, _CachedPage] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # generated file -> text last handed to MkDocs
    rendered: int = 0  # pages rendered (not taken from the cache) in the last build
    _reads: _Reads | None = None
    _kinds: dict[str, tuple] = field(default_factory=dict)
    _relations: object = None
    _generation: int = 0

    def settings(self, relations: object, *extra: object) -> tuple:
        """What every page depends on: the relations between entries (a new generation whenever they
        change, e.g. a practice gets another topic) and the build's settings."""
        if relations != self._relations:
            self._relations = relations
            self._generation += 1
        return (self._generation, *extra)

    # -- loading --------------------------------------------------------------------------------
    def file(self, rel: str, stamp: tuple[int, int], read: Callable[[], Entry | Finding]) -> Entry | Finding:
        """The Entry (or read error) of a file, read again only if its time or size changed."""
        known = self.files.get(rel)
        if known is not None and known[0] == stamp:
            return known[1]
        result = read()
        self.files[rel] = (stamp, result)
        return result

    def forget_missing(self, present: set[str]) -> None:
        """Drop deleted files."""
        for rel in set(self.files) - present:
            del self.files[rel]

    # -- validating -----------------------------------------------------------------------------
    def entry_findings(self, entry: Entry, today: dt.date, check: Callable[[], list[Finding]]) -> list[Finding]:
        """The entry's own findings, checked again only for a changed entry (or a new day)."""
        known = self.own_findings.get(id(entry))
        if known is not None and known[0] is entry and known[1] == today:
            return known[2]
        findings = check()
        self.own_findings[id(entry)] = (entry, today, findings)
        return findings

    def prune_findings(self, kb: KnowledgeBase) -> None:
        """Forget the findings of entries that are no longer in the knowledge base."""
        alive = {id(e) for kind in kb.entries.values() for e in kind.values()}
        for key in set(self.own_findings) - alive:
            del self.own_findings[key]

    # -- rendering ------------------------------------------------------------------------------
    def recording(self, kb: KnowledgeBase) -> KnowledgeBase:
        """A view of `kb` whose entry mappings note what is read; also fixes this build's kind fingerprints."""
        self._kinds = {kind: tuple((slug, id(e)) for slug, e in entries.items())
                       for kind, entries in kb.entries.items()}
        view = KnowledgeBase(root=kb.root)
        view.entries = {kind: _RecordingEntries(kind, entries, self)  # type: ignore[misc]
                        for kind, entries in kb.entries.items()}
        return view

    def note(self, kind: str, slug: str, entry: Entry | None) -> None:
        if self._reads is not None:
            self._reads.entries[(kind, slug)] = entry

    def note_kind(self, kind: str) -> None:
        if self._reads is not None:
            self._reads.kinds.add(kind)

    def page(self, key: object, settings: tuple, own: Entry | None, kb: KnowledgeBase,
             produce: Callable[[], T]) -> T:
        """The result of `produce` from the last build if nothing it read changed; otherwise produce it.

        Calls may nest (a list page inside the list): what the inner one read counts for the outer one too."""
        known = self.pages.get(key)
        if known is not None and known.settings == settings and self._unchanged(known, kb):
            self._pass_on(known.entries, known.kinds)
            return known.result  # type: ignore[return-value]
        outer, self._reads = self._reads, _Reads()
        try:
            if own is not None:
                self._reads.entries[(own.kind, own.slug)] = own
            result = produce()
            reads = self._reads
        finally:
            self._reads = outer
        kinds = {k: self._kinds[k] for k in reads.kinds}
        self.pages[key] = _CachedPage(settings, reads.entries, kinds, result)
        self._pass_on(reads.entries, kinds)
        self.rendered += 1
        return result

    def memo(self, settings: tuple, kb: KnowledgeBase) -> Memo:
        """`page` with this build's settings and model, for code that remembers parts (rows, records)."""
        return lambda key, own, produce: self.page(key, settings, own, kb, produce)

    def _pass_on(self, entries: dict[tuple[str, str], Entry | None], kinds: dict[str, tuple]) -> None:
        if self._reads is not None:
            self._reads.entries.update(entries)
            self._reads.kinds.update(kinds)

    def _unchanged(self, known: _CachedPage, kb: KnowledgeBase) -> bool:
        for (kind, slug), entry in known.entries.items():
            if kb.entries[kind].get(slug) is not entry:
                return False
        return all(self._kinds.get(kind) == fingerprint for kind, fingerprint in known.kinds.items())


_PREVIEWS: dict[str, BuildCache] = {}


def preview_cache(root: object) -> BuildCache:
    """The one cache of this process for the knowledge base at `root` (it outlives MkDocs' config reloads)."""
    return _PREVIEWS.setdefault(str(root), BuildCache())
