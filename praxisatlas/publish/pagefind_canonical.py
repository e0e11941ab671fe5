"""Make a written Pagefind index byte-for-byte reproducible.

Pagefind 1.5 writes the values inside each filter chunk (and the list of filter chunks in its metadata) in
hash-map order, which changes from run to run although the input is the same. The index means the same in any
order, so after writing it this module sorts both, writes the chunks again (gzip without a time stamp) under
names derived from their new content, and points the metadata and `pagefind-entry.json` at them. Same input,
same bytes: tests/test_reproducible.py compares two whole builds, the index included.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

MAGIC = b"pagefind_dcd"  # every chunk starts with this, then CBOR
FILTERS = 3  # position of the [[filter name, chunk name], …] list in the metadata


def _read(path: Path) -> object:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise ValueError(f"{path} ist kein Pagefind-Baustein")
    return cbor2.loads(raw[len(MAGIC):])


def _write(folder: Path, language: str, digits: int, suffix: str, value: object) -> str:
    """Write `value` as a chunk named after its content; return the name (without suffix)."""
    raw = MAGIC + cbor2.dumps(value, canonical=True)
    name = f"{language}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(raw, mtime=0))
    return name


def canonicalize(bundle: Path) -> None:
    """Sort the filter chunks and the metadata of the index in `bundle` (a folder `pagefind/`) in place."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, chunk in meta[FILTERS]:
            path = bundle / "filter" / f"{chunk}.pf_filter"
            label, values = _read(path)
            values = sorted([value, sorted(pages)] for value, pages in values)
            path.unlink()
            filters.append([name, _write(bundle / "filter", language, len(chunk) - len(language) - 1, ".pf_filter",
                                         [label, values])])
        meta[FILTERS] = sorted(filters)
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}", len(info["hash"]) - len(language) - 1, ".pf_meta",
                              meta).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
