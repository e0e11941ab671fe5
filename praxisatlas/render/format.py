"""Formatting helpers for German pages: dates, numbers, legal references, relative links."""

from __future__ import annotations

import posixpath

from praxisatlas.domain.laws import text_url


def german_number(value: object, decimals: int | None = None) -> str:
    """12345 -> '12.345'; 1246.22 -> '1.246,22'."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if decimals is None:
        decimals = 0 if isinstance(value, int) else 2
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def law_url(reference: str) -> str | None:
    """'§ 79a SGB VIII' -> the paragraph on gesetze-im-internet.de (domain/laws.py reads the reference)."""
    return text_url(reference)


def relative_path(target: str, start: str) -> str:
    """`posixpath.relpath` for site-relative paths without "..": pure string work, no file system calls."""
    target_parts = [p for p in target.split("/") if p and p != "."]
    start_parts = [p for p in start.split("/") if p and p != "."]
    common = 0
    for a, b in zip(target_parts, start_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


def relative_url(from_uri: str, to_url: str) -> str:
    """Link from the page built from `from_uri` (e.g. 'praxis/x.md') to a site URL ('kommunen/y/')."""
    from_dir = posixpath.dirname(from_uri)
    if not from_uri.endswith("index.md"):
        from_dir = posixpath.join(from_dir, posixpath.splitext(posixpath.basename(from_uri))[0])
    target = relative_path(to_url or ".", from_dir or ".")
    if to_url.endswith("/") and not target.endswith("/"):
        target += "/"
    return "./" if target in (".", "./") else target
