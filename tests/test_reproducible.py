"""Same input, same bytes out: two builds with one SOURCE_DATE_EPOCH on different days are identical, PDFs
included; and "today" comes from one place."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from praxisatlas import REPO_ROOT
from praxisatlas.domain import dates
from tests.support.clock import moved_clock_env
from tests.support.digests import digests
from tests.support.project import BUILD_ENV, FROZEN_TODAY, mkdocs_build


def test_builds_on_different_days_are_byte_identical(project_dir, tmp_path):
    builds = {}
    for when in ("2026-12-01 09:00", "2029-06-01 23:30"):
        env = moved_clock_env(tmp_path / f"uhr-{when[:4]}", when, {**BUILD_ENV, "PRAXISATLAS_HANDBUCH": "true"})
        site = tmp_path / f"site-{when[:4]}"
        result = mkdocs_build(project_dir / "mkdocs.yml", site, env=env)
        assert result.returncode == 0, result.stderr[-3000:]
        builds[when] = digests(site)
    first, second = builds.values()
    assert "handbuch.pdf" in first and any(name.endswith("steckbrief.pdf") for name in first)
    # the search index too (Pagefind 1.5 wrote filter chunks in a varying order and needed a sorting pass; 1.6 does not)
    assert any(name.startswith("pagefind/filter/") for name in first)
    different = [name for name in first if first[name] != second.get(name)]
    assert first.keys() == second.keys()
    assert different == [], different


def test_the_date_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798068600")  # 2026-12-23 23:30 UTC = 24.12. in Berlin
    assert dates.today() == dt.date(2026, 12, 24)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gestern")
    with pytest.raises(dates.BadEpoch):
        dates.today()


def test_without_epoch_today_is_the_date_in_berlin(monkeypatch):
    time_machine = pytest.importorskip("time_machine")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    with time_machine.travel(dt.datetime(2027, 3, 31, 22, 30, tzinfo=dt.UTC), tick=False):
        assert dates.today() == dt.date(2027, 4, 1)  # already the 1st of April in Berlin (summer time)


def test_the_clock_is_read_in_one_place():
    """Only praxisatlas/domain/dates.py reads the clock (today's date or the current time)."""
    pattern = re.compile(r"\b(date\.today|datetime\.now|datetime\.utcnow|time\.time)\(")
    readers = [p.relative_to(REPO_ROOT).as_posix() for folder in ("praxisatlas", "hooks", "scripts")
               for p in (REPO_ROOT / folder).rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert readers == ["praxisatlas/domain/dates.py"], readers


def test_frozen_day_of_the_suite():
    assert dates.today() == FROZEN_TODAY
