"""Widgets another site can put in an <iframe>: one small page per pillar, region and
country, listing its practices with links to their pages on this site (pure). Standalone
HTML, its style inside, no script; its links open the knowledge base in a new tab."""

from __future__ import annotations

from markupsafe import escape

from . import urls
from .render import LanguageRenderer

FOLDER = "embed"
FACETS = ("pillars", "regions", "countries")
STYLE = ("body{margin:0;padding:.6em;font:14px/1.45 'Noto Sans','Noto Sans Arabic',"
         "'Noto Sans CJK SC',sans-serif;color:#1a1a1a}a{color:#283593}ul{margin:.4em 0;"
         "padding-inline-start:1.2em}.title{font-weight:bold;margin:0}.source{margin:.4em 0 0;"
         "font-size:12px;color:#555}")


def embed_name(facet: str, value) -> str:
    return f"{facet}-{str(value).lower()}.html"


class Embeds(LanguageRenderer):
    """One language's widgets."""

    def files(self) -> dict[str, str]:
        return {embed_name(facet, value): self._page(facet, value, practices)
                for facet in FACETS
                for value, practices in sorted(self.view.facets[facet].items(),
                                               key=lambda item: str(item[0]))}

    def _link(self, page: str, text: str, lang: str = "") -> str:
        attribute = f' lang="{lang}"' if lang else ""
        return (f'<a href="{escape(self.address(page))}" target="_blank" '
                f'rel="noopener"{attribute}>{escape(text)}</a>')

    def _page(self, facet: str, value, practices) -> str:
        label = self.facet_label(facet, value)
        items = []
        for practice in practices:
            name = self.localized_name(practice)
            items.append("<li>" + self._link(urls.record_page("practice", practice.id),
                                             name.text, name.lang if name.fallback else "")
                         + "</li>")
        count = self.t("count_practices", count=self.t.number(len(practices)))
        return (
            f'<!doctype html>\n<html lang="{self.language}" dir="{self.t.direction}">\n'
            f'<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-'
            f'width, initial-scale=1">\n<title>{escape(label)} – {escape(self.t("site_name"))}'
            f"</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
            f'<p class="title">{self._link(urls.facet_page(facet, value), label)} '
            f"({escape(count)})</p>\n<ul>\n" + "\n".join(items) + "\n</ul>\n"
            f'<p class="source">{self._link(urls.HOME, self.t("site_name"))}</p>\n'
            "</main>\n</body>\n</html>\n")


def embed_files(view, language: str, settings) -> dict[str, str]:
    return Embeds(view, language, settings).files()
