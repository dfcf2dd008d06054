"""Pages that one Markdown converter, made once per build, turns into HTML.

MkDocs makes a new `markdown.Markdown` for every page, which sets up every extension again
(a tenth of its time converting a generated page), and reads the page's raw HTML once more
with `html.parser` only to list the ids it holds, for its check of links to anchors, which
informs and never fails a build (as much time again). Here one converter serves every page
of the build: reset between pages as Python-Markdown resets itself, with MkDocs' own tree
processors (links made relative, ids and title read from the converted tree). The HTML is
the same; the generator's HTML blocks no longer give MkDocs their ids.

The page's Markdown source is let go once converted.

MkDocs lets a plugin give a file its page before the navigation is made (`File.page`);
its tree processors are its own private classes, whose state is set here page by page.
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (Page, _ExtractAnchorsTreeprocessor,
                                    _ExtractTitleTreeprocessor, _RelativePathTreeprocessor)
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.structure.pages")


class Converter:
    """One Markdown converter with the configuration's extensions and MkDocs' processors."""

    def __init__(self, config, files: Files):
        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})
        self.anchors = _ExtractAnchorsTreeprocessor(None, files, config)
        self.anchors._register(self.md)
        self.links = _RelativePathTreeprocessor(None, files, config)
        self.links._register(self.md)
        self.title = _ExtractTitleTreeprocessor()
        self.title._register(self.md)


class ConvertedOnce(Page):
    """A page that the build's one converter renders."""

    def __init__(self, file, config, converter: Converter):
        super().__init__(None, file, config)
        self.converter = converter

    def render(self, config, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        converter = self.converter
        converter.md.reset()
        converter.links.file, converter.links.files = self.file, files
        converter.links.links_to_anchors = {}
        converter.anchors.present_anchor_ids = set()
        converter.title.title = None
        self.content = converter.md.convert(self.markdown)
        # Not kept once converted: MkDocs holds every page until it has rendered them all.
        # Empty, not None, which would make the page's title None.
        self.markdown = ""
        self.toc = get_toc(getattr(converter.md, "toc_tokens", []))
        self._title_from_render = converter.title.title
        self.present_anchor_ids = converter.anchors.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = converter.links.links_to_anchors


def give_pages(files: Files, config) -> Files:
    """Give each Markdown file its page, converted by one converter for the build."""
    converter = Converter(config, files)
    for file in files.documentation_pages():
        if file.page is None:
            ConvertedOnce(file, config, converter)
    return files
