"""The handbook of South-South initiatives: six editions of the sample knowledge base,
each a PDF that opens, whose outline is its table of contents, whose page numbers are
where the pages are, whose Arabic runs right to left and whose Chinese has every glyph,
and which names no one who has not consented."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import subprocess
import unicodedata
from datetime import date

import pytest
import typst
from conftest import REPO, TESTS, make_project
from pypdf import PdfReader
from pypdf.generic import ContentStream

from generator.build.generate import load_view
from generator.build.handbook import make_edition
from generator.build.pipeline import handbooks
from generator.cli import main
from generator.kb.codes import UN_LANGUAGES
from generator.kb.people import fold
from generator.kb.record_files import RecordReader
from generator.kb.sealing import Keys
from generator.site.handbook import Handbook
from generator.site.i18n import Translator
from generator.site.settings import settings
from generator.site.translation_notices import field_names

SAMPLE_KEY = TESTS / "fixtures" / "keys" / "sample-editor.txt"


@pytest.fixture(scope="module")
def sample():
    """The sample knowledge base's view, its sealed fields opened (to know every person
    who may not appear), and its six editions."""
    view, problems = load_view(REPO, reader=RecordReader(keys=Keys.from_file(SAMPLE_KEY)))
    assert problems == []
    return view, {edition.language: edition for edition in handbooks(REPO, view)}


def reader(edition) -> PdfReader:
    return PdfReader(io.BytesIO(edition.pdf))


def outline(pdf: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page from 1) of every outline entry, in order."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, pdf.get_destination_page_number(item) + 1))
    walk(pdf.outline, 1)
    return found


def headings(view, edition) -> list:
    document = Handbook(view, edition.language, _settings(edition.language), date_of())
    document.render_document()
    return document.headings


def _settings(language):
    from generator.kb.load import read_mkdocs_extra
    from generator.site.settings import settings
    return settings(read_mkdocs_extra(REPO), language)


def date_of():
    from generator.build.pipeline import source_date_epoch
    from generator.site.settings import build_date
    return build_date(source_date_epoch(REPO))


def pdf_text(edition, *options) -> str:
    done = subprocess.run(["pdftotext", *options, "-", "-"], input=edition.pdf,
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("language", UN_LANGUAGES)
def test_each_edition_opens_and_its_outline_is_its_contents(sample, language):
    view, editions = sample
    edition = editions[language]
    pdf = reader(edition)
    # Every practice starts a page, and so does every chapter, centre and expert.
    assert len(pdf.pages) >= len(view.practices) + len(view.centres) + len(view.experts) + 8
    assert pdf.metadata.title.startswith(Translator(language)("handbook_title"))
    assert pdf.trailer["/Root"]["/Lang"] == language
    assert pdf.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged
    expected = [(1, Translator(language)("handbook_contents"))] + [
        (h.level, h.title) for h in headings(view, edition)]
    assert [(level, title) for level, title, _ in outline(pdf)] == expected
    # The contents' page numbers are the pages the outline leads to.
    pages = {h.id: edition.link.pages[h.id] for h in headings(view, edition)}
    assert [page for _, _, page in outline(pdf)[1:]] == list(pages.values())
    # The contents run from page 2 to the page before the first chapter.
    contents = pdf_text(edition, "-f", "2", "-l", str(min(pages.values()) - 1))
    shown = [Translator(language).number(p) for p in pages.values()]
    assert all(number in contents for number in shown)
    # The last page's footer says how many pages there are, in the site's numerals.
    last = pdf_text(edition, "-f", str(len(pdf.pages)), "-l", str(len(pdf.pages)))
    assert Translator(language).number(len(pdf.pages)) in last


@pytest.mark.parametrize("language", UN_LANGUAGES)
def test_each_edition_is_small_and_its_fonts_embedded(sample, language):
    edition = sample[1][language]
    assert len(edition.pdf) < 3_000_000
    fonts = subprocess.run(["pdffonts", "-"], input=edition.pdf, capture_output=True,
                           check=True).stdout.decode().splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded


def notdef_glyphs(pdf: PdfReader) -> int:
    """How many glyphs shown are a font's glyph 0 (.notdef: a character it lacks)."""
    missing = 0
    for page in pdf.pages:
        fonts = {name: font.get_object() for name, font in page["/Resources"]["/Font"].items()}
        current = None
        for operands, operator in ContentStream(page.get_contents(), pdf).operations:
            if operator == b"Tf":
                current = fonts[operands[0]]
            elif operator in (b"Tj", b"TJ"):
                strings = operands[0] if operator == b"TJ" else [operands[0]]
                for string in strings:
                    if isinstance(string, (bytes, str)) or hasattr(string, "original_bytes"):
                        missing += _notdefs(current, bytes(string.original_bytes if hasattr(
                            string, "original_bytes") else string))
    return missing


def _notdefs(font, data: bytes) -> int:
    if font["/Subtype"] == "/Type0":  # two bytes a glyph id (Identity-H)
        return sum(1 for i in range(0, len(data), 2) if data[i:i + 2] == b"\0\0")
    if font["/Subtype"] == "/Type3":
        names = _type3_names(font)
        return sum(1 for code in data if names.get(code) == "/g0")
    return 0


def _type3_names(font) -> dict[int, str]:
    names, code = {}, 0
    for item in font["/Encoding"].get("/Differences", []):
        if isinstance(item, int):
            code = item
        else:
            names[code] = item
            code += 1
    return names


def test_the_chinese_edition_lacks_no_glyph(sample, tmp_path):
    edition = sample[1]["zh"]
    assert notdef_glyphs(reader(edition)) == 0
    # the check can tell: a character no installed font has is glyph 0
    # (and the page a reader sees: a rendered page holds the characters, not boxes)
    text = pdf_text(edition, "-f", "1", "-l", "1")
    assert Translator("zh")("handbook_title") in text.replace("\n", "")
    # A reader searching the PDF finds the words: its glyphs stand for ideographs, not for
    # the radicals Noto CJK draws with the same glyphs (支柱 was extracted as ⽀柱).
    extracted = "".join(page.extract_text() for page in reader(edition).pages)
    assert not re.search("[\u2e80-\u2fdf\ufb00-\ufb06]", extracted)  # nor ﬁ for fi
    assert Translator("zh")("pillar") in extracted and "非洲" in extracted
    image = tmp_path / "cover"
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", "-", str(image)],
                   input=edition.pdf, check=True)
    assert next(tmp_path.glob("cover*.png")).stat().st_size > 3000


def test_the_notdef_check_sees_a_missing_glyph():
    """Typst, as it lays out the handbook, given a character no installed font has."""
    source = '#set text(font: "Noto Sans")\na\U000F0000b'
    pdf = typst.compile(source.encode())
    assert notdef_glyphs(PdfReader(io.BytesIO(pdf))) >= 1
    assert notdef_glyphs(PdfReader(io.BytesIO(typst.compile(b"ab")))) == 0


def test_the_arabic_edition_runs_right_to_left(sample, tmp_path):
    view, editions = sample
    edition = editions["ar"]
    title = Translator("ar")("pillar_2")  # a chapter's title, on the first page of pillar 2
    page = edition.link.pages["pillar-2"]
    # Extracted in reading order, the words are in the order they were written...
    text = unicodedata.normalize("NFKC", re.sub("[\u202a-\u202e]", "", pdf_text(
        edition, "-f", str(page), "-l", str(page))))
    # (pdftotext writes the two letters of a lam-alef ligature the other way round: the
    # PDF names them in reading order, as its specification asks)
    plain = [not re.search("ل[اأإآ]", w) for w in title.split()]
    first = next(i for i in range(len(plain) - 1) if plain[i] and plain[i + 1])
    words = title.split()[first:first + 2]
    assert " ".join(words) in " ".join(text.split())
    # ...and laid out from right to left: each word stands left of the one before.
    boxes = re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>',
                       pdf_text(edition, "-bbox", "-f", str(page), "-l", str(page)))
    x = {}  # a word's first place on the page: the title's (the words recur below it)
    for left, word in boxes:
        x.setdefault(unicodedata.normalize("NFKC", html.unescape(word))[::-1], float(left))
    positions = [x[w] for w in words if w in x]
    assert len(positions) >= 2 and positions == sorted(positions, reverse=True)
    # A rendered page: the title's ink reaches the right margin, not the left one.
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", str(page), "-l", str(page), "-",
                    str(tmp_path / "p")], input=edition.pdf, check=True)
    image = next(tmp_path.glob("p*.pgm")).read_bytes()
    width, height, pixels = _pgm(image)
    band = [pixels[y * width:(y + 1) * width] for y in range(int(height * 0.09),
                                                           int(height * 0.13))]
    inked = [x for row in band for x, value in enumerate(row) if value < 128]
    assert inked and max(inked) > width * 0.85 and min(inked) > width * 0.08


def _pgm(data: bytes):
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", data)
    return int(header.group(1)), int(header.group(2)), data[header.end():]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_page_s_running_header_names_its_chapter(sample, language):
    # A chapter's first page is headed by that chapter (its header stands before the
    # chapter's start on the page), the page before it by the chapter before.
    pdf = reader(sample[1][language])
    chapters = [(title, page) for level, title, page in outline(pdf) if level == 1]
    assert len(chapters) >= 8

    def header(page):
        return pdf.pages[page - 1].extract_text().split("\n")[0]

    for (title, page), (next_title, next_page) in zip(chapters, chapters[1:]):
        assert title.startswith(header(page)) and header(page), (title, header(page))
        assert header(next_page - 1) == header(page), (title, next_page - 1)
        assert next_title.startswith(header(next_page)), (next_title, header(next_page))


def test_no_edition_names_anyone_who_has_not_consented(sample):
    view, editions = sample
    people = view.personal_data  # the sealed people included: the key was given
    assert people.withheld
    for language, edition in editions.items():
        for text in (pdf_text(edition), html.unescape(edition.web)):
            assert people.sightings(fold(text)) == [], language


def test_a_fallback_text_is_marked_with_its_language(sample):
    """A practice whose Chinese description is missing, and one whose Chinese translation
    was made from an earlier original: the edition says so, as the site does."""
    view, _ = sample
    first, second, *others = view.practices
    untranslated = first.model_copy(update={"description": {
        lang: text for lang, text in first.description.items() if lang != "zh"}})
    notes = {**second.translations, "zh": {
        name: note.model_copy(update={"source": "000000000000"})
        for name, note in second.translations["zh"].items()}}
    stale = second.model_copy(update={"translations": notes})
    view = dataclasses.replace(view, practices=[untranslated, stale, *others],
                               _worked_out={})
    t = Translator("zh")
    web = make_edition(view, "zh", settings({}, "zh"), date(2026, 12, 1), 0, None).web
    original = first.original_language
    assert f'<div class="text" lang="{original}" dir=' in web
    assert t("partial_notice", language=t.language_name("zh"),
             original=t.language_name(original)) in web
    assert t("outdated_notice", original=t.language_name(second.original_language),
             fields=field_names(t, list(notes["zh"]))) in web


def test_two_builds_print_the_same_bytes(sample):
    view, editions = sample
    again = handbooks(REPO, view, ("ar",))[0]
    assert again.pdf == editions["ar"].pdf


def test_the_handbook_command_and_drafts_marked_on_every_page(tmp_path, capsys):
    root = make_project(tmp_path / "kb")
    assert main(["handbook", str(root), "--lang", "en", "--drafts",
                 "--output", str(tmp_path / "out")]) == 0
    pdf = (tmp_path / "out" / "en" / "south-south-handbook-en.pdf").read_bytes()
    assert "south-south-handbook-en.pdf" in capsys.readouterr().out
    pages = PdfReader(io.BytesIO(pdf)).pages
    marker = Translator("en")("handbook_draft_edition")
    assert all(marker in page.extract_text() for page in pages[1:])
    assert "A draft practice" in "".join(page.extract_text() for page in pages)
    assert main(["handbook", str(root), "--lang", "en", "--format", "html",
                 "--output", str(tmp_path / "web")]) == 0
    assert [p.name for p in (tmp_path / "web" / "en").iterdir()] == ["index.html"]
