"""The generator's HTML blocks handed to Python-Markdown as they are, not parsed again.

Python-Markdown reads every raw HTML block of a page with `html.parser` only to set it
aside unchanged; on long lists of practices that was most of MkDocs' time for the page.
The generator marks the blocks it built (escaped values, sanitised contributor HTML) and
this Markdown extension stores each one in Python-Markdown's own stash, which puts it back
into the page untouched, as it does any raw HTML block. Contributor text cannot contain the
markers: plain text is entity-escaped and Markdown fields lose their HTML comments.
"""

from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

START = "<!-- sskb:html -->"
END = "<!-- /sskb:html -->"


def html_block(html: str) -> Markup:
    """Mark an HTML block that the generator built, for the extension below."""
    return Markup(f"{START}\n{html}\n{END}")


class _StashBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out, block = [], None
        for line in lines:
            if block is None:
                if line == START:
                    block = []
                else:
                    out.append(line)
            elif line == END:
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # no end marker: leave the lines to Markdown
            out += [START, *block]
        return out


class HtmlBlocksExtension(Extension):
    def extendMarkdown(self, md):
        # After whitespace normalisation (30), before Python-Markdown's raw HTML (20).
        md.preprocessors.register(_StashBlocks(md), "sskb_html_blocks", 25)


def makeExtension(**kwargs):
    return HtmlBlocksExtension(**kwargs)
