"""Related practices: by what they share, best first, at most five, the same every build."""

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.related import MOST, related


def practice(id, themes=(), countries=(), pillars=(1,), organizations=()):
    return SimpleNamespace(id=id, themes=list(themes), lead_countries=list(countries),
                           partner_countries=[], pillars=list(pillars),
                           organizations=list(organizations))


def test_the_practices_sharing_most_come_first_and_say_what_they_share():
    a = practice("a", themes=["victims"], countries=["SEN"], organizations=["au"])
    b = practice("b", themes=["victims"], countries=["SEN"])
    c = practice("c", countries=["SEN"])
    d = practice("d", themes=["border"], pillars=[2])  # shares nothing with a
    found = related([a, b, c, d])
    assert [(p.id, shared) for p, shared in found["a"]] == [
        ("b", [("themes", "victims"), ("countries", "SEN"), ("pillars", 1)]),
        ("c", [("countries", "SEN"), ("pillars", 1)])]
    assert found["d"] == []


def test_at_most_five_ties_by_id_and_the_same_every_time():
    practices = [practice(f"p{n:02d}", themes=["victims"]) for n in range(12)]
    first = related(practices)
    assert [p.id for p, _ in first["p05"]] == ["p00", "p01", "p02", "p03", "p04"]
    assert len(first["p05"]) == MOST
    again = related(list(reversed(practices)))
    assert {k: [p.id for p, _ in v] for k, v in again.items()} == {
        k: [p.id for p, _ in v] for k, v in first.items()}


def _by_definition(practices):
    """Each pair's weighted count of shared values, sorted by score then id: the meaning of
    `related`, counted the slow way."""
    from generator.site.related import WEIGHTS, _values

    found = {}
    for one in practices:
        scores = {}
        for other in practices:
            score = sum(weight for facet, weight in WEIGHTS.items()
                        for value in _values(one, facet) if value in _values(other, facet))
            if other.id != one.id and score:
                scores[other.id] = score
        found[one.id] = sorted(scores, key=lambda i: (-scores[i], i))[:MOST]
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(
    st.sets(st.sampled_from(["victims", "border", "youth", "finance"])),
    st.sets(st.sampled_from(["SEN", "MLI", "IDN"])),
    st.sets(st.integers(1, 4), min_size=1),
    st.sets(st.sampled_from(["au", "asean", "unoct"]))), max_size=25))
def test_the_scores_counted_in_bit_planes_are_the_pairs_counted_one_by_one(drawn):
    practices = [practice(f"p{n:02d}", sorted(themes), sorted(countries), sorted(pillars),
                          sorted(organizations))
                 for n, (themes, countries, pillars, organizations) in enumerate(drawn)]
    found = related(list(reversed(practices)))
    assert {k: [p.id for p, _ in v] for k, v in found.items()} == _by_definition(practices)
