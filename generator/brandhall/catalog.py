"""The records a load produces: immutable, typed, free of I/O.

``load.load_catalog`` builds them; renderers, the plugin and the leak check read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import BrandProfile, CaseFrontMatter
from .problems import Problem
from .taxonomy import DEFAULT_TAXONOMY, Taxonomy


@dataclass(frozen=True)
class CaseStudy:
    slug: str
    brand_slug: str
    source: str
    meta: CaseFrontMatter
    body: str

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass(frozen=True)
class Brand:
    slug: str
    source: str
    folder: Path
    profile: BrandProfile
    cases: tuple[CaseStudy, ...]
    updated: str
    # The only files of the brand folder the site may publish, relative to the folder
    # (POSIX, sorted): the logo and the images the profile and cases show or link to.
    # Never brand.yml, a case source or any other file.
    assets: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.profile.name


@dataclass(frozen=True)
class Catalog:
    brands: tuple[Brand, ...]
    taxonomy: Taxonomy = DEFAULT_TAXONOMY
    root: Path = Path("brands")

    def brand(self, slug: str) -> Brand:
        for candidate in self.brands:
            if candidate.slug == slug:
                return candidate
        raise KeyError(slug)

    @property
    def cases(self) -> tuple[CaseStudy, ...]:
        return tuple(c for b in self.brands for c in b.cases)


@dataclass(frozen=True)
class LoadResult:
    """A catalog of the brands without errors, and every problem found (sorted)."""

    catalog: Catalog
    problems: tuple[Problem, ...] = ()
    brand_count: int = 0
    case_count: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")
