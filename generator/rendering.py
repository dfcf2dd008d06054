"""Jinja2 templates to Markdown pages, one tree per language, in memory (pure).

Every value a template prints is escaped as plain text unless it is `Markup`: generated
links, catalogue labels that carry syntax, and contributor Markdown that `text.py` has
rendered and sanitised. Forgetting a filter therefore shows text, never runs markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Optional

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import urls
from .editorial import REVIEW_AFTER_DAYS, due_for_review
from .i18n import Translator
from .pages import all_pages
from .translations import FULL, MISSING, available_languages, coverage, translation_status
from .text import html_text, inline_text, markdown_html
from .view import View

RTL = frozenset({"ar"})


@dataclass(frozen=True)
class Settings:
    """Site settings from mkdocs.yml (`extra.sskb`) and the environment."""

    site_name: str = "South-South CT/PVE knowledge base"
    site_url: str = ""
    repository: Optional[str] = None  # owner/name on GitHub, for edit and forum links
    branch: str = "main"
    forum_category: str = "expert-forum"
    today: Optional[date] = None  # the build's date, for "due for review"
    review_after_days: int = REVIEW_AFTER_DAYS

    def edit_url(self, kind: str, record_id: str) -> Optional[str]:
        if not self.repository:
            return None
        return (f"https://github.com/{self.repository}/edit/{self.branch}/"
                f"{urls.source_file(kind, record_id)}")

    def forum_url(self) -> Optional[str]:
        if not self.repository:
            return None
        return (f"https://github.com/{self.repository}/discussions/categories/"
                f"{self.forum_category}")


@dataclass(frozen=True)
class Localized:
    """One text picked for a page: in the page's language, or the original as fallback."""

    text: str
    lang: str
    fallback: bool

    @property
    def dir(self) -> str:
        return "rtl" if self.lang in RTL else "ltr"


def pick(texts: Optional[dict], language: str, original: str) -> Optional[Localized]:
    if not texts:
        return None
    if language in texts:
        return Localized(texts[language], language, False)
    return Localized(texts[original], original, True)


# A text shown in another language than the page's is not indexed with the page's language:
# the page in its own language indexes it.
_IGNORED = " data-pagefind-ignore"


def _escape_output(value):
    if value is None:
        return ""
    return value if isinstance(value, Markup) else inline_text(value)


def _markdown_block(value: Optional[Localized]) -> Markup:
    if value is None:
        return Markup("")
    html = markdown_html(value.text)
    return Markup(f'<div class="sskb-text" lang="{value.lang}" dir="{value.dir}"'
                  f"{_IGNORED if value.fallback else ''}>\n{html}\n</div>")


def _plain_block(value: Optional[Localized], css: str = "sskb-text") -> Markup:
    if value is None:
        return Markup("")
    return Markup(f'<p class="{css}" lang="{value.lang}" dir="{value.dir}"'
                  f"{_IGNORED if value.fallback else ''}>{html_text(value.text)}</p>")


@pass_context
def _link(context, target: str) -> Markup:
    return Markup(urls.link(context["here"], target))


def make_environment() -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates"),
                      undefined=StrictUndefined, finalize=_escape_output,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      autoescape=True, auto_reload=False)
    env.filters.update(markdown=_markdown_block, plain=_plain_block,
                       attr=html_text, inline=inline_text, trusted=Markup)
    env.globals.update(link=_link, urls=urls, Markup=Markup)
    return env


# Per language and settings, the pages this process rendered last, by (path, inputs).
_RENDERED: dict[tuple, dict] = {}


class LanguageRenderer:
    """Renders every page of one language."""

    def __init__(self, view: View, language: str, settings: Settings, env=None):
        self.view, self.language, self.settings = view, language, settings
        self.t = Translator(language)
        self.env = env or make_environment()
        self._labels: dict[str, Markup] = {}
        self._here = urls.HOME

    def text(self, record, field_name: str) -> Optional[Localized]:
        return pick(getattr(record, field_name), self.language, record.original_language)

    def localized_name(self, record) -> Localized:
        """The title or name of a record in this language, or in its original language."""
        texts = getattr(record, "title", None) or getattr(record, "name")
        if isinstance(texts, dict):
            return pick(texts, self.language, record.original_language)
        return Localized(texts, self.language, False)  # a person's name is not translated

    def name(self, record) -> str:
        return self.localized_name(record).text

    def lang_attributes(self, record, markdown: bool = False) -> Markup:
        """`lang` and `dir` for a record's name shown in another language than the page's."""
        name = self.localized_name(record)
        if not name.fallback:
            return Markup("")
        if markdown:
            return Markup(f'{{: lang="{name.lang}" dir="{name.dir}" }}')
        return Markup(f' lang="{name.lang}" dir="{name.dir}"')

    def fallback_notice(self, record) -> Markup:
        """A visible notice when the record's texts are not (all) in the page's language."""
        state = coverage(record, self.language)
        if state == FULL:
            return Markup("")
        text = self.t("fallback_notice" if state == MISSING else "partial_notice",
                      language=self.t.language_name(self.language),
                      original=self.t.language_name(record.original_language))
        return Markup(f'!!! info ""\n    {inline_text(text)}\n')

    def available_in(self, record) -> Markup:
        return Markup(", ").join(
            Markup(f'<span lang="{lang}">{html_text(self.t.native_name(lang))}</span>')
            for lang in available_languages(record))

    def term(self, vocabulary: str, term_id: str) -> str:
        term = getattr(self.view, vocabulary)[term_id]
        return term.label.get(self.language) or term.label.get("en") or term_id

    def terms(self, vocabulary: str, term_ids) -> list[str]:
        return [self.term(vocabulary, term_id) for term_id in term_ids]

    def language_names(self, codes) -> list[str]:
        return [self.t.language_name(code) for code in codes]

    def expert_groups(self, field_name: str) -> list[tuple[str, list]]:
        """Published experts grouped by theme, region or spoken language, for the directory."""
        groups: dict[str, list] = {}
        for expert in self.view.experts.values():
            for value in getattr(expert, field_name):
                groups.setdefault(value, []).append(expert)
        name = {"themes": lambda v: self.term("themes", v),
                "regions": lambda v: self.term("regions", v),
                "languages": self.t.language_name}[field_name]
        return sorted((name(value), experts) for value, experts in groups.items())

    def facet_label(self, facet: str, value) -> str:
        """How a pillar, region, country, theme or cooperation type is named on a page."""
        if facet == "pillars":
            return f"{self.t('pillar')} {value}"
        if facet in ("regions", "themes"):
            return self.term(facet, value)
        if facet == "countries":
            return self.t.country(value)
        return self.t(f"cooperation_{value}")

    def label(self, key: str, **values) -> Markup:
        """A catalogue string, escaped for a Markdown line (cached: pages repeat labels)."""
        if values:
            values = {name: self.t.number(value) if isinstance(value, int) else value
                      for name, value in values.items()}
            return inline_text(self.t(key, **values))
        if key not in self._labels:
            self._labels[key] = inline_text(self.t(key))
        return self._labels[key]

    # Link lists are built here rather than in template macros: they are on every page,
    # many times, and Python is several times faster than Jinja's macro calls.

    def link(self, target: str) -> str:
        return urls.link(self._here, target)

    def facet_links(self, facet: str, values, filter_name: str) -> Markup:
        """Links to facet pages, each marked as a Pagefind filter value."""
        attribute = html_text(filter_name)
        return Markup(", ").join(
            Markup(f"[{inline_text(self.facet_label(facet, value))}]"
                   f"({self.link(urls.facet_page(facet, value))})"
                   f'{{ data-pagefind-filter="{attribute}" }}') for value in values)

    def record_links(self, kind: str, ids, shown: dict) -> Markup:
        """Links to records; a person without a public profile stays unnamed."""
        return Markup(", ").join(
            Markup(f"[{inline_text(self.name(shown[i]))}]"
                   f"({self.link(urls.record_page(kind, i))})"
                   f"{self.lang_attributes(shown[i], markdown=True)}") if i in shown
            else self.label("expert_of_network") for i in ids)

    def practice_list(self, practices) -> Markup:
        """A list of practices as an HTML block: long lists are cheap for MkDocs' Markdown
        this way (the links are built from validated ids, and tests check they resolve)."""
        if not practices:
            return self.label("no_practices")
        items = "\n".join(
            f'<li><a href="{urls.href(self._here, urls.record_page("practice", p.id))}"'
            f"{self.lang_attributes(p)}>{html_text(self.name(p))}</a></li>" for p in practices)
        return Markup(f'<ul class="sskb-list">\n{items}\n</ul>')

    def facet_index(self, facet: str) -> Markup:
        return Markup("\n").join(
            Markup(f"- [{inline_text(self.facet_label(facet, value))}]"
                   f"({self.link(urls.facet_page(facet, value))}) ({len(practices)})")
            for value, practices in sorted(self.view.facets[facet].items()))

    def filter_values(self, filter_name: str, labels) -> Markup:
        """Plain values marked as Pagefind filter values (inline HTML)."""
        attribute = html_text(filter_name)
        return Markup(", ").join(
            Markup(f'<span data-pagefind-filter="{attribute}">{html_text(label)}</span>')
            for label in labels)

    def front_matter(self, title, kind: str = "") -> Markup:
        """The page's front matter. The title is HTML-escaped here because the theme prints
        `page.meta.title` into <title>, the header and the nav without escaping it."""
        lines = ["---", f"title: {json.dumps(str(html_text(title)), ensure_ascii=False)}"]
        if kind:
            lines.append(f"sskb_kind: {kind}")
        return Markup("\n".join(lines + ["---", ""]))

    def due_notice(self, practice) -> Markup:
        """A notice on a practice that is due for its editorial review."""
        today = self.settings.today
        if today is None or not due_for_review(practice, today,
                                               self.settings.review_after_days):
            return Markup("")
        return Markup(f'!!! warning ""\n    {self.label("due_for_review")}\n')

    def external_link(self, url: str, scheme: str = "") -> Markup:
        """A link to a contributor's address inside a Markdown line. The address goes into
        the attribute escaped for HTML, and into the text escaped for Markdown: Markdown
        still reads the text between inline HTML tags, where `)[y](javascript:...)` would
        otherwise become a second link."""
        rel = "" if scheme else ' rel="noopener noreferrer nofollow"'
        return Markup(f'<a href="{scheme}{html_text(url)}"{rel}>{inline_text(url)}</a>')

    def page(self, name: str):
        """A hand-written page (content/pages) in this language."""
        return self.view.pages[(name, self.language)]

    def review_notice(self, page) -> Markup:
        if page.meta.review != "needed":
            return Markup("")
        return Markup(f'!!! note ""\n    {self.label("translation_review_needed")}\n')

    def translation_status(self):
        return translation_status(self.view)

    def lacking_records(self, status, language: str) -> Markup:
        """Links to the records that are not fully translated into `language`."""
        lines = []
        for (lang, kind), lacking in status.lacking.items():
            if lang != language:
                continue
            shown = {"practice": {p.id: p for p in self.view.practices},
                     "expert": self.view.experts, "centre": self.view.centres,
                     "organization": self.view.organizations}[kind]
            for record_id, state in lacking:
                label = self.label("partly_translated" if state != MISSING else
                                   "not_translated")
                lines.append(Markup(
                    f'<li><a href="{urls.href(self._here, urls.record_page(kind, record_id))}"'
                    f"{self.lang_attributes(shown[record_id])}>"
                    f"{html_text(self.name(shown[record_id]))}</a> ({html_text(label)})</li>"))
        return Markup(f'<ul class="sskb-list">\n{Markup(chr(10)).join(lines)}\n</ul>') \
            if lines else Markup("")

    def render(self, template: str, here: str, **values) -> str:
        self._here = here
        return self.env.get_template(template).render(
            here=here, view=self.view, t=self.label, lang=self.language, r=self,
            settings=self.settings, **values)

    def pages(self) -> dict[str, str]:
        """Every page of this language: path -> Markdown.

        Pages whose inputs are unchanged since this process last rendered them are reused.
        """
        common = (self.language, self.settings, self.view.drafts,
                  self.view.digests["vocabularies"])
        previous = _RENDERED.get(common, {})
        current = {}
        for path, template, values, inputs in all_pages(self.view):
            key = (path, inputs)
            current[key] = previous.get(key) or self.render(template, path, **values)
        _RENDERED[common] = current
        return {path: text for (path, _), text in current.items()}


def render_language(view: View, language: str, settings: Settings) -> dict[str, str]:
    return LanguageRenderer(view, language, settings).pages()
