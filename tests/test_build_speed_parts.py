"""What the build does once instead of once per page gives each page what MkDocs gave it:
one Markdown converter for every page (`converted_once`), and one navigation per folder
for the pages outside it (`in_mkdocs.SharedNav`)."""

from __future__ import annotations

import pytest
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
]
NOT_WHOLE = [
    "# A *title*", "# A title {: lang=\"fr\" }", "# T\nA paragraph", "# T ##",
    "# T\n<p class=\"a\">x</p>\n## Next", "# T\n\n<p class=\"a\">x</p>\n---",
    f"# T\n{START}\nno end", "# &#abc; heading", "Text\n---",
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
