"""The pieces of Markdown and HTML that pages are made of, each escaped for where it goes.

A mixin of `render.LanguageRenderer`: link lists, labels and notices are built here
rather than in template macros because they are on every page, many times, and Python is
several times faster than Jinja's macro calls.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..kb.review import due_for_review
from . import urls
from .contributor_text import html_text, inline_text
from .coverage import MISSING, PARTIAL, available_languages
from .html_blocks import html_block
from .linked_data import linked_data, script_text
from .translation_notices import field_names, translation_notices
from .view import TRIANGULAR, support


def notice(kind: str, text: str) -> Markup:
    """A notice (Material's admonition without a title: info, note, warning) as HTML.
    Notices repeat from page to page: left out of the search index, they neither make
    every page match nor fill the results' excerpts."""
    return html_block(f'<div class="admonition {kind}" data-pagefind-ignore="all">\n'
                      f"<p>{html_text(text)}</p>\n</div>") + Markup("\n")


class Fragments:
    """Needs `t`, `view`, `settings`, `language`, `name()`, `localized_name()`,
    `facet_label()`, `_labels`, `_links`, `_names` (dicts) and `_here` (the path of the page
    being rendered)."""

    def lang_attributes(self, record, markdown: bool = False) -> Markup:
        """`lang` and `dir` for a record's name shown in another language than the page's."""
        name = self.localized_name(record)
        if not name.fallback:
            return Markup("")
        if markdown:
            return Markup(f'{{: lang="{name.lang}" dir="{name.dir}" }}')
        return Markup(f' lang="{name.lang}" dir="{name.dir}"')

    def fallback_notice(self, record) -> Markup:
        """Visible notices when the record's texts are not (all) in the page's language,
        were translated from an earlier version of the original, or are not reviewed."""
        return Markup("\n").join(
            notice(kind, text)
            for kind, text in translation_notices(self.t, self.view, record, self.language))

    def available_in(self, record) -> Markup:
        return self.separator.join(
            Markup(f'<span lang="{lang}">{html_text(self.t.native_name(lang))}</span>')
            for lang in available_languages(self.view.coverage(record)))

    def label(self, key: str, **values) -> Markup:
        """A catalogue string, escaped for a Markdown line (cached: pages repeat labels)."""
        if values:
            values = {name: self.t.number(value) if isinstance(value, int) else value
                      for name, value in values.items()}
            return inline_text(self.t(key, **values))
        if key not in self._labels:
            self._labels[key] = inline_text(self.t(key))
        return self._labels[key]

    def label_with(self, key: str, **markup: Markup) -> Markup:
        """A catalogue string with generated markup (a link) in its {placeholders}."""
        text = str(inline_text(self.t(key, **{name: f"\0{name}\0" for name in markup})))
        for name, value in markup.items():
            text = text.replace(f"\0{name}\0", str(value))
        return Markup(text)

    def handbook_links(self, practice=None) -> Markup:
        """The handbook in this language: its web page and its PDF with the PDF's size (for
        a practice, the practice's page in it), as an HTML line: MkDocs checks the links
        to documentation pages, and the handbook is written beside them."""
        link = self.settings.handbook
        if link is None:
            return Markup("")
        up = urls.to_root(self._here)
        page = link.pages.get(f"practice-{practice.id}") if practice else None
        pdf = self.t("handbook_pdf_page", size=link.size, page=self.t.number(page)) if page \
            else self.t("handbook_pdf", size=link.size)
        href = html_text(link.href(practice.id if practice else None))
        line = self.label_with(
            "handbook_line", web=Markup(f'<a href="{up}handbook/">'
                                        f'{html_text(self.t("handbook_web"))}</a>'),
            pdf=Markup(f'<a href="{up}{href}">{html_text(pdf)}</a>'))
        return html_block(f'<p class="sskb-handbook" data-pagefind-ignore="all">{line}</p>')

    def offline_link(self) -> Markup:
        """The offline edition on the home page: its size is written once the zip is
        made (build/offline.py), where the placeholder stands."""
        name = self.settings.offline
        if not name:
            return Markup("")
        size = self.t("offline_zip", size="SSKB-OFFLINE-SIZE")
        return html_block(
            f'<p class="sskb-offline" data-pagefind-ignore="all">'
            f'{html_text(self.t("offline"))}: <a href="offline/{html_text(name)}">'
            f'{html_text(size)}</a> – {html_text(self.t("offline_note"))}</p>')

    def related_list(self, practice) -> Markup:
        """The practices related to one, each with what it shares with it, as HTML."""
        found = self.view.related.get(practice.id, [])
        if not found:
            return Markup("")
        items = [self._list_item("practice", other, self._shares(
            self.facet_label(facet, value) for facet, value in shared[:4]))
            for other, shared in found]
        # Left out of the search index: a search for a practice finds its page, not every
        # page that lists it as related.
        return html_block('<ul class="sskb-list" data-pagefind-ignore="all">\n'
                          + "\n".join(items) + "\n</ul>")

    def news_list(self, news, count: int = 30) -> Markup:
        """The newest practices with their dates, as an HTML list."""
        items = [f"<li>{html_text(self.t.date(news.practice_date(self.view, p)))} – "
                 f'<a href="{urls.href(self._here, urls.record_page("practice", p.id))}"'
                 f"{self.lang_attributes(p)}>{html_text(self.name(p))}</a></li>"
                 for p in news.newest(self.view)[:count]]
        return html_block('<ul class="sskb-list">\n' + "\n".join(items) + "\n</ul>")

    def feed_links(self, news) -> Markup:
        """The language's feeds: all practices, and each pillar's."""
        up = urls.to_root(self._here)
        links = [(news.feed_name(), self.t("feed_all"))] + [
            (news.feed_name(n), self.facet_label("pillars", n)) for n in (1, 2, 3, 4)]
        return html_block("<ul>\n" + "\n".join(
            f'<li><a href="{up}feeds/{name}">{html_text(label)}</a></li>'
            for name, label in links) + "\n</ul>")

    def chart(self, chart) -> Markup:
        """A chart (its SVG file, beside the page) and, for screen readers and anyone
        who wants the numbers, the same as a table."""
        rows = "\n".join(f"<tr><td>{html_text(label)}</td><td>{html_text(written)}</td></tr>"
                         for label, _, written in chart.bars)
        return html_block(
            f'<p><img class="sskb-chart" src="{chart.name}.svg" alt="{html_text(chart.title)}: '
            f'{html_text(chart.description)}"></p>\n'
            f'<table>\n<caption>{html_text(chart.title)}</caption>\n<tbody>\n{rows}\n'
            "</tbody>\n</table>")

    def countries_map(self, involved: dict, description: str) -> Markup:
        """The map (its SVG file, beside the page) with the UN disclaimer and the
        geometry's source, and the countries as a table: how many practices each leads
        and takes part in, linked to its list."""
        t = self.t
        order = sorted(involved.items(), key=lambda item: (
            -len(item[1].leads), -len(item[1].partners),
            self.facet_label("countries", item[0])))
        rows = [(f'<a href="{urls.href(self._here, urls.facet_page("countries", country))}">'
                 f'{html_text(self.facet_label("countries", country))}</a>',
                 t.number(len(involvement.leads)), t.number(len(involvement.partners)))
                for country, involvement in order]
        legend = "".join(f'<li><span class="sskb-swatch sskb-swatch-{part}"></span>'
                         f'{html_text(t(f"insight_map_{part}"))}</li>'
                         for part in ("lead", "partner", "none"))
        # (the map links to its file: a phone's reader can open it alone and zoom)
        return html_block(
            f'<figure class="sskb-map"><a href="map.svg"><img class="sskb-chart" '
            f'src="map.svg" loading="lazy" alt="{html_text(t("insight_map"))}: '
            f'{html_text(description)}"></a>\n<ul class="sskb-legend">{legend}</ul>\n'
            f'<figcaption>{html_text(t("insight_map_disclaimer"))} '
            f'{html_text(t("insight_map_source"))}</figcaption></figure>\n'
            + self._table(t("insight_map"), ("insight_country", "insight_leads",
                                             "insight_partner_in"), rows))

    def flows_chart(self, found: dict, description: str) -> Markup:
        """The cooperation flows (their SVG file, beside the page) and the same as a
        table: lead region, partner region, practices."""
        t = self.t
        if not found:
            return html_block(f"<p>{html_text(description)}</p>")
        rows = [(html_text(self.term("regions", lead)), html_text(self.term("regions", partner)),
                 t.number(len(practices)),
                 t.number(sum(support(p) == TRIANGULAR for p in practices)))
                for (lead, partner), practices in found.items()]
        return html_block(
            f'<p><img class="sskb-chart" src="flows.svg" loading="lazy" alt="'
            f'{html_text(t("insight_flows"))}: {html_text(description)}"></p>\n'
            + self._table(t("insight_flows"), ("insight_flows_lead", "insight_flows_partner",
                                               "insight_flows_count", "insight_flows_triangular"),
                          rows))

    def _table(self, caption: str, headings: tuple, rows: list[tuple]) -> str:
        """A table of cells already written as HTML, under headings named by their keys."""
        head = "".join(f"<th>{html_text(self.t(key))}</th>" for key in headings)
        body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                         for row in rows)
        return (f"<table>\n<caption>{html_text(caption)}</caption>\n<thead><tr>{head}</tr>"
                f"</thead>\n<tbody>\n{body}\n</tbody>\n</table>")

    def support_table(self, rows: list[tuple[str, int, int]]) -> Markup:
        """Practices per region, South-South and triangular."""
        cells = [(html_text(self.term("regions", region)), self.t.number(south),
                  self.t.number(triangular)) for region, south, triangular in rows]
        return html_block(self._table(self.t("insight_support"),
                                      ("region", "support_south-south", "support_triangular"),
                                      cells))

    def coverage_table(self, matrix, facet: str) -> Markup:
        """The matrix of practices and experts by `facet` (pillars or themes) and region:
        each full cell's count links to its list below; each empty one, to the
        Contribute page."""
        contribute = urls.href(self._here, urls.CONTRIBUTE)
        head = "".join(f"<th>{html_text(self.term('regions', g))}</th>"
                       for g in matrix.regions)
        lines, lists = [], []
        for row in matrix.rows:
            cells = []
            for region in matrix.regions:
                practices = matrix.practices.get((row, region), [])
                experts = matrix.experts.get((row, region), [])
                requests = matrix.requests.get((row, region), [])
                asked = self._asked(requests)
                if not practices and not experts:
                    cells.append(f'<td class="sskb-gap"><a href="{contribute}">'
                                 f'{html_text(self.t("insight_gap"))}</a>{asked}</td>')
                    continue
                anchor = f"cell-{facet}-{row}-{region}"
                counts = self.t("insight_cell", practices=self.t.number(len(practices)),
                                experts=self.t.number(len(experts)))
                cells.append(f'<td><a href="#{anchor}">{html_text(counts)}</a>{asked}</td>')
                lists.append(self._cell_list(anchor, facet, row, region, practices, experts,
                                             requests))
            lines.append(f"<tr><th>{html_text(self.facet_label(facet, row))}</th>"
                         + "".join(cells) + "</tr>")
        # (a table with no class of its own keeps the theme's table style)
        table = (f'<div class="sskb-coverage"><table>\n<thead><tr><th></th>{head}</tr>'
                 "</thead>\n<tbody>\n" + "\n".join(lines) + "\n</tbody>\n</table></div>")
        return html_block(table + "\n" + "\n".join(lists))

    def _asked(self, requests) -> str:
        """A cell's open requests: demand where the knowledge base has, or lacks, answers."""
        if not requests:
            return ""
        text = self.t("insight_requests", requests=self.t.number(len(requests)))
        return f'<br><span class="sskb-asked">{html_text(text)}</span>'

    def _cell_list(self, anchor, facet, row, region, practices, experts, requests) -> str:
        title = f"{self.facet_label(facet, row)} – {self.term('regions', region)}"
        items = [self._list_item("practice", p) for p in practices] + [
            self._list_item("expert", e) for e in experts] + [
            self._list_item("request", q, f" ({html_text(self.t('request'))})")
            for q in requests]
        return (f'<p id="{anchor}"><strong>{html_text(title)}</strong></p>\n'
                '<ul class="sskb-list">\n' + "\n".join(items) + "\n</ul>")

    def search_strings(self) -> Markup:
        """The search page's strings for its script, as JSON in an attribute."""
        keys = {"placeholder": "search", "filters": "search_filters", "clear": "search_clear",
                "more": "search_more", "count": "search_count",
                "count_all": "search_count_all", "zero": "search_zero_results"}
        return html_text(json.dumps({name: self.t(key) for name, key in keys.items()},
                                    ensure_ascii=False))

    def data_files(self, exports) -> Markup:
        """The Data page's list of files, as HTML: they are written beside the page, and
        MkDocs checks only links to documentation pages."""
        items = []
        for kind in exports.KINDS:
            plural = exports.PLURALS[kind]
            items.append(f'<li>{html_text(self.t(plural))}: <a href="{plural}.json">JSON</a>'
                         f' · <a href="{plural}.csv">CSV</a> · <a href="schemas/{plural}'
                         f'.schema.json">{html_text(self.t("data_schema"))}</a></li>')
        items.append(f'<li><a href="datapackage.json">datapackage.json</a>: '
                     f'{html_text(self.t("data_package"))}</li>')
        return html_block("<ul>\n" + "\n".join(items) + "\n</ul>")

    @property
    def separator(self) -> Markup:
        """Between the items of an inline list: ", " but "، " in Arabic and "、" in Chinese."""
        return Markup(self.t("list_separator"))

    def bidi(self, text) -> Markup:
        """A contributor's one-line text isolated from the page's direction (a Latin name
        on an Arabic page keeps its punctuation in place); a Localized text shown in
        another language than the page's is marked with it."""
        if getattr(text, "fallback", False):
            return Markup(f'<bdi lang="{text.lang}" dir="{text.dir}">{inline_text(text.text)}'
                          "</bdi>")
        return Markup(f"<bdi>{inline_text(getattr(text, 'text', text))}</bdi>")

    def link(self, target: str) -> Markup:
        """A relative Markdown link target from the page being rendered (MkDocs checks it)."""
        return Markup(urls.link(self._here, target))

    def country_link(self, code: str) -> Markup:
        """A country's name, linked to its practices when it has any (otherwise no page)."""
        name = inline_text(self.t.country(code))
        if code not in self.view.facets["countries"]:
            return name
        return Markup(f"[{name}]({self.link(urls.facet_page('countries', code))})")

    def facet_links(self, facet: str, values, filter_name: str) -> Markup:
        """Links to facet pages, each marked as a Pagefind filter value; a value that no
        practice has has no page, and is named without a link."""
        return self._joined(self._once(("facet", facet, value, filter_name), self._facet_link,
                                       facet, value, filter_name) for value in values)

    def _facet_link(self, facet: str, value, filter_name: str) -> str:
        attribute = html_text(filter_name)
        if value not in self.view.facets[facet]:
            return (f'<span data-pagefind-filter="{attribute}">'
                    f"{html_text(self.facet_label(facet, value))}</span>")
        return (f"[{inline_text(self.facet_label(facet, value))}]"
                f"({self.link(urls.facet_page(facet, value))})"
                f'{{ data-pagefind-filter="{attribute}" }}')

    def facet_anchors(self, facet: str, values, filter_name: str) -> Markup:
        """`facet_links` in HTML, for a list of facts the generator writes whole."""
        return self._joined(self._once(("facet-html", facet, value, filter_name),
                                       self._facet_anchor, facet, value, filter_name)
                            for value in values)

    def _facet_anchor(self, facet: str, value, filter_name: str) -> str:
        if value not in self.view.facets[facet]:
            return self._facet_link(facet, value, filter_name)
        return self._anchor(urls.facet_page(facet, value),
                            inline_text(self.facet_label(facet, value)),
                            {"data-pagefind-filter": html_text(filter_name)})

    def record_anchors(self, kind: str, ids) -> Markup:
        """`record_links` in HTML, for a list of facts the generator writes whole."""
        return self._joined(self._once((kind, "html", i), self._record_anchor, kind, i)
                            for i in ids)

    def _record_anchor(self, kind: str, record_id: str) -> str:
        shown = self.view.shown(kind)
        if record_id not in shown:
            return self.label("expert_of_network")
        name = self.localized_name(shown[record_id])
        return self._anchor(urls.record_page(kind, record_id), inline_text(name.text),
                            {"lang": name.lang, "dir": name.dir} if name.fallback else {})

    def _anchor(self, target: str, text: str, attributes: dict) -> str:
        """A link to a page as MkDocs writes a Markdown link to it: the address relative
        to the page's own, and the attributes in the order of their names."""
        attributes = {**attributes, "href": urls.relative_url(self._here, target)}
        return ("<a" + "".join(f' {name}="{value}"' for name, value in
                               sorted(attributes.items())) + f">{text}</a>")

    def filter_labels(self, facet: str, values, filter_name: str) -> Markup:
        """Values that have no pages of their own (target groups, support), each marked as
        a Pagefind filter value."""
        return self.filter_values(filter_name, [self.facet_label(facet, v) for v in values])

    def match_list(self, found: list) -> Markup:
        """A request's matches of one kind, each with what it shares with the request."""
        if not found:
            return self.label("no_match")
        return self._html_list(self._list_item(match.kind, match.record, self._shares(
            self._shared_label(facet, value) for facet, value in match.shared))
            for match in found)

    def _shares(self, labels) -> str:
        """What a listed record shares with the page's: "(shares: Africa, Pillar 3)"."""
        what = self.separator.join(html_text(label) for label in labels)
        return f' <span class="sskb-shared">({html_text(self.t("shares"))} {what})</span>'

    def _shared_label(self, facet: str, value) -> str:
        return self.t.language_name(value) if facet == "languages" else \
            self.facet_label(facet, value)

    def requester(self, request) -> Markup:
        """Who asks: a country (linked to its practices) or a body (linked to its page)."""
        if request.requesting_organization:
            return self.record_links("organization", [request.requesting_organization])
        return self.country_link(request.requesting_country)

    def request_list(self, requests) -> Markup:
        """Requests with their state and date, open ones first."""
        order = {"open": 0, "matched": 1, "closed": 2}
        ranked = sorted(requests, key=lambda q: (order[q.state], -q.opened_on.toordinal(),
                                                 q.id))
        return self._html_list(self._list_item(
            "request", q, f" ({html_text(self.t('state_' + q.state))}, "
                          f"{html_text(self.t.date(q.opened_on))})") for q in ranked) \
            if ranked else self.label("no_requests")

    def supporters(self, record) -> Markup:
        return self._joined(inline_text(self.supporter(s)) for s in record.supported_by)

    def record_links(self, kind: str, ids) -> Markup:
        """Links to published records; a person without a public profile stays unnamed."""
        return self._joined(self._once((kind, i), self._record_link, kind, i) for i in ids)

    def _record_link(self, kind: str, record_id: str) -> str:
        shown = self.view.shown(kind)
        if record_id not in shown:
            return self.label("expert_of_network")
        return (f"[{inline_text(self.name(shown[record_id]))}]"
                f"({self.link(urls.record_page(kind, record_id))})"
                f"{self.lang_attributes(shown[record_id], markdown=True)}")

    def _once(self, key: tuple, build, *args) -> str:
        """A link built once per folder of pages: the same links recur on many pages, and
        building them anew was a quarter of a practice page's time."""
        key = (self._here.rpartition("/")[0], *key)
        piece = self._links.get(key)
        if piece is None:
            piece = self._links[key] = build(*args)
        return piece

    def _joined(self, pieces) -> Markup:
        return Markup(str(self.separator).join(pieces))

    def practice_list(self, practices) -> Markup:
        """A list of practices as an HTML block: long lists are cheap for MkDocs' Markdown
        this way (the links are built from validated ids, and tests check they resolve)."""
        if not practices:
            return self.label("no_practices")
        return self._html_list(self._list_item("practice", p) for p in practices)

    def _list_item(self, kind: str, record, note: str = "") -> str:
        # A record's name and its language, the same on every page: worked out once (its
        # address is relative to the page itself, not to its folder as `_once`'s).
        named = self._names.get((kind, record.id))
        if named is None:
            named = self._names[(kind, record.id)] = (
                f"{self.lang_attributes(record)}>{html_text(self.name(record))}</a>")
        return (f'<li><a href="{urls.href(self._here, urls.record_page(kind, record.id))}"'
                f"{named}{note}</li>")

    @staticmethod
    def _html_list(items) -> Markup:
        return html_block('<ul class="sskb-list">\n' + "\n".join(items) + "\n</ul>")

    def facet_index(self, facet: str) -> Markup:
        return Markup("\n").join(
            Markup(f"- [{inline_text(self.facet_label(facet, value))}]"
                   f"({self.link(urls.facet_page(facet, value))}) ({len(practices)})")
            for value, practices in sorted(self.view.facets[facet].items()))

    def filter_values(self, filter_name: str, labels) -> Markup:
        """Plain values marked as Pagefind filter values (inline HTML)."""
        attribute = html_text(filter_name)
        return self.separator.join(
            Markup(f'<span data-pagefind-filter="{attribute}">{html_text(label)}</span>')
            for label in labels)

    def notice(self, kind: str, text: str) -> Markup:
        return notice(kind, text)

    def kind_label(self, key: str) -> Markup:
        """What kind of record a page shows, as a Pagefind filter value."""
        return Markup(f'<p class="sskb-kind" data-pagefind-filter='
                      f'"{html_text(self.t("record_kind"))}">{html_text(self.t(key))}</p>\n')

    def draft_notice(self, record) -> Markup:
        if record.status == "published":
            return Markup("")
        return notice("warning", self.t("draft_notice", status=record.status))

    def front_matter(self, title, kind: str = "", record=None, hide: tuple = ()) -> Markup:
        """The page's front matter. The title is HTML-escaped here because the theme prints
        `page.meta.title` into <title>, the header and the nav without escaping it. A
        record's page also carries its schema.org JSON-LD (`linked_data`), which the
        theme's override prints into the page's head."""
        lines = ["---", f"title: {json.dumps(str(html_text(title)), ensure_ascii=False)}"]
        if kind:
            lines.append(f"sskb_kind: {kind}")
        if hide:  # parts of the theme's layout the page does without (toc, navigation)
            lines += ["hide:"] + [f"  - {part}" for part in hide]
        if record is not None:
            ld = script_text(linked_data(self, record, kind))
            lines.append(f"sskb_jsonld: {json.dumps(ld, ensure_ascii=False)}")
        return Markup("\n".join(lines + ["---", ""]))

    def due_notice(self, practice) -> Markup:
        """A notice on a practice that is due for its editorial review."""
        today = self.settings.today
        if today is None or not due_for_review(practice, today,
                                               self.settings.review_after_days):
            return Markup("")
        return notice("warning", self.t("due_for_review"))

    def external_link(self, url: str, scheme: str = "") -> Markup:
        """A link to a contributor's address inside a Markdown line. The address goes into
        the attribute escaped for HTML, and into the text escaped for Markdown: Markdown
        still reads the text between inline HTML tags, where `)[y](javascript:...)` would
        otherwise become a second link."""
        rel = "" if scheme else ' rel="noopener noreferrer nofollow"'
        return Markup(f'<a href="{scheme}{html_text(url)}"{rel}>{inline_text(url)}</a>')

    def review_notice(self, page) -> Markup:
        if page.meta.review != "needed":
            return Markup("")
        return notice("note", self.t("translation_review_needed"))

    def outdated_records(self, status, language: str) -> Markup:
        """Links to the records whose translations into `language` are outdated, each with
        the fields to update."""
        return self._records_with(status.outdated, language, lambda fields:
                                  f" ({html_text(field_names(self.t, fields))})")

    def lacking_records(self, status, language: str) -> Markup:
        """Links to the records that are not fully translated into `language`."""
        # Two states for thousands of records (every record in five languages, at first):
        # each said once.
        said = {state: f" ({html_text(self.t(key))})" for state, key
                in ((PARTIAL, "partly_translated"), (MISSING, "not_translated"))}
        return self._records_with(status.lacking, language, said.__getitem__)

    def _records_with(self, found: dict, language: str, describe) -> Markup:
        """Links to the records `found` lists for `language` ((language, kind) -> [(id,
        value)]), each followed by `describe(value)`, HTML."""
        lines = []
        for (lang, kind), items in found.items():
            if lang != language:
                continue
            shown = self.view.shown(kind)
            lines += [self._list_item(kind, shown[record_id], describe(value))
                      for record_id, value in items]
        return self._html_list(lines) if lines else Markup("")
