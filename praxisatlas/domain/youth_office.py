"""The Jugendamt as the unit: how many people a Kommune's Jugendamt serves, derived from the profiles.

Rules (also in the README, section "Felder"):

1. `jugendamt.einwohner` when given (a figure with Stichtag and source, possibly `berechnet: true`);
2. no own Jugendamt (`jugendamt.vorhanden: false`): none;
3. the Jugendamt of a city (kreisfrei, kreisangehörig, Stadtstaat) serves the city: its own `einwohner`;
   a kreisfreie Stadt or a Stadtstaat without a `jugendamt` block counts as one with its own Jugendamt;
4. a Kreisjugendamt serves the Kreis minus the towns with their own Jugendamt – computed ("berechnet") only
   when `jugendamt.staedte_mit_eigenem_jugendamt` says how many there are, exactly that many profiles name
   the Kreis under `kreis` with their own Jugendamt, and all figures are exact and share one Stichtag.

Otherwise the figure is unknown and so is the Größenklasse: a wrong class is worse than none.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from praxisatlas.domain.model import Entry, KnowledgeBase

CITY_ARTS_WITH_OWN_OFFICE = ("Kreisfreie Stadt", "Stadtstaat")  # § 69 SGB VIII: always their own Jugendamt


@dataclass(frozen=True)
class ServedPopulation:
    """Population in a Jugendamt's area, with Stichtag, source and how it was obtained."""

    anzahl: int
    stand: str | None
    quelle: str
    ungefaehr: bool = False
    berechnet: bool = False
    herleitung: str = ""  # German: how the figure was obtained, e.g. "Einwohnerzahl der Stadt"

    def as_dict(self) -> dict:
        """The figure as plain data (open data, Partnersuche index, handbook)."""
        return {"anzahl": self.anzahl, "stand": self.stand, "quelle": self.quelle, "ungefaehr": self.ungefaehr,
                "berechnet": self.berechnet, "herleitung": self.herleitung}


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _figure(value: object) -> dict | None:
    """A `zahlangabe` with a whole number, or None."""
    if isinstance(value, dict) and isinstance(value.get("anzahl"), int) and not isinstance(value["anzahl"], bool):
        return value
    return None


def office(kommune: Entry) -> dict | None:
    """The `jugendamt` block of a profile, or None."""
    value = kommune.get("jugendamt")
    return value if isinstance(value, dict) else None


def has_own_office(kommune: Entry) -> bool | None:
    """True/False if known whether the Kommune has its own Jugendamt, else None."""
    block = office(kommune)
    if block is not None and isinstance(block.get("vorhanden"), bool):
        return block["vorhanden"]
    if kommune.get("art") in CITY_ARTS_WITH_OWN_OFFICE:
        return True
    return None


def towns_with_own_office(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Kreis slug -> slugs of the profiles naming it under `kreis` that have their own Jugendamt."""
    towns: dict[str, list[str]] = defaultdict(list)
    for slug, kommune in sorted(kb.kommunen.items()):
        kreis = kommune.get("kreis")
        if isinstance(kreis, str) and has_own_office(kommune):
            towns[kreis].append(slug)
    return towns


def served_population(kb: KnowledgeBase, slug: str, towns: dict[str, list[str]]) -> ServedPopulation | None:
    """The population the Kommune's Jugendamt serves (see the module's rules), or None if unknown."""
    kommune = kb.kommunen[slug]
    block = office(kommune) or {}
    own = _figure(kommune.get("einwohner"))
    if has_own_office(kommune) is not True:
        return None
    given = _figure(block.get("einwohner"))
    if given is not None:
        return ServedPopulation(given["anzahl"], _text(given.get("stand")), str(given.get("quelle", "")),
                                given.get("ungefaehr") is True, given.get("berechnet") is True, "angegeben")
    if block.get("art", "Kreisjugendamt" if kommune.get("art") in ("Kreis", "Landkreis") else None) \
            != "Kreisjugendamt":
        if own is None:
            return None
        return ServedPopulation(own["anzahl"], _text(own.get("stand")), str(own.get("quelle", "")),
                                own.get("ungefaehr") is True, False, "Einwohnerzahl der Stadt")
    return _kreis_minus_towns(kb, kommune, own, block, towns.get(slug, []))


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _kreis_minus_towns(kb: KnowledgeBase, kreis: Entry, own: dict | None, block: dict,
                       town_slugs: list[str]) -> ServedPopulation | None:
    expected = block.get("staedte_mit_eigenem_jugendamt")
    if own is None or not isinstance(expected, int) or isinstance(expected, bool) or len(town_slugs) != expected:
        return None
    figures = [(kb.kommunen[s], _figure(kb.kommunen[s].get("einwohner"))) for s in town_slugs]
    if any(f is None or f.get("ungefaehr") is True for _, f in figures) or own.get("ungefaehr") is True:
        return None
    stand = _text(own.get("stand"))
    if stand is None or any(_text(f.get("stand")) != stand for _, f in figures):  # type: ignore[union-attr]
        return None  # figures of different dates do not subtract
    total = own["anzahl"] - sum(f["anzahl"] for _, f in figures)  # type: ignore[index]
    if total < 0:
        return None
    if not figures:
        how = f"{kreis.title} ohne Städte mit eigenem Jugendamt: Einwohnerzahl des Kreises"
    else:
        minus = ", ".join(f"{t.title} {_number(f['anzahl'])}" for t, f in figures)  # type: ignore[index]
        how = f"{kreis.title} {_number(own['anzahl'])} minus Städte mit eigenem Jugendamt ({minus})"
    sources = "; ".join(dict.fromkeys([str(own.get("quelle", ""))] +
                                      [str(f.get("quelle", "")) for _, f in figures]))  # type: ignore[union-attr]
    return ServedPopulation(total, stand, sources, False, True, how)


def all_served_populations(kb: KnowledgeBase) -> dict[str, ServedPopulation | None]:
    """Kommune slug -> served population (None when unknown), for every Kommune."""
    towns = towns_with_own_office(kb)
    return {slug: served_population(kb, slug, towns) for slug in sorted(kb.kommunen)}
