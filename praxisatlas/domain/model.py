"""The one model of the knowledge base: entries of four kinds, each with its source positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import overload

from praxisatlas.domain.findings import Finding, Level

KeyPath = tuple[str | int, ...]  # where a value stands in an entry's data, e.g. ("quellen", 0, "datum")
Position = tuple[int, int]  # line and column, 1-based
_COLUMN_BITS = 20  # a position is kept as one number, line << 20 | column (a tenth of the memory of a tuple)


def packed_positions(keys: dict[KeyPath, Position], values: dict[KeyPath, Position]) -> dict[KeyPath, int]:
    """The positions of an entry's keys and values as one table: for a path, where its key stands if it has
    one, else where its value stands (a list item)."""
    table = {path: line << _COLUMN_BITS | col for path, (line, col) in values.items()}
    table.update({path: line << _COLUMN_BITS | col for path, (line, col) in keys.items()})
    return table


@dataclass(frozen=True)
class Kind:
    """One type of entry: where its files live and which schema describes them."""

    name: str  # internal name, also the schema's file name
    folder: str  # relative to the repository root
    suffix: str
    label: str  # German, singular
    label_plural: str  # German, plural
    url_prefix: str  # URL path segment of its pages
    title_key: str  # field that holds the entry's display title


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("praxis", "practices", ".md", "Praxisbeispiel", "Praxisbeispiele", "praxis", "titel"),
        Kind("kommune", "content/kommunen", ".yml", "Kommune", "Kommunen", "kommunen", "name"),
        Kind("thema", "content/themen", ".yml", "Thema", "Themen", "themen", "titel"),
        Kind("netzwerk", "content/netzwerke", ".yml", "Netzwerk", "Netzwerke", "netzwerke", "titel"),
    )
}

DOCUMENTS_FOLDER = "content/dokumente"
PAGES_FOLDER = "content/seiten"  # hand-written pages (MkDocs' docs_dir)
@dataclass
class Entry:
    """One entry (a file): its data as plain values, its Markdown body, and where each key stands."""

    kind: str
    slug: str
    path: str  # relative to the repository root, with forward slashes
    data: dict
    body: str = ""
    body_line: int = 1  # line of the body's first line in the file
    positions: dict[KeyPath, int] = field(default_factory=dict)  # see packed_positions
    start_line: int = 1  # line where the data (front matter) starts

    @property
    def title(self) -> str:
        """The entry's display title (name of a Kommune, title of everything else)."""
        value = self.data.get(KINDS[self.kind].title_key)
        return value if isinstance(value, str) else self.slug

    @property
    def url(self) -> str:
        """Site-relative URL of the entry's page, e.g. `kommunen/kreis-lippe/`."""
        return f"{KINDS[self.kind].url_prefix}/{self.slug}/"

    def position(self, path: KeyPath = ()) -> Position:
        """Line and column of a key (or of a list item), falling back to the nearest known parent."""
        for end in range(len(path), 0, -1):
            found = self.positions.get(path[:end])
            if found:
                return found >> _COLUMN_BITS, found & ((1 << _COLUMN_BITS) - 1)
        return (self.start_line, 1)

    def finding(self, path: KeyPath, level: Level, message: str) -> Finding:
        """A finding about the field at `path` of this entry (its line and column)."""
        line, col = self.position(path)
        return Finding(self.path, line, col, level, message)

    def get(self, key: str, default: object = None) -> object:
        """Shortcut for `entry.data.get`."""
        return self.data.get(key, default)


class _EntriesOf:
    """`kb.praxis`, `kb.kommunen`, `kb.themen`, `kb.netzwerke`: the entries of one kind by slug (the same dict as
    `kb.entries[kind]`)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    @overload
    def __get__(self, kb: None, owner: type) -> _EntriesOf: ...

    @overload
    def __get__(self, kb: KnowledgeBase, owner: type) -> dict[str, Entry]: ...

    def __get__(self, kb: KnowledgeBase | None, owner: type) -> dict[str, Entry] | _EntriesOf:
        return self if kb is None else kb.entries[self.kind]


@dataclass
class KnowledgeBase:
    """All entries, by kind and slug, plus the repository root they were read from."""

    root: Path
    entries: dict[str, dict[str, Entry]] = field(default_factory=lambda: {k: {} for k in KINDS})
    unreadable: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})  # files with errors
    # content/betreiber.yml as read once by io/load.py: an Entry, a Finding (unreadable) or None (no file)
    operator: object = None
    # the attachment files that may be published, as checks/attachments.py found them (checked once per build)
    documents: list = field(default_factory=list)

    def is_missing(self, kind: str, slug: str) -> bool:
        """True if no file of `kind` is called `slug` (a file that exists but cannot be read is not missing:
        its own error says what is wrong, references to it need no second one)."""
        return slug not in self.entries[kind] and slug not in self.unreadable[kind]

    praxis = _EntriesOf("praxis")
    kommunen = _EntriesOf("kommune")
    themen = _EntriesOf("thema")
    netzwerke = _EntriesOf("netzwerk")

    def all_entries(self) -> list[Entry]:
        """Every entry, kinds in a fixed order, slugs sorted."""
        return [e for kind in KINDS for _, e in sorted(self.entries[kind].items())]


def network_members(network: Entry) -> list[tuple[str, str]]:
    """(kommune slug, role) pairs of a network."""
    members = network.get("mitglieder")
    if not isinstance(members, list):
        return []
    return [
        (m["kommune"], str(m.get("rolle", "")))
        for m in members
        if isinstance(m, dict) and isinstance(m.get("kommune"), str)
    ]
