"""All-or-nothing replacement of one content folder (e.g. content/kommunen/), safe against `kill -9`.

The new state of the folder is built completely in a hidden staging folder `<root>/.praxisatlas-import/`
(a copy of the folder plus the changed and new files, each fsynced), validated there, and then switched in
with one atomic directory exchange (Linux `renameat2(RENAME_EXCHANGE)`): at every moment the folder is
either exactly the old or exactly the new one. The staging folder then holds the old state and is removed.
A run that is killed leaves at most the staging folder behind; the next run removes it (`recover`). Where
the exchange is not available, the folder is switched with two renames after a commit marker has been
written; `recover` then rolls a committed switch forward and drops an uncommitted one.

Loaders never see the staging folder: it lies beside, not inside, the content folders and starts with a dot.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from praxisatlas.domain.findings import Problem

STAGE = ".praxisatlas-import"
LOCK = ".praxisatlas-import.lock"  # held (flock) while an import runs; the kernel releases it when one dies
COMMITTED = "UEBERNEHMEN"  # fallback only: the switch has begun and must be completed
MANIFEST = "vorhaben.json"


class Changed(Problem):
    """Files of the folder changed while the import was being prepared."""


class Busy(Problem):
    """Another import is running on the same knowledge base."""


@contextlib.contextmanager
def exclusive(root: Path) -> Iterator[None]:
    """Hold the import lock of `root` (no second import, and no recovery, while one runs)."""
    import fcntl

    with (Path(root) / LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(str(Path(root) / LOCK)) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def pause(point: str) -> None:
    """A named point of the import ("kopiert:N" – the N-th changed file staged –, "geprueft", "getauscht",
    "umbenannt", "aufgeraeumt"). Does nothing; the crash tests replace it to stop the process exactly here."""


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write(path: Path, data: bytes, mode: int | None = None) -> None:
    with path.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    if mode is not None:
        os.chmod(path, mode)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories; False if the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # the file system cannot exchange
        return False
    raise OSError(code, os.strerror(code), str(b))


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.lstat().st_mtime_ns, p.lstat().st_size) for p in folder.iterdir()}


def recover(root: Path) -> str | None:
    """Finish or drop what a killed run left behind; return a German note, or None if there was nothing."""
    stage = root / STAGE
    if not stage.exists():
        return None
    manifest: dict = {}
    with contextlib.suppress(OSError, ValueError):
        manifest = json.loads((stage / MANIFEST).read_text(encoding="utf-8"))
    folder_rel = manifest.get("ordner", "")
    if (stage / COMMITTED).exists() and folder_rel:
        staged, live = stage / "neu" / folder_rel, root / folder_rel
        if not live.exists() and staged.is_dir():
            os.rename(staged, live)
            _fsync_dir(live.parent)
    done = bool(manifest.get("dateien")) and all(
        (root / rel).is_file() and hashlib.sha256((root / rel).read_bytes()).hexdigest() == digest
        for rel, digest in manifest["dateien"].items())
    _remove(stage)
    if done:
        return ("Ein unterbrochener Import war schon vollständig übernommen; seine Arbeitsdateien "
                f"({STAGE}/) wurden entfernt.")
    return (f"Ein abgebrochener Import wurde verworfen ({STAGE}/ entfernt); von ihm wurde nichts übernommen, "
            "die Profile sind wie vorher.")


def _remove(stage: Path) -> None:
    if (stage / "neu").exists():
        shutil.rmtree(stage / "neu")
    pause("aufgeraeumt")
    shutil.rmtree(stage)
    _fsync_dir(stage.parent)


def replace_folder(root: Path, folder_rel: str, files: dict[str, bytes], expected: dict[str, bytes | None],
                   links: list[str], check: Callable[[Path], None]) -> None:
    """Switch `root/folder_rel` to its current content plus `files` (relative paths → new bytes), all or nothing.

    `expected` holds each file's content the plan was made from (None: must not exist); `links` are other
    folders made visible in the staging copy (as symlinks) so that `check(stage_root)` can validate the result
    there; `check` raises to stop before anything is switched. Raises `Changed` if the folder changed meanwhile.
    """
    root = Path(root)
    recover(root)
    stage = root / STAGE
    new_root = stage / "neu"
    live = root / folder_rel
    staged = new_root / folder_rel
    stage.mkdir()
    try:
        _write(stage / MANIFEST, json.dumps({
            "ordner": folder_rel,
            "dateien": {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()},
        }, ensure_ascii=False, indent=1).encode("utf-8"))
        before = _snapshot(live)
        staged.parent.mkdir(parents=True)
        shutil.copytree(live, staged, symlinks=True)
        for number, (rel, data) in enumerate(sorted(files.items()), start=1):
            target, old = new_root / rel, root / rel
            mode = (old.stat().st_mode & 0o777) if old.exists() else None
            _write(target, data, mode)
            pause(f"kopiert:{number}")
        for other in links:
            source = root / other
            if source.is_dir() and not (new_root / other).exists():
                (new_root / other).parent.mkdir(parents=True, exist_ok=True)
                os.symlink(source.resolve(), new_root / other, target_is_directory=True)
        for path in staged.iterdir():
            if path.is_file() and not path.is_symlink():
                with path.open("rb") as stream:
                    os.fsync(stream.fileno())
        _fsync_dir(staged)
        check(new_root)
        for rel, data in expected.items():
            current = (root / rel).read_bytes() if (root / rel).exists() else None
            if current != data:
                raise Changed(rel)
        if _snapshot(live) != before:
            raise Changed(folder_rel)
        pause("geprueft")
        _fsync_dir(stage)
    except BaseException:
        _remove(stage)
        raise
    if _exchange(staged, live):
        _fsync_dir(live.parent)
        pause("getauscht")
    else:
        _write(stage / COMMITTED, b"")
        _fsync_dir(stage)
        os.rename(live, stage / "alt")
        pause("umbenannt")
        os.rename(staged, live)
        _fsync_dir(live.parent)
        pause("getauscht")
    _remove(stage)
