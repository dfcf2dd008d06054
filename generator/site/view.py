"""What the site shows: the published records, back-links and indexes, decided once.

Pure: it takes the validated knowledge base and returns plain data for the templates.
A person appears only with a published profile and recorded consent; everything else
about them is left out here, so no template can show it by mistake.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from ..kb.validate import KnowledgeBase
from ..kb.models import Centre, Expert, Organization, Practice, Term

PUBLIC = ("published",)
PREVIEW = ("published", "in_review", "draft")


@dataclass
class View:
    """The records and indexes one build shows, the same for every language."""

    practices: list[Practice]
    experts: dict[str, Expert]
    centres: dict[str, Centre]
    organizations: dict[str, Organization]
    themes: dict[str, Term]
    regions: dict[str, Term]
    drafts: bool = False
    pages: dict = field(default_factory=dict)  # hand-written: (name, language) -> Page
    # (kind, id) -> practices that name it, newest first
    backlinks: dict[tuple[str, str], list[Practice]] = field(default_factory=dict)
    # facet -> value -> practices, newest first
    facets: dict[str, dict] = field(default_factory=dict)
    # (kind, id) -> digest of the record's data; "vocabularies" -> digest of the terms.
    # A page whose inputs have the same digests renders the same (see rendering.py).
    digests: dict = field(default_factory=dict)

    def shows_contact(self, expert: Expert) -> bool:
        return expert.consent.contact


def _newest_first(practice: Practice) -> tuple:
    year, _, month = practice.period.start.partition("-")
    return (-int(year), -int(month or 0), practice.id)


def _visible(kb: KnowledgeBase, kind: str, statuses) -> dict:
    records = (entry.record for entry in kb.entries(kind))
    return {r.id: r for r in sorted(records, key=lambda r: r.id) if r.status in statuses}


def _terms(kb: KnowledgeBase, name: str) -> dict[str, Term]:
    return dict(kb.vocabularies.get(name) or {})


def make_view(kb: KnowledgeBase, drafts: bool = False) -> View:
    """Select what is shown; `drafts` previews records not yet published."""
    statuses = PREVIEW if drafts else PUBLIC
    practices = sorted(_visible(kb, "practice", statuses).values(), key=_newest_first)
    experts = {i: e for i, e in _visible(kb, "expert", statuses).items() if e.consent.profile}
    view = View(practices, experts, _visible(kb, "centre", statuses),
                _visible(kb, "organization", statuses), _terms(kb, "themes"),
                _terms(kb, "regions"), drafts)
    view.pages = kb.pages
    view.backlinks = _backlinks(view)
    view.facets = _facets(practices)
    view.digests = _digests(view)
    return view


# Records are reused between loads when their file is unchanged (records.py), and so are
# their digests; the record is kept in the value so that its id() is not reused.
_DIGESTS: dict[int, tuple] = {}


def _digest(*models) -> str:
    if len(models) == 1 and id(models[0]) in _DIGESTS:
        return _DIGESTS[id(models[0])][1]
    data = b"\0".join(m.model_dump_json().encode() for m in models)
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if len(models) == 1:
        _DIGESTS[id(models[0])] = (models[0], digest)
    return digest


def _digests(view: View) -> dict:
    digests = {("practice", p.id): _digest(p) for p in view.practices}
    for kind, records in (("expert", view.experts), ("centre", view.centres),
                          ("organization", view.organizations)):
        digests.update({(kind, i): _digest(r) for i, r in records.items()})
    digests["vocabularies"] = _digest(*view.themes.values(), *view.regions.values())
    return digests


def _backlinks(view: View) -> dict:
    links = defaultdict(list)
    for practice in view.practices:
        for kind, ids, shown in (("expert", practice.experts, view.experts),
                                 ("centre", practice.centres, view.centres),
                                 ("organization", practice.organizations,
                                  view.organizations)):
            for record_id in ids:
                if record_id in shown:
                    links[(kind, record_id)].append(practice)
    return dict(links)


def _facets(practices: list[Practice]) -> dict:
    facets = {name: defaultdict(list) for name in
              ("pillars", "regions", "countries", "themes", "cooperation")}
    for practice in practices:
        for pillar in practice.pillars:
            facets["pillars"][pillar].append(practice)
        for region in practice.regions:
            facets["regions"][region].append(practice)
        for country in dict.fromkeys(practice.lead_countries + practice.partner_countries):
            facets["countries"][country].append(practice)
        for theme in practice.themes:
            facets["themes"][theme].append(practice)
        facets["cooperation"][practice.cooperation].append(practice)
    return {name: dict(values) for name, values in facets.items()}
