"""Run a command with its Python clock moved to another date (after ../shared/tools/run-at-date, which does the
same with the `time-machine` package through a sitecustomize module)."""

from __future__ import annotations

from pathlib import Path

SITECUSTOMIZE = """\
import os
when = os.environ.get("RUN_AT_DATE")
if when:
    import time_machine
    time_machine.travel(when, tick=True).start()
"""


def moved_clock_env(folder: Path, when: str, env: dict[str, str]) -> dict[str, str]:
    """`env` for a subprocess whose Python clock reads `when` (e.g. "2029-06-01 10:00")."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    path = f"{folder}:{env['PYTHONPATH']}" if env.get("PYTHONPATH") else str(folder)
    return {**env, "RUN_AT_DATE": when, "PYTHONPATH": path}
