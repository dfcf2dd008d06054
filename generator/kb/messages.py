"""Plain-words messages for pydantic's validation errors, written for contributors."""

from __future__ import annotations

from pydantic import BaseModel

from .codes import UN_LANGUAGES
from .fields import FORM_TAGS
from .models import nested_model

# Errors about a value the contributor wrote, where repeating the value helps them find it.
_SHOWS_VALUE = {
    "literal_error", "int_type", "string_type", "bool_type", "greater_than_equal",
    "less_than_equal", "country-code", "language-code", "id", "url", "email", "phone",
    "year-month", "date",
}


def _type_hint(value) -> str:
    if isinstance(value, bool):
        return "; YAML reads an unquoted true/false as yes/no: put the text in double quotes"
    if isinstance(value, int):
        return "; YAML reads an unquoted number as a number: put it in double quotes"
    return ""


def _describe(error: dict, model: type[BaseModel], is_key: bool) -> tuple[str, str]:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if is_key and kind == "literal_error":
        return "language", f"is not one of the six UN language codes: {', '.join(UN_LANGUAGES)}"
    if kind == "missing":
        return "missing-field", "is required but missing"
    if kind == "extra_forbidden":
        fields = ", ".join(model.model_fields) if model is not None else ""
        return "unknown-field", (f"is not a field here; check the spelling (allowed: {fields})"
                                 if fields else "is not a field here; check the spelling")
    if kind == "literal_error":
        return "not-allowed", f"is not one of the allowed values: {ctx.get('expected')}"
    if kind == "string_type":
        return "wrong-type", "must be text" + _type_hint(value)
    if kind == "int_type":
        hint = "; write it without quotes" if isinstance(value, str) and value.isdigit() else ""
        return "wrong-type", "must be a whole number" + hint
    if kind == "bool_type":
        return "wrong-type", "must be true or false"
    if kind == "list_type":
        return "wrong-type", "must be a list: [A, B] or one '- item' per line"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "wrong-type", "must be a group of fields (a mapping of 'name: value' lines)"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return "date", "is not a date written YYYY-MM-DD (e.g. 2026-03-31)"
    if kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        length = len(value) if isinstance(value, str) else "too many"
        return "too-long", f"is {length} characters long; at most {ctx['max_length']} allowed"
    if kind == "too_short":
        return "too-few", f"needs at least {ctx['min_length']} item(s)"
    if kind == "too_long":
        return "too-many", f"has more than {ctx['max_length']} items"
    if kind in ("greater_than_equal", "less_than_equal"):
        return "out-of-range", "must be a pillar number from 1 to 4" if "pillars" in str(
            error["loc"]) else f"is out of range ({error['msg']})"
    return kind, str(error["msg"])


def problem_from_error(error: dict, model: type[BaseModel],
                       show_values: bool) -> tuple[tuple, str, str, bool]:
    """Return (field path, code, message, whether to point at the field name) for an error.

    `show_values` is False for records about people: their values never reach a log.
    """
    loc = tuple(part for part in error["loc"] if part not in FORM_TAGS)
    is_key = bool(loc) and loc[-1] == "[key]"
    if is_key:
        loc = loc[:-1]
    code, message = _describe(error, _model_at(model, loc), is_key)
    value = loc[-1] if is_key else error.get("input")
    if show_values and (is_key or error["type"] in _SHOWS_VALUE) and isinstance(
            value, (str, int)) and len(str(value)) <= 80:
        message = f"{value!r} {message}"
    return loc, code, message, is_key or error["type"] == "extra_forbidden"


def _model_at(model: type[BaseModel], loc: tuple):
    """The model class that holds the last field of `loc`, for listing its fields."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = nested_model(field.annotation) if field else None
    return current
