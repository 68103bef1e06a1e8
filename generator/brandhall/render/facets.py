"""The browse views, declared once: each Facet is a gallery filter and, when it has a
``page``, an index page; cards, counts, anchors and navigation all read these."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..model import BrandProfile
from ..pinyin import pinyin_key
from ..taxonomy import HONOR_LEVELS, ORG_TYPES, Taxonomy
from .common import STAGE_LABEL, STAGE_RANK

Order = Callable[[Taxonomy, Counter[str]], list[str]]


def _same(value: str) -> str:
    return value


def _by_count(_taxonomy: Taxonomy, counts: Counter[str]) -> list[str]:
    return sorted(counts, key=lambda v: (-counts[v], pinyin_key(v), v))


def _fixed(order: Callable[[Taxonomy], tuple[str, ...]]) -> Order:
    return lambda taxonomy, counts: [v for v in order(taxonomy) if counts[v]]


@dataclass(frozen=True)
class Facet:
    key: str
    """Name in URLs, ``data-*`` attributes and anchors."""
    label: str
    """What the gallery filter is called."""
    values: Callable[[BrandProfile], list[str]]
    """The values one brand has (a brand may have several, or none)."""
    order: Order
    """The values present in the catalog, in the order readers see them."""
    option: Callable[[str], str] = _same
    """A value as a gallery option."""
    value_label: Callable[[str], str] = _same
    """A value as an index heading or link."""
    page: str | None = None
    """The index page's source path; None for a gallery-only filter."""
    title: str = ""
    """The index page's title."""
    intro: str = ""
    """How the index page groups the brands."""


FACETS: tuple[Facet, ...] = (
    Facet(
        "sector",
        "行业领域",
        lambda p: [p.organization.sector],
        _fixed(lambda t: t.sectors),
        page="browse/sectors.md",
        title="按行业领域",
        intro="按创建单位所属的行业领域",
    ),
    Facet(
        "region",
        "省份",
        lambda p: [p.organization.region[0]],
        _fixed(lambda t: t.regions),
        page="browse/regions.md",
        title="按地区",
        intro="按创建单位所在的省级行政区",
    ),
    Facet("type", "组织类型", lambda p: [p.organization.type], _fixed(lambda t: ORG_TYPES)),
    Facet(
        "stage",
        "品牌阶段",
        lambda p: [p.status.stage],
        _fixed(lambda t: tuple(sorted(STAGE_RANK, key=STAGE_RANK.__getitem__))),
        value_label=lambda v: STAGE_LABEL.get(v, v),
        page="browse/stages.md",
        title="按品牌阶段",
        intro="按品牌所处阶段：培育 → 命名 → 示范",
    ),
    Facet(
        "stars",
        "星级",
        # Cumulative, so the filter "3 星及以上" is a plain membership test.
        lambda p: [str(n) for n in range(1, (p.status.stars or 0) + 1)],
        _fixed(lambda t: ("5", "4", "3", "2", "1")),
        option=lambda v: f"{v} 星及以上",
    ),
    Facet(
        "year",
        "创建年份",
        lambda p: [p.established[:4]],
        lambda t, counts: sorted(counts, reverse=True),
        option=lambda v: f"{v} 年",
    ),
    Facet(
        "honor",
        "荣誉级别",
        lambda p: sorted({h.level for h in p.honors}),
        _fixed(lambda t: HONOR_LEVELS),
        page="browse/honors.md",
        title="按荣誉级别",
        intro="按获得过的荣誉级别（一个品牌可出现在多个级别下）",
    ),
    Facet(
        "tag",
        "标签",
        lambda p: list(p.tags),
        _by_count,
        page="browse/tags.md",
        title="按标签",
        intro="按品牌档案中的标签",
    ),
)

BY_KEY: dict[str, Facet] = {f.key: f for f in FACETS}
# Index pages, in the order the navigation and the browse page list them.
BROWSE: tuple[Facet, ...] = tuple(
    BY_KEY[k] for k in ("sector", "region", "tag", "honor", "stage") if BY_KEY[k].page
)
