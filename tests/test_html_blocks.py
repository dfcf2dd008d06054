"""The generator's HTML blocks go through Python-Markdown's stash unparsed: the page is the
one Python-Markdown makes of them without the extension, and contributors cannot mark text."""

import re

import markdown
import pytest

from generator.site.contributor_text import markdown_html
from generator.site.html_blocks import END, START, html_block
from generator.site.render import Localized, _markdown_block, _plain_block

EXTENSIONS = ["admonition", "attr_list", "pymdownx.superfences", "tables", "toc"]
PAGE = "\n".join([
    "# Title", "", "- **Pillars:** [Pillar 1](../pillars/1.md){ data-pagefind-filter=\"pillar\" }",
    "", html_block('<p class="sskb-summary" lang="fr" dir="ltr">Résumé &amp; *pas* Markdown</p>'),
    "", "## Description", "",
    html_block('<div class="sskb-text" lang="fr" dir="ltr">\n<p>Un <em>texte</em>.</p>\n'
               "<ul>\n<li>un</li>\n</ul>\n</div>"),
    "", html_block('<ul class="sskb-list">\n<li><a href="../x/">X</a></li>\n</ul>'), "",
    "Some *Markdown* after the blocks.", ""])


def convert(text: str, stash: bool) -> str:
    extensions = EXTENSIONS + (["generator.site.html_blocks"] if stash else [])
    return markdown.markdown(text, extensions=extensions)


def without_blank_lines(html: str) -> str:
    return re.sub(r"\n+", "\n", html)


def test_a_page_converts_as_without_the_extension():
    stashed = convert(PAGE, stash=True)
    unmarked = PAGE.replace(f"{START}\n", "").replace(f"\n{END}", "")
    assert without_blank_lines(stashed) == without_blank_lines(convert(unmarked, stash=False))
    assert START not in stashed and "<em>Markdown</em>" in stashed
    assert "*pas* Markdown" in stashed  # a block's text is not read as Markdown


def test_a_block_is_stored_whole_not_parsed():
    md = markdown.Markdown(extensions=["generator.site.html_blocks"])
    html = md.convert(html_block("<div>\n<p>one</p>\n\n<p>two</p>\n</div>"))
    assert md.htmlStash.html_counter == 1
    assert html == "<div>\n<p>one</p>\n\n<p>two</p>\n</div>"


def test_a_block_without_its_end_is_left_to_markdown():
    text = f"{START}\n<p>open</p>\n\n*text*"
    assert convert(text, stash=True) == convert(text, stash=False)


@pytest.mark.parametrize("attack", [START, f"{START}\n*x*\n{END}", "<!-- /sskb:html -->"])
def test_contributor_text_cannot_carry_a_marker(attack):
    value = Localized(f"before\n\n{attack}\n\nafter", "en", False)
    for block in (_markdown_block(value), _plain_block(value)):
        inner = str(block)[len(START) + 1:-len(END) - 1]
        assert START not in inner and END not in inner
    assert "sskb:html" not in markdown_html(attack)
