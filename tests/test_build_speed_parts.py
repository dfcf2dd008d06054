"""What the build does once instead of once per page gives each page what MkDocs gave it:
one Markdown converter for every page (`converted_once`), and one navigation per folder
for the pages outside it (`in_mkdocs.SharedNav`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from generator.build.converted_once import Converter, ConvertedOnce, written_whole
from generator.build.generate import DOCS


@pytest.mark.parametrize("language", ["en", "ar"])
def test_one_converter_gives_each_page_the_html_toc_and_title_of_its_own(built, tmp_path,
                                                                          language):
    root, _, _ = built
    config = load_config(str(root / "mkdocs.yml"), docs_dir=str(root / DOCS / language),
                         site_dir=str(tmp_path / "site"))
    files = get_files(config)
    converter = Converter(config, files)
    pages = files.documentation_pages()
    assert len(pages) > 20
    direct = 0
    for file in pages:
        theirs = Page(None, file, config)
        theirs.read_source(config)
        theirs.render(config, files)
        ours = ConvertedOnce(file, config, converter)
        ours.read_source(config)
        direct += written_whole(ours.markdown, converter) is not None
        ours.render(config, files)
        assert (ours.content, str(ours.toc), ours.title) == (
            theirs.content, str(theirs.toc), theirs.title), file.src_uri
        assert ours.title  # a page let go of its Markdown keeps its title
    # a practice page written whole, without Markdown (in Arabic, the test records' names
    # stand in their own language, marked in Markdown)
    assert direct >= (1 if language == "en" else 0)


START, END = "<!-- sskb:html -->", "<!-- /sskb:html -->"
WHOLE = [  # pages the generator may write, and what Python-Markdown makes of them
    f"# A title&#58; here\n<p class=\"sskb-kind\" data-x=\"y\">Practice</p>\n\n{START}\n"
    f"<p>Block\twith a tab</p>\n   \n<pre>kept</pre>\n{END}\n\n## Same\n\n## Same\n\n---\n\n"
    f"{START}\n{END}\n\n## Ré&#40;sumé&#41;  spaced  \n\n{START}\n<span>inline</span>\n{END}",
    "# Only a title",
    "#  Two spaces&amp;&#x3a; after",
    "1,000 practices, (all) South-South&#46; Its 2nd line: + - / ' \"\n\n# T\n\nنص عربي\n\n---",
]
NOT_WHOLE = [
    "# A *title*", "# A title {: lang=\"fr\" }", "# T\nA paragraph", "# T ##",
    "# T\n<p class=\"a\">x</p>\n## Next", "# T\n\n<p class=\"a\">x</p>\n---",
    f"# T\n{START}\nno end", "# &#abc; heading", "Text\n---",
    # paragraphs that Markdown reads as more than text
    "# T\n\n1. A list", "# T\n\n- A list", "# T\n\nA break  \nhere", "# T\n\nText\n===",
    "# T\n\nA | table\nb | c", "# T\n\nA *stress*", "# T\n\nText\n# Heading",
    "# T\n\nText\n    lazy", "# T\n\n_Text_", "# T\n\nText [link](x)", "# T\n\n~~~\ncode\n~~~",
    f"# T\n\nText\n{START}\n<p>x</p>\n{END}",
]


@pytest.mark.parametrize("source", WHOLE + NOT_WHOLE)
def test_a_page_written_whole_converts_as_python_markdown_converts_it(built, source):
    root, _, _ = built
    config = load_config(str(root / "mkdocs.yml"), docs_dir=str(root / DOCS / "en"))
    converter = Converter(config, get_files(config))
    written = written_whole(source, converter)
    assert (written is not None) == (source in WHOLE)
    if written:
        converter.md.reset()
        converter.anchors.present_anchor_ids = set()
        converter.title.title = None
        html_text = converter.md.convert(source)
        assert (written[0], written[1], written[2], written[3]) == (
            html_text, converter.md.toc_tokens, converter.title.title,
            converter.anchors.present_anchor_ids)


def test_each_page_s_navigation_leads_to_the_pages_it_names(built):
    # The navigation rendered once per folder: its links, relative to the page, lead to
    # the pages from every folder, and no page outside it shows an item as active.
    _, site, _ = built
    named = {}
    for page in ["practices/test-border-practice", "centres/test-centre", "regions/africa",
                 "countries/sen", "pillars", "practices"]:
        path = site / "fr" / page / "index.html"
        document = html.parse(str(path)).getroot()
        links = document.xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
        titles = document.xpath("//nav[contains(@class, 'md-nav--primary')]"
                                "//a//text()[normalize-space()]")
        assert links and "None" not in [t.strip() for t in titles], page
        targets = []
        for link in links:
            target = (path.parent / link.split("#")[0]).resolve()
            assert (target / "index.html").exists() or target.is_file(), (page, link)
            targets.append(target.relative_to((site / "fr").resolve()).as_posix())
        named[page] = sorted(set(targets))
        active = document.xpath("//nav[contains(@class, 'md-nav--primary')]"
                                "//a[contains(@class, 'md-nav__link--active')]/@href")
        assert active == (["./"] if "/" not in page else []), page
    assert len({tuple(targets) for targets in named.values()}) == 1, named


@pytest.fixture(scope="module")
def converter(built):
    root, _, _ = built
    config = load_config(str(root / "mkdocs.yml"), docs_dir=str(root / DOCS / "en"))
    return Converter(config, get_files(config))


# Lines of text, with what Markdown reads in a line among their words.
_WORDS = ["a", "é", "1", " ", ",", ".", ":", "(", ")", "-", "+", "'", '"', "/", "&#46;",
          "&amp;", "&x", "*a*", "_a_", "`a`", "[a](b)", "<b>", "a  ", "|", "~", "=", "#",
          "!", "{: x}", "\\*", "\t"]
_LINES = st.lists(st.sampled_from(_WORDS), max_size=8).map(lambda words: "x" + "".join(words))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.one_of(_LINES, st.sampled_from(
    ["1. x", "- x", "---", "===", "    x", "# H", "x  ", "&#46;", "&amp;", "&x"])),
    min_size=1, max_size=3), min_size=1, max_size=3))
def test_any_paragraph_taken_as_plain_text_is_what_python_markdown_makes_of_it(converter,
                                                                               paragraphs):
    source = "# T\n\n" + "\n\n".join("\n".join(lines) for lines in paragraphs)
    written = written_whole(source, converter)
    if written is not None:
        converter.md.reset()
        assert written[0] == converter.md.convert(source)
