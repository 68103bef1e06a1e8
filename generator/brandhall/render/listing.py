"""Pages that list brands: home, gallery, case list and the index pages."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..catalog import Brand
from ..pinyin import initials, pinyin_key
from ..taxonomy import HONOR_LEVELS, ORG_TYPES, STAGES
from .brand import front_matter, logo_html, status_badges
from .common import STAGE_LABEL, STAGE_RANK, date_key, format_date, h, md_text
from .context import DIMENSIONS, SiteContext

RECENT = 6


def _card(ctx: SiteContext, brand: Brand, up: str, heading: str = "h2") -> str:
    """One brand card; ``data-*`` carry the facets the gallery script filters on."""
    p = brand.profile
    org = p.organization
    attrs = {
        "sector": org.sector,
        "region": org.region[0],
        "type": org.type,
        "stage": p.status.stage,
        "stars": str(p.status.stars or 0),
        "honor": "|".join(ctx.facet(brand, "honor")),
        "tag": "|".join(p.tags),
        # The text box matches the brand's and the organization's names, in characters,
        # full pinyin or initials: `xfjy` finds 某市消防救援支队… and its brand.
        "name": f"{p.name} {org.name}",
        "initials": f"{initials(p.name)} {initials(org.name)}",
        "pinyin": " ".join(pinyin_key(n).replace(" ", "") for n in (p.name, org.name)),
    }
    data = " ".join(f'data-{k}="{h(v)}"' for k, v in attrs.items())
    level = {"h2": "##", "h3": "###"}[heading]
    lines = [
        f'<article class="bh-card" {data} markdown>',
        f'<div class="bh-card-logo" markdown>{logo_html(brand, f"{up}brands/{brand.slug}/", "bh-card-img")}</div>',
        '<div class="bh-card-body" markdown>',
        "",
        f"{level} [{md_text(p.name)}]({up}brands/{brand.slug}/index.md)",
        "",
    ]
    if p.slogan:
        lines += [f'<p class="bh-card-slogan">{h(p.slogan)}</p>', ""]
    # Each HTML paragraph on its own, after a blank line, so Markdown leaves it alone.
    lines += [f'<p class="bh-card-meta">{h(org.sector)} · {h(org.region[0])}</p>', ""]
    lines += [f'<p class="bh-badges">{status_badges(ctx, brand)}</p>', ""]
    lines += ["</div>", "</article>", ""]
    return "\n".join(lines)


def _cards(ctx: SiteContext, brands: list[Brand], up: str, heading: str = "h2") -> str:
    return (
        '<div class="bh-grid" markdown>\n\n'
        + "\n".join(_card(ctx, b, up, heading) for b in brands)
        + "\n</div>\n"
    )


def _select(name: str, label: str, options: list[tuple[str, str]], counts: Counter[str]) -> str:
    opts = ['<option value="">全部</option>']
    for value, text in options:
        opts.append(f'<option value="{h(value)}">{h(text)}（{counts.get(value, 0)}）</option>')
    return (
        f'<div class="bh-filter"><label for="bh-f-{name}">{h(label)}</label>'
        f'<select id="bh-f-{name}" name="{name}" data-facet="{name}">{"".join(opts)}</select></div>'
    )


def render_gallery(ctx: SiteContext) -> str:
    brands = ctx.brands
    count: dict[str, Counter[str]] = defaultdict(Counter)
    for b in brands:
        for dim in ("sector", "region", "type", "stage", "honor", "tag"):
            count[dim].update(ctx.facet(b, dim))
        for n in range(1, (b.profile.status.stars or 0) + 1):
            count["stars"][str(n)] += 1

    def present(dim: str, order: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        values = [
            v
            for v in (order or sorted(count[dim], key=lambda v: (-count[dim][v], pinyin_key(v), v)))
            if count[dim][v]
        ]
        return [(v, v) for v in values]

    regions = [r for r in ctx.catalog.taxonomy.regions if count["region"][r]]
    sectors = [s for s in ctx.catalog.taxonomy.sectors if count["sector"][s]]
    filters = [
        _select("sector", "行业领域", [(v, v) for v in sectors], count["sector"]),
        _select("region", "省份", [(v, v) for v in regions], count["region"]),
        _select("type", "组织类型", present("type", ORG_TYPES), count["type"]),
        _select("stage", "品牌阶段", present("stage", STAGES), count["stage"]),
        _select(
            "stars",
            "星级",
            [(str(n), f"{n} 星及以上") for n in range(5, 0, -1) if count["stars"][str(n)]],
            count["stars"],
        ),
        _select("honor", "荣誉级别", present("honor", HONOR_LEVELS), count["honor"]),
        _select("tag", "标签", present("tag"), count["tag"]),
    ]
    # The gallery names every brand; left in the search index it would outrank them all.
    out = [
        front_matter(
            "品牌库",
            f"全部 {len(brands)} 个党建品牌，可按行业、地区、阶段、星级、荣誉和标签筛选。",
            exclude=True,
            hide="[toc]",
        )
    ]
    out.append("# 品牌库\n")
    out.append(
        '<form class="bh-filters" id="bh-filters" role="search" aria-label="筛选品牌" hidden>'
        '<div class="bh-filter bh-filter-q"><label for="bh-q">名称或拼音首字母</label>'
        '<input id="bh-q" name="q" type="search" autocomplete="off" placeholder="如：先锋、xfjy"></div>'
        + "".join(filters)
        + '<div class="bh-filter bh-filter-reset"><button type="reset" class="md-button">清除筛选</button></div>'
        "</form>\n"
    )
    out.append(
        f'<p class="bh-count" id="bh-count" role="status" aria-live="polite">共 {len(brands)} 个品牌</p>\n'
    )
    if brands:
        out.append(_cards(ctx, brands, "../"))
        out.append(
            '<p class="bh-empty" id="bh-empty" hidden>没有符合条件的品牌。请减少筛选条件，或点击“清除筛选”。</p>\n'
        )
    else:
        out.append('<p class="bh-empty">品牌库里还没有品牌。</p>\n')
    return "\n".join(out)


def render_home(ctx: SiteContext, site_name: str) -> str:
    brands = ctx.brands
    cases = ctx.recent_cases()
    provinces = {b.profile.organization.region[0] for b in brands}
    sectors = {b.profile.organization.sector for b in brands}
    out = [
        front_matter(
            "首页",
            f"{site_name}：{len(brands)} 个基层党建品牌、{len(cases)} 个典型案例，供各级党组织学习借鉴。",
            exclude=True,
            hide="[toc]",
        )
    ]
    out.append(f"# {md_text(site_name)}\n")
    out.append(
        '<p class="bh-lead">这里汇集各地基层党组织创建的党建品牌：品牌内涵、工作法、主要做法、'
        "工作成效和可借鉴的经验，以及一个个典型案例。按行业、地区或标签找到与你相近的单位，"
        "看看他们是怎么做的。</p>\n"
    )
    stats = [
        (len(brands), "个党建品牌"),
        (len(cases), "个典型案例"),
        (len(sectors), "个行业领域"),
        (len(provinces), "个省份"),
    ]
    out.append(
        '<div class="bh-stats">'
        + "".join(f'<p class="bh-stat"><strong>{n}</strong>{h(label)}</p>' for n, label in stats)
        + "</div>\n"
    )
    out.append(
        '<p class="bh-entry" markdown>[进入品牌库](gallery/index.md){ .md-button .md-button--primary } [浏览典型案例](cases/index.md){ .md-button } [分类索引](browse/index.md){ .md-button }</p>\n'
    )
    featured = [
        b for b in brands if b.profile.status.stage == "示范" or b.profile.status.stars == 5
    ]
    out.append("## 示范品牌\n")
    if featured:
        out.append(_cards(ctx, featured[:12], "", heading="h3"))
        if len(featured) > 12:
            out.append(f"[查看全部 {len(featured)} 个示范与五星品牌](browse/stages.md)\n")
    else:
        out.append('<p class="bh-empty">暂时还没有示范品牌或五星品牌。</p>\n')
    out.append("## 最近更新的品牌\n")
    recent = sorted(brands, key=lambda b: (date_key(b.updated or "0-0-0"), b.slug), reverse=True)[
        :RECENT
    ]
    if recent:
        out.append(
            "\n".join(
                f"- [{md_text(b.profile.name)}](brands/{b.slug}/index.md)　{md_text(b.profile.organization.name)}（{format_date(b.updated) if b.updated else '日期未知'}）"
                for b in recent
            )
            + "\n"
        )
    else:
        out.append('<p class="bh-empty">还没有品牌。</p>\n')
    out.append("## 最新案例\n")
    if cases:
        out.append(
            "\n".join(
                f"- [{md_text(c.title)}](brands/{b.slug}/cases/{c.slug}.md)　{md_text(b.profile.name)}（{format_date(c.meta.date)}）"
                for b, c in cases[:RECENT]
            )
            + "\n"
        )
    else:
        out.append('<p class="bh-empty">还没有典型案例。</p>\n')
    out.append("## 从这里开始\n")
    entries = [("品牌库", "gallery/index.md", "全部品牌，可组合筛选、按名称或拼音首字母查找")]
    entries += [("典型案例", "cases/index.md", "按时间排列的全部案例")]
    entries += [(title, page, "") for _dim, title, page in DIMENSIONS]
    entries += [("关于本站", "about.md", ""), ("投稿指南", "contribute.md", "如何提交一个新品牌")]
    out.append(
        "\n".join(f"- [{t}]({href})" + (f"：{d}" if d else "") for t, href, d in entries) + "\n"
    )
    return "\n".join(out)


def render_cases_index(ctx: SiteContext) -> str:
    cases = ctx.recent_cases()
    out = [front_matter("典型案例", f"全部 {len(cases)} 个典型案例，按时间排列。", exclude=True)]
    out.append("# 典型案例\n")
    out.append(f'<p class="bh-count">共 {len(cases)} 个案例，最新的在前。</p>\n')
    if not cases:
        out.append('<p class="bh-empty">还没有典型案例。</p>\n')
    year = None
    for b, c in cases:
        y = c.meta.date[:4]
        if y != year:
            out.append(f"\n## {y} 年\n")
            year = y
        out.append(
            f"- [{md_text(c.title)}](../brands/{b.slug}/cases/{c.slug}.md)　{md_text(b.profile.name)}（{format_date(c.meta.date)}）"
        )
    return "\n".join(out) + "\n"


def _dimension_values(ctx: SiteContext, dim: str) -> list[tuple[str, list[Brand]]]:
    groups: dict[str, list[Brand]] = defaultdict(list)
    for b in ctx.brands:
        for v in ctx.facet(b, dim):
            groups[v].append(b)
    if dim == "sector":
        order = [s for s in ctx.catalog.taxonomy.sectors if s in groups]
    elif dim == "region":
        order = [r for r in ctx.catalog.taxonomy.regions if r in groups]
    elif dim == "honor":
        order = [x for x in HONOR_LEVELS if x in groups]
    elif dim == "stage":
        order = sorted(groups, key=lambda s: STAGE_RANK.get(s, 9))
    else:
        order = sorted(groups, key=lambda v: (-len(groups[v]), v))
    return [(v, groups[v]) for v in order]


_DIM_TEXT = {
    "sector": "按创建单位所属的行业领域",
    "region": "按创建单位所在的省级行政区",
    "tag": "按品牌档案中的标签",
    "honor": "按获得过的最高荣誉级别之一（一个品牌可出现在多个级别下）",
    "stage": "按品牌所处阶段：培育 → 命名 → 示范",
}


def render_dimension(ctx: SiteContext, dim: str, title: str) -> str:
    groups = _dimension_values(ctx, dim)
    out = [front_matter(title, f"党建品牌{title}索引。")]
    out.append(f"# {title}\n")
    out.append(f"{_DIM_TEXT[dim]}列出，共 {len(groups)} 类。括号内为品牌数。\n")
    if not groups:
        out.append('<p class="bh-empty">还没有可列出的品牌。</p>\n')
    if groups:
        out.append(
            '<p class="bh-jump" markdown>'
            + " ".join(
                f"[{md_text(_label(dim, v))}（{len(bs)}）](#{ctx.anchors[(dim, v)]})"
                for v, bs in groups
            )
            + "</p>\n"
        )
    for value, bs in groups:
        out.append(
            f"## {md_text(_label(dim, value))}（{len(bs)}） {{ #{ctx.anchors[(dim, value)]} }}\n"
        )
        out.append(
            "\n".join(
                f"- [{md_text(b.profile.name)}](../brands/{b.slug}/index.md)　{md_text(b.profile.organization.name)}"
                for b in bs
            )
            + "\n"
        )
    return "\n".join(out)


def _label(dim: str, value: str) -> str:
    return STAGE_LABEL.get(value, value) if dim == "stage" else value


def render_browse_index(ctx: SiteContext) -> str:
    out = [front_matter("分类索引", "按行业领域、地区、标签、荣誉级别和品牌阶段浏览党建品牌。")]
    out.append("# 分类索引\n")
    for dim, title, page in DIMENSIONS:
        groups = _dimension_values(ctx, dim)
        rel = page.split("/", 1)[1]
        out.append(f"## [{title}]({rel})\n")
        if groups:
            out.append(
                '<p class="bh-jump" markdown>'
                + " ".join(
                    f"[{md_text(_label(dim, v))}（{len(bs)}）]({rel}#{ctx.anchors[(dim, v)]})"
                    for v, bs in groups[:40]
                )
                + (f" [……查看全部 {len(groups)} 类]({rel})" if len(groups) > 40 else "")
                + "</p>\n"
            )
        else:
            out.append('<p class="bh-empty">暂无。</p>\n')
    return "\n".join(out)
