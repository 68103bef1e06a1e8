"""What every renderer needs to know about the whole catalog, computed once."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from ..catalog import Brand, CaseStudy, Catalog
from ..pinyin import pinyin_key, term_slug
from .common import brand_sort_key, date_key
from .facets import BROWSE, BY_KEY

RELATED_LIMIT = 4
# The reason shown for a brand the profile's own ``related`` names (editors chose it).
RECOMMENDED = "本品牌推荐参考"
CANDIDATES = 64


@dataclass
class SiteContext:
    """``catalog`` is the visible catalog of one edition: renderers see nothing else."""

    catalog: Catalog
    today: str
    brands: list[Brand] = field(default_factory=list)
    pinyin: dict[str, str] = field(default_factory=dict)
    anchors: dict[tuple[str, str], str] = field(default_factory=dict)
    by_slug: dict[str, Brand] = field(default_factory=dict)
    # slug -> [(a brand that learned from it, what it adopted, when)], in gallery order.
    learners: dict[str, list[tuple[Brand, str, str]]] = field(default_factory=dict)
    # mkdocs.yml's site_name and site_url (None when unset): the print card's footer and QR.
    site_name: str = ""
    site_url: str | None = None
    # The intranet edition (申请交流学习 is shown there only) and the plugin's
    # exchange_url, which replaces the mailto to the brand's contact (None: mailto).
    intranet: bool = True
    exchange_url: str | None = None
    # MkDocs' use_directory_urls: links brandhall writes as finished HTML (the card lists).
    directory_urls: bool = True

    @classmethod
    def create(cls, catalog: Catalog, today: str) -> SiteContext:
        ctx = cls(catalog=catalog, today=today)
        ctx.by_slug = {b.slug: b for b in catalog.brands}
        for b in catalog.brands:
            ctx.pinyin[b.slug] = pinyin_key(b.profile.name)
        ctx.brands = sorted(catalog.brands, key=lambda b: brand_sort_key(b, ctx.pinyin[b.slug]))
        for b in ctx.brands:
            for entry in b.profile.learned_from:
                if entry.brand in ctx.by_slug and entry.brand != b.slug:
                    ctx.learners.setdefault(entry.brand, []).append((b, entry.what, entry.date))
        for facet in BROWSE:
            dim = facet.key
            used: set[str] = set()
            for value in sorted({v for b in ctx.brands for v in ctx.facet(b, dim)}):
                anchor = base = f"{dim}-{term_slug(value)}"
                n = 2
                while anchor in used:  # homophones: 同音 tags get distinct anchors
                    anchor, n = f"{base}-{n}", n + 1
                used.add(anchor)
                ctx.anchors[(dim, value)] = anchor
        return ctx

    def learned_from(self, brand: Brand) -> list[tuple[Brand, str, str]]:
        """The brands ``brand`` learned from that this edition shows: (brand, what, date)."""
        return [
            (self.by_slug[e.brand], e.what, e.date)
            for e in brand.profile.learned_from
            if e.brand in self.by_slug and e.brand != brand.slug
        ]

    def facet(self, brand: Brand, dim: str) -> list[str]:
        """The values ``brand`` has in the browse view ``dim`` (see facets.FACETS)."""
        return BY_KEY[dim].values(brand.profile)

    def related(self, brand: Brand) -> list[tuple[Brand, tuple[str, ...]]]:
        """Explicit ``related`` first, then the closest brands by sector, tags and region;
        each with the reasons a reader is shown (同行业：…, 共同标签：…, 同地区：…)."""
        by_slug = self.by_slug
        out: list[tuple[Brand, tuple[str, ...]]] = []
        for slug in brand.profile.related:
            if slug in by_slug and slug != brand.slug and all(o.slug != slug for o, _ in out):
                out.append((by_slug[slug], (RECOMMENDED,)))
        if len(out) >= RELATED_LIMIT:
            return out
        return out + self._closest(brand, {o.slug for o, _ in out}, RELATED_LIMIT - len(out))

    def _closest(
        self, brand: Brand, exclude: set[str], n: int
    ) -> list[tuple[Brand, tuple[str, ...]]]:
        """Score 3 for the same sector, 2 per shared tag, 1 for the same province.

        Candidates are the first CANDIDATES brands (in pinyin order) of each list the
        brand is on, so the work per brand is bounded and the whole build stays linear;
        for a catalog whose lists are shorter than that, the result is exact."""
        index = self._related_index
        p = brand.profile
        scores: dict[str, int] = defaultdict(int)
        for other in index["sector"].get(p.organization.sector, ())[:CANDIDATES]:
            scores[other] += 3
        for tag in p.tags:
            for other in index["tag"].get(tag, ())[:CANDIDATES]:
                scores[other] += 2
        for other in index["region"].get(p.organization.region[0], ())[:CANDIDATES]:
            scores[other] += 1
        scores.pop(brand.slug, None)
        for slug in exclude:
            scores.pop(slug, None)
        ranked = heapq.nsmallest(
            n, scores.items(), key=lambda kv: (-kv[1], self.pinyin[kv[0]], kv[0])
        )
        result = []
        for other_slug, _score in ranked:
            theirs = self.by_slug[other_slug].profile
            reasons = []
            if theirs.organization.sector == p.organization.sector:
                reasons.append(f"同行业：{p.organization.sector}")
            shared = [t for t in p.tags if t in theirs.tags]
            if shared:
                reasons.append("共同标签：" + "、".join(shared[:3]))
            if theirs.organization.region[0] == p.organization.region[0]:
                reasons.append(f"同地区：{p.organization.region[0]}")
            result.append((self.by_slug[other_slug], tuple(reasons)))
        return result

    @property
    def _related_index(self) -> dict[str, dict[str, list[str]]]:
        cached = getattr(self, "_index_cache", None)
        if cached is None:
            cached = {
                "sector": defaultdict(list),
                "tag": defaultdict(list),
                "region": defaultdict(list),
            }
            # self.brands is in gallery order; lists in pinyin order make the bounded
            # candidate pool the same from build to build.
            for b in sorted(self.catalog.brands, key=lambda b: (self.pinyin[b.slug], b.slug)):
                cached["sector"][b.profile.organization.sector].append(b.slug)
                cached["region"][b.profile.organization.region[0]].append(b.slug)
                for tag in b.profile.tags:
                    cached["tag"][tag].append(b.slug)
            self._index_cache = cached
        return cached

    def recent_cases(self) -> list[tuple[Brand, CaseStudy]]:
        pairs = [(b, c) for b in self.brands for c in b.cases]
        return sorted(
            pairs, key=lambda bc: (date_key(bc[1].meta.date), bc[0].slug, bc[1].slug), reverse=True
        )
