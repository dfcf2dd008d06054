"""What there is to translate into one language (pure): one unit per text of a record, with
the context a translator needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..kb.kinds import KINDS
from ..kb.knowledge_base import KnowledgeBase
from ..kb.models import MARKDOWN_FIELDS
from ..kb.translations import CURRENT, MISSING, OUTDATED, freshness, translatable_fields
from ..site import urls
from ..site.view import View

# What `--only` selects; the default is what needs a translator: missing and outdated.
SELECTIONS = {"missing": (MISSING,), "outdated": (OUTDATED,),
              "all": (MISSING, OUTDATED, CURRENT)}
DEFAULT_SELECTION = (MISSING, OUTDATED)


@dataclass(frozen=True)
class Unit:
    """One text of one record, to be translated into `target_language`."""

    kind: str
    record_id: str
    field: str
    path: str                 # the record's file, relative to the knowledge base
    line: int                 # where the field is in it
    source_language: str
    source: str               # the original text
    target_language: str
    target: Optional[str]     # the present translation (outdated, or any with --only all)
    state: str                # MISSING, OUTDATED or CURRENT
    reviewed: bool
    max_length: Optional[int]
    page: str                 # the record's page in the original language

    @property
    def markdown(self) -> bool:
        return self.field in MARKDOWN_FIELDS


def max_length(model, name: str) -> Optional[int]:
    """The length limit of a text field of `model` (titles, names, summaries), if any."""
    for metadata in _texts_metadata(model.model_fields[name].annotation):
        limit = getattr(metadata, "max_length", None)
        if limit is not None:
            return limit
    return None


def _texts_metadata(annotation):
    """The constraints on the texts of a per-language field's annotation."""
    for argument in getattr(annotation, "__args__", ()):
        yield from getattr(argument, "__metadata__", ())
        yield from _texts_metadata(argument)


def units(kb: KnowledgeBase, view: View, language: str, kinds=None,
          states=DEFAULT_SELECTION, site_url: str = "") -> list[Unit]:
    """The units to translate into `language`: of the records the site shows (a person's
    profile only with their consent, sealed fields never), of the kinds asked, in the
    states asked, by kind, then file, then field order."""
    found = []
    for kind in KINDS:
        if kinds and kind.name not in kinds:
            continue
        shown = view.shown(kind.name)
        for entry in sorted(kb.entries(kind.name), key=lambda entry: entry.path):
            record = entry.record
            if record is None or shown.get(record.id) is not record:
                continue
            texts = translatable_fields(record)
            for item in freshness(record, language):
                if item.state not in states:
                    continue
                current = getattr(record, item.field).get(language)
                found.append(Unit(
                    kind.name, record.id, item.field, entry.path,
                    entry.positions.locate((item.field, record.original_language))[0],
                    record.original_language, texts[item.field], language, current,
                    item.state, item.reviewed, max_length(kind.model, item.field),
                    _page(site_url, record.original_language, kind.name, record.id)))
    return found


def _page(site_url: str, language: str, kind: str, record_id: str) -> str:
    path = f"{language}/{urls.page_url(urls.record_page(kind, record_id))}"
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def instructions(unit: Unit) -> list[str]:
    """What the translator needs to know about one unit, as sentences."""
    found = [f"{unit.kind} {unit.record_id}, field {unit.field}; "
             f"original ({unit.source_language}): {unit.page}"]
    if unit.markdown:
        found.append("Markdown: keep the paragraphs, the list and heading markers, the "
                     "addresses of links and the `code` as they are; translate the links' "
                     "texts.")
    else:
        found.append("Plain text on one line" + (f", at most {unit.max_length} characters."
                                                 if unit.max_length else "."))
    if unit.state == OUTDATED:
        found.append("The original changed since this translation was made: update it.")
    return found


@dataclass(frozen=True)
class Incoming:
    """One translation read from a file, on its way into a record."""

    kind: str
    record_id: str
    field: str
    source: str        # the original text the translation was made from, as exported
    target: str
    reviewed: bool
    where: str         # the unit, as messages name it


@dataclass
class Reading:
    """What a translated file holds: its target language, the translations, the units left
    untranslated (or marked for another look) and those refused as they are written."""

    language: str
    incoming: list[Incoming]
    left: list[str]
    refused: list[str]


def unit_name(kind: str, record_id: str, field: str) -> str:
    return f"{kind}/{record_id}/{field}"
