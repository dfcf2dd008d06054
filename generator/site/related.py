"""Practices related to a practice, by what they share: themes, organisations, countries
and pillars (pure). Deterministic: the same records give the same lists, best first, ties
by id; at most five, each with what it shares."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict

MOST = 5
# What sharing one value of a facet is worth: a theme or an organisation says more about
# what a practice does than a pillar, which a quarter of all practices share.
WEIGHTS = {"themes": 3, "organizations": 3, "countries": 2, "pillars": 1}


def _values(practice, facet: str) -> list:
    if facet == "countries":
        return list(dict.fromkeys(practice.lead_countries + practice.partner_countries))
    return list(getattr(practice, facet))


def related(practices) -> dict[str, list[tuple[object, list[tuple[str, object]]]]]:
    """Practice id -> [(related practice, [(facet, shared value)...])...], best first.

    Scores are counted by Counter.update over each shared value's list of practices (a
    loop in C: a Python loop over the pairs took 3 s for 1,000 practices that all name
    one organisation); what is shared is then worked out for the five kept only."""
    by_id = {practice.id: practice for practice in practices}
    index: dict[tuple[str, object], list[str]] = defaultdict(list)
    for practice in practices:
        for facet in WEIGHTS:
            for value in _values(practice, facet):
                index[(facet, value)].append(practice.id)
    found = {}
    for practice in practices:
        scores: Counter = Counter()
        for facet, weight in WEIGHTS.items():
            for value in _values(practice, facet):
                for _ in range(weight):
                    scores.update(index[(facet, value)])
        scores.pop(practice.id, None)
        best = heapq.nsmallest(MOST, scores, key=lambda i: (-scores[i], i))
        found[practice.id] = [(by_id[i], _shared(practice, by_id[i])) for i in best]
    return found


def _shared(practice, other) -> list[tuple[str, object]]:
    return [(facet, value) for facet in WEIGHTS for value in _values(practice, facet)
            if value in _values(other, facet)]
