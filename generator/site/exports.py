"""The knowledge base as open data, per language: a JSON file and a CSV file per kind of
record, their JSON Schemas, and a Frictionless Data Package describing them (pure).

Only what the site shows is exported, as the site shows it: published records (drafts
with `--drafts`), experts with their consent, contact details only with consent to
publish them, and no sealed value a build could not open. A text is in the edition's
language, or in the record's original language, which the column beside it names.
"""

from __future__ import annotations

import json
from typing import Iterator

from ..kb.models import NOT_EVALUATED
from . import urls
from .coverage import FULL
from .data_columns import KINDS, PLURALS, csv_lines, data_package, json_schema
from .render import LanguageRenderer
from .settings import Settings
from .view import View, support


class Exporter(LanguageRenderer):
    """Each kind's rows in one language: plain values, keyed by column."""

    def rows(self, kind: str) -> list[dict]:
        records = self.view.practices if kind == "practice" else \
            list(self.view.shown(kind).values())
        return [getattr(self, f"_{kind}")(record) for record in records]

    def _base(self, kind: str, record) -> dict:
        return {"id": record.id, "url": self.address(urls.record_page(kind, record.id))}

    def _texts(self, record, *names: str) -> dict:
        row = {}
        for name in names:
            value = self.text(record, name) if isinstance(getattr(record, name), dict) \
                else None
            row[name] = value.text if value else None
            row[f"{name}_language"] = value.lang if value else None
        return row

    def _labelled(self, facet: str, name: str, values) -> dict:
        return {name: list(values), f"{name}_labels": [self.facet_label(facet, v)
                                                       for v in values]}

    def _practice(self, p) -> dict:
        return {
            **self._base("practice", p),
            **self._texts(p, "title", "summary", "challenge", "description", "results",
                          "evaluation", "lessons_learned", "replicability", "human_rights"),
            **({"evaluation": NOT_EVALUATED} if p.evaluation == NOT_EVALUATED else {}),
            "pillars": list(p.pillars),
            **self._labelled("themes", "themes", p.themes),
            **self._labelled("target_groups", "target_groups", p.target_groups),
            **self._labelled("regions", "regions", p.regions),
            **self._labelled("countries", "lead_countries", p.lead_countries),
            **self._labelled("countries", "partner_countries", p.partner_countries),
            "cooperation": p.cooperation,
            "cooperation_label": self.facet_label("cooperation", p.cooperation),
            "support": support(p),
            "supported_by": [self.supporter(s) for s in p.supported_by],
            "period_start": p.period.start, "period_end": p.period.end,
            "status_of_activity": p.status_of_activity,
            "organizations": [i for i in p.organizations if i in self.view.organizations],
            "centres": [i for i in p.centres if i in self.view.centres],
            "experts": [i for i in p.experts if i in self.view.experts],
            "source_titles": [s.title for s in p.sources],
            "source_urls": [s.url for s in p.sources],
            "submitted_by": self.submitter(p).text if p.submitted_by else None,
            "last_reviewed": p.last_reviewed.isoformat() if p.last_reviewed else None,
            "languages": [lang for lang, state in self.view.coverage(p).items()
                          if state == FULL]}

    def _expert(self, e) -> dict:
        contact = e.contact if e.contact and self.view.shows_contact(e) else None
        return {
            **self._base("expert", e), "name": self.name(e) if e.name else None,
            "example": e.example,
            "affiliation": e.affiliation, "country": e.country,
            "country_label": self.t.country(e.country) if e.country else None,
            "languages": list(e.languages),
            "languages_labels": [self.t.language_name(code) for code in e.languages],
            **self._labelled("themes", "themes", e.themes),
            **self._labelled("regions", "regions", e.regions),
            "pillars": list(e.pillars), **self._texts(e, "bio"),
            "email": contact.email if contact else None,
            "phone": contact.phone if contact else None,
            "web_page": contact.url if contact else None}

    def _centre(self, c) -> dict:
        return {
            **self._base("centre", c), **self._texts(c, "name"), "acronym": c.acronym,
            "country": c.country, "country_label": self.t.country(c.country),
            "city": c.city, "kind": c.kind, "kind_label": self.t(f"centre_kind_{c.kind}"),
            **self._labelled("themes", "themes", c.themes), "pillars": list(c.pillars),
            **self._labelled("regions", "regions", c.regions), "website": c.website,
            **self._texts(c, "description"),
            "organizations": [i for i in c.organizations if i in self.view.organizations],
            "supported_by": [self.supporter(s) for s in c.supported_by],
            "practices": self._naming("centre", c.id)}

    def _organization(self, o) -> dict:
        return {
            **self._base("organization", o), **self._texts(o, "name"),
            "acronym": o.acronym, "region": o.region,
            "region_label": self.term("regions", o.region), "kind": o.kind,
            "kind_label": self.t(f"organization_kind_{o.kind}"), "website": o.website,
            **self._texts(o, "description"), "practices": self._naming("organization", o.id)}

    def _request(self, q) -> dict:
        return {
            **self._base("request", q), **self._texts(q, "title"), "example": q.example,
            "requesting_country": q.requesting_country,
            "requesting_country_label": self.t.country(q.requesting_country)
            if q.requesting_country else None,
            "requesting_organization": q.requesting_organization,
            "need_kind": q.need_kind, "need_kind_label": self.t(f"need_{q.need_kind}"),
            **self._texts(q, "need"), **self._labelled("themes", "themes", q.themes),
            "pillars": list(q.pillars), **self._labelled("regions", "regions", q.regions),
            "languages": list(q.languages),
            "languages_labels": [self.t.language_name(code) for code in q.languages],
            "state": q.state, "opened_on": q.opened_on.isoformat(),
            "closed_on": q.closed_on.isoformat() if q.closed_on else None}

    def _naming(self, kind: str, record_id: str) -> list[str]:
        return [p.id for p in self.view.backlinks.get((kind, record_id), [])]


def export_files(view: View, language: str, settings: Settings
                 ) -> Iterator[tuple[str, str | Iterator[str]]]:
    """(relative path in the language's `data/` folder, text) of every export file, one
    after another, each written before the next is made, the records' JSON and CSV in
    pieces, row by row: at 10,000 practices a language's exports took up to 155 MB of
    memory made all at once, 112 MB one file at a time, and now the rows themselves."""
    exporter = Exporter(view, language, settings)
    for kind in KINDS:
        rows = exporter.rows(kind)
        plural = PLURALS[kind]
        yield f"{plural}.json", _json_rows(rows)
        yield f"{plural}.csv", csv_lines(kind, rows)
        yield f"schemas/{plural}.schema.json", _json(json_schema(kind))
    yield "datapackage.json", _json(data_package(language, settings))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _json_rows(rows: list[dict]) -> Iterator[str]:
    """`_json(rows)`, the same text, in pieces made row by row: the encoder that indents
    (Python's own) lists every piece of the whole file first, 100 MB for 10,000 practices.
    JSON writes a string's line breaks as `\\n`: each line break is the layout's."""
    if not rows:
        yield _json(rows)
        return
    yield "["
    for number, row in enumerate(rows):
        yield ",\n " if number else "\n "
        yield json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n ")
    yield "\n]\n"
