"""How much of the knowledge base exists in each language, which translations are outdated
and which are not reviewed: `sskb translations` and the Translation status page (pure)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..kb.codes import UN_LANGUAGES
from ..kb.kinds import KINDS
from ..kb.translations import MISSING as TEXT_MISSING
from ..kb.translations import OUTDATED, translatable_fields
from .coverage import FULL, MISSING, PARTIAL
from .view import View


@dataclass
class Texts:
    """The texts of one kind of record in one language."""

    total: int = 0          # texts the records have (in their original language)
    present: int = 0        # of which exist in this language
    unreviewed: int = 0     # translations not reviewed by a human translator

    @property
    def percent(self) -> int:
        """Rounded down: 100 only when every text is there."""
        return 100 * self.present // self.total if self.total else 100


@dataclass
class Status:
    """Per language and record kind: counts, and the records not fully translated."""

    counts: dict = field(default_factory=dict)    # (language, kind) -> {FULL: n, ...}
    lacking: dict = field(default_factory=dict)   # (language, kind) -> [(id, coverage)]
    texts: dict = field(default_factory=dict)     # (language, kind) -> Texts
    outdated: dict = field(default_factory=dict)  # (language, kind) -> [(id, [fields])]

    def overall(self, language: str) -> Texts:
        """Every kind's texts in `language` together."""
        total = Texts()
        for kind in KINDS:
            texts = self.texts[(language, kind.name)]
            total.total += texts.total
            total.present += texts.present
            total.unreviewed += texts.unreviewed
        return total

    def outdated_count(self, language: str) -> int:
        return sum(len(fields) for kind in KINDS
                   for _, fields in self.outdated[(language, kind.name)])


def translation_status(view: View) -> Status:
    status = Status()
    for language in UN_LANGUAGES:
        for kind in KINDS:
            key = (language, kind.name)
            counts = {FULL: 0, PARTIAL: 0, MISSING: 0}
            lacking, outdated, texts = [], [], Texts()
            for record in view.shown(kind.name).values():
                state = view.coverage(record)[language]
                counts[state] += 1
                if state != FULL:
                    lacking.append((record.id, state))
                total, present, unreviewed, stale = view.worked_out(_texts, record,
                                                                    language)
                texts.total += total
                texts.present += present
                texts.unreviewed += unreviewed
                if stale:
                    outdated.append((record.id, stale))
            status.counts[key], status.lacking[key] = counts, lacking
            status.texts[key], status.outdated[key] = texts, outdated
    return status


def _texts(view: View, record, language: str) -> tuple[int, int, int, list[str]]:
    """A record's texts in `language`: how many it has, how many are there, how many are
    not reviewed, and which are outdated."""
    items = view.freshness(record, language)  # the pages' notices read the same
    if not items:  # the original language: every text is there, as written
        count = len(translatable_fields(record))
        return count, count, 0, []
    return (len(items), sum(1 for item in items if item.state != TEXT_MISSING),
            sum(1 for item in items if item.unreviewed),
            [item.field for item in items if item.state == OUTDATED])


def as_text(status: Status) -> str:
    lines = [f"{'language':<9}{'texts':>7}{'outdated':>10}{'unreviewed':>12}"]
    for language in UN_LANGUAGES:
        texts = status.overall(language)
        lines.append(f"{language:<9}{texts.percent:>6}%{status.outdated_count(language):>10}"
                     f"{texts.unreviewed:>12}")
    lines += ["", f"{'language':<9}{'kind':<14}{'full':>6}{'partial':>9}{'missing':>9}"]
    for (language, kind), counts in status.counts.items():
        lines.append(f"{language:<9}{kind:<14}{counts[FULL]:>6}{counts[PARTIAL]:>9}"
                     f"{counts[MISSING]:>9}")
    words = {PARTIAL: "partly translated", MISSING: "not translated"}
    for (language, kind), lacking in status.lacking.items():
        lines += [f"{language}: {kind} {record_id}: {words[state]}"
                  for record_id, state in lacking]
    for (language, kind), outdated in status.outdated.items():
        lines += [f"{language}: {kind} {record_id}: outdated: {', '.join(fields)}"
                  for record_id, fields in outdated]
    return "\n".join(lines)


def as_json(status: Status) -> str:
    languages = {}
    for (language, kind), counts in status.counts.items():
        entry = languages.setdefault(language, {})
        texts = status.texts[(language, kind)]
        entry[kind] = {**counts, "lacking": [
            {"id": record_id, "coverage": state}
            for record_id, state in status.lacking[(language, kind)]],
            "texts": texts.total, "translated": texts.present,
            "unreviewed": texts.unreviewed,
            "outdated": [{"id": record_id, "fields": fields}
                         for record_id, fields in status.outdated[(language, kind)]]}
    for language, entry in languages.items():
        overall = status.overall(language)
        entry["percent"] = overall.percent
        entry["outdated_texts"] = status.outdated_count(language)
        entry["unreviewed_texts"] = overall.unreviewed
    return json.dumps({"languages": languages}, ensure_ascii=False, indent=2)
