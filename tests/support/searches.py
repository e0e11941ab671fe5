"""The searches a person types, with the pages they must find (shared by the one-index and the parts tests)."""

from __future__ import annotations

SEARCHES = {  # query -> pages that must all be among the first three hits (the first listed: the first hit, if "!")
    # a topic first for its own name (issue #26: it was 5th behind network pages) and for the words people use
    "Kinderschutz": ["!themen/kinderschutz/", "praxis/kinderschutz-netzwerk-lippe/"],
    "Jugendberufshilfe": ["!themen/junge-menschen-u25-jobcenter/"],
    "Visitation": ["praxis/kollegiale-visitation-kovis/", "netzwerke/kovis-team-1/"],
    "Jobcenter": ["!themen/junge-menschen-u25-jobcenter/", "praxis/kooperationsvereinbarung-herten-jobcenter/"],
    "Kita-Plätze": ["!themen/kita-plaetze/"],
    # one word for the hyphenated compound, and a synonym from the topic's "schlagworte"
    "Kitaplätze": ["!themen/kita-plaetze/"],
    # a word three Kita topics use as a search term: the three topics first, in any order
    "Kindertagesstätte": ["themen/kita-plaetze/", "themen/sprachfoerderung-kita/",
                          "themen/kinder-aus-zugewanderten-familien-kita/"],
    # legal references: the entries citing them first (weighted in the records)
    # the paragraph's own page first (rechtsgrundlagen/), then the entries that cite it
    "§ 8a": ["!rechtsgrundlagen/sgb-viii-8a/", "themen/kinderschutz/"],
    "8a SGB VIII": ["!rechtsgrundlagen/sgb-viii-8a/", "themen/kinderschutz/"],
    "§ 79a": ["!rechtsgrundlagen/sgb-viii-79a/", "netzwerke/qe-werkstatt-79a-cluster-1/"],
    # abbreviations, through the topics' "schlagworte" (data, not code)
    "HzE": ["!themen/hilfe-zur-erziehung/"],
    "U25": ["!themen/junge-menschen-u25-jobcenter/"],
    "KoVis": ["praxis/kollegiale-visitation-kovis/", "netzwerke/kovis-team-1/"],
    "ASD": ["!themen/kinderschutz/"],
}
