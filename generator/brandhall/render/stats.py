"""数据概览: the catalog counted across brands, as static SVG charts with data tables.

Every chart is an inline SVG written by the templates below (no JavaScript, no map
geometry, nothing fetched): colours come from classes in brandhall.css, so charts follow
the theme and print.  Each chart is followed by a table of the same numbers for screen
readers and print; each bar or cell links to the gallery filtered to it (the gallery
reads the same URL parameters as its filters, see facets.FACETS and assets/cardlist.js).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from ..taxonomy import HONOR_LEVELS
from .brand import front_matter
from .common import STAGE_LABEL, STAGE_RANK, format_number, h
from .context import SiteContext

# Raw HTML is not rewritten by MkDocs: link to the built file, which exists both with and
# without directory URLs (and from file:// in the offline copy).
GALLERY = "../gallery/index.html"
TOP_LEARNED = 10

# The tile-grid map: (column, row) of each province in its rough geographic place.
TILES: dict[str, tuple[int, int]] = {
    "黑龙江省": (7, 0),
    "新疆维吾尔自治区": (0, 1),
    "内蒙古自治区": (4, 1),
    "北京市": (5, 1),
    "辽宁省": (6, 1),
    "吉林省": (7, 1),
    "甘肃省": (2, 2),
    "宁夏回族自治区": (3, 2),
    "山西省": (4, 2),
    "河北省": (5, 2),
    "天津市": (6, 2),
    "西藏自治区": (0, 3),
    "青海省": (1, 3),
    "陕西省": (3, 3),
    "河南省": (4, 3),
    "山东省": (5, 3),
    "四川省": (2, 4),
    "重庆市": (3, 4),
    "湖北省": (4, 4),
    "安徽省": (5, 4),
    "江苏省": (6, 4),
    "上海市": (7, 4),
    "云南省": (2, 5),
    "贵州省": (3, 5),
    "湖南省": (4, 5),
    "江西省": (5, 5),
    "浙江省": (6, 5),
    "广西壮族自治区": (3, 6),
    "广东省": (4, 6),
    "福建省": (5, 6),
    "台湾省": (6, 6),
    "海南省": (3, 7),
    "澳门特别行政区": (4, 7),
    "香港特别行政区": (5, 7),
}
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
TILE = 64
MAP_COLUMNS = 8


def short_region(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def gallery_link(**params: str) -> str:
    return GALLERY + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())


@dataclass(frozen=True)
class Datum:
    label: str
    value: float
    href: str | None = None
    short: str = ""
    extra: tuple[str, ...] = ()
    """More columns for the data table."""

    @property
    def shown(self) -> str:
        return format_number(self.value)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    columns: tuple[str, ...]
    data: tuple[Datum, ...]
    kind: str = "bars"  # bars | columns | map
    note: str = ""


def compute_charts(ctx: SiteContext) -> list[Chart]:
    """Every chart's numbers from the visible catalog, in one pass per chart."""
    brands = ctx.brands
    profiles = [b.profile for b in brands]
    tax = ctx.catalog.taxonomy

    regions = Counter(p.organization.region[0] for p in profiles)
    region_data = tuple(
        Datum(r, regions[r], gallery_link(region=r) if regions[r] else None, short_region(r))
        for r in tax.regions
    )

    sectors = Counter(p.organization.sector for p in profiles)
    sector_data = tuple(
        Datum(s, sectors[s], gallery_link(sector=s)) for s in tax.sectors if sectors[s]
    )

    stages = Counter(p.status.stage for p in profiles)
    stage_data = tuple(
        Datum(STAGE_LABEL[s], stages[s], gallery_link(stage=s))
        for s in sorted(STAGE_RANK, key=STAGE_RANK.__getitem__)
        if stages[s]
    )

    stars = Counter(p.status.stars for p in profiles if p.status.stars)
    star_data = tuple(
        Datum(
            f"{n} 星及以上",
            sum(c for s, c in stars.items() if s >= n),
            gallery_link(stars=str(n)),
            extra=(format_number(stars[n]),),
        )
        for n in range(5, 0, -1)
        if any(s >= n for s in stars)
    )

    honors: Counter[str] = Counter()
    honored: dict[str, set[str]] = defaultdict(set)
    for b in brands:
        for honor in b.profile.honors:
            honors[honor.level] += 1
            honored[honor.level].add(b.slug)
    honor_data = tuple(
        Datum(
            level,
            honors[level],
            gallery_link(honor=level),
            extra=(format_number(len(honored[level])),),
        )
        for level in HONOR_LEVELS
        if honors[level]
    )

    years = Counter(p.established[:4] for p in profiles)
    year_data = tuple(Datum(y, years[y], gallery_link(year=y)) for y in sorted(years))

    scores: dict[str, list[float]] = defaultdict(list)
    for p in profiles:
        for review in p.reviews:
            scores[review.date[:4]].append(review.score)
    review_data = tuple(
        Datum(
            y,
            round(sum(scores[y]) / len(scores[y]), 1),
            extra=(
                format_number(len(scores[y])),
                format_number(min(scores[y])),
                format_number(max(scores[y])),
            ),
        )
        for y in sorted(scores)
    )

    learned = [(b, len(ctx.learners.get(b.slug, ()))) for b in brands]
    top = sorted((bl for bl in learned if bl[1]), key=lambda bl: -bl[1])[:TOP_LEARNED]
    learned_data = tuple(
        Datum(
            b.profile.name,
            n,
            f"../brands/{b.slug}/index.html",
            short=_clip(b.profile.name, 9),
            extra=("、".join(o.profile.name for o, _, _ in ctx.learners[b.slug]),),
        )
        for b, n in top
    )

    return [
        Chart(
            "region",
            "各省份的品牌数",
            ("省级行政区", "品牌数"),
            region_data,
            "map",
            "颜色越深，品牌越多；灰色表示还没有品牌（数据表只列出有品牌的省份）。",
        ),
        Chart("sector", "各行业领域的品牌数", ("行业领域", "品牌数"), sector_data),
        Chart(
            "stage", "各阶段的品牌数", ("品牌阶段", "品牌数"), stage_data, note="培育 → 命名 → 示范"
        ),
        Chart(
            "stars",
            "星级品牌数",
            ("星级", "品牌数", "其中恰为该星级"),
            star_data,
            note="按“N 星及以上”累计，与品牌库的星级筛选一致。",
        ),
        Chart(
            "honor",
            "各级荣誉数",
            ("荣誉级别", "荣誉（项）", "获得该级荣誉的品牌数"),
            honor_data,
        ),
        Chart("year", "每年新创建的品牌数", ("创建年份", "品牌数"), year_data, "columns"),
        Chart(
            "reviews",
            "历年评估平均得分",
            ("评估年份", "平均得分", "评估次数", "最低分", "最高分"),
            review_data,
            "columns",
            "百分制，按评估日期所在年份汇总全部品牌的评估记录。",
        ),
        Chart(
            "learned",
            "被学习借鉴最多的品牌",
            ("品牌", "借鉴单位数", "学习借鉴的品牌"),
            learned_data,
            note=f"按品牌档案中的“借鉴了”（learned_from）统计，列出前 {TOP_LEARNED} 个。",
        ),
    ]


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _link(d: Datum, body: str, label: str) -> str:
    if d.href:
        # A <title>, not aria-label: axe's label-content-name-mismatch wants an aria-label
        # to contain the visible text, which here is split over a value and a name.
        return f'<a href="{h(d.href)}"><title>{h(label)}</title>{body}</a>'
    return f"<g>{body}</g>"


def _svg(chart: Chart, width: float, height: float, body: Iterable[str]) -> str:
    tid = f"bh-chart-{chart.key}-title"
    return (
        f'<svg class="bh-chart-svg" viewBox="0 0 {width:g} {height:g}" width="{width:g}" '
        f'height="{height:g}" role="group" aria-labelledby="{tid}">'
        f'<title id="{tid}">{h(chart.title)}</title>' + "".join(body) + "</svg>"
    )


def _bars(chart: Chart) -> str:
    row, left, width = 30, 150, 640
    span = width - left - 60
    top = max(d.value for d in chart.data) or 1
    parts = []
    for i, d in enumerate(chart.data):
        y = 4 + i * row
        w = max(d.value / top * span, 1)
        body = (
            f'<rect class="bh-bar" x="{left}" y="{y + 5}" width="{w:.1f}" height="{row - 10}"></rect>'
            f'<text class="bh-label" x="{left - 8}" y="{y + row / 2:g}" text-anchor="end" '
            f'dominant-baseline="central">{h(d.short or d.label)}</text>'
            f'<text class="bh-value" x="{left + w + 6:.1f}" y="{y + row / 2:g}" '
            f'dominant-baseline="central">{d.shown}</text>'
        )
        parts.append(_link(d, body, f"{d.label}：{d.shown}"))
    return _svg(chart, width, 8 + row * len(chart.data), parts)


def _columns(chart: Chart) -> str:
    col, bottom, plot = 44, 28, 180
    width = max(320, 16 + col * len(chart.data))
    top = 100.0 if chart.key == "reviews" else (max(d.value for d in chart.data) or 1)
    parts = [
        f'<line class="bh-axis" x1="8" y1="{plot + 16}" x2="{width - 8}" y2="{plot + 16}"></line>'
    ]
    for i, d in enumerate(chart.data):
        x = 8 + i * col
        hgt = max(d.value / top * plot, 1)
        y = plot + 16 - hgt
        body = (
            f'<rect class="bh-bar" x="{x + 6}" y="{y:.1f}" width="{col - 12}" height="{hgt:.1f}"></rect>'
            f'<text class="bh-value" x="{x + col / 2:g}" y="{y - 4:.1f}" text-anchor="middle">{d.shown}</text>'
            f'<text class="bh-label" x="{x + col / 2:g}" y="{plot + 16 + bottom - 8}" '
            f'text-anchor="middle">{h(d.label)}</text>'
        )
        parts.append(_link(d, body, f"{d.label}年：{d.shown}"))
    return _svg(chart, width, plot + 16 + bottom, parts)


def _map(chart: Chart) -> str:
    placed = [d for d in chart.data if d.label in TILES]
    # Regions a taxonomy.yml adds that have no place on the map go in rows below it.
    extra = [d for d in chart.data if d.label not in TILES]
    rows = 1 + max((TILES[d.label][1] for d in placed), default=-1)
    cells = [(d, *TILES[d.label]) for d in placed]
    cells += [(d, i % MAP_COLUMNS, rows + i // MAP_COLUMNS) for i, d in enumerate(extra)]
    height_rows = rows + math.ceil(len(extra) / MAP_COLUMNS)
    top = max((d.value for d in chart.data), default=0) or 1
    parts = []
    for d, cx, cy in cells:
        x, y = cx * TILE + 2, cy * TILE + 2
        heat = math.ceil(4 * d.value / top) if d.value else 0
        body = (
            f'<rect class="bh-tile bh-heat-{heat}" x="{x}" y="{y}" width="{TILE - 4}" '
            f'height="{TILE - 4}" rx="6"></rect>'
            f'<text class="bh-tile-name bh-heat-{heat}" x="{x + (TILE - 4) / 2:g}" y="{y + 24}" '
            f'text-anchor="middle">{h(_clip(d.short or d.label, 4))}</text>'
            f'<text class="bh-tile-count bh-heat-{heat}" x="{x + (TILE - 4) / 2:g}" y="{y + 46}" '
            f'text-anchor="middle">{d.shown}</text>'
        )
        parts.append(_link(d, body, f"{d.label}：{d.shown} 个品牌"))
    return _svg(chart, MAP_COLUMNS * TILE + 4, height_rows * TILE + 4, parts)


def _table(chart: Chart) -> str:
    head = "".join(f'<th scope="col">{h(c)}</th>' for c in chart.columns)
    rows = []
    # The map shows every province; its table only those with brands.
    for d in (d for d in chart.data if d.value or chart.kind != "map"):
        label = f'<a href="{h(d.href)}">{h(d.label)}</a>' if d.href else h(d.label)
        cells = "".join(f"<td>{h(x)}</td>" for x in (d.shown, *d.extra))
        rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
    return (
        f'<table class="bh-data" id="bh-data-{chart.key}"><caption>{h(chart.title)}（数据表）</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


_DRAW = {"bars": _bars, "columns": _columns, "map": _map}


def render_chart(chart: Chart) -> str:
    """One figure on a single line (so Markdown passes it through as raw HTML)."""
    if not any(d.value for d in chart.data):
        return f'<p class="bh-empty" id="bh-chart-{chart.key}">暂无数据。</p>\n'
    note = f'<p class="bh-chart-note">{h(chart.note)}</p>' if chart.note else ""
    return (
        f'<figure class="bh-chart bh-chart-{chart.kind}" id="bh-chart-{chart.key}">'
        f'<div class="bh-chart-scroll">{_DRAW[chart.kind](chart)}</div>'
        f"<figcaption>{h(chart.title)}{note}</figcaption>"
        f"{_table(chart)}</figure>\n"
    )


def render_stats(ctx: SiteContext) -> str:
    charts = compute_charts(ctx)
    relations = sum(len(v) for v in ctx.learners.values())
    out = [
        front_matter(
            "数据概览", "按地区、行业、阶段、荣誉和示范带动统计全部党建品牌。", exclude=True
        )
    ]
    out.append("# 数据概览\n")
    out.append(
        f'<p class="bh-lead">共 {len(ctx.brands)} 个品牌、{len(ctx.catalog.cases)} 个典型案例，'
        f"记录了 {relations} 次品牌之间的学习借鉴。点击图中的条形或方格，进入筛选好的品牌库。</p>\n"
    )
    for chart in charts:
        out.append(f"## {chart.title}\n")
        out.append(render_chart(chart))
    return "\n".join(out)
