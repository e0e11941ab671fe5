"""The statistics import's all-or-nothing replacement of one content folder (e.g. content/kommunen/).

The swap itself is praxisatlas.io.folder_swap: the new state of the folder is built completely in the hidden
working folder `<root>/.praxisatlas-import/` (a copy of the folder plus the changed and new files, each
fsynced), validated there, and then switched in with one atomic step. Here are the import's own parts: the
plan it records (`vorhaben.json`: folder and the digest of each file it writes), the check that nobody changed
the folder meanwhile, the lock against a second import, and a German note after recovery that says whether the
interrupted import had already been taken over.

Loaders never see the working folder: it lies beside, not inside, the content folders and starts with a dot.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from praxisatlas.domain.findings import Problem
from praxisatlas.io import folder_swap
from praxisatlas.io.folder_swap import NEW, FolderSwap, sync_files, write_synced

STAGE = ".praxisatlas-import"
LOCK = ".praxisatlas-import.lock"  # held (flock) while an import runs; the kernel releases it when one dies
MANIFEST = "vorhaben.json"


class Changed(Problem):
    """Files of the folder changed while the import was being prepared."""


def exclusive(root: Path) -> contextlib.AbstractContextManager[None]:
    """Hold the import lock of `root` (no second import, and no recovery, while one runs); raises `Busy`."""
    return folder_swap.exclusive(Path(root) / LOCK, "Ein anderer Import läuft gerade in dieser Wissensbasis; bitte "
                                 "warten, bis er fertig ist.")


def _swap(root: Path, folder_rel: str) -> FolderSwap:
    """The swap of `root/folder_rel`, staged as part of a project copy in `<root>/.praxisatlas-import/neu/`."""
    return FolderSwap(root / folder_rel, root / STAGE, folder_rel)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Name -> (modification time, size) of each entry of `folder` (to see whether it changed meanwhile)."""
    return {p.name: (p.lstat().st_mtime_ns, p.lstat().st_size) for p in folder.iterdir()}


def recover(root: Path) -> str | None:
    """Finish or drop what a killed run left behind; return a German note, or None if there was nothing."""
    root = Path(root)
    stage = root / STAGE
    if not stage.exists():
        return None
    manifest: dict = {}
    with contextlib.suppress(OSError, ValueError):
        manifest = json.loads((stage / MANIFEST).read_text(encoding="utf-8"))
    folder_rel = manifest.get("ordner", "")
    swap = _swap(root, folder_rel)
    if folder_rel:
        swap.roll_forward()
    done = bool(manifest.get("dateien")) and all(
        (root / rel).is_file() and hashlib.sha256((root / rel).read_bytes()).hexdigest() == digest
        for rel, digest in manifest["dateien"].items())
    swap.discard()
    if done:
        return ("Ein unterbrochener Import war schon vollständig übernommen; seine Arbeitsdateien "
                f"({STAGE}/) wurden entfernt.")
    return (f"Ein abgebrochener Import wurde verworfen ({STAGE}/ entfernt); von ihm wurde nichts übernommen, "
            "die Profile sind wie vorher.")


def replace_folder(root: Path, folder_rel: str, files: dict[str, bytes], expected: dict[str, bytes | None],
                   links: list[str], check: Callable[[Path], None]) -> None:
    """Switch `root/folder_rel` to its current content plus `files` (relative paths → new bytes), all or nothing.

    `expected` holds each file's content the plan was made from (None: must not exist); `links` are other
    folders made visible in the staging copy (as symlinks) so that `check(stage_root)` can validate the result
    there; `check` raises to stop before anything is switched. Raises `Changed` if the folder changed meanwhile.
    """
    root = Path(root)
    recover(root)
    swap = _swap(root, folder_rel)
    new_root = swap.work / NEW  # the project as it will be: the staged folder and links to the others
    before = _snapshot(swap.live)
    try:
        swap.begin(copy_live=True)
        write_synced(swap.work / MANIFEST, json.dumps({
            "ordner": folder_rel,
            "dateien": {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()},
        }, ensure_ascii=False, indent=1).encode("utf-8"))
        for number, (rel, data) in enumerate(sorted(files.items()), start=1):
            old = root / rel
            write_synced(new_root / rel, data, (old.stat().st_mode & 0o777) if old.exists() else None)
            folder_swap.pause(f"kopiert:{number}")
        for other in links:
            source = root / other
            if source.is_dir() and not (new_root / other).exists():
                (new_root / other).parent.mkdir(parents=True, exist_ok=True)
                os.symlink(source.resolve(), new_root / other, target_is_directory=True)
        sync_files(swap.staged)
        check(new_root)
        for rel, data in expected.items():
            current = (root / rel).read_bytes() if (root / rel).exists() else None
            if current != data:
                raise Changed(rel)
        if _snapshot(swap.live) != before:
            raise Changed(folder_rel)
    except BaseException:
        swap.discard()
        raise
    swap.commit()
