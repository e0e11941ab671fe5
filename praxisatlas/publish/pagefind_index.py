"""Talk to the Pagefind service (`pagefind_extended --service`, from the npm package pinned in package.json)
without waiting.

The service reads requests as base64-encoded JSON, each followed by a comma, and answers the same way. The
official Python wrapper sleeps 0.1 s before reading each answer (100 ms per page); here one thread writes
requests as they come and another reads the answers, so records stream into the index while MkDocs renders.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import platform
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from praxisatlas import REPO_ROOT
from praxisatlas.domain.findings import Problem

_STOP = object()
# Pagefind's allocator (jemalloc) returns freed memory at once instead of keeping it for reuse: writing the 10x
# corpus' index peaked at 3.6 GB instead of 3.9 GB, at the same speed
_ALLOCATOR = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}


# npm's names for this machine (as Pagefind's own resolveBinary.js derives them from Node's os.arch/platform)
_NPM_PLATFORMS = {"win32": "windows", "linux": "linux", "darwin": "darwin"}
_NPM_CPUS = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}


def executable(project: Path | None = None) -> Path:
    """The Pagefind binary from the npm package `@pagefind/<platform>-<cpu>` (pinned in package.json, installed
    by `npm ci`): in the project's node_modules, else in this code's. Pagefind 1.6 answers a word on nearly every
    page in linear time; the Python wheels stop at 1.5, whose time for such a word grows with the square of the
    pages (README, "Leistung")."""
    system = _NPM_PLATFORMS.get(sys.platform, "freebsd" if sys.platform.startswith("freebsd") else sys.platform)
    folder = f"{system}-{_NPM_CPUS.get(platform.machine().lower(), platform.machine().lower())}"
    suffix = ".exe" if system == "windows" else ""
    roots = [root for root in (project, REPO_ROOT) if root is not None]
    for root in roots:
        for name in ("pagefind_extended", "pagefind"):
            binary = root / "node_modules" / "@pagefind" / folder / "bin" / f"{name}{suffix}"
            if binary.is_file():
                return binary
    raise PagefindError(f"Pagefind fehlt (node_modules/@pagefind/{folder}/). Bitte im Projektordner „npm ci“ "
                        "ausführen; „bash scripts/build_site.sh“ tut das.")


class PagefindError(Problem):
    """The service reported an error or ended early."""


class PagefindIndex:
    """One Pagefind index fed page by page; `write(folder)` writes the finished index into `folder`."""

    def __init__(self, language: str = "de", project: Path | None = None):
        self._process = subprocess.Popen([str(executable(project)), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         env={**os.environ, **_ALLOCATOR})
        self._requests: queue.Queue = queue.Queue()
        self._answers: dict[int, threading.Event] = {}
        self._results: dict[int, dict] = {}
        self._lock = threading.Lock()
        self._ended = False
        self._next_id = 0
        self.errors: list[str] = []
        self.pages = 0
        self._writer = threading.Thread(target=self._write_loop, name="pagefind-schreiben", daemon=True)
        self._reader = threading.Thread(target=self._read_loop, name="pagefind-lesen", daemon=True)
        self._writer.start()
        self._reader.start()
        answer = self._call({"type": "NewIndex", "config": {"force_language": language}})
        self._index_id = answer["index_id"]

    # -- plumbing -------------------------------------------------------------------------------
    def _send(self, payload: dict, wait: bool = False) -> tuple[int, threading.Event | None]:
        with self._lock:
            if self._ended:
                raise PagefindError(self._ended_message())
            self._next_id += 1
            message_id = self._next_id
            event = threading.Event() if wait else None
            if event is not None:
                self._answers[message_id] = event
        self._requests.put({"message_id": message_id, "payload": payload})
        return message_id, event

    def _call(self, payload: dict, timeout: float = 600) -> dict:
        message_id, event = self._send(payload, wait=True)
        assert event is not None
        if not event.wait(timeout):  # the event is ours: the reader may already have dropped it from _answers
            raise PagefindError(f"Pagefind antwortet seit {timeout:.0f} Sekunden nicht.")
        with self._lock:
            result = self._results.pop(message_id, None)
        if result is None:  # woken because the service ended, not by an answer
            raise PagefindError(self._ended_message())
        if result.get("type") == "Error":
            raise PagefindError(result.get("message", "unbekannter Fehler"))
        return result

    def _write_loop(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        while (request := self._requests.get()) is not _STOP:
            try:
                stdin.write(base64.b64encode(json.dumps(request, ensure_ascii=False).encode()) + b",")
                if self._requests.empty():
                    stdin.flush()
            except (BrokenPipeError, ValueError):
                return

    def _read_loop(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        buffer = b""
        try:
            while chunk := stdout.read1(1 << 20):
                buffer += chunk
                *messages, buffer = buffer.split(b",")
                for message in messages:
                    self._answer(json.loads(base64.b64decode(message)))
        except (OSError, ValueError):  # a broken pipe or a garbled answer: the service is gone for us
            pass
        with self._lock:  # the service ended: nobody gets an answer any more; wake everyone waiting
            self._ended = True
            waiting = list(self._answers.values())
            self._answers.clear()
        for event in waiting:
            event.set()

    def _ended_message(self) -> str:
        code = self._process.poll()
        how = f" (Exit-Code {code})" if code is not None else ""
        return f"Der Pagefind-Dienst für den Suchindex wurde unerwartet beendet{how}; der Suchindex ist unvollständig."

    def _answer(self, response: dict) -> None:
        payload = response.get("payload") or {}
        message_id = response.get("message_id")
        if payload.get("type") == "Error":
            self.errors.append(str(payload.get("message")))
        elif payload.get("type") == "IndexedFile":
            self.pages += 1
        with self._lock:
            event = self._answers.pop(message_id, None) if message_id is not None else None
            if event is not None:
                self._results[message_id] = payload
        if event is not None:
            event.set()

    # -- the index ------------------------------------------------------------------------------
    def add_html(self, url: str, html: str) -> None:
        """Index one page given as HTML (Pagefind reads data-pagefind-* attributes); does not wait."""
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": html})

    def write(self, folder: Path) -> None:
        """Write the index into `folder` (waits until every page sent so far is indexed)."""
        self._call({"type": "WriteFiles", "index_id": self._index_id, "output_path": str(folder)})
        if self.errors:
            raise PagefindError("; ".join(self.errors[:5]))

    def close(self) -> None:
        """End the service."""
        self._requests.put(_STOP)
        self._writer.join(timeout=5)
        if self._process.stdin:
            with contextlib.suppress(OSError):  # the service may already be gone
                self._process.stdin.close()
        self._process.terminate()
        self._process.wait(timeout=10)
        self._reader.join(timeout=5)


def move_into(built: Path, target: Path) -> None:
    """Replace `target` by the folder `built` (the index appears complete or not at all)."""
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(target))
