"""Field paths in the editor's words: ``practices[1].body`` -> 主要做法第 2 条的内容.

The Chinese titles come from the content model (the same titles the JSON Schema shows
in an editor), so a label never drifts from the field it names.  English keeps the
path, which is also what ``--format json`` carries in ``field``.
"""

from __future__ import annotations

import re
import typing
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from .messages import render_message
from .model import BrandProfile, CaseFrontMatter, TaxonomyFile

_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def model_for(path: str) -> type[BaseModel] | None:
    """The content model of a file, by its name."""
    if path.endswith("/brand.yml") or path == "brand.yml":
        return BrandProfile
    if path.endswith(".md"):
        return CaseFrontMatter
    if path.endswith("taxonomy.yml"):
        return TaxonomyFile
    return None


def _unwrap(annotation: Any) -> Any:
    from .load.validate import _strip

    return _strip(annotation)


@lru_cache(maxsize=4096)
def field_label(path: str, field: str, lang: str = "zh") -> str:
    """The label of ``field`` (``practices[1].body``) in the file ``path``."""
    if lang != "zh" or not field:
        return field
    model = model_for(path)
    if model is None:
        return field
    current: Any = model
    label = ""
    for m in _PART.finditer(field):
        index, key = m.group(1), m.group(2)
        current = _unwrap(current)
        if index is not None:
            if typing.get_origin(current) is not list:
                return field
            item = _unwrap(typing.get_args(current)[0])
            kind = (
                "label_entry"
                if isinstance(item, type) and issubclass(item, BaseModel)
                else "label_item"
            )
            label = render_message(kind, lang, {"parent": label, "n": int(index) + 1})
            current = item
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(key)
            if info is None or not info.title:
                return field
            label = (
                render_message("label_child", lang, {"parent": label, "child": info.title})
                if label
                else info.title
            )
            current = info.annotation
        else:
            return field
    return label or field
