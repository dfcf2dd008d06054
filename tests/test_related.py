"""Related practices: by what they share, best first, at most five, the same every build."""

from types import SimpleNamespace

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
