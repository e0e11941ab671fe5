"""Relations derived from the model: size classes, back-links, partners. Never typed by hand."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from praxisatlas.domain.dates import german_date
from praxisatlas.domain.model import Entry, KnowledgeBase, network_members

SIZE_CLASSES = {
    "I": "unter 50.000 Einwohner",
    "II": "50.000 bis 150.000 Einwohner",
    "III": "über 150.000 Einwohner",
}


def size_class(population: int | None) -> str | None:
    """Größenklasse: I under 50,000; II 50,000–150,000; III over 150,000; None if unknown."""
    if not isinstance(population, int) or isinstance(population, bool):
        return None
    if population < 50_000:
        return "I"
    if population <= 150_000:
        return "II"
    return "III"


def kommune_size_class(kommune: Entry) -> str | None:
    """The size class of a Kommune, computed from `einwohner.anzahl`."""
    einwohner = kommune.get("einwohner")
    return size_class(einwohner.get("anzahl")) if isinstance(einwohner, dict) else None


def _slugs(entry: Entry, key: str) -> list[str]:
    value = entry.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@dataclass
class Relations:
    """Back-links between entries, computed once per build."""

    practices_by_kommune: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    practices_by_thema: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    practices_by_netzwerk: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kommunen_by_thema: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    netzwerke_by_kommune: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    size_class: dict[str, str | None] = field(default_factory=dict)
    # topic -> Kommune -> number of its practices on that topic (for the Partnersuche)
    practice_topics: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    # Kommune -> (name for sorting, Bundesland): read for every candidate of every ranking
    ranking_keys: dict[str, tuple[str, object]] = field(default_factory=dict)


def relate(kb: KnowledgeBase) -> Relations:
    """Compute all back-links of a (valid) knowledge base."""
    rel = Relations()
    for slug, practice in sorted(kb.praxis.items()):
        for kommune in _slugs(practice, "kommunen"):
            rel.practices_by_kommune[kommune].append(slug)
            for thema in _slugs(practice, "themen"):
                counts = rel.practice_topics[thema]
                counts[kommune] = counts.get(kommune, 0) + 1
        for thema in _slugs(practice, "themen"):
            rel.practices_by_thema[thema].append(slug)
        for netzwerk in _slugs(practice, "netzwerke"):
            rel.practices_by_netzwerk[netzwerk].append(slug)
    for slug, kommune in sorted(kb.kommunen.items()):
        rel.size_class[slug] = kommune_size_class(kommune)
        rel.ranking_keys[slug] = (kommune.title.casefold(), kommune.get("bundesland"))
        for thema in _slugs(kommune, "themen"):
            rel.kommunen_by_thema[thema].append(slug)
    for slug, network in sorted(kb.netzwerke.items()):
        for kommune, _role in network_members(network):
            rel.netzwerke_by_kommune[kommune].append(slug)
    return rel


@dataclass(frozen=True)
class Suggestion:
    """A Kommune to learn from, with its score and the reasons in words."""

    kommune: str
    score: float
    reasons: tuple[str, ...]


SCORING = """Punkte je Kommune: 3 je Praxisbeispiel zu einem gesuchten Thema (ohne die Praxisbeispiele, an denen
die eigene Kommune selbst beteiligt ist); +1 bei gleicher Größenklasse;
+1 im selben Bundesland; +0,5 wenn schon Partnerkommune oder im selben Netzwerk. Kommunen ohne Praxisbeispiel
zu einem gesuchten Thema erscheinen nicht. Bei gleicher Punktzahl entscheidet der Name."""


def rank_partners(kb: KnowledgeBase, rel: Relations, topics: list[str], size: str | None = None,
                  land: str | None = None, me: str | None = None, limit: int = 10) -> list[Suggestion]:
    """Kommunen to learn from for `topics`, ranked by SCORING (the Partnersuche page's script does the same).

    Scores are computed for every candidate; the reasons in words only for the `limit` best."""
    wanted = [t for t in topics if t in kb.themen]
    if not wanted:
        return []
    my_networks = set(rel.netzwerke_by_kommune.get(me, [])) if me else set()
    partners = set(_slugs(kb.kommunen[me], "partnerkommunen")) if me else set()
    # practices `me` takes part in teach it nothing new: they do not count for the other Kommunen in them
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for practice_slug in rel.practices_by_kommune.get(me, []) if me else []:
        for other_slug in _slugs(kb.praxis[practice_slug], "kommunen"):
            for topic in _slugs(kb.praxis[practice_slug], "themen"):
                shared[(other_slug, topic)] += 1
    totals: dict[str, int] = {}  # candidate -> practices on the wanted topics that still count
    for topic in wanted:
        for slug, count in rel.practice_topics.get(topic, {}).items():
            if shared:
                count -= shared.get((slug, topic), 0)
            if count > 0:
                totals[slug] = totals.get(slug, 0) + count
    totals.pop(me, None)  # type: ignore[arg-type]
    keys, size_class, networks = rel.ranking_keys, rel.size_class, rel.netzwerke_by_kommune
    ranked = []
    for slug, total in totals.items():
        if slug not in keys:
            continue
        name, other_land = keys[slug]
        score = 3.0 * total
        if size and size_class.get(slug) == size:
            score += 1
        if land and other_land == land:
            score += 1
        if slug in partners or (my_networks and my_networks.intersection(networks.get(slug, ()))):
            score += 0.5
        ranked.append((-score, name, slug))
    best = heapq.nsmallest(limit, ranked)
    return [_suggestion(kb, rel, slug, -negative, _per_topic(rel, slug, wanted, shared), size, land, partners,
                        my_networks) for negative, _, slug in best]


def _per_topic(rel: Relations, slug: str, wanted: list[str], shared: dict[tuple[str, str], int]) -> dict[str, int]:
    """Topic -> practices of `slug` on it that count (those shared with the asking Kommune do not)."""
    counts = {t: rel.practice_topics.get(t, {}).get(slug, 0) - shared.get((slug, t), 0) for t in wanted}
    return {t: n for t, n in counts.items() if n > 0}


def _suggestion(kb: KnowledgeBase, rel: Relations, slug: str, score: float, per_topic: dict[str, int],
                size: str | None, land: str | None, partners: set[str], my_networks: set[str]) -> Suggestion:
    """The reasons in words for one ranked Kommune (same order of reasons as the page's script)."""
    reasons = []
    for topic, count in sorted(per_topic.items(), key=lambda item: (-item[1], kb.themen[item[0]].title)):
        word = "Praxisbeispiel" if count == 1 else "Praxisbeispiele"
        reasons.append(f"{count} {word} zu {kb.themen[topic].title}")
    if size and rel.size_class.get(slug) == size:
        reasons.append("gleiche Größenklasse")
    if land and kb.kommunen[slug].get("bundesland") == land:
        reasons.append(f"ebenfalls in {land}")
    if slug in partners:
        reasons.append("bereits Partnerkommune")
    elif my_networks.intersection(rel.netzwerke_by_kommune.get(slug, ())):
        reasons.append("bereits im selben Netzwerk")
    return Suggestion(slug, score, tuple(reasons))


def learn_from(kb: KnowledgeBase, rel: Relations, slug: str, limit: int = 5) -> list[Suggestion]:
    """"Von wem wir lernen können": rank_partners for a Kommune's own `lerninteressen`, size and Land."""
    me = kb.kommunen[slug]
    return rank_partners(kb, rel, _slugs(me, "lerninteressen"), rel.size_class.get(slug), me.get("bundesland"),
                         me=slug, limit=limit)


def partner_index(kb: KnowledgeBase, rel: Relations) -> dict:
    """Compact data for the Partnersuche and Vergleich pages (read by our small scripts)."""
    kommunen = {slug: _partner_record(kb, rel, slug, k) for slug, k in sorted(kb.kommunen.items())}
    return {"themen": {s: t.title for s, t in sorted(kb.themen.items())},
            "netzwerke": {s: n.title for s, n in sorted(kb.netzwerke.items())},
            "groessenklassen": SIZE_CLASSES, "kommunen": kommunen}


def _partner_record(kb: KnowledgeBase, rel: Relations, slug: str, k: Entry) -> dict:
    topic_counts: dict[str, int] = {}
    for practice_slug in rel.practices_by_kommune.get(slug, []):
        for topic in _slugs(kb.praxis[practice_slug], "themen"):
            topic_counts[topic] = topic_counts.get(topic, 0) + 1
    figure = k.get("einwohner") if isinstance(k.get("einwohner"), dict) else {}
    return {
        "name": k.title, "url": k.url, "art": k.get("art"), "land": k.get("bundesland"),
        "klasse": rel.size_class.get(slug), "einwohner": figure.get("anzahl"),
        "einwohner_beleg": f"Stand {german_date(figure.get('stand')) or 'nicht angegeben'}; "
                           f"Quelle: {figure.get('quelle')}" if figure else None,
        "praxis_themen": topic_counts, "lerninteressen": _slugs(k, "lerninteressen"),
        "themen": _slugs(k, "themen"), "netzwerke": rel.netzwerke_by_kommune.get(slug, []),
        "partner": _slugs(k, "partnerkommunen"),
        "praxis": [{"kurzname": p, "titel": kb.praxis[p].title, "url": kb.praxis[p].url,
                    "themen": _slugs(kb.praxis[p], "themen")} for p in rel.practices_by_kommune.get(slug, [])],
        "zentrale_themen": k.get("zentrale_themen") or [], "ergebnisse": k.get("ergebnisse") or [],
        "in_planung": k.get("in_planung") or [],
        "altersstruktur": (k.get("altersstruktur") or {}).get("gruppen") or [],
    }
