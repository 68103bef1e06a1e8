"""Checks across brand folders: unique names, related brands that exist."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from ..catalog import Brand
from ..messages import localized
from ..model import SLUG_RE
from ..problems import Problem
from .located import Doc, Loc, problem_at
from .prescan import unwrap_quotes


def norm_name(name: str) -> str:
    """Brand names are compared after NFKC normalization with whitespace removed, and
    without Chinese quotes around the whole name (“蓝焰红心” is 蓝焰红心)."""
    return "".join(unicodedata.normalize("NFKC", unwrap_quotes(name)).split())


def duplicate_names(loaded: Iterable[tuple[Brand, Doc]]) -> list[Problem]:
    """Reported on the later folder in sorted order, naming the other."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for brand, doc in loaded:
        key = norm_name(brand.profile.name)
        if key in seen:
            problems.append(
                problem_at(
                    doc, ("name",), "name_duplicate", value=brand.profile.name, other=seen[key]
                )
            )
        else:
            seen[key] = brand.source
    return problems


def check_related(doc: Doc, slug: str, slugs: set[str]) -> None:
    """Each related brand must be an existing folder (even one with errors), not itself;
    so must each ``learned_from[].brand`` (a brand cannot have learned from itself)."""
    related = doc.data.get("related")
    if isinstance(related, list):
        for i, other in enumerate(related):
            _check_slug(doc, ("related", i), "related", other, slug, slugs)
    learned = doc.data.get("learned_from")
    if isinstance(learned, list):
        for i, entry in enumerate(learned):
            if isinstance(entry, dict):
                loc = ("learned_from", i, "brand")
                _check_slug(doc, loc, "learned_from", entry.get("brand"), slug, slugs)


def _check_slug(doc: Doc, loc: Loc, kind: str, other: object, slug: str, slugs: set[str]) -> None:
    if not isinstance(other, str):
        return
    if other == slug:
        doc.add(loc, f"{kind}_self", value=other)
    elif other not in slugs and SLUG_RE.match(other):
        close = difflib.get_close_matches(other, sorted(slugs), n=1, cutoff=0.6)
        hint = localized("hint_did_you_mean_semi", value=close[0]) if close else ""
        doc.add(loc, f"{kind}_missing", value=other, hint=hint)
