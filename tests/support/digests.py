"""Fingerprints of a built site: relative path -> SHA-256 of its bytes (for "same input, same bytes" tests)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digests(site: Path) -> dict[str, str]:
    """Every file below `site` with the SHA-256 of its content."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}
