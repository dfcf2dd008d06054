"""The six languages for real: no English interface text on other languages' pages, right to
left for Arabic, fallback texts marked with their language, translation status."""

import json
import re
from html.parser import HTMLParser

import pytest

from generator.cli import main
from generator.kb.codes import UN_LANGUAGES
from generator.site.i18n import catalogue

ENGLISH = catalogue("en")
PAGES = ["", "practices/", "practices/test-border-practice/", "pillars/2/", "countries/",
         "centres/test-centre/", "experts/", "about/", "translations/"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class PageText(HTMLParser):
    """The text of a page, leaving out elements marked with another language (fallbacks,
    the language switcher) and scripts."""

    def __init__(self, language):
        super().__init__()
        self.language, self.parts, self.skipping = language, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        other = attrs.get("lang", self.language) != self.language or "hreflang" in attrs
        if self.skipping or other or tag in ("script", "style"):
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        if self.skipping and tag not in VOID:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str, language: str) -> str:
    parser = PageText(language)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_leftovers(language: str) -> list[tuple[str, str]]:
    """English catalogue strings whose translation differs, as they would appear."""
    translated = catalogue(language)
    return [(key, text) for key, text in ENGLISH.items()
            if "{" not in text and len(text) >= 4 and translated[key] != text]


@pytest.mark.parametrize("language", [lang for lang in UN_LANGUAGES if lang != "en"])
def test_no_english_interface_text_outside_fallbacks(built, language):
    _, site, _ = built
    leftovers = english_leftovers(language)
    assert leftovers
    for page in PAGES:
        html = (site / language / page / "index.html").read_text(encoding="utf-8")
        text = visible_text(html, language)
        found = [key for key, english in leftovers if re.search(
            rf"(?<!\w){re.escape(english)}(?!\w)", text)]
        assert not found, (language, page, found)


def test_arabic_pages_are_right_to_left_and_fallbacks_are_marked(built):
    _, site, _ = built
    html = (site / "ar" / "practices" / "test-border-practice" / "index.html").read_text()
    assert re.search(r'<html dir="rtl" lang="ar"', html) and '<body dir="rtl"' in html
    # The fixture practice is written in French only: its texts are French blocks, left to
    # right, kept out of the Arabic search index, under a notice in Arabic.
    assert re.search(r'<div class="sskb-text" lang="fr" dir="ltr" data-pagefind-ignore>',
                     html)
    assert re.search(r'<h1 [^>]*lang="fr"[^>]*dir="ltr"|<h1 [^>]*dir="ltr"[^>]*lang="fr"', html)
    text = visible_text(html, "ar")
    assert "هذا السجل غير متاح بعد باللغة العربية؛ وهو معروض بلغته الأصلية (الفرنسية)" in text


def test_a_page_in_its_own_language_has_no_fallback_notice(built):
    _, site, _ = built
    html = (site / "fr" / "practices" / "test-border-practice" / "index.html").read_text()
    assert "data-pagefind-ignore>" not in html.split("sskb-search")[0]
    assert "n'est pas encore disponible" not in html


def test_headings_in_chinese_and_arabic_get_anchors(built):
    _, site, _ = built
    for language in ("zh", "ar", "ru"):
        html = (site / language / "practices" / "test-border-practice" / "index.html").read_text()
        anchors = re.findall(r'<h2 id="([^"]+)"', html)
        assert anchors and all(re.search(r"[^\x00-\x7f]", a) for a in anchors), anchors


def test_translations_command_and_page_agree(built, capsys):
    root, site, _ = built
    assert main(["translations", str(root), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)["languages"]
    assert report["fr"]["practice"]["full"] == 1
    assert report["ar"]["practice"]["missing"] == 1
    assert report["en"]["practice"]["partial"] == 1
    page = visible_text((site / "en" / "translations" / "index.html").read_text(), "en")
    assert "Fictional border security practice (Partly translated)" in page
    arabic = report["ar"]
    assert (arabic["percent"], arabic["outdated_texts"], arabic["unreviewed_texts"]) == \
        (0, 0, 0)
    for kind in ("practice", "expert", "centre", "organization"):
        assert set(arabic[kind]) == {"full", "partial", "missing", "lacking", "texts",
                                     "translated", "unreviewed", "outdated"}
    # English: the border practice's title only, of its five texts (and the centre's,
    # the organisation's and the expert's), so neither 0 nor 100.
    assert 0 < report["en"]["percent"] < 100
    assert report["en"]["practice"]["texts"] == 5
    assert report["en"]["practice"]["translated"] == 1


def test_validate_reports_a_missing_page_translation(kb, capsys):
    (kb / "content" / "pages" / "contribute" / "ru.md").unlink()
    assert main(["validate", str(kb)]) == 1
    assert "content/pages/contribute/ru.md:1:1: the contribute page has no ru version" in (
        capsys.readouterr().out)
