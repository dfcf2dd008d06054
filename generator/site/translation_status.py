"""Which records exist in which language: for fallback notices, `sskb translations` and the
Translation status page (pure)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..kb.codes import UN_LANGUAGES
from ..kb.models import Model, localized_fields
from .view import View

FULL, PARTIAL, MISSING = "full", "partial", "missing"
KINDS = (("practice", "practices"), ("expert", "experts"), ("centre", "centres"),
         ("organization", "organizations"))


# Records are immutable and asked about several times on every page of every language:
# remember the answer (keeping the record, so that its id() is not reused).
_COVERAGE: dict[int, tuple] = {}


def _coverages(record: Model) -> dict[str, str]:
    cached = _COVERAGE.get(id(record))
    if cached is not None and cached[0] is record:
        return cached[1]
    if len(_COVERAGE) > 100_000:  # a long `sskb serve` session: forget replaced records
        _COVERAGE.clear()
    texts = {name: value for name, value in localized_fields(record).items() if value}
    states = {}
    for language in UN_LANGUAGES:
        present = sum(1 for value in texts.values() if language in value)
        states[language] = (FULL if present == len(texts) else
                            MISSING if present == 0 else PARTIAL)
    _COVERAGE[id(record)] = (record, states)
    return states


def coverage(record: Model, language: str) -> str:
    """FULL when every text of the record exists in `language`, MISSING when none does."""
    return _coverages(record)[language]


def available_languages(record: Model) -> list[str]:
    return [lang for lang, state in _coverages(record).items() if state == FULL]


@dataclass
class Status:
    """Per language and record kind: counts, and the records not fully translated."""

    counts: dict = field(default_factory=dict)    # (language, kind) -> {FULL: n, ...}
    lacking: dict = field(default_factory=dict)   # (language, kind) -> [(id, coverage)]


def translation_status(view: View) -> Status:
    status = Status()
    for language in UN_LANGUAGES:
        for kind, attribute in KINDS:
            records = getattr(view, attribute)
            records = records if isinstance(records, list) else list(records.values())
            counts = {FULL: 0, PARTIAL: 0, MISSING: 0}
            lacking = []
            for record in records:
                state = coverage(record, language)
                counts[state] += 1
                if state != FULL:
                    lacking.append((record.id, state))
            status.counts[(language, kind)] = counts
            status.lacking[(language, kind)] = lacking
    return status


def as_text(status: Status) -> str:
    lines = [f"{'language':<9}{'kind':<14}{'full':>6}{'partial':>9}{'missing':>9}"]
    for (language, kind), counts in status.counts.items():
        lines.append(f"{language:<9}{kind:<14}{counts[FULL]:>6}{counts[PARTIAL]:>9}"
                     f"{counts[MISSING]:>9}")
    words = {PARTIAL: "partly translated", MISSING: "not translated"}
    for (language, kind), lacking in status.lacking.items():
        lines += [f"{language}: {kind} {record_id}: {words[state]}"
                  for record_id, state in lacking]
    return "\n".join(lines)


def as_json(status: Status) -> str:
    languages = {}
    for (language, kind), counts in status.counts.items():
        entry = languages.setdefault(language, {})
        entry[kind] = {**counts, "lacking": [
            {"id": record_id, "coverage": state}
            for record_id, state in status.lacking[(language, kind)]]}
    return json.dumps({"languages": languages}, ensure_ascii=False, indent=2)
