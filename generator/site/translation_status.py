"""How many records exist in each language, and which lack one: `sskb translations` and the
Translation status page (pure)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..kb.codes import UN_LANGUAGES
from ..kb.kinds import KINDS
from .coverage import FULL, MISSING, PARTIAL
from .view import View


@dataclass
class Status:
    """Per language and record kind: counts, and the records not fully translated."""

    counts: dict = field(default_factory=dict)    # (language, kind) -> {FULL: n, ...}
    lacking: dict = field(default_factory=dict)   # (language, kind) -> [(id, coverage)]


def translation_status(view: View) -> Status:
    status = Status()
    for language in UN_LANGUAGES:
        for kind in KINDS:
            counts = {FULL: 0, PARTIAL: 0, MISSING: 0}
            lacking = []
            for record in view.shown(kind.name).values():
                state = view.coverage(record)[language]
                counts[state] += 1
                if state != FULL:
                    lacking.append((record.id, state))
            status.counts[(language, kind.name)] = counts
            status.lacking[(language, kind.name)] = lacking
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
