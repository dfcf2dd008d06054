"""Practices related to a practice, by what they share: themes, organisations, countries
and pillars (pure). Deterministic: the same records give the same lists, best first, ties
by id; at most five, each with what it shares."""

from __future__ import annotations

from collections import defaultdict

MOST = 5
# What sharing one value of a facet is worth: a theme or an organisation says more about
# what a practice does than a pillar, which a quarter of all practices share.
WEIGHTS = {"themes": 3, "organizations": 3, "countries": 2, "pillars": 1}


def _values(practice, facet: str) -> list:
    if facet == "countries":
        return list(dict.fromkeys(practice.lead_countries + practice.partner_countries))
    return list(getattr(practice, facet))


def related(practices) -> dict[str, list[tuple[object, list[tuple[str, object]]]]]:
    """Practice id -> [(related practice, [(facet, shared value)...])...], best first."""
    index: dict[tuple[str, object], list] = defaultdict(list)
    for practice in practices:
        for facet in WEIGHTS:
            for value in _values(practice, facet):
                index[(facet, value)].append(practice)
    found = {}
    for practice in practices:
        scores: dict[str, int] = defaultdict(int)
        shared: dict[str, list] = defaultdict(list)
        others = {}
        for facet in WEIGHTS:
            for value in _values(practice, facet):
                for other in index[(facet, value)]:
                    if other.id != practice.id:
                        scores[other.id] += WEIGHTS[facet]
                        shared[other.id].append((facet, value))
                        others[other.id] = other
        best = sorted(scores, key=lambda i: (-scores[i], i))[:MOST]
        found[practice.id] = [(others[i], shared[i]) for i in best]
    return found
