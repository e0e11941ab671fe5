"""The one all-or-nothing folder swap: a folder is replaced completely or not at all, safe against `kill -9`.

The new state is built in `<work>/neu/`, inside a hidden working folder beside the live folder (never inside
it, so no loader sees it). `commit()` switches it in with one atomic directory exchange (Linux
`renameat2(RENAME_EXCHANGE)`): at every moment the live folder is exactly the old or exactly the new one. The
working folder then holds the old state and is removed. Where the exchange is not available, a commit marker is
written first and the folder is switched with two renames. A run that is killed leaves at most the working
folder behind; `recover()` in the next run completes a switch that had begun and drops everything else.

Used by the site build (publish/mkdocs_run.py: `site/`) and the statistics import
(intake/statistik/transaction.py: `content/kommunen/`, under a lock, so that no second import runs meanwhile).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from praxisatlas.domain.findings import Finding, Level, Problem

NEW = "neu"  # in the working folder: the new state, until the switch; afterwards the old one
OLD = "alt"  # in the working folder: the old state between the two renames of the fallback switch
COMMITTED = "UEBERNEHMEN"  # in the working folder (fallback only): the switch has begun and must be completed
BESIDE_PREFIX = ".praxisatlas-neu-"  # the working folder of `FolderSwap.beside`

# renameat2(2): a relative path counts from the current directory (AT_FDCWD); swap the two names
_AT_FDCWD = -100
_RENAME_EXCHANGE = 1 << 1
# what renameat2 answers where the kernel or the file system cannot exchange two directories
_NO_EXCHANGE = (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP)


class Busy(Problem):
    """Another run holds the lock (a second import on the same knowledge base)."""


@contextlib.contextmanager
def exclusive(lock: Path, busy: str) -> Iterator[None]:
    """Hold the lock file `lock` (flock) while the block runs; the kernel releases it when the process dies.
    Raises `Busy` at once if another process holds it, with the German reason `busy`."""
    import fcntl

    with Path(lock).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy([Finding(str(lock), 0, 0, Level.ERROR, busy)]) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def pause(point: str) -> None:
    """A named point of a swap: "geprueft" (the new state is complete, nothing switched yet), "umbenannt"
    (fallback: the live folder moved aside, the new one not yet in place), "getauscht" (switched; the working
    folder with the old state not yet removed), "aufgeraeumt" (the working folder half removed). Callers name
    their own points too (the import: "kopiert:N"). Does nothing; the crash tests replace it to stop the process
    exactly here."""


def fsync_dir(path: Path) -> None:
    """Make a folder's entries (new, renamed, removed names) durable; silently skipped where impossible."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_synced(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` and fsync it (optionally with permission bits `mode`)."""
    with path.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    if mode is not None:
        os.chmod(path, mode)


def sync_files(folder: Path) -> None:
    """fsync every regular file directly in `folder`, then the folder itself."""
    for path in folder.iterdir():
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as stream:
                os.fsync(stream.fileno())
    fsync_dir(folder)


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories; False if the system cannot (then nothing happened)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(b))


@dataclass
class FolderSwap:
    """Replace `live` by the folder `staged`, which is built inside the hidden working folder `work`.

    `sub` places the staged folder deeper below `<work>/neu/` (the import builds a copy of the whole project
    there and replaces only `content/kommunen/`, so that the result can be validated as a project).
    """

    live: Path
    work: Path
    sub: str = ""

    @classmethod
    def beside(cls, live: Path) -> FolderSwap:
        """A swap whose working folder lies next to `live` (`.praxisatlas-neu-<name>`)."""
        live = Path(live).resolve()
        live.parent.mkdir(parents=True, exist_ok=True)
        return cls(live, live.parent / f"{BESIDE_PREFIX}{live.name}")

    @property
    def staged(self) -> Path:
        """Where the new state is written."""
        return self.work / NEW / self.sub

    def begin(self, copy_live: bool = False) -> Path:
        """Create the working folder (it must not exist: `recover()` first) and the staged folder, empty or, with
        `copy_live`, as a copy of the live folder; return the staged folder."""
        self.work.mkdir()
        self.staged.parent.mkdir(parents=True, exist_ok=True)
        if copy_live:
            shutil.copytree(self.live, self.staged, symlinks=True)
        else:
            self.staged.mkdir()
        return self.staged

    def commit(self) -> None:
        """Put the complete staged folder in place of the live one, then remove the working folder."""
        pause("geprueft")
        fsync_dir(self.work)
        if not self.live.exists():
            os.rename(self.staged, self.live)
        elif not exchange(self.staged, self.live):
            write_synced(self.work / COMMITTED, b"")
            fsync_dir(self.work)
            os.rename(self.live, self.work / OLD)
            pause("umbenannt")
            os.rename(self.staged, self.live)
        fsync_dir(self.live.parent)
        pause("getauscht")
        self.discard()

    def discard(self) -> None:
        """Remove the working folder (the new state before a switch, the old one after it); the live folder
        stays as it is. The folder `neu/` goes first, so that what else the working folder holds (the import's
        plan) is there until the end."""
        if not self.work.exists():
            return
        if (self.work / NEW).exists():
            shutil.rmtree(self.work / NEW)
        pause("aufgeraeumt")
        shutil.rmtree(self.work)
        fsync_dir(self.work.parent)

    def roll_forward(self) -> None:
        """After a crash: complete a fallback switch that had begun (the live folder moved aside, the new one
        complete but not yet in place). Anything else is left for `discard()`."""
        if (self.work / COMMITTED).exists() and not self.live.exists() and self.staged.is_dir():
            os.rename(self.staged, self.live)
            fsync_dir(self.live.parent)

    def recover(self) -> bool:
        """Finish or drop what a killed run left behind; True if there was something."""
        if not self.work.exists():
            return False
        self.roll_forward()
        self.discard()
        return True
