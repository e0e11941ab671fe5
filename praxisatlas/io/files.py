"""Which files may be read at all: regular files only, never symlinks, FIFOs or devices.

A FIFO would block a read forever, `/dev/zero` would never end, and a symlink can point anywhere on the
build machine (`/etc/passwd`); so content is read only from regular files that are what they say they are.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def special_file_problem(path: Path) -> str | None:
    """A German sentence saying why `path` is not a regular file we may read, or None if it is one."""
    try:
        info = os.lstat(path)
    except OSError:
        return "Die Datei lässt sich nicht lesen (sie ist verschwunden oder gesperrt)."
    if stat.S_ISLNK(info.st_mode):
        target = "ins Leere" if not path.exists() else "auf eine andere Datei"
        return (f"Die Datei ist eine Verknüpfung (Symlink) {target}. Erlaubt sind nur echte Dateien: "
                "bitte die Datei selbst hier ablegen.")
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return "Die Datei ist keine gewöhnliche Datei (sondern z. B. eine Pipe oder ein Gerät) und wird nicht gelesen."
    return None


def is_regular(path: Path) -> bool:
    """True for a regular file (not a symlink, FIFO, device or folder)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
