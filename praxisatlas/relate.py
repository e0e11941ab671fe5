"""Relations derived from the model: size classes, back-links, partners. Never typed by hand."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Entry, KnowledgeBase

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


def network_members(network: Entry) -> list[tuple[str, str]]:
    """(kommune slug, role) pairs of a network."""
    members = network.get("mitglieder")
    if not isinstance(members, list):
        return []
    return [
        (m["kommune"], str(m.get("rolle", "")))
        for m in members
        if isinstance(m, dict) and isinstance(m.get("kommune"), str)
    ]


@dataclass
class Relations:
    """Back-links between entries, computed once per build."""

    practices_by_kommune: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    practices_by_thema: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    practices_by_netzwerk: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kommunen_by_thema: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    netzwerke_by_kommune: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    size_class: dict[str, str | None] = field(default_factory=dict)


def relate(kb: KnowledgeBase) -> Relations:
    """Compute all back-links of a (valid) knowledge base."""
    rel = Relations()
    for slug, practice in sorted(kb.praxis.items()):
        for kommune in _slugs(practice, "kommunen"):
            rel.practices_by_kommune[kommune].append(slug)
        for thema in _slugs(practice, "themen"):
            rel.practices_by_thema[thema].append(slug)
        for netzwerk in _slugs(practice, "netzwerke"):
            rel.practices_by_netzwerk[netzwerk].append(slug)
    for slug, kommune in sorted(kb.kommunen.items()):
        rel.size_class[slug] = kommune_size_class(kommune)
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


def learn_from(kb: KnowledgeBase, rel: Relations, slug: str, limit: int = 5) -> list[Suggestion]:
    """Kommunen with practices on the topics `slug` wants to develop (its `lerninteressen`), ranked.

    Score: 3 per practice on a wanted topic; +1 same size class; +1 same Land; +0.5 already
    connected (shared network or partnership). Only Kommunen with at least one such practice count.
    """
    me = kb.kommunen[slug]
    wanted = _slugs(me, "lerninteressen")
    if not wanted:
        return []
    my_networks = set(rel.netzwerke_by_kommune.get(slug, []))
    partners = set(_slugs(me, "partnerkommunen"))
    results = []
    for other_slug, other in sorted(kb.kommunen.items()):
        if other_slug == slug:
            continue
        per_topic: dict[str, int] = {}
        for practice_slug in rel.practices_by_kommune.get(other_slug, []):
            for topic in _slugs(kb.praxis[practice_slug], "themen"):
                if topic in wanted:
                    per_topic[topic] = per_topic.get(topic, 0) + 1
        if not per_topic:
            continue
        reasons = []
        for topic, count in sorted(per_topic.items(), key=lambda item: (-item[1], item[0])):
            title = kb.themen[topic].title if topic in kb.themen else topic
            word = "Praxisbeispiel" if count == 1 else "Praxisbeispiele"
            reasons.append(f"{count} {word} zu {title}")
        score = 3.0 * sum(per_topic.values())
        if rel.size_class.get(other_slug) and rel.size_class.get(other_slug) == rel.size_class.get(slug):
            score += 1
            reasons.append("gleiche Größenklasse")
        if other.get("bundesland") == me.get("bundesland"):
            score += 1
            reasons.append(f"ebenfalls in {me.get('bundesland')}")
        if other_slug in partners:
            score += 0.5
            reasons.append("bereits Partnerkommune")
        elif my_networks & set(rel.netzwerke_by_kommune.get(other_slug, [])):
            score += 0.5
            reasons.append("bereits im selben Netzwerk")
        results.append(Suggestion(other_slug, score, tuple(reasons)))
    results.sort(key=lambda s: (-s.score, kb.kommunen[s.kommune].title))
    return results[:limit]
