"""Build profiles: which fields each published variant may contain, decided here only."""

from __future__ import annotations

from typing import Literal

from .model import BrandProfile

BuildProfile = Literal["intranet", "public"]
PROFILES: tuple[BuildProfile, ...] = ("intranet", "public")

# Field paths that only the intranet build may contain ("[]" = every list item).
INTRANET_ONLY: tuple[str, ...] = (
    "contact",
    "organization.members",
    "reviews[].by",
    "reviews[].summary",
)


def visible_profile(profile: BrandProfile, build: BuildProfile) -> BrandProfile:
    """The profile as a build may show it: the public build drops intranet-only fields."""
    if build == "intranet":
        return profile
    return profile.model_copy(
        update={
            "contact": None,
            "organization": profile.organization.model_copy(update={"members": None}),
            "reviews": [
                r.model_copy(update={"by": None, "summary": None}) for r in profile.reviews
            ],
        }
    )


def intranet_only_values(profile: BrandProfile) -> list[tuple[str, str]]:
    """(field, value) pairs a public build must not contain, for the leak check."""
    values: list[tuple[str, str]] = []
    if profile.contact:
        for key in ("name", "phone", "email"):
            value = getattr(profile.contact, key)
            if value:
                values.append((f"contact.{key}", value))
    if profile.organization.members is not None:
        # A bare number is too common to search for; it is checked where it is shown.
        values.append(("organization.members", f"{profile.organization.members} 名党员"))
    for i, review in enumerate(profile.reviews):
        if review.by:
            values.append((f"reviews[{i}].by", review.by))
        if review.summary:
            values.append((f"reviews[{i}].summary", review.summary))
    return values
