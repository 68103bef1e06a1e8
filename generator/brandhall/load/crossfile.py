"""Checks across brand folders: unique names, related brands that exist."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from ..catalog import Brand
from ..messages import localized
from ..model import SLUG_RE
from ..problems import Problem
from .located import Doc, problem_at
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
    """Each related brand must be an existing folder (even one with errors), not itself."""
    related = doc.data.get("related")
    if not isinstance(related, list):
        return
    for i, other in enumerate(related):
        if not isinstance(other, str):
            continue
        if other == slug:
            doc.add(("related", i), "related_self", value=other)
        elif other not in slugs and SLUG_RE.match(other):
            close = difflib.get_close_matches(other, sorted(slugs), n=1, cutoff=0.6)
            hint = localized("hint_did_you_mean_semi", value=close[0]) if close else ""
            doc.add(("related", i), "related_missing", value=other, hint=hint)
