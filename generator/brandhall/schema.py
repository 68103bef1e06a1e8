"""JSON Schemas for editors' IDEs, generated from the models the loader validates with."""

from __future__ import annotations

import json
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


def brand_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = _collapse_nullable(model.model_json_schema())
    name = next(k for k, v in SCHEMA_FILES.items() if v is model)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def render_schemas() -> dict[str, str]:
    return {
        name: json.dumps(brand_schema(model), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        for name, model in SCHEMA_FILES.items()
    }
