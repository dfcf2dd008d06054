"""Checks that need more than one record: every id a record names exists, and is public
where it must be (pure)."""

from __future__ import annotations

from typing import Iterator

from .kinds import BY_NAME, NAMED_BY_PRACTICES, VOCABULARIES
from .knowledge_base import KnowledgeBase
from .problems import Problem
from .record_files import Entry

# Statuses of an expert that a published practice may not name: not (yet) public.
UNPUBLISHED = ("draft", "in_review")


REFERENCE_FIELDS = {"themes": "themes", "regions": "regions",
                    **{kind.plural: kind.name for kind in NAMED_BY_PRACTICES}}


def _references(data: dict) -> Iterator[tuple[tuple, str, str]]:
    """(field path, kind referred to, id) for every id a record's data names.

    Read from the data, not the model, so that a record with other problems still has
    the ids it names checked; values of the wrong type are the model's to report.
    """
    for name, target in REFERENCE_FIELDS.items():
        values = data.get(name)
        if isinstance(values, list):
            for index, ref in enumerate(values):
                if isinstance(ref, str):
                    yield (name, index), target, ref
    if isinstance(data.get("region"), str):
        yield ("region",), "regions", data["region"]
    if isinstance(data.get("requesting_organization"), str):
        yield ("requesting_organization",), "organization", data["requesting_organization"]
    supporters = data.get("supported_by")
    for index, supporter in enumerate(supporters if isinstance(supporters, list) else ()):
        if isinstance(supporter, dict) and isinstance(supporter.get("organization"), str):
            yield ("supported_by", index, "organization"), "organization", \
                supporter["organization"]


def check_links(kb: KnowledgeBase) -> list[Problem]:
    """Every referenced id exists, and published practices name only public experts."""
    problems = []
    for entry in kb.loaded:
        for loc, target, ref in _references(entry.data):
            problems += _check_reference(kb, entry, loc, target, ref)
    return problems


def _check_reference(kb: KnowledgeBase, entry: Entry, loc, target: str, ref: str):
    if target in kb.vocabularies:
        terms = kb.vocabularies[target]
        if terms is not None and ref not in terms:
            return [entry.problem(loc, "unknown-term",
                                  f"'{ref}' is not a term of {VOCABULARIES[target]}")]
        return []
    if ref in kb.broken.get(target, ()):
        return []
    found = kb.get(target, ref)
    if found is None:
        return [entry.problem(loc, "unknown-reference",
                              f"'{ref}' is not the id of any {target} in "
                              f"{BY_NAME[target].folder}/")]
    if (target == "expert" and entry.data.get("status") == "published"
            and found.status in UNPUBLISHED):
        return [entry.problem(loc, "unpublished-expert",
                              f"names an expert whose profile is {found.status}; a published "
                              "practice may name only published experts")]
    return []
