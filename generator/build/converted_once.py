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

import html
import logging
import re

import markdown
from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (Page, _ExtractAnchorsTreeprocessor,
                                    _ExtractTitleTreeprocessor, _RelativePathTreeprocessor)
from mkdocs.structure.toc import get_toc

from ..site.html_blocks import END, START

log = logging.getLogger("mkdocs.structure.pages")


# A page the generator wrote whole but for its headings and paragraphs: headings and
# paragraphs of plain text (entities for the signs Markdown reads), the generator's HTML
# blocks, one line of HTML and rules.
_ENTITY = r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);"
_HEADING = re.compile(rf"(#{{1,6}}) ((?:[^\\`*_\[\]<>&{{}}#!\t]|{_ENTITY})+)\Z")
# A paragraph's line: it starts with a letter or digit (not a list's number), holds no
# sign of a table, fence or heading underline either, and does not end in a line break.
_TEXT_LINE = re.compile(rf"(?![0-9]+\.[ ])(?:[^\W_]|{_ENTITY})"
                        rf"(?:[^\\`*_\[\]<>&{{}}#!|~=\t]|{_ENTITY})*(?<! )\Z")
_HTML_LINE = re.compile(r'<p class="[\w -]+"(?: [\w-]+="[^"<>&]*")*>[^<>&]*</p>\Z')
_BLANK_LINE = re.compile(r"(?<=\n) +\n")


class Converter:
    """One Markdown converter with the configuration's extensions and MkDocs' processors."""

    def __init__(self, config, files: Files):
        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})
        toc = (config["mdx_configs"] or {}).get("toc", {})
        # Headings written as Python-Markdown's toc writes them with these settings only.
        self.direct = toc.get("permalink") is True and set(toc) <= {"permalink", "slugify"} \
            and "toc" in config["markdown_extensions"]
        self.slugify = toc.get("slugify") or slugify
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
        written = converter.direct and written_whole(self.markdown, converter)
        if written:
            self.content, tokens, self._title_from_render, ids = written
            self.markdown = ""
            self.toc = get_toc(tokens)
            self.present_anchor_ids = ids
            if log.getEffectiveLevel() > logging.DEBUG:
                self.links_to_anchors = {}
            return
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


def written_whole(source: str, converter: Converter) -> tuple[str, list, str | None, set] | None:
    """The HTML, table of contents (toc tokens), title and ids that Python-Markdown would
    make of a page that the generator wrote whole but for its headings and paragraphs of
    plain text (None for any other page): its HTML blocks as they are, each heading as the
    toc extension writes it (an id, unique on the page, and its permalink), each
    paragraph in its element. A practice page's conversion was a third of MkDocs' time
    for it, to find out what the generator already knew."""
    raw_html = converter.md.postprocessors["raw_html"]
    lines = _normalized(source, converter.md.tab_length).split("\n")
    parts, tokens, ids, title, block, paragraph = [], [], set(), None, None, None
    for n, line in enumerate(lines):
        if block is not None:
            if line == END:
                html_text = "\n".join(block)
                # Python-Markdown puts a block that does not start with a block's tag in
                # a paragraph (an empty one too).
                parts.append(html_text if raw_html.isblocklevel(html_text) else
                             f"<p>{html_text}</p>")
                block = None
            else:
                block.append(line)
        elif paragraph is not None:
            if not line:
                parts.append("<p>" + "\n".join(paragraph) + "</p>")
                paragraph = None
            elif _TEXT_LINE.match(line):
                paragraph.append(line)
            else:
                return None
        elif line == START:
            block = []
        elif not line:
            continue
        elif (heading := _HEADING.match(line)) is not None:
            level, text = len(heading.group(1)), heading.group(2).strip()
            name = " ".join(text.split())
            anchor = unique(converter.slugify(html.unescape(name), "-"), ids)
            parts.append(f'<h{level} id="{anchor}">{text}<a class="headerlink" '
                         f'href="#{anchor}" title="Permanent link">&para;</a></h{level}>')
            tokens.append({"level": level, "id": anchor, "name": name, "html": text,
                           "data-toc-label": ""})
            if title is None and len(parts) == 1 and level == 1:
                title = name
        # A raw HTML line and a rule stand apart (a line after either would change it).
        elif _HTML_LINE.match(line) and not lines[n + 1]:
            parts.append(line + "\n")  # Python-Markdown keeps a raw HTML block's newline
        elif line == "---" and n and not lines[n - 1]:
            parts.append("<hr />")
        elif _TEXT_LINE.match(line) and not (n and lines[n - 1]):
            paragraph = [line]
        else:
            return None
    if block is not None or paragraph is not None:
        return None
    return "\n".join(parts), nest_toc_tokens(tokens), title, ids


def _normalized(source: str, tab_length: int) -> str:
    """The source as Python-Markdown's first preprocessor leaves it (NormalizeWhitespace),
    its HTML blocks included; ends with blank lines."""
    source = source.replace("\x02", "").replace("\x03", "")
    source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
    source = source.expandtabs(tab_length)
    return _BLANK_LINE.sub("\n", source)


def give_pages(files: Files, config) -> Files:
    """Give each Markdown file its page, converted by one converter for the build."""
    converter = Converter(config, files)
    for file in files.documentation_pages():
        if file.page is None:
            ConvertedOnce(file, config, converter)
    return files
