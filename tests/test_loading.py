"""The strict loader: what it keeps as written, what it refuses, and where it says so."""

import pytest

from generator.kb.load import MAX_DEPTH, LoadError, decode, parse
from generator.kb.locate import locate


def refused(text: str) -> LoadError:
    with pytest.raises(LoadError) as caught:
        parse(text)
    return caught.value


def test_codes_and_numbers_stay_as_written():
    data = parse("a: NO\nb: ON\nc: YES\nd: Y\ne: 1.10\nf: 2024-01-01\ng: off\nh: 0123\n")
    assert data == {"a": "NO", "b": "ON", "c": "YES", "d": "Y", "e": "1.10",
                    "f": "2024-01-01", "g": "off", "h": "0123"}


def test_core_schema_scalars_are_typed():
    data = parse("a: true\nb: False\nc: 12\nd: -3\ne: null\nf: ~\ng:\n")
    assert data == {"a": True, "b": False, "c": 12, "d": -3, "e": None, "f": None, "g": None}


def test_quoted_scalars_are_always_text():
    assert parse("a: 'true'\nb: \"12\"\nc: ''\n") == {"a": "true", "b": "12", "c": ""}


def test_field_names_stay_as_written():
    assert parse("no: 1\ntrue: 2\n") == {"no": 1, "true": 2}


def test_block_scalars_keep_their_text():
    assert parse("d: |\n  - a\n  - b\n") == {"d": "- a\n- b\n"}


@pytest.mark.parametrize("text, code, line", [
    ("a: 1\nb:\n  c: 1\n  c: 2\n", "duplicate-key", 4),
    ("a: &x 1\n", "anchor", 1),
    ("a: [1]\nb: *x\n", "alias", 2),
    ("a: !!python/object/apply:os.system [ls]\n", "tag", 1),
    ("a: !custom x\n", "tag", 1),
    ("a: 1\n---\nb: 2\n", "many-documents", 2),
    ("a: b: c\n", "yaml-syntax", 1),
    ("a:\n\t- 1\n", "yaml-syntax", 2),
    ("? [a]\n: 1\n", "key", 1),
])
def test_refusals_name_their_line(text, code, line):
    error = refused(text)
    assert (error.code, error.line) == (code, line)
    assert error.message


def test_alias_to_an_anchor_is_refused_at_the_anchor():
    assert refused("a: &x [1]\nb: *x\n").code == "anchor"


def test_deep_nesting_is_refused_without_crashing():
    # The C composer recurses and can crash the process; the event walk must not.
    error = refused("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert error.code == "too-deep" and error.line == 1


def test_nesting_at_the_limit_is_accepted():
    depth = MAX_DEPTH - 1
    assert parse("[" * depth + "1" + "]" * depth) is not None


def test_billion_laughs_is_refused_quickly():
    text = 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    assert refused(text).code == "anchor"


def test_bad_utf8_names_line_and_column():
    with pytest.raises(LoadError) as caught:
        decode("a: 1\nb: caf\xe9\n".encode("latin-1"))
    assert (caught.value.code, caught.value.line, caught.value.column) == ("not-utf8", 2, 7)


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\x07", "\u200f"])
def test_invisible_controls_are_refused(char):
    with pytest.raises(LoadError) as caught:
        decode(f"a: 1\nb: x{char}y\n".encode())
    assert (caught.value.code, caught.value.line, caught.value.column) == (
        "invisible-character", 2, 5)


def test_invisible_controls_written_as_escapes_are_refused():
    error = refused('a: 1\nb: "x\\u202ey"\n')
    assert (error.code, error.line) == ("invisible-character", 2)


def test_bad_utf8_column_counts_characters():
    with pytest.raises(LoadError) as caught:
        decode("é: é\xe9".encode("utf-8")[:-2] + b"\xe9")
    assert caught.value.column == 5


def test_joiners_needed_by_persian_and_indic_scripts_are_allowed():
    text = "a: می\u200cخواهم क्\u200dष\n"
    assert parse(decode(text.encode())) == {"a": "می\u200cخواهم क्\u200dष"}


def test_byte_order_mark_is_dropped():
    assert decode("\ufeffa: 1\n".encode()) == "a: 1\n"


TEXT = """\
id: x
title:
  fr: Titre
lead_countries: [SEN, XYZ]
sources:
  - title: A
    url: http://x
"""


@pytest.mark.parametrize("loc, place", [
    (("id",), (1, 5)),
    (("title",), (2, 1)),
    (("title", "fr"), (3, 7)),
    (("lead_countries", 1), (4, 23)),
    (("sources", 0, "url"), (7, 10)),
    (("title", "en"), (2, 1)),
    (("missing",), (1, 1)),
])
def test_locate_finds_the_field_or_its_parent(loc, place):
    assert locate(TEXT, loc) == place


def test_locate_at_key_points_at_the_field_name():
    assert locate(TEXT, ("title", "fr"), at_key=True) == (3, 3)
    assert locate(TEXT, ("id",), at_key=True) == (1, 1)


def test_a_hand_written_page_over_the_size_limit_is_refused(kb):
    """Hand-written pages are read by the same reader as records, with its limits."""
    from generator.kb.validate import load_knowledge_base

    page = kb / "content" / "pages" / "about" / "en.md"
    page.write_text("---\ntitle: About\n---\n" + "x" * 1_000_001, encoding="utf-8")
    _, problems = load_knowledge_base(kb)
    assert [(p.path, p.code) for p in problems] == [("content/pages/about/en.md",
                                                     "file-too-large")]


def test_the_invisible_ranges_are_the_unicode_categories():
    """INVISIBLE_RANGES holds every character of Cc (but tab and line breaks), Cf (but the
    joiners and the prepended concatenation marks), Co, Zl, Zp and the Hangul fillers, as
    the `regex` module's Unicode data has them, and nothing else."""
    import re

    import regex

    from generator.kb.load import INVISIBLE_ASTRAL_RANGES, INVISIBLE_RANGES

    categories = regex.compile(
        r"(?V1)[[\p{Cc}\p{Cf}\p{Co}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]"
        r"--[\t\n\r\u200C\u200D\p{Prepended_Concatenation_Mark}]]")
    ranges = re.compile(f"[{INVISIBLE_RANGES}{INVISIBLE_ASTRAL_RANGES}]")
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert ranges.findall(every) == categories.findall(every)


@pytest.mark.parametrize("char", ["\u061c", "\U000e0041", "\u3164", "\u00ad", "\u206a",
                                  "\u180e", "\ue000", "\x85"])
def test_invisible_and_format_characters_are_refused_where_they_stand(char):
    with pytest.raises(LoadError) as caught:
        decode(f"id: x\ntitle:\n  en: Border{char} work\n".encode())
    error = caught.value
    assert (error.line, error.column, error.code) == (3, 13, "invisible-character")
    assert f"U+{ord(char):04X}" in error.message


@pytest.mark.parametrize("text", ["fa: می\u200cخواهم", "hi: क्\u200dष", "emoji: 👨\u200d👩"])
def test_joiners_stay_where_a_script_needs_them(text):
    assert decode(text.encode()) == text


@pytest.mark.parametrize("text", ["en: a \u200d b", "en: \u200cabc", "en: abc\u200d"])
def test_a_joiner_anywhere_else_is_refused(text):
    with pytest.raises(LoadError) as caught:
        decode(text.encode())
    assert caught.value.code == "invisible-character"
    assert "between two letters" in caught.value.message


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_count_lines_right(ending):
    lines = ["id: x", "title:", "  en: Border", ""]
    assert parse(decode(ending.join(lines).encode())) == parse("\n".join(lines))
    with pytest.raises(LoadError) as caught:
        decode(f"a: 1{ending}b: 2{ending}c: \u202e{ending}".encode())
    assert (caught.value.line, caught.value.column) == (3, 4)


def test_a_hand_written_page_with_windows_line_endings_keeps_its_title(kb):
    from generator.kb.handwritten import read_page

    path = kb / "content" / "pages" / "about" / "fr.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    page, problems = read_page(kb, "about", "fr")
    assert problems == [] and page.meta.title and "\r" not in page.body
