"""What the site shows: the published records, back-links and indexes, decided once.

Pure: it takes the validated knowledge base and returns plain data for the templates.
A person appears only with a published profile and recorded consent; everything else
about them is left out here, so no template can show it by mistake.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..kb.kinds import BY_NAME, KINDS, NAMED_BY_PRACTICES
from ..kb.knowledge_base import KnowledgeBase
from ..kb.models import Centre, Expert, Model, Organization, Practice, Term
from ..kb.people import PersonalData, personal_data
from ..kb.record_files import Entry, digest
from ..kb.translations import Freshness, freshness
from .coverage import language_coverage
from .related import Related, related

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
    requests: dict = field(default_factory=dict)  # id -> Request, published ones
    pages: dict = field(default_factory=dict)  # hand-written: (name, language) -> Page
    # (kind, id) -> practices that name it, newest first
    backlinks: dict[tuple[str, str], list[Practice]] = field(default_factory=dict)
    # facet -> value -> practices, newest first
    facets: dict[str, dict] = field(default_factory=dict)
    # (kind, id) -> digest of the record's data; "vocabularies" -> digest of the terms.
    # A page whose inputs have the same digests renders the same (see build/generate.py).
    digests: dict = field(default_factory=dict)
    # What may not be published about people: the names of experts not shown, the contacts
    # not shown, and any other contact detail but the editors' address (for the audit).
    personal_data: PersonalData = field(default_factory=PersonalData)
    # practice id -> the day its file was first committed (when the knowledge base is a
    # git repository): when it was first published, for "What's new" and the feeds
    published: dict = field(default_factory=dict)
    # practice id -> [(related practice, [(facet, shared value)...])...] (see `related`)
    related: Related = field(default_factory=lambda: Related({}, {}))
    # (what, id() of a record the view holds, arguments) -> what was worked out about it
    # (see `worked_out`)
    _worked_out: dict[tuple, object] = field(default_factory=dict, repr=False)

    def shows_contact(self, expert: Expert) -> bool:
        return expert.consent.contact

    def shown(self, kind: str) -> dict[str, Model]:
        """The records of a kind the site shows, by id."""
        if kind == "practice":
            return {p.id: p for p in self.practices}
        return getattr(self, BY_NAME[kind].plural)

    def keep_from(self, previous: "View") -> None:
        """Take over what `previous` worked out about the records both views hold, the
        same objects (`sskb serve`'s reader keeps a record whose file is unchanged): their
        languages' coverage, translations' freshness and translatable texts, worked out
        for every record on every save (two fifths of the rebuild after editing one
        practice, at 1,000)."""
        # Both views hold their records: an id() that both know is one object.
        held = {id(record) for kind in BY_NAME for record in self.shown(kind).values()}
        self._worked_out.update((key, found) for key, found in previous._worked_out.items()
                                if key[1] in held)

    def worked_out(self, work, record: Model, *arguments):
        """`work(view, record, *arguments)`, a function of the module (the key), worked out
        once per record (what it works out depends on the record only) and kept by the
        next view (`keep_from`)."""
        key = (work, id(record), arguments)
        try:
            return self._worked_out[key]
        except KeyError:
            found = self._worked_out[key] = work(self, record, *arguments)
            return found

    def coverage(self, record: Model) -> dict[str, str]:
        """In which languages the record's texts exist: language -> FULL, PARTIAL or
        MISSING (asked many times per page)."""
        return self.worked_out(_coverage, record)

    def open_requests(self) -> list:
        """The published requests still waiting for an answer, oldest first."""
        return sorted((q for q in self.requests.values() if q.state == "open"),
                      key=lambda q: (q.opened_on, q.id))

    def freshness(self, record: Model, language: str) -> list[Freshness]:
        """Whether each of the record's translations into `language` is current and
        reviewed (see `kb.translations`)."""
        return self.worked_out(_freshness, record, language)


def _coverage(view: View, record: Model) -> dict[str, str]:
    return language_coverage(record)


def _freshness(view: View, record: Model, language: str) -> list[Freshness]:
    return freshness(record, language)


SOUTH_SOUTH, TRIANGULAR = "south-south", "triangular"


def support(record) -> str:
    """TRIANGULAR when a practice or centre has support from outside the South (it says its
    cooperation is triangular, or names a supporter), else SOUTH_SOUTH."""
    if getattr(record, "cooperation", None) == "triangular" or \
            getattr(record, "supported_by", None):
        return TRIANGULAR
    return SOUTH_SOUTH


def _newest_first(practice: Practice) -> tuple:
    year, _, month = practice.period.start.partition("-")
    return (-int(year), -int(month or 0), practice.id)


def _visible(kb: KnowledgeBase, kind: str, statuses) -> dict[str, Entry]:
    entries = sorted(kb.entries(kind), key=lambda entry: entry.record.id)
    return {e.record.id: e for e in entries if e.record.status in statuses}


def _terms(kb: KnowledgeBase, name: str) -> dict[str, Term]:
    return dict(kb.vocabularies.get(name) or {})


def make_view(kb: KnowledgeBase, drafts: bool = False, emails=(), published=None) -> View:
    """Select what is shown; `drafts` previews records not yet published; `emails` (the
    editors') may be shown besides the experts' consented ones."""
    statuses = PREVIEW if drafts else PUBLIC
    shown = {kind.name: _visible(kb, kind.name, statuses) for kind in KINDS}
    shown["expert"] = {i: e for i, e in shown["expert"].items()
                       if e.record.consent.profile}
    practices = sorted((e.record for e in shown["practice"].values()), key=_newest_first)
    records = {kind: {i: e.record for i, e in entries.items()}
               for kind, entries in shown.items()}
    view = View(practices, records["expert"], records["centre"], records["organization"],
                _terms(kb, "themes"), _terms(kb, "regions"), drafts, records["request"])
    view.pages = kb.pages
    view.published = dict(published or {})
    experts = [entry.record for entry in kb.entries("expert")]
    view.personal_data = personal_data(experts, lambda e: e.id in view.experts,
                                       view.shows_contact, emails)
    view.backlinks = _backlinks(view)
    view.facets = _facets(practices)
    view.related = related(practices)
    view.digests = {(kind, i): e.digest for kind, entries in shown.items()
                    for i, e in entries.items()}
    view.digests["vocabularies"] = digest(*view.themes.values(), *view.regions.values())
    return view


def _backlinks(view: View) -> dict:
    links = defaultdict(list)
    for practice in view.practices:
        for kind in NAMED_BY_PRACTICES:
            shown = view.shown(kind.name)
            for record_id in getattr(practice, kind.plural):
                if record_id in shown:
                    links[(kind.name, record_id)].append(practice)
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
