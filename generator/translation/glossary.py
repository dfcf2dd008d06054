"""The official terms translators must use (pure once read): the knowledge base's glossary
(`content/taxonomy/glossary.yaml`) and the titles of the Strategy's four pillars, which the
site's catalogues hold in the six languages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..kb.codes import UN_LANGUAGES
from ..kb.knowledge_base import KnowledgeBase
from ..site.i18n import Translator


@dataclass(frozen=True)
class Entry:
    id: str
    terms: dict[str, str]   # language -> term
    note: str = ""          # what the term covers, in English

    def found_in(self, text: str, language: str) -> bool:
        term = self.terms.get(language)
        if not term:
            return False
        if language in ("zh",):  # no spaces between words
            return term in text
        return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


def glossary(kb: KnowledgeBase) -> list[Entry]:
    """Every entry: the pillars' titles first, then the glossary's terms."""
    catalogues = {language: Translator(language) for language in UN_LANGUAGES}
    entries = [Entry(f"pillar-{number}",
                     {language: t(f"pillar_{number}") for language, t in catalogues.items()},
                     f"Title of pillar {number} of the UN Global Counter-Terrorism Strategy "
                     "(A/RES/60/288)")
               for number in range(1, 5)]
    for term in (kb.vocabularies.get("glossary") or {}).values():
        note = (term.description or {}).get("en", "").strip()
        entries.append(Entry(term.id, dict(term.label), note))
    return entries


def entries_in(entries: list[Entry], text: str, source: str, target: str) -> list[Entry]:
    """The entries whose term in `source` appears in `text`, that have a `target` term."""
    return [entry for entry in entries
            if entry.terms.get(target) and entry.found_in(text, source)]
