"""In which languages a record's texts exist (pure): for fallback notices, `sskb
translations` and the Translation status page."""

from __future__ import annotations

from ..kb.codes import UN_LANGUAGES
from ..kb.models import Model, localized_fields

FULL, PARTIAL, MISSING = "full", "partial", "missing"


def language_coverage(record: Model) -> dict[str, str]:
    """Per UN language: FULL when every text of the record exists in it, MISSING when
    none does, PARTIAL otherwise."""
    texts = [value for value in localized_fields(record).values() if value]
    states = {}
    for language in UN_LANGUAGES:
        present = sum(1 for value in texts if language in value)
        states[language] = (FULL if present == len(texts) else
                            MISSING if present == 0 else PARTIAL)
    return states


def available_languages(coverage: dict[str, str]) -> list[str]:
    """The languages a record is fully written in, from its coverage."""
    return [language for language, state in coverage.items() if state == FULL]
