"""The glossary of the trade (glossar.yml, data): terms and abbreviations with their expansions.

The search uses the terms as synonyms (`synonyms`): an entry that says "Allgemeiner Sozialer Dienst" is also
found with "ASD", one that says "HzE" also with "Hilfe zur Erziehung". Inflected forms of an expansion are
matched too ("des Allgemeinen Sozialen Dienstes"), each word by its stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from praxisatlas.domain.slug import slugify

GLOSSARY_FILE = Path(__file__).with_name("glossar.yml")


@dataclass(frozen=True)
class Term:
    """One glossary term: an abbreviation (`short`) with its expansion, or a term of its own."""

    short: str | None  # "HzE"; None for a term that is no abbreviation ("Inobhutnahme")
    expansion: str  # "Hilfe zur Erziehung"; for a term of its own, what it means in a few words
    term: str | None  # a term that is no abbreviation ("Care Leaver"), else None
    also: tuple[str, ...]  # further spellings, searched as the same term
    text: str  # one or two sentences in plain German
    source: dict  # titel, herausgeber, url (optional)

    @property
    def name(self) -> str:
        """What the glossary lists: the abbreviation, else the term."""
        return self.short or self.term or self.expansion

    @property
    def anchor(self) -> str:
        """Fragment of the term on the glossary page, e.g. 'hze'."""
        return f"begriff-{slugify(self.name)}"


@cache
def terms() -> tuple[Term, ...]:
    """Every term, sorted as the glossary lists them (case-insensitive, German umlauts as their vowels)."""
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))["begriffe"]
    result = []
    for item in data:
        term = item.get("begriff")
        result.append(Term(item.get("kurz"), item.get("lang") or term, term, tuple(item.get("auch") or ()),
                           " ".join(str(item["text"]).split()), item["quelle"]))
    return tuple(sorted(result, key=lambda t: sort_key(t.name)))


def sort_key(name: str) -> str:
    return name.casefold().translate(str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}))


_ENDING = re.compile(r"(e|en|er|es|em|n|s)$")


def _stem_pattern(phrase: str) -> str:
    """A phrase whose longer words may carry a German inflection ending: 'Allgemeiner Sozialer Dienst' also
    matches 'Allgemeinen Sozialen Dienstes', 'Hilfe zur Erziehung' also 'Hilfen zur Erziehung'."""
    words = []
    for word in phrase.split():
        if len(word) >= 5 and word.isalpha():
            words.append(re.escape(_ENDING.sub("", word)) + r"(?:e|en|er|es|em|n|s|ns|ens)?")
        else:
            words.append(re.escape(word))
    return r"\s+".join(words)


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    """(written-out forms, case-insensitive; abbreviations, case-sensitive), one alternation each; the group
    name says which term matched."""
    long_parts, short_parts = [], []
    for number, term in enumerate(terms()):
        forms = [_stem_pattern(term.term or term.expansion)] + [re.escape(a) for a in term.also]
        long_parts.append(f"(?P<t{number}>" + "|".join(forms) + ")")
        if term.short:
            short_parts.append(f"(?P<t{number}>{re.escape(term.short)})")
    edge_start, edge_end = r"(?<![\w-])", r"(?![\w-])"
    written = re.compile(edge_start + "(?:" + "|".join(long_parts) + ")" + edge_end, re.IGNORECASE)
    abbreviations = re.compile(edge_start + "(?:" + "|".join(short_parts) + ")" + edge_end)
    return written, abbreviations


def _found(pattern: re.Pattern, text: str) -> set[int]:
    return {int(m.lastgroup[1:]) for m in pattern.finditer(text) if m.lastgroup}


def synonyms(text: str) -> list[str]:
    """The glossary's other names for what `text` says: an abbreviation for each written-out term, the
    expansion for each abbreviation (each once, in glossary order)."""
    written, abbreviations = _patterns()
    by_long, by_short = _found(written, text), _found(abbreviations, text)
    result = []
    for number, term in enumerate(terms()):
        if number in by_long and term.short:
            result.append(term.short)
        if number in by_short and " " not in (term.short or ""):  # not for laws: "SGB VIII" is searched as such
            result.append(term.expansion)
    return list(dict.fromkeys(result))


@cache
def abbreviation_pattern() -> re.Pattern:
    """The glossary's abbreviations as whole words (longest first), for marking them in a text."""
    shorts = sorted({t.short for t in terms() if t.short}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in shorts) + r")(?![\w-])")


def expansion(short: str) -> str | None:
    """The expansion of an abbreviation, or None."""
    return next((t.expansion for t in terms() if t.short == short), None)
