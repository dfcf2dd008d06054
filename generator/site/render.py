"""Jinja2 templates to Markdown pages, one tree per language, in memory (pure).

Every value a template prints is escaped as plain text unless it is `Markup`: generated
links, catalogue labels that carry syntax, and contributor Markdown that `contributor_text.py` has
rendered and sanitised. Forgetting a filter therefore shows text, never runs markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..kb.codes import RTL
from ..kb.models import NOT_EVALUATED
from . import urls
from .compiled_templates import bytecode_cache
from .contributor_text import html_text, inline_text, markdown_html
from .fragments import Fragments
from .html_blocks import html_block
from .i18n import Translator
from .page_list import all_pages
from .settings import Settings
from .translation_status import translation_status
from .view import View, support



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
    return html_block(f'<div class="sskb-text" lang="{value.lang}" dir="{value.dir}"'
                      f"{_IGNORED if value.fallback else ''}>\n{html}\n</div>")


def _plain_block(value: Optional[Localized], css: str = "sskb-text") -> Markup:
    if value is None:
        return Markup("")
    return html_block(f'<p class="{css}" lang="{value.lang}" dir="{value.dir}"'
                      f"{_IGNORED if value.fallback else ''}>{html_text(value.text)}</p>")


def make_environment() -> Environment:
    """The templates' environment: one serves every language, so that each template is
    compiled once; the compiled code is also kept on disk (Jinja's per-user cache folder,
    keyed by the template's source) for the next process."""
    env = Environment(loader=PackageLoader("generator.site", "templates"),
                      undefined=StrictUndefined, finalize=_escape_output,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      autoescape=True, auto_reload=False, bytecode_cache=bytecode_cache())
    env.filters.update(markdown=_markdown_block, plain=_plain_block,
                       attr=html_text, inline=inline_text, trusted=Markup)
    env.globals.update(urls=urls, Markup=Markup)
    return env


def make_handbook_environment() -> Environment:
    """The handbook's templates write HTML: every value is escaped for HTML unless it is
    `Markup` (sanitised contributor HTML, generated headings and links)."""
    return Environment(loader=PackageLoader("generator.site", "templates"),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       autoescape=True, auto_reload=False, bytecode_cache=bytecode_cache())


class LanguageRenderer(Fragments):
    """Renders every page of one language."""

    def __init__(self, view: View, language: str, settings: Settings, env=None):
        self.view, self.language, self.settings = view, language, settings
        self.t = Translator(language)
        self.env = env or make_environment()
        self._labels: dict[str, Markup] = {}
        self._links: dict[tuple, str] = {}
        self._names: dict[tuple, str] = {}  # see Fragments._list_item
        self._here = urls.HOME

    def text(self, record, field_name: str) -> Optional[Localized]:
        return pick(getattr(record, field_name), self.language, record.original_language)

    def section(self, record, field_name: str) -> Markup:
        """A Markdown field under its heading, or nothing when the record has no text."""
        value = self.text(record, field_name)
        if value is None:
            return Markup("")
        return self._section(field_name, _markdown_block(value))

    def _section(self, heading: str, block: Markup) -> Markup:
        return Markup(f"## {self.label(heading)}\n\n{block}\n\n")

    def evaluation(self, practice) -> Markup:
        """How the practice's results were evaluated, or that the sources report none."""
        if practice.evaluation == NOT_EVALUATED:
            return self._section("evaluation", html_block(
                f'<p class="sskb-text">{html_text(self.t("not_evaluated_text"))}</p>'))
        return self.section(practice, "evaluation")

    def support(self, record) -> str:
        return support(record)

    def address(self, page: str) -> str:
        """A page's address from a file one folder below the language's root (data/,
        feeds/, embed/): absolute with the site's own address, else relative."""
        base, path = self.settings.site_url, urls.page_url(page)
        return f"{base}{self.language}/{path}" if base else f"../{path}"

    def submitter(self, practice) -> Optional[Localized]:
        """Who submitted a practice: a name as written, or its text in this language."""
        value = practice.submitted_by
        if isinstance(value, dict):
            return pick(value, self.language, practice.original_language)
        return Localized(value, self.language, False) if value else None

    def localized_name(self, record) -> Localized:
        """The title or name of a record in this language, or in its original language."""
        texts = getattr(record, "title", None) or getattr(record, "name")
        if texts is None:  # a sealed name that this build cannot open
            return Localized(self.t("name_withheld"), self.language, False)
        if isinstance(texts, dict):
            return pick(texts, self.language, record.original_language)
        if getattr(record, "example", False):  # a fictional person, said so in this language
            texts = self.t("fictional_name", name=texts)
        return Localized(texts, self.language, False)  # a person's name is not translated

    def name(self, record) -> str:
        return self.localized_name(record).text

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
        if facet == "organizations":
            found = self.view.organizations.get(value)
            return self.name(found) if found else value
        if facet == "target_groups":
            return self.t(f"target_group_{value}")
        if facet == "support":
            return self.t(f"support_{value}")
        return self.t(f"cooperation_{value}")

    def supporter(self, supporter) -> str:
        """Who supports a practice or centre, as named in this language, and its role."""
        if supporter.organization:
            found = self.view.organizations.get(supporter.organization)
            who = self.name(found) if found else supporter.organization
        elif supporter.country:
            who = self.t.country(supporter.country)
        else:
            who = supporter.name
        return f"{who} ({self.t(f'role_{supporter.role}')})"

    def page(self, name: str):
        """A hand-written page (content/pages) in this language."""
        return self.view.pages[(name, self.language)]

    def translation_status(self):
        return translation_status(self.view)

    def render(self, template: str, here: str, **values) -> str:
        self._here = here
        return self.env.get_template(template).render(
            here=here, view=self.view, t=self.label, lang=self.language, r=self,
            settings=self.settings, **values)


def render_language(view: View, language: str, settings: Settings,
                    env: Environment | None = None) -> dict[str, str]:
    """Every page of one language, in memory: path -> Markdown."""
    renderer = LanguageRenderer(view, language, settings, env)
    return {path: renderer.render(template, path, **values)
            for path, template, values, _ in all_pages(view)}
