"""Editions: which fields each published variant may contain, decided and applied here.

``visible_catalog(catalog, edition)`` is applied once, before rendering.  For the public
edition every profile is rebuilt as a *different type* from which the intranet-only
fields are gone: a renderer that reads ``profile.contact`` fails on a public build
instead of publishing it.  The leak check looks for the same fields' values.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from .catalog import Catalog
from .model import BrandProfile
from .options import Edition

# Field paths that only the intranet edition may contain ("[]" = every list item).
# Nothing else in brandhall names these fields.
INTRANET_ONLY: tuple[str, ...] = (
    "contact",
    "organization.members",
    "reviews[].by",
    "reviews[].summary",
)

# How a bare number is shown on a page: the leak check looks for that, since the
# number alone ("27") occurs everywhere.
_SHOWN_AS = {"organization.members": "{} 名党员"}


def _split(paths: Iterable[str]) -> tuple[set[str], dict[str, list[str]]]:
    dropped: set[str] = set()
    nested: dict[str, list[str]] = {}
    for path in paths:
        head, _, rest = path.partition(".")
        if rest:
            nested.setdefault(head.removesuffix("[]"), []).append(rest)
        else:
            dropped.add(head.removesuffix("[]"))
    return dropped, nested


@cache
def _public_type(model: type[BaseModel], paths: tuple[str, ...]) -> type[BaseModel]:
    """``model`` without the fields in ``paths``: a type that cannot carry them."""
    dropped, nested = _split(paths)
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in dropped:
            fields[name] = (Any, info.default if not info.is_required() else ...)
    return create_model(  # type: ignore[call-overload,no-any-return]
        f"Public{model.__name__}",
        __config__=ConfigDict(frozen=True, extra="forbid"),
        __doc__=f"{model.__name__} as the public edition shows it.",
        **fields,
    )


def _project(value: Any, model: type[BaseModel], paths: tuple[str, ...]) -> BaseModel:
    dropped, nested = _split(paths)
    target = _public_type(model, paths)
    values: dict[str, Any] = {}
    for name in model.model_fields:
        if name in dropped:
            continue
        child = getattr(value, name)
        if name in nested and child is not None:
            sub_paths = tuple(nested[name])
            if isinstance(child, (list, tuple)):
                child = [_project(item, type(item), sub_paths) for item in child]
            else:
                child = _project(child, type(child), sub_paths)
        values[name] = child
    return target.model_construct(**values)


def public_profile_type() -> type[BaseModel]:
    """The type of a brand profile in the public edition."""
    return _public_type(BrandProfile, INTRANET_ONLY)


def visible_profile(profile: BrandProfile, edition: Edition) -> BrandProfile:
    """The profile as an edition may show it."""
    if edition == "intranet":
        return profile
    # A structural stand-in: every field of BrandProfile but the intranet-only ones.
    return typing.cast(BrandProfile, _project(profile, BrandProfile, INTRANET_ONLY))


def visible_catalog(catalog: Catalog, edition: Edition) -> Catalog:
    """The catalog as ``edition`` may show it; everything downstream sees only this."""
    if edition == "intranet":
        return catalog
    brands = tuple(
        dataclasses.replace(b, profile=visible_profile(b.profile, edition)) for b in catalog.brands
    )
    return dataclasses.replace(catalog, brands=brands)


def _values(obj: Any, parts: list[str], where: str) -> list[tuple[str, Any]]:
    if obj is None:
        return []
    if not parts:
        if isinstance(obj, BaseModel):
            return [(f"{where}.{k}", v) for k, v in obj.model_dump().items() if v is not None]
        return [(where, obj)]
    head, rest = parts[0], parts[1:]
    if head.endswith("[]"):
        name = head[:-2]
        found: list[tuple[str, Any]] = []
        for i, item in enumerate(getattr(obj, name)):
            found += _values(item, rest, f"{where}.{name}[{i}]".lstrip("."))
        return found
    return _values(getattr(obj, head), rest, f"{where}.{head}".lstrip("."))


def intranet_only_values(profile: BrandProfile) -> list[tuple[str, str]]:
    """(field, text as shown) pairs that a public edition must not contain."""
    values: list[tuple[str, str]] = []
    for path in INTRANET_ONLY:
        for field, value in _values(profile, path.split("."), ""):
            shown = _SHOWN_AS.get(path, "{}").format(value)
            if shown:
                values.append((field, shown))
    return values


def intranet_field(obj: Any, name: str) -> Any:
    """An intranet-only field of ``obj``, or None where the edition's type lacks it.

    Renderers read intranet-only fields through this and nothing else, so the public
    edition's types (which do not have them) render as if they were never filled in."""
    return getattr(obj, name, None)
