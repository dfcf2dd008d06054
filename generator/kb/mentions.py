"""Before any build: every text of the knowledge base (records and hand-written pages)
searched for people who have not consented to appear, and for contact details that no
consenting expert published (character references decoded, as the pages will show them).
A contributor who names such a person in a practice is told here, with the field, instead
of by the audit of a built site."""

from __future__ import annotations

import html
from typing import Iterator

from .knowledge_base import KnowledgeBase
from .link import REFERENCE_FIELDS
from .models import Expert
from .people import PersonalData, Searched, fold, personal_data
from .problems import Problem
from .sealing import is_sealed

# An expert record's own name and contacts are where they belong.
OWN_FIELDS = frozenset({"name", "contact"})
# Ids, codes, numbers and dates are not texts (an id that names a person is reported as
# such): a record's search starts from its other fields.
IDS = frozenset(REFERENCE_FIELDS) | {"id", "region", "status", "original_language", "pillars",
                                     "lead_countries", "partner_countries", "cooperation",
                                     "period", "last_reviewed", "consent", "example", "kind"}


def consented(kb: KnowledgeBase, emails=()) -> PersonalData:
    """Who may be named anywhere: experts who consented to a profile, and their contacts
    where they consented to those too; `emails` (the editors') may be written too."""
    experts = [entry.record for entry in kb.entries("expert")]
    return personal_data(experts, lambda e: e.consent.profile, lambda e: e.consent.contact,
                         emails)


def mentions(kb: KnowledgeBase, people: PersonalData, searched: Searched | None = None
             ) -> list[Problem]:
    """A problem for every text that names a person or a contact detail it may not."""
    problems = []
    known = searched.clear if searched and searched.people == people else {}
    clear = {}
    for entry in kb.loaded:
        if known.get(id(entry)) is entry:
            clear[id(entry)] = entry
            continue
        own = entry.record.id if isinstance(entry.record, Expert) else None
        skipped = IDS | OWN_FIELDS if own else IDS
        # Sealed values are whole fields; they are not read.
        data = {key: value for key, value in entry.data.items()
                if key not in skipped and not is_sealed(value)}
        # Most records name no one: their texts are searched together, once; only a record
        # with a sighting is searched field by field, to say where.
        if not people.sightings_in(_unescaped("\n".join(_strings(data, [])))):
            clear[id(entry)] = entry
            continue
        for loc, text in _texts(data):
            for seen in people.sightings_in(_unescaped(text)):
                if not (seen.name and seen.expert_id == own):
                    problems.append(entry.problem(loc, seen.code, _advice(seen)))
    if searched:
        searched.people, searched.clear = people, clear
    for (name, language), page in sorted(kb.pages.items()):
        text = fold(_unescaped(page.body))
        for seen in people.sightings(text):
            line = page.body_line + text.count("\n", 0, seen.start)
            problems.append(Problem(f"content/pages/{name}/{language}.md", line, 1, "",
                                    seen.code, _advice(seen)))
    return problems


def _unescaped(text: str) -> str:
    """A text as the pages will show it: character references decoded."""
    return html.unescape(text) if "&" in text else text


def _advice(seen) -> str:
    if seen.expert_id:
        return (f"holds {seen.message}: write 'an expert of the network' or leave the person "
                "out (what is written here is public, in the repository's history too)")
    return (f"holds {seen.message}: contact details belong only in an expert's record, "
            "with their consent")


def _strings(value, found: list) -> list:
    """Every text in a record's data, in order."""
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)
    return found


def _texts(value, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(field path, text) for every text in a record's data."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))
