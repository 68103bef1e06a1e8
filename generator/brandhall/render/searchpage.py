"""The full search page (搜索): a query box, the filters and the sort, rendered on the
server so nothing moves when the script starts; the script (assets/search.js) runs the
query on the site's search index (bhsearch/) and fills the counts and the results."""

from __future__ import annotations

from collections import Counter

from .brand import front_matter
from .common import h
from .context import SiteContext
from .facets import FACETS
from .searchdata import FILTER_TYPE, FILTER_YEAR

SEARCH_PAGE = "search/index.md"
#: Options listed for a many-valued filter (tags): the most used ones.
MAX_OPTIONS = 120


def _filters(ctx: SiteContext) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = [(FILTER_TYPE, ["品牌", "案例"])]
    for facet in FACETS:
        if facet.key == "stars":
            stars = sorted({b.profile.status.stars or 0 for b in ctx.brands} - {0}, reverse=True)
            out.append((facet.label, [f"{n} 星" for n in stars]))
            continue
        counts: Counter[str] = Counter()
        for b in ctx.brands:
            counts.update(facet.values(b.profile))
        values = facet.order(ctx.catalog.taxonomy, counts)
        if len(values) > MAX_OPTIONS:
            keep = set(sorted(values, key=lambda v: -counts[v])[:MAX_OPTIONS])
            values = [v for v in values if v in keep]
        out.append((facet.label, [facet.value_label(v) for v in values]))
    years: set[str] = set()
    for b in ctx.brands:
        date = b.updated or b.profile.established
        if date:
            years.add(date[:4])
        years.update(c.meta.date[:4] for c in b.cases)
    out.append((FILTER_YEAR, sorted(years, reverse=True)))
    return out


def render_search_page(ctx: SiteContext) -> str:
    out = [
        front_matter(
            "搜索",
            "搜索全部党建品牌和典型案例，可按类型、行业、地区、阶段、星级、标签和年份筛选。",
            exclude=True,
            hide="[toc]",
        )
    ]
    out.append("# 搜索\n")
    fields = []
    for i, (label, values) in enumerate(_filters(ctx)):
        opts = '<option value="">全部</option>' + "".join(
            f'<option value="{h(v)}">{h(v)}</option>' for v in values
        )
        fields.append(
            f'<div class="bh-filter"><label for="bh-sf-{i}">{h(label)}</label>'
            f'<select id="bh-sf-{i}" name="{h(label)}" data-filter="{h(label)}">{opts}</select></div>'
        )
    out.append(
        '<form class="bh-filters bh-search-form" id="bh-search-page" role="search" aria-label="搜索全站">'
        '<div class="bh-filter bh-filter-q"><label for="bh-sq">关键词</label>'
        '<input id="bh-sq" name="q" type="search" autocomplete="off" '
        'placeholder="品牌名称、工作法、案例，或拼音首字母（如 hylxf）"></div>'
        + "".join(fields)
        + '<div class="bh-filter"><label for="bh-ssort">排序</label><select id="bh-ssort" name="sort">'
        '<option value="">按相关度</option><option value="date:desc">最新在前</option>'
        '<option value="stars:desc">星级高在前</option></select></div>'
        '<div class="bh-filter bh-filter-reset"><button type="reset" class="md-button">清除</button></div>'
        "</form>\n"
    )
    out.append('<p class="bh-count" id="bh-scount" role="status" aria-live="polite"></p>\n')
    out.append('<ol class="bh-results" id="bh-sresults"></ol>\n')
    out.append(
        '<p class="bh-search-nojs" id="bh-search-nojs">搜索需要启用 JavaScript，并通过网站地址（http://）访问；'
        "离线副本请使用页面顶部的搜索框。也可以在品牌库里组合筛选，或按分类索引浏览。</p>\n"
    )
    return "\n".join(out)
