"""The columns of the open data files: one table per kind of record serves the JSON (one
object a record), the CSV (one line a record; a list's items joined by LIST_SEPARATOR),
their JSON Schemas and Table Schemas, the Data Package and the Data page (pure)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from itertools import chain
from typing import Iterator

from .i18n import Translator, field_help
from .settings import Settings

LIST_SEPARATOR = " | "
KINDS = ("practice", "expert", "centre", "organization", "request")
PLURALS = {"practice": "practices", "expert": "experts", "centre": "centres",
           "organization": "organizations", "request": "requests"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"       # string, integer, boolean, date, or a list: "list:<type>"
    field: str | None = None   # the record's field it shows, for its description
    derived: str | None = None  # how it derives from `field`: language, labels, names...

    @property
    def is_list(self) -> bool:
        return self.type.startswith("list:")

    @property
    def item_type(self) -> str:
        return self.type.removeprefix("list:")


def _text(name: str) -> list[Column]:
    """A text field and the language it is in."""
    return [Column(name, field=name), Column(f"{name}_language", field=name,
                                              derived="language")]


def _terms(name: str, item: str = "string") -> list[Column]:
    """Ids (or codes) and their labels in this language."""
    return [Column(name, f"list:{item}", field=name),
            Column(f"{name}_labels", "list:string", field=name, derived="labels")]


COMMON = [Column("id", field="id"), Column("url", derived="url")]
COLUMNS = {
    "practice": COMMON + _text("title") + _text("summary") + _text("challenge")
    + _text("description") + _text("results") + _text("evaluation")
    + _text("lessons_learned") + _text("replicability")
    + _text("human_rights") + [Column("pillars", "list:integer", field="pillars")]
    + _terms("themes") + _terms("target_groups") + _terms("regions")
    + _terms("lead_countries") + _terms("partner_countries") + [
        Column("cooperation", field="cooperation"),
        Column("cooperation_label", field="cooperation", derived="labels"),
        Column("support", derived="support"),
        Column("supported_by", "list:string", field="supported_by"),
        Column("period_start", field="period.start"),
        Column("period_end", field="period.end"),
        Column("status_of_activity", field="status_of_activity"),
        Column("organizations", "list:string", field="organizations"),
        Column("centres", "list:string", field="centres"),
        Column("experts", "list:string", field="experts", derived="consented"),
        Column("source_titles", "list:string", field="sources.title"),
        Column("source_urls", "list:string", field="sources.url"),
        Column("submitted_by", field="submitted_by"),
        Column("last_reviewed", "date", field="last_reviewed"),
        Column("languages", "list:string", derived="languages")],
    "expert": COMMON + [Column("name", field="name"),
                        Column("example", "boolean", field="example"),
                        Column("affiliation", field="affiliation"),
                        Column("country", field="country"),
                        Column("country_label", field="country", derived="labels")]
    + _terms("languages") + _terms("themes") + _terms("regions") + [
        Column("pillars", "list:integer", field="pillars")] + _text("bio") + [
        Column("email", field="contact.email", derived="contact"),
        Column("phone", field="contact.phone", derived="contact"),
        Column("web_page", field="contact.url", derived="contact")],
    "centre": COMMON + _text("name") + [
        Column("acronym", field="acronym"), Column("country", field="country"),
        Column("country_label", field="country", derived="labels"),
        Column("city", field="city"), Column("kind", field="kind"),
        Column("kind_label", field="kind", derived="labels")]
    + _terms("themes") + [Column("pillars", "list:integer", field="pillars")]
    + _terms("regions") + [Column("website", field="website")] + _text("description") + [
        Column("organizations", "list:string", field="organizations"),
        Column("supported_by", "list:string", field="supported_by"),
        Column("practices", "list:string", derived="practices")],
    "organization": COMMON + _text("name") + [
        Column("acronym", field="acronym"), Column("region", field="region"),
        Column("region_label", field="region", derived="labels"),
        Column("kind", field="kind"), Column("kind_label", field="kind", derived="labels"),
        Column("website", field="website")] + _text("description") + [
        Column("practices", "list:string", derived="practices")],
    "request": COMMON + _text("title") + [
        Column("example", "boolean", field="example"),
        Column("requesting_country", field="requesting_country"),
        Column("requesting_country_label", field="requesting_country", derived="labels"),
        Column("requesting_organization", field="requesting_organization"),
        Column("need_kind", field="need_kind"),
        Column("need_kind_label", field="need_kind", derived="labels")] + _text("need")
    + _terms("themes") + [Column("pillars", "list:integer", field="pillars")]
    + _terms("regions") + _terms("languages") + [
        Column("state", field="state"), Column("opened_on", "date", field="opened_on"),
        Column("closed_on", "date", field="closed_on")],
}


def csv_lines(kind: str, rows: list[dict]) -> Iterator[str]:
    """Rows as CSV, line by line, after a byte order mark (spreadsheet programs then read
    UTF-8, Arabic and Chinese included); a list's items joined by LIST_SEPARATOR."""
    line = io.StringIO()
    writer = csv.writer(line, lineterminator="\r\n")
    columns = COLUMNS[kind]
    yield "\ufeff"
    for values in chain([[column.name for column in columns]],
                        ([_cell(row[column.name], column) for column in columns]
                         for row in rows)):
        writer.writerow(values)
        yield line.getvalue()
        line.seek(0)
        line.truncate()


def _cell(value, column: Column) -> str:
    if value is None:
        return ""
    if column.is_list:
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


JSON_TYPES = {"string": "string", "integer": "integer", "boolean": "boolean",
              "date": "string"}


def json_schema(kind: str) -> dict:
    """The JSON Schema of a kind's JSON file: an array of objects, one a record."""
    properties = {}
    for column in COLUMNS[kind]:
        item = {"type": JSON_TYPES[column.item_type]}
        if column.item_type == "date":
            item["format"] = "date"
        properties[column.name] = {"type": "array", "items": item} if column.is_list \
            else {"type": [item["type"], "null"], **({"format": "date"}
                                                     if "format" in item else {})}
    required = ["id", "url"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"{PLURALS[kind]}.json", "type": "array",
            "items": {"type": "object", "properties": properties, "required": required,
                      "additionalProperties": False}}


def table_schema(kind: str) -> dict:
    """The Frictionless Table Schema of a kind's CSV file."""
    fields = []
    for column in COLUMNS[kind]:
        field = {"name": column.name, "type": column.item_type if not column.is_list
                 else "string"}
        if column.is_list:
            field["description"] = f"list, items joined by '{LIST_SEPARATOR}'"
        fields.append(field)
    return {"fields": fields, "primaryKey": ["id"]}


def data_package(language: str, settings: Settings) -> dict:
    """The Data Package describing one language's files (titled with the site's name)."""
    package = {"profile": "data-package", "name": f"south-south-knowledge-base-{language}",
               "title": settings.site_name, "language": language, "resources": []}
    if settings.licence_name:
        package["licenses"] = [{"name": settings.licence_name, "title": settings.licence_name,
                                **({"path": settings.licence_url}
                                   if settings.licence_url else {})}]
    for kind in KINDS:
        plural = PLURALS[kind]
        package["resources"] += [
            {"name": f"{plural}-csv", "path": f"{plural}.csv", "profile": "tabular-data-resource",
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
             "schema": table_schema(kind)},
            {"name": f"{plural}-json", "path": f"{plural}.json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8",
             "schema": f"schemas/{plural}.schema.json"}]
    return package


def describe(kind: str, column: Column, language: str) -> str:
    """What a column holds, in `language`, for the Data page: its field's help (as `sskb
    new` writes it), or how it derives from it."""
    t, help_texts = Translator(language), field_help(language)
    base = help_texts.get(f"{kind}.{column.field}", "") if column.field else ""
    if column.derived == "language":
        return t("data_column_language", column=column.field)
    if column.derived == "labels":
        return t("data_column_labels", column=column.field)
    if column.derived in ("url", "languages", "practices", "support"):
        return t(f"data_column_{column.derived}")
    if column.derived in ("consented", "contact"):
        return f"{base} {t(f'data_column_{column.derived}')}".strip()
    return base
