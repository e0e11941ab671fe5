"""Rules for the Jugendamt block, the `kreis` link and how current practices are (beyond the schema)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from praxisatlas.domain.currency import STALE_SOURCE_YEARS, rests_on_old_sources
from praxisatlas.domain.dates import german_date
from praxisatlas.domain.findings import Finding, Level
from praxisatlas.domain.model import Entry, KnowledgeBase
from praxisatlas.domain.regions import (
    JUGENDAMT_ART_FUER_KOMMUNE,
    KREIS_ARTEN,
    KREISANGEHOERIG_ARTEN,
    landesjugendaemter,
    landesjugendamt,
    landesjugendamt_for_land,
)
from praxisatlas.domain.slug import SLUG_RE
from praxisatlas.domain.youth_office import office, towns_with_own_office

ONLY_WITH_OFFICE = ("art", "landesjugendamt", "einwohner", "staedte_mit_eigenem_jugendamt")


def _error(entry: Entry, path: tuple, message: str) -> Finding:
    return entry.finding(path, Level.ERROR, message)


def _warning(entry: Entry, path: tuple, message: str) -> Finding:
    return entry.finding(path, Level.WARNING, message)


def _ags(entry: Entry) -> str | None:
    value = entry.get("ags")
    return value if isinstance(value, str) and value.isdigit() and len(value) in (5, 8) else None


# -- one profile alone -----------------------------------------------------------------------------------


def office_findings(entry: Entry) -> Iterator[Finding]:
    """The Jugendamt block and `kreis` of one Kommune profile, checked against the profile itself."""
    art = entry.get("art")
    if "kreis" in entry.data and isinstance(art, str) and art not in KREISANGEHOERIG_ARTEN:
        yield _error(entry, ("kreis",), f"„kreis“ gibt es nur bei kreisangehörigen Städten und Gemeinden (Art "
                                        f"„Stadt“ oder „Gemeinde“), nicht bei der Art „{art}“.")
    block = office(entry)
    if block is None:
        return
    if block.get("vorhanden") is False:
        for key in ONLY_WITH_OFFICE:
            if key in block:
                yield _error(entry, ("jugendamt", key),
                             f"„jugendamt.{key}“ passt nicht zu „vorhanden: false“: Ohne eigenes Jugendamt bitte "
                             "streichen (zuständig ist dann das Jugendamt des Kreises) – oder „vorhanden: true“.")
        return
    kind = block.get("art")
    allowed = JUGENDAMT_ART_FUER_KOMMUNE.get(kind) if isinstance(kind, str) else None
    if allowed and isinstance(art, str) and art not in allowed:
        yield _error(entry, ("jugendamt", "art"),
                     f"„jugendamt.art“: Ein {kind} passt nicht zur Art „{art}“ dieser Kommune "
                     f"(erwartet: {' oder '.join(allowed)}).")
    if "staedte_mit_eigenem_jugendamt" in block and kind != "Kreisjugendamt":
        yield _error(entry, ("jugendamt", "staedte_mit_eigenem_jugendamt"),
                     "„jugendamt.staedte_mit_eigenem_jugendamt“ gibt es nur bei einem Kreisjugendamt.")
    yield from _check_landesjugendamt(entry, block, _ags(entry), None)


def _check_landesjugendamt(entry: Entry, block: dict, ags: str | None, kreis: Entry | None) -> Iterator[Finding]:
    named = block.get("landesjugendamt")
    if not isinstance(named, str) or named not in landesjugendaemter():
        return  # the schema reports unknown names
    if ags:
        expected = landesjugendamt(ags)
        basis = f"den Gemeindeschlüssel {ags}" + (f" ({kreis.title})" if kreis is not None else "")
    elif kreis is None and isinstance(entry.get("bundesland"), str):
        expected = landesjugendamt_for_land(entry.get("bundesland"))  # type: ignore[arg-type]
        basis = f"{entry.get('bundesland')}"
    else:
        return
    if expected and named != expected:
        yield _error(entry, ("jugendamt", "landesjugendamt"),
                     f"„jugendamt.landesjugendamt“: Für {basis} ist das {expected} zuständig, nicht „{named}“.")


def currency_findings(entry: Entry, today: dt.date) -> Iterator[Finding]:
    """A practice "laufend"/"geplant" that rests only on sources older than three years: a warning."""
    stale, newest = rests_on_old_sources(entry, today)
    if not stale:
        return
    status = entry.get("status")
    why = f"die neueste ist von {german_date(newest)}" if newest else "keine nennt ein Datum"
    yield _warning(entry, ("status",),
                   f"Status „{status}“, aber keine Quelle ist jünger als {STALE_SOURCE_YEARS} Jahre ({why}). Bitte "
                   "eine aktuelle Quelle ergänzen oder den Status prüfen (z. B. „unbekannt“ oder „abgeschlossen“).")


# -- across profiles -------------------------------------------------------------------------------------


def kreis_findings(kb: KnowledgeBase, entry: Entry, towns: dict[str, list[str]] | None = None) -> Iterator[Finding]:
    """`kreis` must name a Kreis of the same Land whose AGS contains the town's; a Kreis's number of towns with
    their own Jugendamt must not be smaller than the profiles naming it."""
    kreis_slug = entry.get("kreis")
    if isinstance(kreis_slug, str) and SLUG_RE.match(kreis_slug) and entry.get("art") in KREISANGEHOERIG_ARTEN:
        yield from _check_kreis_link(kb, entry, kreis_slug)
    block = office(entry)
    expected = block.get("staedte_mit_eigenem_jugendamt") if block else None
    if isinstance(expected, int) and not isinstance(expected, bool):
        named = (towns if towns is not None else towns_with_own_office(kb)).get(entry.slug, [])
        if len(named) > expected:
            titles = ", ".join(kb.kommunen[s].title for s in named)
            yield _error(entry, ("jugendamt", "staedte_mit_eigenem_jugendamt"),
                         f"„jugendamt.staedte_mit_eigenem_jugendamt“ ist {expected}, aber {len(named)} Profile nennen "
                         f"diesen Kreis unter „kreis“ und haben ein eigenes Jugendamt: {titles}.")


def _check_kreis_link(kb: KnowledgeBase, entry: Entry, kreis_slug: str) -> Iterator[Finding]:
    kreis = kb.kommunen.get(kreis_slug)
    if kreis is None:
        yield _error(entry, ("kreis",), f"Kommune „{kreis_slug}“ gibt es nicht (keine Datei "
                                        f"content/kommunen/{kreis_slug}.yml); „kreis“ nennt den Kurznamen eines "
                                        "Kreisprofils.")
        return
    if kreis.get("art") not in KREIS_ARTEN:
        yield _error(entry, ("kreis",), f"„kreis“: {kreis.title} ist kein Kreis (Art „{kreis.get('art')}“); hier "
                                        "gehört der Kurzname eines Kreises oder Landkreises hin.")
        return
    if kreis.get("bundesland") != entry.get("bundesland"):
        yield _error(entry, ("kreis",), f"„kreis“: {kreis.title} liegt in {kreis.get('bundesland')}, diese Kommune "
                                        f"in {entry.get('bundesland')}.")
        return
    own, kreis_ags = _ags(entry), _ags(kreis)
    if own and kreis_ags and not own.startswith(kreis_ags):
        yield _error(entry, ("kreis",), f"„kreis“: Der Gemeindeschlüssel {own} gehört nicht zu {kreis.title} "
                                        f"({kreis_ags}).")
    block = office(entry)
    if block and block.get("vorhanden") is not False and not own and kreis_ags:
        yield from _check_landesjugendamt(entry, block, kreis_ags, kreis)
