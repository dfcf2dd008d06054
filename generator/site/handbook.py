"""The handbook of South-South initiatives: one document per language, from the same view
and strings as the site, as HTML, written out as it is rendered. Typst lays it out to PDF
(`build/handbook_pdf.py`); the site publishes it as one page (`/handbook/`), which a
browser prints too.

The practices are grouped by pillar, then region: a practice under several pillars stands
once, under its first, and the other pillars refer to it. Each chapter has a running
header, its title (a named page for a browser's print). The table of contents lists
every heading of the document, so that the PDF's outline (made from the headings) and the
contents are the same.
"""

from __future__ import annotations

import io
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TextIO

import markdown
from markupsafe import Markup, escape

from ..kb.models import MARKDOWN_FIELDS
from .contributor_text import markdown_html, page_html
from .render import Localized, LanguageRenderer, make_handbook_environment
from .settings import Settings
from .translation_notices import translation_notices
from .view import View

# Hand-written pages keep these Markdown extensions on the site (mkdocs.yml) too.
PAGE_EXTENSIONS = ["admonition", "attr_list", "tables", "pymdownx.superfences"]
_HEADING = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PdfLink:
    """The PDF edition as the site links it: its file name and its size, as shown."""

    name: str
    size: str


@dataclass
class Heading:
    level: int      # 1 chapter, 2 section, 3 record
    id: str
    title: str
    lang: str | None = None  # when the title is in another language than the edition's


@dataclass
class Region:
    id: str
    title: str
    practices: list = field(default_factory=list)


@dataclass
class Pillar:
    number: int
    regions: list[Region] = field(default_factory=list)
    elsewhere: list = field(default_factory=list)  # practices whose first pillar is another


class Handbook(LanguageRenderer):
    """One edition: the records arranged, and what the template asks of them.
    `for_print`: the document the PDF is laid out from, with a place for each page number
    (the web edition has none)."""

    def __init__(self, view: View, language: str, settings: Settings, edition: date,
                 for_print: bool = True, pdf: "PdfLink | None" = None):
        super().__init__(view, language, settings, make_handbook_environment())
        self.edition, self.for_print, self.pdf = edition, for_print, pdf
        self.headings: list[Heading] = []

    # --- the arrangement ------------------------------------------------------------------

    @cached_property
    def pillars(self) -> list[Pillar]:
        pillars = {n: Pillar(n) for n in (1, 2, 3, 4)}
        regions = list(self.view.regions)
        for practice in sorted(self.view.practices, key=self._sort_key):
            pillar = pillars[practice.pillars[0]]
            region = practice.regions[0]
            found = next((r for r in pillar.regions if r.id == region), None)
            if found is None:
                found = Region(region, self.term("regions", region))
                pillar.regions.append(found)
            found.practices.append(practice)
            for other in practice.pillars[1:]:
                pillars[other].elsewhere.append(practice)
        for pillar in pillars.values():
            pillar.regions.sort(key=lambda r: regions.index(r.id) if r.id in regions else 99)
        return list(pillars.values())

    def _sort_key(self, record) -> str:
        return self.name(record).casefold()

    @cached_property
    def centres(self) -> list:
        return sorted(self.view.centres.values(), key=self._sort_key)

    @cached_property
    def experts(self) -> list:
        return sorted(self.view.experts.values(), key=self._sort_key)

    @cached_property
    def requests(self) -> list:
        """The requests still waiting for an answer, oldest first."""
        return self.view.open_requests()

    def index(self, facet: str) -> list[tuple[str, list]]:
        """(entry, practices) of the index of countries, organisations or themes, sorted."""
        entries: dict[str, list] = {}
        for practice in self.view.practices:
            if facet == "countries":
                keys = dict.fromkeys(practice.lead_countries + practice.partner_countries)
                named = [self.t.country(code) for code in keys]
            elif facet == "organizations":
                named = [self.name(self.view.organizations[o]) for o in practice.organizations
                         if o in self.view.organizations]
            else:
                named = self.terms("themes", practice.themes)
            for name in named:
                entries.setdefault(name, []).append(practice)
        return [(name, sorted(practices, key=self.position))
                for name, practices in sorted(entries.items(), key=lambda e: e[0].casefold())]

    def in_order(self, practices) -> list:
        return sorted(practices, key=self.position)

    def position(self, practice) -> int:
        """Where a practice stands in the handbook: its pages follow this order."""
        return self._positions[practice.id]

    @cached_property
    def _positions(self) -> dict[str, int]:
        order = [p for pillar in self.pillars for region in pillar.regions
                 for p in region.practices]
        return {practice.id: index for index, practice in enumerate(order)}

    # --- what the template writes ---------------------------------------------------------

    def anchor(self, record) -> str:
        return f"{type(record).__name__.lower()}-{record.id}"

    def heading(self, level: int, anchor: str, title: str, lang: str | None = None) -> Markup:
        """A heading of the document, recorded for the table of contents."""
        self.headings.append(Heading(level, anchor, title, lang))
        attributes = f' lang="{lang}" dir="{Localized("", lang, False).dir}"' if lang else ""
        return Markup(f'<h{level} id="{anchor}"{attributes}>{escape(title)}</h{level}>')

    def record_heading(self, level: int, record) -> Markup:
        name = self.localized_name(record)
        return self.heading(level, self.anchor(record), name.text,
                            name.lang if name.fallback else None)

    def page_of(self, anchor: str) -> Markup:
        """Where the PDF writes the page number of an anchor (Typst places it); nothing
        in the HTML edition."""
        if not self.for_print:
            return Markup("")
        return Markup(f'<a class="page-ref" href="#{anchor}"></a>')

    def text_block(self, record, field_name: str, css: str = "text") -> Markup:
        """A record's text in this edition's language, or its original one (marked)."""
        value = self.text(record, field_name)
        if value is None:
            return Markup("")
        body = markdown_html(value.text) if field_name in MARKDOWN_FIELDS else \
            Markup(f"<p>{escape(value.text)}</p>")
        return Markup(f'<div class="{css}" lang="{value.lang}" dir="{value.dir}">{body}</div>')

    def translation_notes(self, record) -> list[str]:
        """What the site's page says about the record's translation, said here too."""
        return [text for _, text in translation_notices(self.t, self.view, record,
                                                        self.language)]

    def handwritten(self, name: str, level: int) -> Markup:
        """A hand-written page's body, cleaned as the site cleans it, its headings one
        level below `level` and recorded for the contents."""
        page = self.page(name)
        html = page_html(markdown.markdown(page.body, extensions=PAGE_EXTENSIONS))
        return Markup(_HEADING.sub(lambda m: self._page_heading(m, name, level), html))

    def _page_heading(self, match, page: str, level: int) -> str:
        title = _TAGS.sub("", match.group(3))
        anchor = f"{page}-{len(self.headings)}"
        return str(self.heading(min(level + 1, 3), anchor, Markup(title).unescape()))

    def supporter_names(self, record) -> str:
        return self.t("list_separator").join(self.supporter(s) for s in record.supported_by)

    def facet_labels(self, facet: str, values) -> str:
        return self.t("list_separator").join(self.facet_label(facet, v) for v in values)

    def names(self, kind: str, ids) -> Markup:
        """The names of the records a practice names, each with its page where the handbook
        has one (centres, experts); a person without a public profile stays unnamed."""
        shown = self.view.shown(kind)
        parts = []
        for record_id in ids:
            if record_id not in shown:
                parts.append(escape(self.t("expert_of_network")))
                continue
            record = shown[record_id]
            name = self.localized_name(record)
            lang = f' lang="{name.lang}"' if name.fallback else ""
            page = self.page_of(self.anchor(record)) if kind != "organization" else ""
            parts.append(Markup(f"<span{lang}>{escape(name.text)}</span>{page}"))
        return Markup(escape(self.t("list_separator"))).join(parts)

    def running_headers(self) -> list[tuple[str, str]]:
        """(named page, running header) of each part of the document."""
        t = self.t
        return [("contents", t("handbook_contents")), ("foreword", t("handbook_foreword")),
                ("strategy", t("pillars"))] + [
            (f"pillar-{n}", f"{t('pillar')} {self.t.number(n)}") for n in (1, 2, 3, 4)] + [
            ("centres", t("centres")), ("experts", t("experts")),
            ("requests", t("requests")), ("index", t("handbook_index"))]

    def chapter_header(self, title: str) -> Markup:
        """A running header as a CSS string, inside <style>: no character of it can end
        the string or the element (each other is written as CSS escapes it)."""
        return Markup('"' + "".join(c if c.isalnum() or c in " .,:;-–—()" else
                                    f"\\{ord(c):x} " for c in title) + '"')

    def render_document(self) -> str:
        """The whole edition, as one text."""
        document = io.StringIO()
        self.write_document(document)
        return document.getvalue()

    def write_document(self, out: TextIO) -> None:
        """Write the whole edition to `out` as it is rendered: the body first, into a
        temporary file (its headings make the contents), then the document around it,
        rendered around a mark, and the body in the mark's place. Rendered whole and
        joined with the rest, the edition of 10,000 practices in Arabic took 179 MB at
        most; written piece by piece, 15 MB. The mark is drawn anew each time: no text of a
        record can hold it."""
        self.headings = []
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as body:
            body.writelines(self.env.get_template("handbook-body.html.j2").generate(
                hb=self, t=self.t, view=self.view, settings=self.settings))
            mark = f"<!--sskb-body-{secrets.token_hex(16)}-->"
            before, after = self.env.get_template("handbook.html.j2").render(
                hb=self, t=self.t, view=self.view, body=Markup(mark), lang=self.language,
                direction=self.t.direction, settings=self.settings).split(mark)
            out.write(before)
            body.seek(0)
            shutil.copyfileobj(body, out)
            out.write(after)

