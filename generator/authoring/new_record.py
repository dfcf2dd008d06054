"""`sskb new KIND ID`: a new record file with every field present, each under a comment in the
contributor's language; `sskb validate` then says, field by field, what is left to fill."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Literal

from ..build.write import write_new
from ..kb.codes import UN_LANGUAGES
from ..kb.fields import ID_PATTERN, RESERVED_IDS
from ..kb.kinds import BY_NAME, KINDS, Kind
from ..kb.models import MARKDOWN_FIELDS, WRITTEN_BY_TOOLS, nested_model
from ..site.i18n import field_help
from .schemas import schema_line

EDITORIAL = {"status": "draft"}  # new records start as drafts


class ScaffoldError(Exception):
    """The record cannot be created; the message says why, for the contributor."""


def _kind(name: str) -> Kind:
    if name in BY_NAME:
        return BY_NAME[name]
    raise ScaffoldError(f"unknown kind {name!r}: use {', '.join(k.name for k in KINDS)}")


def _literal_values(annotation) -> tuple:
    if typing.get_origin(annotation) is Literal:
        return typing.get_args(annotation)
    for argument in typing.get_args(annotation):
        values = _literal_values(argument)
        if values:
            return values
    return ()


def _is_localized(annotation) -> bool:
    for candidate in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(candidate) is dict:
            return True
    return False


def _is_list(annotation) -> bool:
    for candidate in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(candidate) is list or candidate is list:
            return True
    return False


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}" for line in text.splitlines()]


def _field_lines(key: str, name: str, field, language: str, indent: str,
                 values: dict) -> list[str]:
    texts = field_help(language)
    annotation = field.annotation
    note = texts.get(key, field.description or "")
    note += f" ({texts['_required' if field.is_required() else '_optional']})"
    allowed = [v for v in _literal_values(annotation) if not isinstance(v, bool)]
    if allowed and name != "original_language" and not _is_localized(annotation):
        note += f"\n{texts['_allowed']} {', '.join(map(str, allowed))}"
    lines = _comment(note, indent)
    nested = nested_model(annotation)
    if name in values:
        lines.append(f"{indent}{name}: {values[name]}")
    elif _is_localized(annotation):
        text = "|" if name in MARKDOWN_FIELDS else '""'
        lines += [f"{indent}{name}:", f"{indent}  {language}: {text}"]
        if name in MARKDOWN_FIELDS:
            lines.append("")
    elif _is_list(annotation) and nested is not None:
        lines.append(f"{indent}{name}:")
        item = [f"{indent}  - {sub}: \"\"" if i == 0 else f"{indent}    {sub}: \"\""
                for i, sub in enumerate(nested.model_fields)]
        lines += item
    elif nested is not None:
        lines.append(f"{indent}{name}:")
        for sub, sub_field in nested.model_fields.items():
            lines += _field_lines(f"{key}.{sub}", sub, sub_field, language, indent + "  ",
                                  {})
    elif _is_list(annotation):
        lines.append(f"{indent}{name}: []")
    elif annotation is bool or bool in typing.get_args(annotation):
        lines.append(f"{indent}{name}: false")
    elif not field.is_required():
        lines.append(f"{indent}{name}:")
    else:
        lines.append(f'{indent}{name}: ""')
    return lines


def scaffold(kind_name: str, record_id: str, language: str) -> str:
    """The text of a new record file."""
    kind = _kind(kind_name)
    if language not in UN_LANGUAGES:
        raise ScaffoldError(f"unknown language {language!r}: use {', '.join(UN_LANGUAGES)}")
    if record_id in RESERVED_IDS:
        raise ScaffoldError(f"{record_id!r} is the name of one of the site's own pages; "
                            "choose another id")
    if len(record_id) > 80 or not ID_PATTERN.match(record_id):
        raise ScaffoldError(f"{record_id!r} is not a valid id: use lowercase letters a-z, "
                            "digits and single hyphens, at most 80 characters "
                            "(e.g. regional-imam-training)")
    values = {"id": record_id, "original_language": language, **EDITORIAL}
    if kind.name == "expert":
        values["example"] = "true" if record_id.startswith("example-") else "false"
    lines = [schema_line(kind.folder, kind.name)]
    for name, field in kind.model.model_fields.items():
        if name in WRITTEN_BY_TOOLS:
            continue
        lines += _field_lines(f"{kind.name}.{name}", name, field, language, "", values)
    return "\n".join(lines) + "\n"


def new_record(root: Path, kind_name: str, record_id: str, language: str) -> Path:
    """Write the new record file; refuse to overwrite one."""
    text = scaffold(kind_name, record_id, language)
    path = root / _kind(kind_name).source_file(record_id)
    if not write_new(path, text):
        raise ScaffoldError(f"{path.relative_to(root)} already exists: edit it, or choose "
                            "another id")
    return path
