"""Practices related to a practice, by what they share: themes, organisations, countries
and pillars (pure). Deterministic: the same records give the same lists, best first, ties
by id; at most five, each with what it shares."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

MOST = 5
# What sharing one value of a facet is worth: a theme or an organisation says more about
# what a practice does than a pillar, which a quarter of all practices share.
WEIGHTS = {"themes": 3, "organizations": 3, "countries": 2, "pillars": 1}


def _values(practice, facet: str) -> tuple:
    if facet == "countries":
        return tuple(dict.fromkeys(practice.lead_countries + practice.partner_countries))
    return tuple(getattr(practice, facet))


class Related(Mapping):
    """Practice id -> [(related practice, [(facet, shared value)...])...], best first.
    Each list is made from the ids when first asked for: a save under `sskb serve` renders
    a few practice pages again, and what tells which (`ids`) needs the ids only."""

    def __init__(self, found: dict, by_id: dict):
        self._found, self._by_id, self._made = found, by_id, {}

    def __getitem__(self, practice_id: str) -> list:
        made = self._made.get(practice_id)
        if made is None:
            made = self._made[practice_id] = [(self._by_id[other], shared)
                                              for other, shared in self._found[practice_id]]
        return made

    def __iter__(self):
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def ids(self, practice_id: str) -> list[str]:
        """The ids of the practices related to `practice_id`, best first."""
        return [other for other, _ in self._found.get(practice_id, ())]


def related(practices) -> Related:
    """The practices related to each practice (see `Related`). Worked out from what the
    practices share only (`_related_ids`), which `sskb serve` finds unchanged by most
    saves: the last answer is kept."""
    found = _related_ids(tuple(sorted(
        (practice.id, tuple(_values(practice, facet) for facet in WEIGHTS))
        for practice in practices)))
    return Related(found, {practice.id: practice for practice in practices})


@lru_cache(maxsize=1)
def _related_ids(facets: tuple) -> dict[str, list[tuple[str, list[tuple[str, object]]]]]:
    """Practice id -> [(related id, what they share)...], from (id, values of each facet
    of WEIGHTS) by id.

    Each facet's value is the set of practices that have it, as the bits of an integer
    (bit n: the n-th practice by id), and a practice's scores against all the others are
    counted in bit planes (plane k: the practices whose score has bit k), so that Python's
    integer operations count for every practice at once: counting each pair in a Counter
    grew with the square of the practices (a pillar is shared by a quarter of them), 0.65 s
    for 1,000 and a minute for 10,000. What is shared is worked out for the five kept."""
    having: dict[tuple[str, object], int] = defaultdict(int)
    for n, (_, values) in enumerate(facets):
        for facet, facet_values in zip(WEIGHTS, values):
            for value in facet_values:
                having[(facet, value)] |= 1 << n
    found = {}
    for n, (practice_id, values) in enumerate(facets):
        planes: list[int] = []
        for (facet, weight), facet_values in zip(WEIGHTS.items(), values):
            for value in facet_values:
                _add(planes, having[(facet, value)], weight)
        others = 0
        for plane in planes:
            others |= plane
        found[practice_id] = [(facets[i][0], _shared(values, facets[i][1]))
                              for i in _best(planes, others & ~(1 << n), MOST)]
    return found


def _add(planes: list[int], members: int, weight: int) -> None:
    """Add `weight` to the score of each of `members`, in the bit planes."""
    for shift in range(weight.bit_length()):
        if not weight >> shift & 1:
            continue
        carry, k = members, shift
        while carry:
            planes.extend([0] * (k + 1 - len(planes)))
            planes[k], carry = planes[k] ^ carry, planes[k] & carry
            k += 1


def _best(planes: list[int], candidates: int, most: int) -> list[int]:
    """The bits of the `most` highest scores among `candidates`, ties to the lowest bit
    (the first id)."""
    chosen = []
    while candidates and len(chosen) < most:
        top = candidates  # narrowed, plane by plane from the highest, to the best score
        for plane in reversed(planes):
            if top & plane:
                top &= plane
        while top and len(chosen) < most:
            lowest = top & -top
            chosen.append(lowest.bit_length() - 1)
            top ^= lowest
            candidates ^= lowest
    return chosen


def _shared(values: tuple, others: tuple) -> list[tuple[str, object]]:
    return [(facet, value) for facet, mine, theirs in zip(WEIGHTS, values, others)
            for value in mine if value in theirs]
