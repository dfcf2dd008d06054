"""The handbook's HTML document (`site/handbook.py`, the one a browser prints too) written
as Typst markup, for Typst to lay out the PDF edition. Both editions come from one
template: the HTML's elements and classes map onto the elements `handbook.typ` defines.

Every text of the document, contributor text included, is written as a Typst string
literal (`#"…";`), so that no character of it is read as markup or code: only `\\` and
`"` need escaping there. Links lead to a heading of the document only (its label), and
page numbers are Typst's own (`locate`), in the edition's numerals.
"""

from __future__ import annotations

import re
import unicodedata
from importlib.resources import files

from lxml import html as lxml_html

from .tools import BuildError

# Containers whose whitespace-only texts separate blocks and say nothing.
BLOCKS = {"html", "body", "article", "div", "section", "ul", "ol", "table", "thead",
          "tbody", "tfoot", "tr", "blockquote", "dl", "figure", "details"}
SKIPPED = {"head", "script", "style", "img", "template"}
# A label Typst accepts as it is written (`<label>` syntax).
LABEL = re.compile(r"[A-Za-z_][A-Za-z0-9_.:-]*\Z")
BREAKS_BEFORE = {"region", "practice", "centre", "expert"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3}
INLINE_CALLS = {"strong": "strong", "b": "strong", "em": "emph", "i": "emph",
                "del": "strike", "s": "strike", "sup": "super", "sub": "sub",
                "small": "text(size: 0.85em)"}
PARAGRAPHS = {"field", "cover-site", "cover-title", "cover-subtitle", "cover-draft",
              "section-label"}
SIDES = {"ltr": "left", "rtl": "right"}
_SPACE = re.compile(r"\s+")


def preamble() -> str:
    return files("generator.site").joinpath("templates/handbook.typ").read_text("utf-8")


def string(text: str) -> str:
    """`text` as a Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def value(python) -> str:
    """A Python value (str, bool, None, int, list, dict of them) as a Typst value."""
    if python is None:
        return "none"
    if isinstance(python, bool):
        return "true" if python else "false"
    if isinstance(python, (int, float)):
        return repr(python)
    if isinstance(python, str):
        return string(python)
    if isinstance(python, (list, tuple)):
        return "(" + "".join(f"{value(item)}, " for item in python) + ")"
    if isinstance(python, dict):
        return "(" + ", ".join(f"{key}: {value(item)}" for key, item in python.items()) + ",)"
    raise TypeError(type(python))


def document(html: str, edition: dict, headers: dict[str, str]) -> str:
    """The whole Typst source: the edition's settings, the preamble, the converted body.
    `headers`: the running header of each chapter (`chapter-<name>` in the HTML)."""
    root = lxml_html.document_fromstring(html)
    article = root.find(".//article")
    if article is None:
        raise BuildError("the handbook's HTML has no <article>")
    writer = _Writer({h.get("id") for h in root.iter("h1", "h2", "h3") if h.get("id")},
                     headers)
    writer.children(article, block=True)
    return f"#let edition = {value(edition)}\n{preamble()}\n{''.join(writer.out)}\n"


class _Writer:
    def __init__(self, targets: set[str], headers: dict[str, str]):
        for target in targets:
            if not LABEL.match(target):
                raise BuildError(f"the handbook's anchor {target!r} is no Typst label")
        self.targets, self.headers = targets, headers
        self.out: list[str] = []

    def children(self, element, block: bool) -> None:
        if element.text:
            self.text(element.text, block)
        for child in element:
            if isinstance(child.tag, str):
                self.element(child)
            if child.tail:
                self.text(child.tail, block)

    def text(self, text: str, block: bool) -> None:
        text = _SPACE.sub(" ", text)
        if text == " ":
            if not block:
                self.out.append(" ")
        elif text:
            self.out.append(f"#{string(text)};")

    def call(self, function: str, element, block: bool = False) -> None:
        self.out.append(f"#{function}[")
        self.children(element, block)
        self.out.append("]")

    def strong_paragraph(self, element) -> None:
        """The element's content in bold, a paragraph of its own (a heading that is not one
        of the document's)."""
        self.out.append("\n\n")
        self.call("strong", element)
        self.out.append("\n\n")

    def element(self, element) -> None:
        tag, classes = element.tag, set((element.get("class") or "").split())
        if tag in SKIPPED:
            return
        lang, direction = element.get("lang"), element.get("dir")
        if direction == "auto":
            direction = _direction(element.text_content())
        if (lang or direction in ("ltr", "rtl")) and tag not in HEADINGS:
            styles = [f"lang: {string(lang)}"] if lang else []
            styles += [f"dir: {direction}"] if direction in ("ltr", "rtl") else []
            if direction in ("ltr", "rtl") and tag in ("p", "li", "div"):
                # a paragraph of its own, which starts on its side
                self.out.append(f"#block(width: 100%)[#set text({', '.join(styles)});"
                                f"#set align({SIDES[direction]});")
            else:
                self.out.append(f"#[#set text({', '.join(styles)});")
            self._element(element, tag, classes)
            self.out.append("]")
        else:
            self._element(element, tag, classes)

    def _element(self, element, tag: str, classes: set[str]) -> None:  # noqa: C901
        if tag in HEADINGS:
            self.heading(element)
        elif tag == "div":
            self.division(element, classes)
        elif tag == "p":
            kind = next((c for c in classes if c in PARAGRAPHS), None)
            if "note" in classes:
                self.call("note(draft: true)" if "draft" in classes else "note", element)
            elif kind:
                self.call(kind, element)
            elif classes & {"cover-edition", "cover-language", "cover-licence",
                            "cover-contents", "cover-address", "admonition-title"}:
                self.call("field", element)
            else:
                self.out.append("\n\n")
                self.children(element, block=False)
                self.out.append("\n\n")
        elif tag == "a":
            self.link(element, classes)
        elif tag == "span" and "label" in classes:
            self.call("field-label", element)
        elif tag == "span" and "entry" in classes:
            self.call("strong", element)
        elif tag in ("ul", "ol"):
            self.items(element, classes)
        elif tag == "li":
            self.children(element, block=False)
        elif tag in INLINE_CALLS:
            self.call(INLINE_CALLS[tag], element)
        elif tag == "br":
            self.out.append("#linebreak()")
        elif tag == "hr":
            self.out.append("\n\n#line(length: 100%)\n\n")
        elif tag in ("code", "kbd"):
            self.out.append(f"#raw({string(element.text_content())});")
        elif tag == "pre":
            self.out.append(f"\n\n#raw(block: true, {string(element.text_content())})\n\n")
        elif tag == "blockquote":
            self.call("quote(block: true)", element, block=True)
        elif tag == "table":
            self.table(element)
        elif tag in ("h4", "h5", "h6", "dt", "caption", "figcaption", "summary"):
            self.strong_paragraph(element)
        else:  # span, abbr, dd, details, figure…: their content
            self.children(element, block=tag in BLOCKS)

    def heading(self, element) -> None:
        level, anchor = HEADINGS[element.tag], element.get("id")
        if anchor not in self.targets:  # a heading of contributor text: not in the outline
            self.strong_paragraph(element)
            return
        self.out.append(f"\n\n#heading(level: {level})[")
        lang = element.get("lang")
        if lang:
            self.out.append(f"#text(lang: {string(lang)})[")
        self.children(element, block=False)
        self.out.append("]" * (2 if lang else 1) + f" <{anchor}>\n\n")

    def division(self, element, classes: set[str]) -> None:
        if "chapter" in classes or "contents" in classes:
            name = next((c[8:] for c in classes if c.startswith("chapter-")), "")
            header = self.headers.get(name, "")
            self.out.append(f"\n\n#chapter({string(header)})\n\n")
        elif classes & BREAKS_BEFORE and not _after_heading(element):
            self.out.append("\n\n#pagebreak(weak: true)\n\n")
        if "cover" in classes:
            self.call("cover", element, block=True)
        elif "summary" in classes:
            self.call("summary", element, block=True)
        elif "admonition" in classes:
            self.call("box-note", element, block=True)
        else:
            self.children(element, block=True)

    def link(self, element, classes: set[str]) -> None:
        href = element.get("href") or ""
        target = href[1:] if href.startswith("#") else None
        if "page-ref" in classes:
            if target in self.targets:  # apart from the name before it, on its line
                last = self.out[-1] if self.out else ""
                space = "" if last == " " or last.endswith(' ";') else "~"
                self.out.append(f"{space}#page-of(<{target}>)")
            return
        if target in self.targets:
            self.call(f"link(<{target}>)", element)
        elif href.startswith(("http://", "https://", "mailto:")):
            if "url" in classes:
                self.call(f"url({string(href)})", element)
            else:
                self.call(f"link({string(href)})", element)
                if element.text_content().strip() != href:
                    self.out.append(f"#address-after({string(href)})")
        else:  # a page of the site: its text
            self.children(element, block=False)

    def items(self, element, classes: set[str]) -> None:
        items = [item for item in element if item.tag == "li"]
        if "toc" in classes:
            for item in items:
                self.toc_entry(item)
            return
        if classes & {"sources", "refs", "index-entries"}:
            function = "plain-list("
        elif element.tag == "ol":
            start = element.get("start", "")
            function = f"enum(start: {start}, " if start.isdigit() else "enum("
        else:
            function = "list("
        self.out.append(f"\n\n#{function}")
        for item in items:
            self.out.append("[")
            self.element(item)
            self.out.append("], ")
        self.out.append(")\n\n")

    def toc_entry(self, item) -> None:
        level = int((item.get("class") or "toc-1").rsplit("-", 1)[1])
        link = item.find("a")
        target = (link.get("href") or "")[1:]
        if target not in self.targets:
            return
        self.out.append(f"#toc-entry({level}, <{target}>)[")
        self.element(_text_of(link))
        self.out.append("]\n")

    def table(self, element) -> None:
        rows = [row for row in element.iter("tr")]
        columns = max((len(row) for row in rows), default=1)
        self.out.append(f"\n\n#table(columns: {columns}, ")
        for row in rows:
            cells = [cell for cell in row if cell.tag in ("td", "th")]
            for cell in cells + [None] * (columns - len(cells)):
                self.out.append("[")
                if cell is not None and cell.tag == "th":
                    self.call("strong", cell)
                elif cell is not None:
                    self.children(cell, block=False)
                self.out.append("], ")
        self.out.append(")\n\n")


def _direction(text: str) -> str | None:
    """A text's direction as a browser finds it for `dir="auto"`: its first strong
    letter's."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def _after_heading(element) -> bool:
    """Whether the element follows a heading (a chapter's first region, a region's first
    practice): they share the heading's page."""
    previous = element.getprevious()
    return previous is not None and previous.tag in HEADINGS


def _text_of(link):
    """A contents entry's link, as a span (its lang kept): the entry links it itself."""
    span = lxml_html.Element("span")
    if link.get("lang"):
        span.set("lang", link.get("lang"))
    span.text = link.text_content()
    return span
