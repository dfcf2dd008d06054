"""The words of an index in parts: read from each page as Pagefind reads it, and each
part's vocabulary page holds the words only the other parts hold."""

import re

import pytest
from conftest import fragments

from generator.build.search_vocabulary import Vocabulary, folded, indexed_words


def comparable(words) -> set[str]:
    """Words as Pagefind's fragment text and a page's text can both be compared: lower
    case, without the punctuation Pagefind adds between blocks, and without the
    zero-width spaces it writes between the Chinese words it segments."""
    found = set()
    for word in words:
        word = re.sub(r"^\W+|\W+$", "", word.lower().replace("\u200b", ""))
        if word:
            found.add(word)
    return found


@pytest.mark.parametrize("language", ["ar", "en", "es", "fr", "ru", "zh"])
def test_the_words_read_from_a_page_are_those_pagefind_indexes(built, language):
    """Every page of the built fixture's index: its words as read here are the words of
    the text Pagefind kept of it (without what data-pagefind-ignore, .headerlink and the
    elements Pagefind leaves out hold; inline elements run on into their neighbours)."""
    _, site, _ = built
    index = fragments(site / language / "pagefind")
    assert len(index) >= 4
    for fragment in index.values():
        page = site / language / fragment["url"].strip("/") / "index.html"
        assert comparable(indexed_words(page.read_text(encoding="utf-8"))) == comparable(
            fragment["content"].split()), fragment["url"]


def test_what_pagefind_leaves_out_is_not_read():
    page = ('<html><body><nav>Menu</nav><article><div data-pagefind-body>'
            '<h2>Water<a class="headerlink" href="#w">¶</a></h2>'
            '<p>un<b>usual</b> wells<br>pumps</p><form><label>Ask</label></form>'
            '<span data-pagefind-ignore="all">Available in</span>'
            '<ul><li>one</li><li>two</li></ul>'
            '<!-- a comment --><script>var x;</script></div></article>'
            '<footer>Footer</footer></body></html>')
    assert indexed_words(page) == {"Water", "unusual", "wells", "pumps", "one", "two"}


def test_words_are_held_once_without_the_punctuation_around_them():
    """Pagefind indexes "Charter," and "(Charter)" as one word; what is inside a word
    stays, and so do its case (Pagefind reads "YouTube" as three words, "youtube" as one)
    and the marks an Arabic word ends with."""
    page = ('<div data-pagefind-body><p>The Charter, the (Charter) and "YouTube". '
            'R&amp;D, U.S. $100 كتابٌ — ...</p></div>')
    assert folded(indexed_words(page)) == {"The", "Charter", "the", "and", "YouTube", "R&D",
                                           "U.S", "100", "كتابٌ"}


def test_a_page_without_indexed_content_has_no_words():
    assert indexed_words("<html><body><p>Menu</p></body></html>") == set()
    assert indexed_words("") == set()


def test_each_vocabulary_page_holds_the_words_only_the_others_hold_in_order():
    vocabulary = Vocabulary(3)
    vocabulary.note(0, "<div data-pagefind-body><p>water wells</p></div>")
    vocabulary.note(1, "<div data-pagefind-body><p>Wells R&amp;D zones.</p></div>")
    vocabulary.note(2, "<div data-pagefind-body><p>water</p></div>")
    pages = vocabulary.pages()
    assert [indexed_words(page) for page in pages] == [
        {"R&D", "Wells", "zones"}, {"water", "wells"}, {"R&D", "Wells", "wells", "zones"}]
    assert "<p>R&amp;D Wells wells zones</p>" in pages[2]  # escaped, in order
    assert all('data-pagefind-filter="sskb-vocabulary:1"' in page for page in pages)
