"""What the knowledge base offers for a request (pure): the practices, centres and
consented experts that share its themes, pillars, regions and languages.

Deterministic and explained: each match says what it shares with the request. A match
shares at least one theme (the subject of the request); pillars, regions and languages add
to its score. Ties are broken by id.
"""

from __future__ import annotations

from dataclasses import dataclass

from .coverage import available_languages
from .view import View

WEIGHTS = {"themes": 3, "pillars": 2, "regions": 1, "languages": 1}
MATCHES_PER_KIND = 5


@dataclass(frozen=True)
class Match:
    kind: str                      # practice, centre or expert
    record: object
    score: int
    shared: tuple                  # ((facet, value), ...) in the order of WEIGHTS


def _languages(view: View, kind: str, record) -> list[str]:
    """The languages a record can serve in: an expert's spoken ones, else those the
    record is fully written in."""
    if kind == "expert":
        return list(record.languages)
    return available_languages(view.coverage(record))


def _shared(view: View, request, kind: str, record) -> tuple:
    offered = {"themes": record.themes, "pillars": getattr(record, "pillars", []),
               "regions": getattr(record, "regions", []),
               "languages": _languages(view, kind, record)}
    return tuple((facet, value) for facet in WEIGHTS
                 for value in getattr(request, facet) if value in offered[facet])


def matches(view: View, request) -> dict[str, list[Match]]:
    """kind -> its best matches for `request`, best first."""
    candidates = {"practice": view.practices, "centre": list(view.centres.values()),
                  "expert": list(view.experts.values())}
    found = {}
    for kind, records in candidates.items():
        scored = []
        for record in records:
            shared = _shared(view, request, kind, record)
            if not any(facet == "themes" for facet, _ in shared):
                continue
            score = sum(WEIGHTS[facet] for facet, _ in shared)
            scored.append(Match(kind, record, score, shared))
        scored.sort(key=lambda match: (-match.score, match.record.id))
        found[kind] = scored[:MATCHES_PER_KIND]
    return found
