"""Pages and open data rendered by the second process are exactly those of a build in one process."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from praxisatlas.publish.build import build_site
from praxisatlas.render.background import BackgroundRender, possible
from tests.support.corpus import generate_corpus

TODAY = dt.date(2026, 11, 26)


@pytest.mark.skipif(not possible(), reason="braucht mehrere Kerne und fork")
def test_background_build_equals_build_in_one_process(tmp_path):
    root = tmp_path / "korpus"
    generate_corpus(root, kommunen=15, praxis=250, themen=6, netzwerke=4)  # several chunks of pages
    single = build_site(root, today=TODAY)
    background = build_site(root, today=TODAY, background_for="https://example.org/")
    try:
        assert isinstance(background.texts, BackgroundRender)
        assert [(p.uri, p.source, p.in_nav, p.content) for p in background.pages] == \
               [(p.uri, p.source, p.in_nav, p.content) for p in single.pages]
        data = {path: text() for path, text in background.data("https://example.org/")}
        assert data == single.data_files("https://example.org/")
        assert "daten/praxisbeispiele.json" in data
    finally:
        background.close()


@pytest.mark.skipif(not possible(), reason="braucht mehrere Kerne und fork")
def test_a_dead_worker_costs_time_not_pages():
    parent = os.getpid()

    def dies_in_the_worker() -> str:
        if os.getpid() != parent:
            os._exit(1)  # as if the worker were killed (out of memory)
        return "zweite Seite"

    worker = BackgroundRender([lambda: "erste Seite", dies_in_the_worker, lambda: "dritte Seite"])
    try:
        assert [worker.text(i) for i in range(3)] == ["erste Seite", "zweite Seite", "dritte Seite"]
    finally:
        worker.close()
