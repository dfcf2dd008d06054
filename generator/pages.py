"""The pages of the site: which template renders which path, with what (pure)."""

from __future__ import annotations

from typing import Iterator

from . import urls
from .view import View

FACET_TEMPLATES = {"pillars": "pillar", "regions": "region", "countries": "country",
                   "themes": "theme", "cooperation": "cooperation"}


def all_pages(view: View) -> Iterator[tuple[str, str, dict]]:
    """(path, template, values) for every page; the same paths in every language."""
    yield urls.HOME, "home.md.j2", {}
    yield urls.ABOUT, "about.md.j2", {}
    yield urls.SEARCH, "search.md.j2", {}
    yield urls.kind_index("practice"), "practices.md.j2", {}
    for practice in view.practices:
        yield urls.record_page("practice", practice.id), "practice.md.j2", {"p": practice}
    yield urls.kind_index("expert"), "experts.md.j2", {}
    for expert in view.experts.values():
        yield urls.record_page("expert", expert.id), "expert.md.j2", {"e": expert}
    yield urls.kind_index("centre"), "centres.md.j2", {}
    for centre in view.centres.values():
        yield urls.record_page("centre", centre.id), "centre.md.j2", {"c": centre}
    yield urls.kind_index("organization"), "organizations.md.j2", {}
    for organization in view.organizations.values():
        yield (urls.record_page("organization", organization.id), "organization.md.j2",
               {"o": organization})
    for facet, name in FACET_TEMPLATES.items():
        yield urls.facet_index(facet), f"{facet}.md.j2", {"facet": facet}
        for value, practices in sorted(view.facets[facet].items()):
            yield (urls.facet_page(facet, value), "facet.md.j2",
                   {"facet": facet, "value": value, "practices": practices})
