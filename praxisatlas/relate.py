"""Relations derived from the model: size classes, back-links, partners. Never typed by hand."""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from praxisatlas.domain import dates, fast_paths
from praxisatlas.domain.currency import newest_source_date
from praxisatlas.domain.dated import profile_dating
from praxisatlas.domain.dates import german_date
from praxisatlas.domain.laws import Norm, citations_in_text, norm, norm_of
from praxisatlas.domain.model import Entry, KnowledgeBase, network_members
from praxisatlas.domain.youth_office import ServedPopulation, all_served_populations, towns_with_own_office

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


def kommune_size_class(kommune: Entry, kb: KnowledgeBase | None = None) -> str | None:
    """The size class of a Kommune's Jugendamt, from the population it serves (domain/youth_office.py); without
    `kb` only the profile itself is known (so a Kreisjugendamt's figure cannot be computed from its towns)."""
    if kb is None:
        kb = KnowledgeBase(Path("."))
        kb.kommunen[kommune.slug] = kommune
    served = all_served_populations(kb).get(kommune.slug)
    return size_class(served.anzahl) if served else None


PRACTICE_TYPES = ("Praxisbeispiel", "Programm/Förderangebot", "Austauschformat")


def main_topic(practice: Entry) -> str | None:
    """A practice's main topic: its `hauptthema` (one of its `themen`, checked by the validator), else its first
    topic; None without topics."""
    topics = _slugs(practice, "themen")
    main = practice.get("hauptthema")
    if isinstance(main, str) and main in topics:
        return main
    return topics[0] if topics else None


def practice_type(practice: Entry) -> str:
    """The entry type of a practice (`art`); Praxisbeispiel when not given."""
    value = practice.get("art")
    return value if isinstance(value, str) and value in PRACTICE_TYPES else PRACTICE_TYPES[0]


@dataclass(frozen=True)
class NormUse:
    """One cited paragraph and the entries that rest on it: practices and topics through their
    `rechtsgrundlagen`, networks through their title or description ("Werkstatt nach § 79a SGB VIII")."""

    norm: Norm
    praxis: tuple[str, ...] = ()
    thema: tuple[str, ...] = ()
    netzwerk: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.praxis) + len(self.thema) + len(self.netzwerk)


def norm_uses(kb: KnowledgeBase) -> dict[str, NormUse]:
    """Every known paragraph some entry cites, by its slug, in the order of the index (law, then number)."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    norms: dict[str, Norm] = {}
    for kind in ("praxis", "thema"):
        for slug, entry in sorted(kb.entries[kind].items()):
            for reference in _slugs(entry, "rechtsgrundlagen"):
                if (known := norm_of(reference)) is not None and slug not in found[known.slug][kind]:
                    norms[known.slug] = known
                    found[known.slug][kind].append(slug)
    for slug, network in sorted(kb.netzwerke.items()):
        text = f"{network.title}\n{network.get('beschreibung') or ''}"
        for citation in citations_in_text(text):
            if (known := norm(citation)) is not None and slug not in found[known.slug]["netzwerk"]:
                norms[known.slug] = known
                found[known.slug]["netzwerk"].append(slug)
    ordered = sorted(norms.values(), key=lambda n: n.sort_key)
    return {n.slug: NormUse(n, *(tuple(found[n.slug][k]) for k in ("praxis", "thema", "netzwerk"))) for n in ordered}


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
    # Kommune -> population its Jugendamt serves (None: unknown); the size class comes from it
    served: dict[str, ServedPopulation | None] = field(default_factory=dict)
    # Kreis -> the profiles naming it under `kreis` that have their own Jugendamt
    towns_with_office: dict[str, list[str]] = field(default_factory=dict)
    # Kommune -> its own topics (profile `themen`, from its own sources) and the topics it reaches only
    # through a practice it took part in: two different things, shown and weighed apart
    own_topics: dict[str, list[str]] = field(default_factory=dict)
    topics_via_practice: dict[str, list[str]] = field(default_factory=dict)
    kommunen_via_practice_by_thema: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # practice -> date of its newest source (JJJJ[-MM[-TT]]), None if no source is dated
    source_date: dict[str, str | None] = field(default_factory=dict)
    # topic -> (points, Kommune) for every Kommune with points on it, most points first (rank_partners' index)
    topic_leaders: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    # cited paragraph (slug) -> the practices, topics and networks citing it (rechtsgrundlagen/ pages)
    norm_uses: dict[str, NormUse] = field(default_factory=dict)


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
        rel.source_date[slug] = newest_source_date(practice)
    rel.served = all_served_populations(kb)
    rel.towns_with_office = dict(towns_with_own_office(kb))
    for slug, kommune in sorted(kb.kommunen.items()):
        served = rel.served.get(slug)
        rel.size_class[slug] = size_class(served.anzahl) if served else None
        rel.ranking_keys[slug] = (kommune.title.casefold(), kommune.get("bundesland"))
        own = [t for t in dict.fromkeys(_slugs(kommune, "themen")) if t in kb.themen]
        rel.own_topics[slug] = own
        for thema in own:
            rel.kommunen_by_thema[thema].append(slug)
        reached = dict.fromkeys(t for p in rel.practices_by_kommune.get(slug, [])
                                for t in _slugs(kb.praxis[p], "themen") if t in kb.themen and t not in own)
        rel.topics_via_practice[slug] = sorted(reached, key=lambda t: kb.themen[t].title.casefold())
        for thema in reached:
            rel.kommunen_via_practice_by_thema[thema].append(slug)
    for slug, network in sorted(kb.netzwerke.items()):
        for kommune, _role in network_members(network):
            rel.netzwerke_by_kommune[kommune].append(slug)
    for thema in kb.themen:
        counts, own = rel.practice_topics.get(thema, {}), set(rel.kommunen_by_thema.get(thema, ()))
        points = ((topic_points(slug in own, counts.get(slug, 0)), slug) for slug in own.union(counts))
        rel.topic_leaders[thema] = sorted(((p, slug) for p, slug in points if p > 0), key=lambda x: (-x[0], x[1]))
    rel.norm_uses = norm_uses(kb)
    return rel


@dataclass(frozen=True)
class Suggestion:
    """A Kommune to learn from, with its score and the reasons in words."""

    kommune: str
    score: float
    reasons: tuple[str, ...]


OWN_TOPIC_POINTS = 2  # the Kommune works on the topic itself (its profile, from its own sources)
OWN_PRACTICE_POINTS = 3  # per practice on a topic of its own
VIA_PRACTICE_POINTS = 1  # per practice on a topic it reaches only through that practice

SCORING = """Punkte je Kommune und gesuchtem Thema: 2, wenn die Kommune laut ihrem eigenen Profil selbst an dem
Thema arbeitet, dazu 3 je Praxisbeispiel zu diesem Thema; ist sie nur über ein Praxisbeispiel an dem Thema
beteiligt (es steht nicht in ihrem Profil), 1 je solchem Praxisbeispiel. Praxisbeispiele, an denen die eigene
Kommune selbst beteiligt ist, zählen nicht. Dazu +1 bei gleicher Größenklasse (aus den Einwohnern im
Zuständigkeitsbereich des Jugendamts); +1 im selben Bundesland; +0,5 wenn schon Partnerkommune oder im selben
Netzwerk. Kommunen ohne Bezug zu einem gesuchten Thema erscheinen nicht. Bei gleicher Punktzahl entscheidet
der Name."""


def topic_points(own: bool, practices: int) -> float:
    """Points for one wanted topic (SCORING): own topics weigh more than topics reached via a practice."""
    if own:
        return OWN_TOPIC_POINTS + OWN_PRACTICE_POINTS * practices
    return VIA_PRACTICE_POINTS * practices


MAX_BONUS = 2.5  # size class + Land + partner or network (SCORING)


def rank_partners(kb: KnowledgeBase, rel: Relations, topics: list[str], size: str | None = None,
                  land: str | None = None, me: str | None = None, limit: int = 10,
                  exhaustive: bool | None = None) -> list[Suggestion]:
    """Kommunen to learn from for `topics`, ranked by SCORING (the Partnersuche page's script does the same).

    Candidates are scored in order of their points per topic (`rel.topic_leaders`), and scoring stops once no
    candidate not yet scored can reach the `limit` best (its points on each topic are at most those at the
    current depth, plus MAX_BONUS): one Kommune's suggestions no longer score every other Kommune, so the site
    build stays linear in the number of Kommunen. `exhaustive` scores every candidate (the same result,
    tests/test_partnersuche.py compares them). The reasons in words are made only for the `limit` best."""
    wanted = [t for t in dict.fromkeys(topics) if t in kb.themen]
    if not wanted:
        return []
    if exhaustive is None:
        exhaustive = not fast_paths.current().partner_ranking_bounds
    my_networks = set(rel.netzwerke_by_kommune.get(me, [])) if me else set()
    partners = set(_slugs(kb.kommunen[me], "partnerkommunen")) if me else set()
    # practices `me` takes part in teach it nothing new: they do not count for the other Kommunen in them
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for practice_slug in rel.practices_by_kommune.get(me, []) if me else []:
        for other_slug in _slugs(kb.praxis[practice_slug], "kommunen"):
            for topic in _slugs(kb.praxis[practice_slug], "themen"):
                shared[(other_slug, topic)] += 1
    own = {topic: set(rel.kommunen_by_thema.get(topic, ())) for topic in wanted}
    keys, size_class, networks = rel.ranking_keys, rel.size_class, rel.netzwerke_by_kommune

    def score(slug: str) -> float | None:
        total = 0.0
        for topic in wanted:
            points = topic_points(slug in own[topic],
                                  rel.practice_topics.get(topic, {}).get(slug, 0) - shared.get((slug, topic), 0))
            if points > 0:
                total += points
        if total <= 0:
            return None
        _, other_land = keys[slug]
        if size and size_class.get(slug) == size:
            total += 1
        if land and other_land == land:
            total += 1
        if slug in partners or (my_networks and my_networks.intersection(networks.get(slug, ()))):
            total += 0.5
        return total

    leaders = [rel.topic_leaders.get(topic, []) for topic in wanted]
    ranked: list[tuple[float, str, str]] = []
    seen: set[str] = {me} if me else set()
    depth, next_check = 0, limit
    while any(depth < len(column) for column in leaders):
        for column in leaders:
            if depth < len(column) and (slug := column[depth][1]) not in seen:
                seen.add(slug)
                value = score(slug) if slug in keys else None
                if value is not None:
                    ranked.append((-value, keys[slug][0], slug))
        depth += 1
        if not exhaustive and len(ranked) >= limit and depth >= next_check:
            next_check *= 2  # the bound is checked at doubling depths: cheap, and never too early
            bound = sum(column[depth][0] for column in leaders if depth < len(column)) + MAX_BONUS
            if -heapq.nsmallest(limit, ranked)[-1][0] > bound:
                break
    best = heapq.nsmallest(limit, ranked)
    return [_suggestion(kb, rel, slug, -negative, _per_topic(rel, slug, wanted, shared), size, land, partners,
                        my_networks) for negative, _, slug in best]


def _per_topic(rel: Relations, slug: str, wanted: list[str],
               shared: dict[tuple[str, str], int]) -> dict[str, tuple[bool, int]]:
    """Topic -> (own topic?, practices that count) for the wanted topics that give `slug` points."""
    own = set(rel.own_topics.get(slug, ()))
    result = {}
    for topic in wanted:
        count = rel.practice_topics.get(topic, {}).get(slug, 0) - shared.get((slug, topic), 0)
        if topic_points(topic in own, count) > 0:
            result[topic] = (topic in own, count)
    return result


def topic_reason(title: str, own: bool, count: int) -> str:
    """The reason in words for one topic (the page's script words it the same way)."""
    word = "Praxisbeispiel" if count == 1 else "Praxisbeispiele"
    if own:
        return f"arbeitet selbst an {title}" + (f" ({count} {word})" if count else "")
    return f"über {count} {word} an {title} beteiligt"


def _suggestion(kb: KnowledgeBase, rel: Relations, slug: str, score: float, per_topic: dict[str, tuple[bool, int]],
                size: str | None, land: str | None, partners: set[str], my_networks: set[str]) -> Suggestion:
    """The reasons in words for one ranked Kommune (same order of reasons as the page's script)."""
    order = sorted(per_topic.items(), key=lambda item: (-topic_points(*item[1]), kb.themen[item[0]].title))
    reasons = [topic_reason(kb.themen[topic].title, own, count) for topic, (own, count) in order]
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


def partner_index(kb: KnowledgeBase, rel: Relations, today: dt.date | None = None) -> dict:
    """Compact data for the Partnersuche and Vergleich pages (read by our small scripts)."""
    today = today or dates.today()
    kommunen = {slug: _partner_record(kb, rel, slug, k, today) for slug, k in sorted(kb.kommunen.items())}
    return {"themen": {s: t.title for s, t in sorted(kb.themen.items())},
            "netzwerke": {s: n.title for s, n in sorted(kb.netzwerke.items())},
            "groessenklassen": SIZE_CLASSES, "kommunen": kommunen}


def _partner_record(kb: KnowledgeBase, rel: Relations, slug: str, k: Entry, today: dt.date) -> dict:
    topic_counts: dict[str, int] = {}
    for practice_slug in rel.practices_by_kommune.get(slug, []):
        for topic in _slugs(kb.praxis[practice_slug], "themen"):
            topic_counts[topic] = topic_counts.get(topic, 0) + 1
    figure = k.get("einwohner") if isinstance(k.get("einwohner"), dict) else {}
    served = rel.served.get(slug)
    office = k.get("jugendamt") if isinstance(k.get("jugendamt"), dict) else {}
    dating = profile_dating(k, today)
    return {
        "name": k.title, "sortname": k.title.casefold(), "url": k.url, "art": k.get("art"),
        "ags": k.get("ags") if isinstance(k.get("ags"), str) else None,  # the chooser matches it too
        "kreis": kb.kommunen[k.get("kreis")].title if k.get("kreis") in kb.kommunen else None,
        "land": k.get("bundesland"), "klasse": rel.size_class.get(slug), "einwohner": figure.get("anzahl"),
        "einwohner_beleg": f"Stand {german_date(figure.get('stand')) or 'nicht angegeben'}; "
                           f"Quelle: {figure.get('quelle')}" if figure else None,
        "jugendamt": office_summary(office),
        "jugendamt_einwohner": served.anzahl if served else None,
        "jugendamt_einwohner_beleg": served_note(served) if served else None,
        "praxis_themen": topic_counts, "lerninteressen": _slugs(k, "lerninteressen"),
        "themen": rel.own_topics.get(slug, []), "themen_ueber_praxis": rel.topics_via_practice.get(slug, []),
        "netzwerke": rel.netzwerke_by_kommune.get(slug, []),
        "partner": _slugs(k, "partnerkommunen"),
        "praxis": [{"kurzname": p, "titel": kb.praxis[p].title, "url": kb.praxis[p].url,
                    "themen": _slugs(kb.praxis[p], "themen")} for p in rel.practices_by_kommune.get(slug, [])],
        "zentrale_themen": k.get("zentrale_themen") or [], "ergebnisse": k.get("ergebnisse") or [],
        "in_planung": k.get("in_planung") or [],
        "angaben_stand": dating.label if dating else None, "plaene_veraltet": bool(dating and dating.stale),
        "altersstruktur": (k.get("altersstruktur") or {}).get("gruppen") or [],
    }


def office_summary(office: dict) -> str | None:
    """The Jugendamt in a few words: its kind and Landesjugendamt, or that there is none."""
    if office.get("vorhanden") is False:
        return "kein eigenes Jugendamt"
    if office.get("vorhanden") is not True:
        return None
    parts = [str(office.get("art") or "Jugendamt")]
    if office.get("landesjugendamt"):
        parts.append(str(office["landesjugendamt"]))
    return ", ".join(parts)


def served_note(served: ServedPopulation) -> str:
    """Stichtag and source of a served population, saying how it was obtained ("berechnet" when computed)."""
    stand = german_date(served.stand) or "nicht angegeben"
    how = "" if served.herleitung == "angegeben" else f"{served.herleitung}; "
    computed = "berechnet: " if served.berechnet else ""
    return f"{computed}{how}Stand {stand}; Quelle: {served.quelle}"
