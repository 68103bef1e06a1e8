"""Validation against the content model, and pydantic's errors as located problems."""

from __future__ import annotations

import difflib
import math
import re
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..messages import localized
from ..model import DATE_PATTERN, FULL_DATE_PATTERN, LOGO_EXTENSIONS
from ..problems import Problem
from ..taxonomy import date_guess, int_guess, split_region
from .located import Doc, Loc, problem_at, visible

M = TypeVar("M", bound=BaseModel)

_TYPE_ERRORS = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "finite_number": "number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
}

# Errors the model raises itself (PydanticCustomError), whose type is the message code.
_KNOWN_CUSTOM = {
    "not_in_vocab",
    "date_format",
    "date_invalid",
    "date_future",
    "date_full_required",
    "year_future",
    "tags_duplicate",
    "region_province",
    "slug_invalid",
    "email_invalid",
    "wrong_type",
}

# A number as a person writes it: no leading zero, sign, underscore or prefix.
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _short(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    text = str(value)
    return text if len(text) <= 30 else text[:29] + "…"


def _strip(annotation: Any) -> Any:
    """``Annotated[int, …] | None`` -> ``int``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def type_at(model: type[BaseModel], loc: Loc) -> Any:
    """The type the model expects at ``loc`` (a model, ``list[…]``, ``int``…), or None."""
    current: Any = model
    for part in loc:
        current = _strip(current)
        if isinstance(part, int):
            if typing.get_origin(current) is not list:
                return None
            current = typing.get_args(current)[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return None
            current = info.annotation
        else:
            return None
    return _strip(current)


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Names of the keys allowed in the mapping at ``loc`` (for "did you mean")."""
    found = type_at(model, loc)
    if isinstance(found, type) and issubclass(found, BaseModel):
        return list(found.model_fields)
    return []


def number_problems(doc: Doc, model: type[BaseModel]) -> set[Loc]:
    """NaN and infinity anywhere, and numbers in a notation YAML 1.1 reads differently
    from what the editor sees (``033`` is 27) where the model expects a number.
    Returns the places reported, so the model's own error there is not repeated."""
    flagged: set[Loc] = set()
    for loc, raw in doc.positions.numbers.items():
        value = _value_at(doc.data, loc)
        if isinstance(value, float) and not math.isfinite(value):
            doc.add(loc, "number_not_finite", value=raw)
        elif type_at(model, loc) in (int, float) and not _PLAIN_NUMBER.fullmatch(raw):
            read = (
                localized("hint_yaml_reads_as", value=value)
                if isinstance(value, (int, float)) and not isinstance(value, bool)
                else ""
            )
            doc.add(loc, "number_notation", value=raw, read=read)
        else:
            continue
        flagged.add(loc)
    return flagged


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _phones_as_text(doc: Doc, model: type[BaseModel]) -> None:
    """A phone number written as digits (13912345678) is text to a person: the digits
    as written are kept, never what YAML made of them."""
    for loc, raw in doc.positions.numbers.items():
        if loc and loc[-1] == "phone" and type_at(model, loc) is str:
            parent = _value_at(doc.data, loc[:-1])
            if isinstance(parent, dict) and isinstance(parent.get("phone"), (int, float)):
                parent["phone"] = raw


def _field_info(model: type[BaseModel], loc: Loc) -> Any:
    """The pydantic FieldInfo of the field at ``loc`` (list indexes skipped), or None."""
    keys = [part for part in loc]
    while keys and isinstance(keys[-1], int):
        keys.pop()
    if not keys:
        return None
    parent = type_at(model, tuple(keys[:-1]))
    if isinstance(parent, type) and issubclass(parent, BaseModel):
        return parent.model_fields.get(str(keys[-1]))
    return None


def _is_date(model: type[BaseModel], loc: Loc) -> bool:
    info = _field_info(model, loc)
    extra = info.json_schema_extra if info is not None else None
    return isinstance(extra, dict) and extra.get("pattern") in (DATE_PATTERN, FULL_DATE_PATTERN)


def _bounds(model: type[BaseModel], loc: Loc) -> tuple[Any, Any]:
    """(minimum, maximum) of the number at ``loc`` from the model, None when open."""
    info = _field_info(model, loc)
    low = high = None
    if info is None:
        return None, None
    stack: list[Any] = [info.annotation, *info.metadata]
    while stack:
        item = stack.pop()
        low = getattr(item, "ge", low) if getattr(item, "ge", None) is not None else low
        high = getattr(item, "le", high) if getattr(item, "le", None) is not None else high
        for meta in getattr(item, "metadata", []) or []:
            stack.append(meta)
        stack.extend(typing.get_args(item))
    return low, high


def validate(doc: Doc, model: type[M], context: dict[str, Any]) -> M | None:
    """The document as a model instance, or None with every problem recorded."""
    _phones_as_text(doc, model)
    flagged = number_problems(doc, model)
    try:
        result = model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        doc.problems.extend(p for loc, p in translate(exc, model, doc) if loc not in flagged)
        return None
    return None if flagged else result


def translate(
    exc: ValidationError, model: type[BaseModel], doc: Doc
) -> Iterator[tuple[Loc, Problem]]:
    """Each pydantic error as (place, problem) with a message code and its parameters."""
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        ctx = dict(err.get("ctx") or {})
        value = err.get("input")
        at = "value"
        code, params = kind, ctx
        if kind == "missing":
            code, params, at = "missing", {"key": loc[-1]}, "container"
        elif kind == "extra_forbidden":
            allowed = _fields_at(model, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            hint = localized("hint_did_you_mean", value=close[0]) if close else ""
            code, at = "unknown_key", "key"
            params = {"key": visible(str(loc[-1])), "hint": hint, "allowed": allowed}
        elif (kind in _TYPE_ERRORS or kind == "wrong_type") and _is_date(model, loc):
            # 2023.5 is a number to YAML, but the editor wrote a date.
            raw = doc.positions.numbers.get(loc) or _short(value)
            code, params = "date_format", {"value": raw, "hint": _date_hint(str(raw))}
        elif (kind in _TYPE_ERRORS or kind == "wrong_type") and value is None:
            # `summary:` with nothing after it: YAML reads null, the editor left it blank.
            expected = ctx.get("expected") or _TYPE_ERRORS[kind]
            code, params = "value_blank", {"expected": expected}
        elif kind in _TYPE_ERRORS or kind == "wrong_type":
            expected = ctx.get("expected") or _TYPE_ERRORS[kind]
            code = "wrong_type"
            # What the editor wrote (0x1b), not what YAML made of it (27).
            shown = doc.positions.numbers.get(loc) or _short(value)
            params = {
                "expected": expected,
                "got": kind_of(value),
                "value": shown,
                "hint": _type_hint(model, loc, expected, value),
            }
        elif kind == "date_format":
            params = {**ctx, "hint": _date_hint(str(ctx.get("value", value)))}
        elif kind == "region_province" and isinstance(value, list) and value:
            parts = split_region(str(value[0]))
            if len(parts) > 1:
                fixed = "[" + ", ".join([*parts, *(str(v) for v in value[1:])]) + "]"
                params = {**ctx, "hint": localized("hint_region_split", fixed=fixed)}
            loc = (*loc, 0)
        elif kind == "string_too_short":
            code = "too_short"
            params = {"min": ctx.get("min_length"), "actual": len(str(value).strip())}
        elif kind == "string_too_long":
            code = "too_long"
            params = {"max": ctx.get("max_length"), "actual": len(str(value).strip())}
        elif kind in ("too_short", "too_long"):
            code = "list_" + kind
            n = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
            params = {"min": n, "max": n, "actual": ctx.get("actual_length", len(value or []))}
        elif kind in ("greater_than_equal", "greater_than"):
            code, params = "too_small", {"value": value, "min": ctx.get("ge", ctx.get("gt"))}
            params["hint"] = _range_hint(model, loc)
        elif kind in ("less_than_equal", "less_than"):
            code, params = "too_big", {"value": value, "max": ctx.get("le", ctx.get("lt"))}
            params["hint"] = _range_hint(model, loc)
        elif kind == "string_pattern_mismatch" and loc and loc[-1] == "file":
            code = "file_ext"
            params = {"file": value, "allowed": list(LOGO_EXTENSIONS)}
        elif kind == "tags_duplicate" and isinstance(value, list):
            dup = ctx.get("value")
            indexes = [i for i, v in enumerate(value) if v == dup]
            if len(indexes) > 1:
                loc = (*loc, indexes[1])
        elif kind not in _KNOWN_CUSTOM:
            code = "wrong_type"
            params = {"expected": "text", "got": kind_of(value), "value": _short(value)}
        yield loc, problem_at(doc, loc, code, at=at, **params)


def _date_hint(raw: str) -> Any:
    guess = date_guess(raw)
    return localized("hint_did_you_mean_semi", value=guess) if guess else ""


def _range_hint(model: type[BaseModel], loc: Loc) -> Any:
    low, high = _bounds(model, loc)
    if low is None or high is None:
        return ""
    return localized("hint_range", min=low, max=high)


def _type_hint(model: type[BaseModel], loc: Loc, expected: str, value: Any) -> Any:
    """What to write instead, when there is one obvious fix."""
    if expected == "list" and isinstance(value, str):
        if loc and loc[-1] == "region":
            parts = split_region(value)
            return localized("hint_list_write", fixed="[" + ", ".join(parts) + "]")
        items = [v.strip() for v in re.split("[,，、;；]", value) if v.strip()]
        return localized("hint_list_write", fixed="[" + ", ".join(items) + "]")
    if expected in ("integer", "number"):
        guess = int_guess(value) if isinstance(value, str) else None
        low, high = _bounds(model, loc)
        if low is not None and high is not None:
            if guess is not None:
                return localized("hint_range_guess", min=low, max=high, value=guess)
            return localized("hint_range", min=low, max=high)
        if guess is not None:
            return localized("hint_did_you_mean_semi", value=guess)
    return ""
