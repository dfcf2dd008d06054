"""The pages of the site: which template renders which path, with what (pure).

Each page also names what it shows, as digests of records (see `View.digests`): a page
whose digests are unchanged renders the same text, so `sskb serve` renders again only the
pages that an edit touches.
"""

from __future__ import annotations

from typing import Iterator

from ..kb.kinds import NAMED_BY_PRACTICES
from . import data_columns, geography, insight, matching, news, urls
from .view import View

FACET_TEMPLATES = {"pillars": "pillar", "regions": "region", "countries": "country",
                   "themes": "theme", "cooperation": "cooperation"}


def _listing(view: View, practices) -> tuple:
    return tuple(view.digests[("practice", p.id)] for p in practices)


def _related(view: View, record) -> tuple:
    """Digests of the records a record page names (their names and links appear on it)."""
    names = [(kind.name, i) for kind in NAMED_BY_PRACTICES
             for i in getattr(record, kind.plural, ())]
    return tuple(view.digests.get(key, "hidden") for key in names)


def _handwritten(view: View, name: str) -> tuple:
    """A hand-written page's text in every language (the cache key holds the language)."""
    return tuple((language, page.meta, page.body) for (page_name, language), page
                 in sorted(view.pages.items()) if page_name == name)


def all_pages(view: View) -> Iterator[tuple[str, str, dict, tuple]]:
    """(path, template, values, inputs) for every page; the same paths in every language."""
    everything = _listing(view, view.practices) + tuple(
        view.digests[(kind.name, i)] for kind in NAMED_BY_PRACTICES
        for i in view.shown(kind.name))
    yield urls.HOME, "home.md.j2", {}, everything + _handwritten(view, "home")
    yield urls.ABOUT, "handwritten.md.j2", {"name": "about"}, _handwritten(view, "about")
    yield (urls.CONTRIBUTE, "handwritten.md.j2", {"name": "contribute"},
           _handwritten(view, "contribute"))
    yield urls.TRANSLATIONS, "translations.md.j2", {}, everything
    yield urls.DATA, "data.md.j2", {"exports": data_columns}, ()
    yield urls.WHATS_NEW, "whats-new.md.j2", {"news": news}, _listing(view, view.practices)
    yield urls.INSIGHT, "insight.md.j2", {"insight": insight, "geography": geography}, everything
    yield urls.SEARCH, "search.md.j2", {}, ()
    yield urls.kind_index("practice"), "practices.md.j2", {}, _listing(view, view.practices)
    for p in view.practices:
        yield (urls.record_page("practice", p.id), "practice.md.j2", {"p": p},
               (view.digests[("practice", p.id)],) + _related(view, p)
               + tuple(view.digests[("practice", other)] for other in view.related.ids(p.id)))
    for kind in NAMED_BY_PRACTICES:
        records = view.shown(kind.name)
        yield urls.kind_index(kind.name), f"{kind.plural}.md.j2", {}, tuple(
            view.digests[(kind.name, i)] for i in records)
        letter = kind.name[0]
        for record_id, record in records.items():
            inputs = ((view.digests[(kind.name, record_id)],) + _related(view, record)
                      + _listing(view, view.backlinks.get((kind.name, record_id), [])))
            yield (urls.record_page(kind.name, record_id), f"{kind.name}.md.j2",
                   {letter: record}, inputs)
    requests = view.requests
    # A request page lists its matches: it changes with any record (as the home page does).
    yield urls.kind_index("request"), "requests.md.j2", {}, tuple(
        view.digests[("request", i)] for i in requests)
    for record_id, record in requests.items():
        yield (urls.record_page("request", record_id), "request.md.j2",
               {"q": record, "matching": matching},
               (view.digests[("request", record_id)],) + everything)
    for facet in FACET_TEMPLATES:
        extra = _handwritten(view, "pillars") if facet == "pillars" else ()
        yield urls.facet_index(facet), f"{facet}.md.j2", {"facet": facet}, extra + tuple(
            (value, len(practices)) for value, practices in sorted(view.facets[facet].items()))
        for value, practices in sorted(view.facets[facet].items()):
            yield (urls.facet_page(facet, value), "facet.md.j2",
                   {"facet": facet, "value": value, "practices": practices},
                   _listing(view, practices))
