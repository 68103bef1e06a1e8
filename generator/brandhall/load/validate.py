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
from ..model import LOGO_EXTENSIONS
from ..problems import Problem
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


def validate(doc: Doc, model: type[M], context: dict[str, Any]) -> M | None:
    """The document as a model instance, or None with every problem recorded."""
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
        elif kind in _TYPE_ERRORS or kind == "wrong_type":
            expected = ctx.get("expected") or _TYPE_ERRORS[kind]
            code = "wrong_type"
            # What the editor wrote (0x1b), not what YAML made of it (27).
            shown = doc.positions.numbers.get(loc) or _short(value)
            params = {"expected": expected, "got": kind_of(value), "value": shown}
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
        elif kind in ("less_than_equal", "less_than"):
            code, params = "too_big", {"value": value, "max": ctx.get("le", ctx.get("lt"))}
        elif kind == "string_pattern_mismatch" and loc and loc[-1] == "file":
            code = "file_ext"
            params = {"file": value, "allowed": list(LOGO_EXTENSIONS)}
        elif kind == "tags_duplicate" and isinstance(value, list):
            dup = ctx.get("value")
            indexes = [i for i, v in enumerate(value) if v == dup]
            if len(indexes) > 1:
                loc = (*loc, indexes[1])
        elif kind == "region_province" and isinstance(value, list):
            loc = (*loc, 0)
        elif kind not in _KNOWN_CUSTOM:
            code = "wrong_type"
            params = {"expected": "text", "got": kind_of(value), "value": _short(value)}
        yield loc, problem_at(doc, loc, code, at=at, **params)
