"""Open data: each language's JSON and CSV files of each kind validate against the
schemas published beside them, say what the pages say, and the Data Package and the Data
page describe them."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.kb.codes import UN_LANGUAGES
from generator.site.data_columns import COLUMNS, KINDS, LIST_SEPARATOR, PLURALS


def data(site, language):
    return site / language / "data"


@pytest.mark.parametrize("language", UN_LANGUAGES)
def test_each_export_validates_against_its_published_schema(built, language):
    _, site, _ = built
    folder = data(site, language)
    for kind in KINDS:
        plural = PLURALS[kind]
        rows = json.loads((folder / f"{plural}.json").read_text(encoding="utf-8"))
        schema = json.loads((folder / "schemas" / f"{plural}.schema.json").read_text())
        jsonschema.validate(rows, schema, format_checker=jsonschema.FormatChecker())
        assert rows or kind != "practice"


@pytest.mark.parametrize("language", ["en", "ar", "zh"])
def test_the_csv_says_what_the_json_says(built, language):
    _, site, _ = built
    folder = data(site, language)
    for kind in KINDS:
        plural = PLURALS[kind]
        raw = (folder / f"{plural}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheet programs then read UTF-8
        table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        rows = json.loads((folder / f"{plural}.json").read_text(encoding="utf-8"))
        assert [line["id"] for line in table] == [row["id"] for row in rows]
        for line, row in zip(table, rows):
            for column in COLUMNS[kind]:
                value = row[column.name]
                expected = "" if value is None else LIST_SEPARATOR.join(map(str, value)) \
                    if column.is_list else str(value).lower() if isinstance(value, bool) \
                    else str(value)
                assert line[column.name] == expected, (kind, column.name)


def test_a_text_says_its_language_and_the_practice_its_page(built):
    _, site, _ = built
    practices = json.loads((data(site, "ar") / "practices.json").read_text())
    practice = next(p for p in practices if p["id"] == "test-border-practice")
    assert practice["title_language"] == "ar" or practice["title_language"] == "fr"
    assert practice["description_language"] == "fr"  # no Arabic text: the original
    page = data(site, "ar") / practice["url"] / "index.html"
    assert page.resolve().exists()  # the page's address, relative to the file


def test_the_data_package_describes_every_file(built):
    _, site, _ = built
    folder = data(site, "fr")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC BY 4.0"
    assert {resource["path"] for resource in package["resources"]} == {
        f"{PLURALS[kind]}.{suffix}" for kind in KINDS for suffix in ("csv", "json")}
    for resource in package["resources"]:
        assert (folder / resource["path"]).exists()
        if resource["format"] == "csv":
            header = (folder / resource["path"]).read_bytes().decode("utf-8-sig").split(
                "\r\n")[0].split(",")
            assert header == [field["name"] for field in resource["schema"]["fields"]]
        else:
            assert (folder / resource["schema"]).exists()


def test_the_data_page_links_the_files_and_describes_each_column(built):
    _, site, _ = built
    page = (data(site, "fr") / "index.html").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f'href="{PLURALS[kind]}.csv"' in page and f'href="{PLURALS[kind]}.json"' in page
        for column in COLUMNS[kind]:
            assert f"<code>{column.name}</code>" in page
    assert "Comment citer" in page and "datapackage.json" in page
    assert "Titre court" in page  # the field's help, in French


def linked(site, language, page) -> dict:
    import re

    html = (site / language / page / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1, page
    return json.loads(found[0])


def test_record_pages_carry_schema_org_json_ld(built):
    _, site, _ = built
    practice = linked(site, "fr", "practices/test-border-practice")
    assert practice["@context"] == "https://schema.org" and practice["@type"] == "Article"
    assert practice["inLanguage"] == "fr"
    assert "url" not in practice  # the build was given no address (SSKB_BASE_URL)
    assert {"Sénégal", "Mali", "Niger"} <= {c["name"] for c in practice["spatialCoverage"]}
    assert practice["citation"][0]["url"] == "https://example.org/source"
    assert any(term["termCode"] == "border-security" for term in practice["about"])
    centre = linked(site, "en", "centres/test-centre")
    assert centre["@type"] == "Organization" and centre["address"]["addressCountry"]
    expert = linked(site, "en", "experts/example-test-expert")
    assert expert["@type"] == "Person" and expert["name"] == "Awa Test (fictional example)"
    # no consent to publish contact details: none in the linked data either
    assert not {"email", "telephone", "sameAs"} & set(expert)


def test_feeds_are_atom_of_the_newest_practices(built):
    import feedparser

    _, site, _ = built
    feeds = site / "fr" / "feeds"
    everything = feedparser.parse((feeds / "practices.atom").read_bytes())
    assert not everything.bozo, everything.bozo_exception
    assert everything.feed.language == "fr"
    titles = [entry.title for entry in everything.entries]
    assert "Pratique fictive de sécurité des frontières" in titles
    entry = everything.entries[0]
    assert entry.summary and entry.updated_parsed and entry.id.startswith("tag:")
    # a relative link leads from the feed to the practice's page
    assert (feeds / entry.link / "index.html").resolve().exists()
    assert {tag.term for tag in entry.tags} >= {"pillar-2", "border-security"}
    pillar = feedparser.parse((feeds / "pillar-2.atom").read_bytes())
    assert not pillar.bozo and [e.title for e in pillar.entries] == titles
    assert feedparser.parse((feeds / "pillar-1.atom").read_bytes()).entries == []


def test_whats_new_lists_the_newest_and_every_page_names_the_feed(built):
    _, site, _ = built
    page = (site / "fr" / "whats-new" / "index.html").read_text(encoding="utf-8")
    assert "Pratique fictive de sécurité des frontières" in page
    assert 'href="../feeds/practices.atom"' in page and 'href="../feeds/pillar-4.atom"' in page
    home = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert ('<link rel="alternate feed" type="application/atom+xml"' in home
            and 'href="feeds/practices.atom"' in home)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=st.sampled_from(
        ["a", " ", "\n", "\r", "\t", '"', "\\", "é", "ع", "中", "\u2028", "{", "[", ","])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=4), _VALUES, max_size=4), max_size=4))
def test_the_json_files_made_row_by_row_are_those_made_whole(rows):
    from generator.site.exports import _json, _json_rows

    assert "".join(_json_rows(rows)) == _json(rows)
