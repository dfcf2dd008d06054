"""The handbook's HTML written as Typst markup: every text stays text (contributor text
is untrusted, and Typst markup and code are full of signs), and the elements hand-written
pages may hold come out in the PDF."""

from __future__ import annotations

import io
import subprocess

import pytest
import typst
from pypdf import PdfReader

from generator.build import handbook_typst
from generator.build.handbook_pdf import destination_pages, fonts
from generator.build.typeset import compacted
from generator.build.tools import BuildError

EDITION = {"lang": "en", "rtl": False, "title": "Handbook", "site": "KB",
           "digits": [str(d) for d in range(10)], "group": ",", "draft": "",
           "fonts": fonts("en")}
# What Typst would read as markup, code, a label, a reference, maths, a string's end or
# an escape, were it not written as a string.
HOSTILE = ['#set page(fill: red)', '"); #panic("x"); ("', '\\', '\\"', ']', '[', '<x>',
           '@contents', '$x^2$', '*strong*', '_em_', '= Heading', '- item', '// comment',
           '/* open', '#{', '`raw`', '~', '---', "'quoted'"]


def pdf_of(body: str, edition: dict = EDITION) -> bytes:
    html = f"<html><body><article>{body}</article></body></html>"
    return typst.compile(handbook_typst.document(html, edition, {"x": "X"}).encode())


def text_of(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_contributor_text_is_only_text(hostile):
    from markupsafe import escape
    body = (f'<div class="chapter chapter-x"><h1 id="x">T</h1>'
            f'<p>before {escape(hostile)} after</p>'
            f'<p class="field"><span class="label">{escape(hostile)}:</span> v</p></div>')
    text = " ".join(text_of(pdf_of(body)).split())
    assert f"before {hostile} after" in text
    assert f"{hostile}: v" in text


def test_hand_written_elements_come_out():
    body = ('<div class="chapter chapter-x"><h1 id="x">Chapter</h1>'
            '<div class="admonition note"><p class="admonition-title">Note</p><p>Boxed</p></div>'
            '<table><tr><th>Head</th><th>Two</th></tr><tr><td>Cell</td></tr></table>'
            '<pre><code>code  block</code></pre><blockquote><p>Quoted</p></blockquote>'
            '<ol start="3"><li>third</li><li>fourth</li></ol><ul><li>bullet</li></ul>'
            '<p><a href="https://example.org/a">a site</a> and <a href="../x/">a page</a>'
            ' and <a href="#nowhere">no anchor</a> and <a href="#x">back</a></p>'
            '<h4>Contributor heading</h4></div>')
    pdf = pdf_of(body)
    text = " ".join(text_of(pdf).split())
    for expected in ("Note Boxed", "Head Two", "Cell", "code block", "Quoted", "3. third",
                     "4. fourth", "bullet", "a site (https://example.org/a)", "a page",
                     "no anchor", "back", "Contributor heading"):
        assert expected in text
    # Only the document's own headings (with an id) are in the outline.
    assert [item.title for item in PdfReader(io.BytesIO(pdf)).outline] == ["Chapter"]


def test_page_references_land_where_the_headings_are():
    body = "".join(f'<div class="chapter chapter-x"><h1 id="c{n}">C{n}</h1>'
                   f'<p>See <a class="page-ref" href="#c{3 - n}">0000</a></p></div>'
                   for n in (1, 2))
    pdf = pdf_of(body)
    assert destination_pages(pdf) == {"c1": 1, "c2": 2}
    assert destination_pages(compacted(pdf)) == {"c1": 1, "c2": 2}  # packed, as published
    assert destination_pages(pdf_of('<div class="chapter chapter-x"><p>None</p></div>')) == {}
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert "See 2" in pages[0] and "See 1" in pages[1]
    index = ('<div class="chapter chapter-x"><h1 id="i">Index</h1><ul class="index-entries">'
             '<li><span class="entry">Mali</span> <a class="page-ref" href="#c1"></a>, '
             '<a class="page-ref" href="#i"></a></li></ul></div>')
    source = handbook_typst.document(f"<html><body><article>{body}{index}</article></body>"
                                     "</html>", EDITION, {})
    # A number stands one space from the name or comma before it: the HTML's own, or one
    # that does not break (the contents' numbers stand against their titles).
    assert '#"Mali";] #page-of(<c1>)#", ";#page-of(<i>)' in source
    assert '#"See ";#page-of(<c2>)' in source


def test_page_numbers_take_the_editions_numerals():
    edition = {**EDITION, "digits": list("٠١٢٣٤٥٦٧٨٩"), "group": "٬"}
    body = "".join(f'<div class="chapter chapter-x"><h1 id="c{n}">C{n}</h1></div>'
                   for n in range(1, 4))
    last = PdfReader(io.BytesIO(pdf_of(body, edition))).pages[-1].extract_text()
    assert "٣" in last


def test_an_anchor_typst_cannot_label_is_refused():
    with pytest.raises(BuildError, match="no Typst label"):
        handbook_typst.document('<html><body><article><h1 id="a b">x</h1></article>'
                                '</body></html>', EDITION, {})


def test_a_value_is_written_as_typst_reads_it():
    assert handbook_typst.value({"a": [1, "x\"\\"], "b": None, "c": True}) == \
        '(a: (1, "x\\"\\\\", ), b: none, c: true,)'
    assert typst.compile(f"#let v = {handbook_typst.value(EDITION)}\n#v.title".encode())


def test_a_text_of_its_own_direction_stands_on_its_side():
    """In the Arabic edition, a source's English title (`dir="auto"`) starts at the left
    margin, and the Arabic text at the right one, as a browser lays them out."""
    edition = {**EDITION, "lang": "ar", "rtl": True, "fonts": fonts("ar")}
    body = ('<div class="chapter chapter-x"><h1 id="x">عنوان</h1><ul class="sources">'
            '<li dir="auto">Leftward title</li><li dir="auto">نص عربي</li></ul></div>')
    boxes = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf_of(body, edition),
                           capture_output=True, check=True).stdout.decode()
    left = {word: float(x) for x, word in
            __import__("re").findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', boxes)}
    assert left["Leftward"] < 100 < 300 < min(x for w, x in left.items() if w != "Leftward"
                                             and w != "title")


def test_a_layout_stopped_by_the_system_says_what_to_do(monkeypatch):
    """Typst's process killed (as the kernel kills it when memory runs out): the build
    stops with a message that says so and how to build without the PDFs."""
    from datetime import date
    from types import SimpleNamespace

    from conftest import REPO
    from generator.build import handbook_pdf
    from generator.build.generate import load_view
    from generator.site.handbook import Handbook
    from generator.site.settings import Settings

    view, _ = load_view(REPO)
    monkeypatch.setattr(handbook_pdf.subprocess, "run", lambda *a, **k: SimpleNamespace(
        returncode=-9, stdout=b"", stderr=b""))
    with pytest.raises(BuildError, match=r"signal 9 \(out of memory\?.*--no-pdf"):
        handbook_pdf.Printer().print(Handbook(view, "en", Settings(), date(2026, 1, 1)), 0)
