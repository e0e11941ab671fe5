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

from praxisatlas.domain import fast_paths
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


_PLAIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzäöüß0123456789_")
_OWN_CASE_RULES = "İıſ"  # letters that match one of those ignoring case although str.lower() says otherwise


@dataclass(frozen=True)
class _Scan:
    """The glossary's forms as one alternation (the plain way), and each term alone with the first letters of
    its forms (the fast way, `found`)."""

    pattern: re.Pattern  # (?<![\w-])(?:(?P<t0>…)|(?P<t1>…)|…)(?![\w-]); the group name says which term
    terms: tuple[tuple[int, re.Pattern, frozenset[str]], ...]  # (term number, its forms alone, first letters)
    fold: bool  # the patterns ignore case
    exact: bool  # every form begins with plain letters, so `found` can look them up

    def found(self, text: str) -> set[int]:
        """Numbers of the terms found in `text`, the same as `pattern.finditer` finds (the plain way).

        The alternation tries every term at every word (10x corpus: 45 of the 75 s for all search records). The
        fast way finds where each term's first letters stand (str.find), tries the term there, and then takes
        the matches as finditer takes them: the leftmost first, at one place the earlier term, then on after
        its end."""
        hay = text.lower() if self.fold else text
        if not (self.exact and fast_paths.current().synonym_scan) or len(hay) != len(text) or (
                self.fold and any(letter in text for letter in _OWN_CASE_RULES)):
            return _found(self.pattern, text)
        matches = []
        for order, (number, pattern, prefixes) in enumerate(self.terms):
            for prefix in prefixes:
                start = hay.find(prefix)
                while start != -1:
                    match = pattern.match(text, start)
                    if match:
                        matches.append((start, order, match.end(), number))
                    start = hay.find(prefix, start + 1)
        found: set[int] = set()
        end = 0
        for start, _, match_end, number in sorted(matches):
            if start >= end:
                found.add(number)
                end = max(match_end, start + 1)
        return found


@cache
def _patterns() -> tuple[_Scan, _Scan]:
    """(written-out forms, case-insensitive; abbreviations, case-sensitive)."""
    written, abbreviations = [], []
    for number, term in enumerate(terms()):
        first = term.term or term.expansion
        written.append((number, [_stem_pattern(first)] + [re.escape(a) for a in term.also], [first, *term.also]))
        if term.short:
            abbreviations.append((number, [re.escape(term.short)], [term.short]))
    return _scan_of(written, fold=True), _scan_of(abbreviations, fold=False)


def _scan_of(parts: list[tuple[int, list[str], list[str]]], fold: bool) -> _Scan:
    """(term number, patterns, literal forms) in glossary order -> the scan. A form's first word is matched
    literally (its stem keeps at least three letters; words are joined by \\s+), so a match of the form begins
    with the first three letters of that word."""
    flags = re.IGNORECASE if fold else 0
    edges = _EDGE_START + "(?:{})" + _EDGE_END
    pattern = re.compile(edges.format("|".join(f"(?P<t{n}>" + "|".join(forms) + ")" for n, forms, _ in parts)),
                         flags)
    terms, exact = [], True
    for number, forms, literal in parts:
        firsts = {form.split()[0][:3] if form.split() else "" for form in literal}
        exact = exact and all(first and set(first.lower()) <= _PLAIN_LETTERS for first in firsts)
        terms.append((number, re.compile(edges.format("|".join(forms)), flags),
                      frozenset(first.lower() if fold else first for first in firsts)))
    return _Scan(pattern, tuple(terms), fold, exact)


_EDGE_START, _EDGE_END = r"(?<![\w-])", r"(?![\w-])"


def _found(pattern: re.Pattern, text: str) -> set[int]:
    return {int(m.lastgroup[1:]) for m in pattern.finditer(text) if m.lastgroup}


def synonyms(text: str) -> list[str]:
    """The glossary's other names for what `text` says: an abbreviation for each written-out term, the
    expansion for each abbreviation (each once, in glossary order)."""
    written, abbreviations = _patterns()
    by_long, by_short = written.found(text), abbreviations.found(text)
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
