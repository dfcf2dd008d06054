"""Before any build: every text of the knowledge base (records and hand-written pages)
searched for people who have not consented to appear, and for contact details that no
consenting expert published (character references decoded, as the pages will show them). A contributor who names such a person in a practice is told
here, with the field, instead of by the audit of a built site."""

from __future__ import annotations

import html
from typing import Iterator

from .knowledge_base import KnowledgeBase
from .link import REFERENCE_FIELDS
from .models import Expert
from .people import PersonalData, fold, personal_data
from .problems import Problem
from .sealing import is_sealed

# An expert record's own name and contacts are where they belong.
OWN_FIELDS = frozenset({"name", "contact"})
# Ids of other records are not texts: an id that names a person is reported as such.
IDS = frozenset(REFERENCE_FIELDS) | {"id", "region"}


def consented(kb: KnowledgeBase, emails=()) -> PersonalData:
    """Who may be named anywhere: experts who consented to a profile, and their contacts
    where they consented to those too; `emails` (the editors') may be written too."""
    experts = [entry.record for entry in kb.entries("expert")]
    return personal_data(experts, lambda e: e.consent.profile, lambda e: e.consent.contact,
                         emails)


def mentions(kb: KnowledgeBase, people: PersonalData) -> list[Problem]:
    """A problem for every text that names a person or a contact detail it may not."""
    problems = []
    for entry in kb.loaded:
        own = entry.record.id if isinstance(entry.record, Expert) else None
        for loc, text in _texts(entry.data):
            if loc[0] in IDS or (own and loc[0] in OWN_FIELDS):
                continue
            for seen in people.sightings(fold(html.unescape(text))):
                if not (seen.name and seen.expert_id == own):
                    problems.append(entry.problem(loc, seen.code, _advice(seen)))
    for (name, language), page in sorted(kb.pages.items()):
        text = fold(html.unescape(page.body))
        for seen in people.sightings(text):
            line = page.body_line + text.count("\n", 0, seen.start)
            problems.append(Problem(f"content/pages/{name}/{language}.md", line, 1, "",
                                    seen.code, _advice(seen)))
    return problems


def _advice(seen) -> str:
    if seen.expert_id:
        return (f"holds {seen.message}: write 'an expert of the network' or leave the person "
                "out (what is written here is public, in the repository's history too)")
    return (f"holds {seen.message}: contact details belong only in an expert's record, "
            "with their consent")


def _texts(value, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(field path, text) for every text in a record's data, sealed values aside."""
    if isinstance(value, str):
        if loc and not is_sealed(value):
            yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))

