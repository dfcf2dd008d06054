"""What the build does once instead of once per page gives each page what MkDocs gave it:
one Markdown converter for every page (`converted_once`), and one navigation per folder
for the pages outside it (`in_mkdocs.SharedNav`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from generator.build.converted_once import Converter, ConvertedOnce
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
    for file in pages:
        theirs = Page(None, file, config)
        theirs.read_source(config)
        theirs.render(config, files)
        ours = ConvertedOnce(file, config, converter)
        ours.read_source(config)
        ours.render(config, files)
        assert (ours.content, str(ours.toc), ours.title) == (
            theirs.content, str(theirs.toc), theirs.title), file.src_uri
        assert ours.title  # a page let go of its Markdown keeps its title


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
