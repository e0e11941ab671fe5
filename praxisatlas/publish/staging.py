"""Write a folder completely or not at all: build into a hidden sibling, then swap it in.

A build that crashes, a failing PDF, or a process killed halfway leaves the previous folder untouched; the
next build removes the half-written sibling it finds.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

NEW_PREFIX = ".praxisatlas-neu-"
OLD_PREFIX = ".praxisatlas-alt-"


class StagedFolder:
    """`stage` is where the build writes; `commit()` makes it `final`, `discard()` throws it away."""

    def __init__(self, final: Path) -> None:
        self.final = Path(final).resolve()
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self._remove_leftovers()
        self.stage = Path(tempfile.mkdtemp(prefix=f"{NEW_PREFIX}{self.final.name}-", dir=self.final.parent))

    def _remove_leftovers(self) -> None:
        for prefix in (NEW_PREFIX, OLD_PREFIX):
            for leftover in self.final.parent.glob(f"{prefix}{self.final.name}-*"):
                shutil.rmtree(leftover, ignore_errors=True)

    def commit(self) -> None:
        """Put the finished stage in place of `final` (two renames; the old folder is removed afterwards)."""
        old = None
        if self.final.exists():
            old = Path(tempfile.mkdtemp(prefix=f"{OLD_PREFIX}{self.final.name}-", dir=self.final.parent))
            os.rmdir(old)
            os.rename(self.final, old)
        os.rename(self.stage, self.final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        """Remove the stage; `final` stays as it was."""
        shutil.rmtree(self.stage, ignore_errors=True)
