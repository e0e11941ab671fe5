"""Look at the built site as a person would: a local web server and a browser that stays on 127.0.0.1.

Used by the browser tests and the screenshot script. Nothing here reaches any other host.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-sandbox",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (for `mkdocs serve` in tests and the benchmark)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_page(url: str) -> str:
    """The text at a local URL, or "" while the server does not answer (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def is_local(url: str) -> bool:
    """True for URLs on this machine's loopback (and for data:/blob: URLs the page makes itself)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in ("127.0.0.1", "localhost")


class Browser:
    """A Chromium that aborts and records every request to another host."""

    def __init__(self, playwright):
        self.chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        self.foreign_requests: list[str] = []

    def new_page(self, viewport: dict | None = None, *, enforce_csp: bool = False):
        """A page in a fresh context. The site's Content-Security-Policy forbids `eval`, which Playwright's
        `wait_for_function` needs; so tests bypass it, except where `enforce_csp` asks for the real thing
        (tests/test_site_browser.py checks every page type with it)."""
        context = self.chromium.new_context(locale="de-DE", viewport=viewport or DESKTOP, bypass_csp=not enforce_csp)
        context.route("**/*", self._route)
        return context.new_page()

    def _route(self, route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()

    def close(self) -> None:
        self.chromium.close()
