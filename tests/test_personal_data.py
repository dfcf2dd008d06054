"""An audit that recognises people: names, emails and phones written otherwise than in the
record are still found, in every file a build writes; and withdrawing consent leaves no
trace in the next build."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import build_site, make_project
from test_consent import everything

from generator.build.audit import audit_site
from generator.kb.people import (PersonalData, Withheld, email_pattern, fold, name_pattern,
                                 phone_pattern)

WITHHELD = Withheld("expert-0042", (name_pattern("Amina Koné (fictional example)"),
                                    name_pattern("陈伟"), name_pattern("راشد الأمين")),
                    (email_pattern("amina.kone@example.org"),
                     phone_pattern("+221 77 444 55 66")))
PEOPLE = PersonalData(frozenset({"editors@example.org"}), frozenset({"+221338000001"}),
                      (WITHHELD,))


@pytest.mark.parametrize("text", [
    "Amina Koné", "amina kone", "KONÉ, Amina", "Amina\u00a0Kone\u0301", "Ami\u00adna Ko\u200dné",
    "AminaKoné", "Ａｍｉｎａ Ｋｏｎé", "amina.kone@example.org", "amina.kone＠example.org",
    "amina.kone (at) example (dot) org", "amina.kone&#64;example.org",
    "+221 77 444 55 66", "00221 77 444 55 66", "77 444 55 66", "0774445566", "77.444.55.66",
    "专家陈伟表示", "وراشد الامين", "وراشِد الأمين",
])
def test_a_withheld_person_is_recognised_however_written(text):
    import html

    assert [s.expert_id for s in PEOPLE.sightings(fold(html.unescape(text)))][:1] == [
        "expert-0042"]


@pytest.mark.parametrize("text", [
    "Caminakone", "Amina Konate", "the editors: editors@example.org", "call +221 33 800 00 01",
    "in 2006 and 2016, 100 000 people", "1,000 000", "Mina Kone",
])
def test_others_are_not_taken_for_them(text):
    assert PEOPLE.sightings(fold(text)) == []


@pytest.mark.parametrize("text", ["write to some.one@example.net", "ring +44 20 7946 0958",
                                  "ring 0044 20 7946 0958", "some.one＠example.net"])
def test_a_contact_of_nobody_is_refused_too(text):
    assert [s.message for s in PEOPLE.sightings(fold(text))] and all(
        s.expert_id is None for s in PEOPLE.sightings(fold(text)))


def test_phones_are_found_where_they_are_in_a_long_text():
    # The matcher reads only around each plus that a digit follows: numbers far into a text
    # full of other digits, in brackets, and run across signs, are each found, at their
    # place, and a plus before anything but digits finds nothing.
    filler = "in 2006, 2016 and 2020: 1,000 people; a+b; c++; x + y = 42.\n" * 200
    numbers = ["ring (+44) 20 7946 0958 now", "fax: +(44) 20-7946-0959", "ring +44 20 7946 0957"]
    text = fold(filler + "\n".join(numbers[:2]) + "\n" + filler + numbers[2])
    found = PEOPLE.sightings(text)
    assert [text[s.start:s.start + 4] for s in found] == ["(+44", "+(44", "+44 "]
    assert [text.count("\n", 0, s.start) for s in found] == [200, 201, 402]
    assert PEOPLE.sightings(fold(filler)) == []
    # The shortest numbers are still found; a record's id is not a number.
    assert len(PEOPLE.sightings(fold("Tokelau: +690 3456."))) == 1
    assert PEOPLE.sightings(fold("../practice-00103/ ../practice-00119/")) == []


def fragment(data: dict) -> bytes:
    return gzip.compress(b"pagefind_dcd" + json.dumps(data).encode())


@pytest.mark.parametrize("name, content", [
    ("en/pagefind/fragment/en_1.pf_fragment",
     fragment({"url": "/practices/x/", "content": "Led by Amina Kon\u00e9.",
               "meta": {"title": "x"}})),
    ("en/pagefind/fragment/en_2.pf_fragment",
     fragment({"url": "/x/", "content": "", "meta": {"title": "The Koné, Amina programme"}})),
    ("en/sitemap.xml", b"<urlset><url><loc>https://kb.example/en/experts/amina-kone/</loc>"
                       b"</url></urlset>"),
    ("en/sitemap.xml.gz", gzip.compress(b"<urlset><url><loc>https://kb.example/en/x/</loc>"
                                        b"<note>amina.kone&#64;example.org</note></url></urlset>")),
    ("en/data/experts.json", json.dumps({"phone": "00221 77 444 55 66"}).encode()),
    ("en/data/practices.csv", "\ufeffid,text\nx,Contact 77 444 55 66\n".encode()),
    ("en/feed.atom", b"<feed><entry><title>Amina Kon&#233;</title></entry></feed>"),
])
def test_every_file_a_build_writes_is_read_for_people(tmp_path, name, content):
    path = tmp_path / name
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    findings = audit_site(tmp_path, PEOPLE)
    assert [(f.path, f.code) for f in findings] == [(name, "personal-data")]
    assert "expert-0042" in findings[0].message


def test_a_search_part_vocabulary_is_not_read_as_text_its_words_side_by_side(tmp_path):
    """A search part's vocabulary page holds the indexed pages' words, each audited with
    its page, sorted: "Amina" and "Koné" side by side there are no one's name. Its other
    fields are read; the same text on any other page is a finding."""
    folder = tmp_path / "en" / "pagefind" / "part-1" / "fragment"
    folder.mkdir(parents=True)
    words = "Amina Koné"
    (folder / "en_1.pf_fragment").write_bytes(fragment(
        {"url": "/sskb-vocabulary/", "content": words, "meta": {}}))
    assert audit_site(tmp_path, PEOPLE) == []
    (folder / "en_1.pf_fragment").write_bytes(fragment(
        {"url": "/sskb-vocabulary/", "content": "", "meta": {"title": words}}))
    (folder / "en_2.pf_fragment").write_bytes(fragment(
        {"url": "/practices/x/", "content": words, "meta": {}}))
    assert [f.path for f in audit_site(tmp_path, PEOPLE)] == [
        "en/pagefind/part-1/fragment/en_1.pf_fragment",
        "en/pagefind/part-1/fragment/en_2.pf_fragment"]


def test_a_page_is_read_whole_attributes_and_source_included(tmp_path):
    page = tmp_path / "en" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html><head><meta name="description" content="With Amina Koné">'
                    "</head><body>\n<p>One\n<b>Amina</b> Koné</p>\n<!-- amina.kone@example.org -->"
                    '\n<img alt="KONE Amina" src="../a.png"></body></html>')
    findings = audit_site(tmp_path, PEOPLE)
    assert [(f.line, f.code) for f in findings] == [(1, "personal-data"), (3, "personal-data"),
                                                   (4, "personal-data"), (5, "personal-data")]


def test_withdrawing_consent_removes_every_trace(tmp_path):
    """A published profile, named by a practice; the person withdraws: the editor records it
    and seals what says who they are. The next build, into the same site, shows nothing of
    them anywhere: pages, search index, sitemap, back-links, the generated Markdown."""
    root = make_project(tmp_path / "kb")
    expert = root / "content" / "experts" / "example-expert-0042.yaml"
    expert.write_text("id: example-expert-0042\nstatus: published\nexample: true\n"
                      "original_language: en\nname: Qorvina Withdrawer\nconsent:\n"
                      "  profile: true\n  contact: true\n  given_on: 2026-01-01\n"
                      "country: SEN\ncontact:\n  email: qorvina.w@example.org\n"
                      "  phone: \"+221 77 555 66 77\"\n")
    practice = root / "practices" / "test-border-practice.yaml"
    practice.write_text(practice.read_text().replace(
        "experts: [example-test-expert]", "experts: [example-test-expert, example-expert-0042]"))
    build_site(root, languages=("en", "fr"))
    before = everything(root / "site")
    assert "Qorvina Withdrawer" in before and "qorvina.w@example.org" in before
    assert "experts/example-expert-0042/" in before

    from generator.authoring.seal import seal_file

    expert.write_text(expert.read_text().replace("  profile: true\n  contact: true",
                                                 "  profile: false\n  contact: false")
                      .replace("status: published", "status: archived"))
    assert seal_file(root, expert) == ["name", "country", "contact"]
    build_site(root, languages=("en", "fr"))
    after = everything(root / "site") + everything(root / "build")
    for trace in ("Qorvina", "qorvina.w", "555 66 77", "775556677", "example-expert-0042"):
        assert trace not in after, trace
    page = (root / "site" / "fr" / "practices" / "test-border-practice" / "index.html").read_text()
    assert "un expert du réseau" in page


def _example_numbers() -> list[str]:
    import phonenumbers

    numbers = (phonenumbers.example_number(region) for region in
               sorted(phonenumbers.SUPPORTED_REGIONS))
    return [phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
            for number in numbers if number]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(_example_numbers()).map(lambda n: n.replace("+", "00")),
                 st.text(alphabet="0123456789 -./()", max_size=16).map(lambda t: "00" + t)),
       st.text(alphabet="0123456789 -/()ab", max_size=8),
       st.text(alphabet="0123456789 -/)ab", max_size=6))
def test_a_00_passed_over_holds_no_number_the_matcher_would_find(number, before, after):
    """`00` is read as a plus only where digits enough stand around it to make a number:
    a text passed over by that test holds none that reading it anyway would find."""
    import phonenumbers

    from generator.kb import people

    text = f"{before}{number}{after}"
    if people._international_00(text) or people._plus_digit(text):
        return
    read = people._INTERNATIONAL_00.sub("+", text)  # as if the test had said yes
    assert [match.raw_string for _, part in people._around_pluses(read)
            for match in phonenumbers.PhoneNumberMatcher(part, None)] == []


def test_an_address_s_00_is_no_number():
    from generator.kb.people import _international_00

    assert not _international_00('<a href="../practice-00103/">x</a>')
    assert _international_00("call 00221 77 444 55 66")
    assert _international_00("(0) 0033 1 23 45")


def test_a_record_found_naming_no_one_is_read_again_once_consent_changes(tmp_path):
    # `sskb serve` keeps, with its reader, the records found to name no one: they are not
    # searched again at every save, unless who may be named has changed.
    from generator.kb.record_files import RecordReader
    from generator.kb.validate import load_knowledge_base

    root = make_project(tmp_path / "kb")
    practice = root / "practices" / "test-border-practice.yaml"
    practice.write_text(practice.read_text().replace("Une description en **Markdown**.",
                                                     "Une description avec Awa Test."))
    reader = RecordReader()

    def named():
        _, problems = load_knowledge_base(root, reader)
        return [(p.path, p.field) for p in problems if p.code == "personal-data"]

    assert named() == []
    assert named() == []  # searched once, found naming no one: kept
    expert = root / "content" / "experts" / "example-test-expert.yaml"
    expert.write_text(expert.read_text().replace("  profile: true", "  profile: false"))
    assert ("practices/test-border-practice.yaml", "description.fr") in named()
    expert.write_text(expert.read_text().replace("  profile: false", "  profile: true"))
    assert named() == []
    practice.write_text(practice.read_text().replace("avec Awa Test", "avec a.test@example.org"))
    assert [path for path, _ in named()] == ["practices/test-border-practice.yaml"]
