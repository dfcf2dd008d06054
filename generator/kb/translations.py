"""Whether each translated text is current (pure): the fingerprint of the original text a
translation was made from, against the original as it is now.

A record keeps, under `translations`, one note per language and field: the fingerprint of
the original text at the time of translation, and whether a human translator reviewed it.
A translation without a note was written with the record (by its authors) and is taken
as current and reviewed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterator, Optional

from .models import Model, TranslationNote, localized_fields

CURRENT, OUTDATED, MISSING = "current", "outdated", "missing"


def fingerprint(text: str) -> str:
    """12 hexadecimal digits of the SHA-256 of `text` without its surrounding white space
    (a literal block's final line break is not a change of the text)."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Freshness:
    """One field of a record in one language other than the original."""

    field: str
    state: str                 # CURRENT, OUTDATED or MISSING
    reviewed: bool             # False for an unreviewed translation (and a missing one)
    note: Optional[TranslationNote]

    @property
    def unreviewed(self) -> bool:
        """A translation that is there, and that no human translator has reviewed."""
        return self.state != MISSING and not self.reviewed


def translatable_fields(record: Model) -> dict[str, str]:
    """Field -> original text, for the texts written per language (a single text, such as
    a person's name, is not translated)."""
    language = getattr(record, "original_language", None)
    return {name: texts[language] for name, texts in localized_fields(record).items()
            if texts and language in texts}


def freshness(record: Model, language: str) -> list[Freshness]:
    """The state of each translatable field of `record` in `language` (none for the
    original language)."""
    if language == getattr(record, "original_language", language):
        return []
    notes = getattr(record, "translations", {}).get(language, {})
    texts = localized_fields(record)
    found = []
    for name, original in translatable_fields(record).items():
        note = notes.get(name)
        if language not in texts[name]:
            found.append(Freshness(name, MISSING, False, note))
        elif note is None:
            found.append(Freshness(name, CURRENT, True, None))
        else:
            state = CURRENT if note.source == fingerprint(original) else OUTDATED
            found.append(Freshness(name, state, note.reviewed, note))
    return found


def note_findings(record: Model) -> Iterator[tuple[tuple, str, str]]:
    """Notes that describe no translation: of the original language, of a field that is
    not translated, or of a text that is not there."""
    texts = localized_fields(record)
    original = getattr(record, "original_language", None)
    for language, notes in getattr(record, "translations", {}).items():
        if language == original:
            yield (("translations", language), "translation-note",
                   f"is the original language ('{original}'): only translations have notes")
            continue
        for name in notes:
            if name not in texts or not texts[name]:
                yield (("translations", language, name), "translation-note",
                       "names no text of this record written per language")
            elif language not in texts[name]:
                yield (("translations", language, name), "translation-note",
                       f"describes a translation that is not there: {name} has no "
                       f"'{language}' text")
