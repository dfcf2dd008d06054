"""What a record's page says about its translation into the page's language (pure): texts
shown in the original language, translations made from an earlier version of the original,
translations not yet reviewed. The site and the handbook say the same."""

from __future__ import annotations

from ..kb.translations import OUTDATED
from .coverage import FULL, MISSING

INFO, WARNING, NOTE = "info", "warning", "note"
# The catalogue's word for a field, where it is not the field's own name.
FIELD_LABELS = {"title": "field_title", "name": "field_name", "bio": "biography"}


def translation_notices(t, view, record, language: str) -> list[tuple[str, str]]:
    """(INFO, WARNING or NOTE, sentence) for each thing a reader should know."""
    found = []
    original = t.language_name(record.original_language)
    state = view.coverage(record)[language]
    if state != FULL:
        found.append((INFO, t("fallback_notice" if state == MISSING else "partial_notice",
                              language=t.language_name(language), original=original)))
    items = view.freshness(record, language)
    stale = [item.field for item in items if item.state == OUTDATED]
    if stale:
        found.append((WARNING, t("outdated_notice", original=original,
                                 fields=field_names(t, stale))))
    if any(item.unreviewed for item in items):
        found.append((NOTE, t("translation_review_needed")))
    return found


def field_names(t, fields: list[str]) -> str:
    """The fields' names, as a list in a sentence."""
    return t("list_separator").join(t(FIELD_LABELS.get(name, name)).lower()
                                    for name in fields)
