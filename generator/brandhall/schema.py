"""JSON Schemas for editors' IDEs, generated from the models the loader validates with."""

from __future__ import annotations

import json
import typing
from typing import Any

from pydantic import BaseModel

from .model import BrandProfile, CaseFrontMatter

SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "brand.schema.json": BrandProfile,
    "case.schema.json": CaseFrontMatter,
}


def _collapse_nullable(node: Any) -> Any:
    """``anyOf: [X, {type: null}]`` -> ``X``: editors leave optional keys out, not null."""
    if isinstance(node, dict):
        node = {k: _collapse_nullable(v) for k, v in node.items()}
        any_of = node.get("anyOf")
        if isinstance(any_of, list):
            rest = [s for s in any_of if s != {"type": "null"}]
            if len(rest) == 1 and len(rest) != len(any_of):
                merged = dict(rest[0])
                for key, value in node.items():
                    if key != "anyOf":
                        merged.setdefault(key, value)
                merged.pop("default", None)
                return merged
        if node.get("default") is None and "default" in node:
            node.pop("default")
        return node
    if isinstance(node, list):
        return [_collapse_nullable(v) for v in node]
    return node


def _restore_titles(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Pydantic leaves the field's own title off a property that is a ``$ref``; editors
    should still see the Chinese name of the field, so put it back."""
    todo: list[tuple[dict[str, Any], type[BaseModel]]] = [(schema, model)]
    seen: set[str] = set()
    while todo:
        node, cls = todo.pop()
        for name, info in cls.model_fields.items():
            prop = node.get("properties", {}).get(name)
            if prop is None:
                continue
            if info.title and "title" not in prop:
                prop["title"] = info.title
            sub = _submodel(info.annotation)
            if sub is not None and sub.__name__ not in seen:
                seen.add(sub.__name__)
                todo.append((schema["$defs"][sub.__name__], sub))


def _submodel(annotation: Any) -> type[BaseModel] | None:
    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            return current
        stack.extend(typing.get_args(current))
    return None


def brand_schema(model: type[BaseModel]) -> dict[str, Any]:
    raw = model.model_json_schema()
    _restore_titles(raw, model)
    schema = _collapse_nullable(raw)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def render_schemas() -> dict[str, str]:
    return {
        name: json.dumps(brand_schema(model), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        for name, model in SCHEMA_FILES.items()
    }
