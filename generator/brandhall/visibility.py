"""Build profiles: which fields each published variant may contain, decided here only."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from .model import BrandProfile

BuildProfile = Literal["intranet", "public"]

# Field paths that only the intranet build may contain ("[]" = every list item).
# visible_profile() removes them and the leak check looks for them; nothing else
# needs to know which fields they are.
INTRANET_ONLY: tuple[str, ...] = (
    "contact",
    "organization.members",
    "reviews[].by",
    "reviews[].summary",
)

# How a bare number is shown on a page: the leak check looks for that, since the
# number alone ("27") occurs everywhere.
_SHOWN_AS = {"organization.members": "{} 名党员"}


def _without(obj: BaseModel, parts: list[str]) -> BaseModel:
    head, rest = parts[0], parts[1:]
    if head.endswith("[]"):
        name = head[:-2]
        return obj.model_copy(update={name: [_without(item, rest) for item in getattr(obj, name)]})
    if not rest:
        return obj.model_copy(update={head: None})
    child = getattr(obj, head)
    if child is None:
        return obj
    return obj.model_copy(update={head: _without(child, rest)})


def visible_profile(profile: BrandProfile, build: BuildProfile) -> BrandProfile:
    """The profile as a build may show it: the public build drops intranet-only fields."""
    if build == "intranet":
        return profile
    result: BaseModel = profile
    for path in INTRANET_ONLY:
        result = _without(result, path.split("."))
    assert isinstance(result, BrandProfile)
    return result


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
    """(field, text as shown) pairs that a public build must not contain."""
    values: list[tuple[str, str]] = []
    for path in INTRANET_ONLY:
        for field, value in _values(profile, path.split("."), ""):
            shown = _SHOWN_AS.get(path, "{}").format(value)
            if shown:
                values.append((field, shown))
    return values
