"""Pages that list brands: home, gallery, case list and the index pages."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..catalog import Brand, CaseStudy
from ..pinyin import initials, pinyin_key
from .brand import STAGE_RANK_CLASS, due_text, front_matter, logo_html, status_badges
from .cardlist import Card, CardList, Line, ListFacet, ListSort, Part, Span, render_card_list
from .common import (
    HONOR_RANK,
    STAGE_LABEL,
    date_html,
    date_key,
    format_date,
    h,
    hue_class,
    is_due_for_review,
    md_text,
    monogram_char,
    stars_text,
)
from .context import SiteContext
from .facets import BROWSE, FACETS, Facet
from .navigation import DOCS_FIRST, walk

RECENT = 6

# The gallery's orders: URL value (``?sort=``), label. "" is the recommended order the
# page is rendered in (stage, stars, pinyin); gallery.js reorders by the cards' data-sort-*.
SORTS: tuple[tuple[str, str], ...] = (
    ("", "推荐"),
    ("stars", "星级"),
    ("updated", "最近更新"),
    ("pinyin", "拼音"),
    ("cases", "案例数"),
    ("honor", "荣誉级别"),
)
GALLERY_DESC = frozenset({"stars", "updated", "cases", "honor"})


def sort_keys(brand: Brand, rank: int) -> dict[str, str]:
    """The card's sort keys (``data-sort-*``); gallery.js breaks every tie by ``rank``."""
    p = brand.profile
    levels = [HONOR_RANK.get(x.level, len(HONOR_RANK)) for x in p.honors]
    # Highest level first, then more honours: 国家级 ×1 before 省部级 ×3.
    honor = (len(HONOR_RANK) - min(levels)) * 1000 + len(levels) if levels else 0
    y, m, d = date_key(brand.updated) if brand.updated else (0, 0, 0)
    return {
        "sort-rank": str(rank),
        "sort-stars": str(p.status.stars or 0),
        "sort-updated": f"{y:04d}{m:02d}{d:02d}",
        "sort-pinyin": pinyin_key(p.name),
        "sort-cases": str(len(brand.cases)),
        "sort-honor": str(honor),
    }


def _card(
    ctx: SiteContext, brand: Brand, up: str, heading: str = "h2", rank: int | None = None
) -> str:
    """One brand card; ``data-*`` carry the facets the gallery script filters on (and,
    with ``rank``, the keys it sorts by)."""
    p = brand.profile
    org = p.organization
    attrs = {f.key: "|".join(f.values(p)) for f in FACETS}
    attrs |= {
        # The text box matches the brand's and the organization's names, in characters,
        # full pinyin or initials: `xfjy` finds 某市消防救援支队… and its brand.
        "name": f"{p.name} {org.name}",
        "initials": f"{initials(p.name)} {initials(org.name)}",
        "pinyin": " ".join(pinyin_key(n).replace(" ", "") for n in (p.name, org.name)),
    }
    if rank is not None:
        attrs |= sort_keys(brand, rank)
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


def _cards(
    ctx: SiteContext, brands: list[Brand], up: str, heading: str = "h2", sortable: bool = False
) -> str:
    return (
        '<div class="bh-grid" markdown>\n\n'
        + "\n".join(
            _card(ctx, b, up, heading, rank=i if sortable else None) for i, b in enumerate(brands)
        )
        + "\n</div>\n"
    )


def _select(ctx: SiteContext, facet: Facet, counts: Counter[str]) -> str:
    name = facet.key
    opts = ['<option value="">全部</option>']
    for value in facet.order(ctx.catalog.taxonomy, counts):
        opts.append(
            f'<option value="{h(value)}">{h(facet.option(value))}（{counts[value]}）</option>'
        )
    return (
        f'<div class="bh-filter"><label for="bh-f-{name}">{h(facet.label)}</label>'
        f'<select id="bh-f-{name}" name="{name}" data-facet="{name}">{"".join(opts)}</select></div>'
    )


def _counts(ctx: SiteContext, facet: Facet) -> Counter[str]:
    counts: Counter[str] = Counter()
    for b in ctx.brands:
        counts.update(facet.values(b.profile))
    return counts


def _brand_card(ctx: SiteContext, brand: Brand, rank: int) -> Card:
    """A brand as a card of the gallery: its facet values and sort keys included."""
    p = brand.profile
    org = p.organization
    status = p.status
    badges: list[Part] = [
        Span(
            STAGE_LABEL[status.stage],
            f"bh-badge bh-stage bh-stage-{STAGE_RANK_CLASS[status.stage]}",
        )
    ]
    if status.stars:
        badges += [" ", Span(stars_text(status.stars), "bh-stars", label=f"{status.stars} 星")]
    if is_due_for_review(status.valid_until, ctx.today):
        badges += [" ", Span("待复评", "bh-badge bh-due", title=due_text(status.valid_until or ""))]
    lines = []
    if p.slogan:
        lines.append(Line("bh-card-slogan", (p.slogan,)))
    lines.append(Line("bh-card-meta", (f"{org.sector} · {org.region[0]}",)))
    lines.append(Line("bh-badges", tuple(badges)))
    return Card(
        page=f"brands/{brand.slug}/index.md",
        title=p.name,
        lines=tuple(lines),
        facets={f.key: f.values(p) for f in FACETS},
        sorts={
            k.removeprefix("sort-"): (v if k == "sort-pinyin" else int(v))
            for k, v in sort_keys(brand, rank).items()
        },
        # Names in characters, full pinyin or initials: `xfjy` finds 某市消防救援支队….
        text=(
            p.name,
            org.name,
            initials(p.name),
            initials(org.name),
            pinyin_key(p.name),
            pinyin_key(org.name),
        ),
        logo=f"brands/{brand.slug}/{p.logo.file}" if p.logo else None,
        logo_alt=f"{p.name}的品牌标识",
        mono=monogram_char(p.name),
        hue=hue_class(brand.slug),
    )


def _options(ctx: SiteContext, facet: Facet) -> list[tuple[str, str]]:
    counts = _counts(ctx, facet)
    return [(v, facet.option(v)) for v in facet.order(ctx.catalog.taxonomy, counts)]


def gallery_list(ctx: SiteContext) -> CardList:
    """The gallery: every brand as a card, in the recommended order."""
    return CardList(
        name="gallery",
        noun="品牌",
        label="筛选品牌",
        text_label="名称或拼音首字母",
        placeholder="如：先锋、xfjy",
        empty="品牌库里还没有品牌。",
        facets=[ListFacet(f.key, f.label, _options(ctx, f)) for f in FACETS],
        sorts=[ListSort(k, label, k in GALLERY_DESC) for k, label in SORTS],
        cards=[_brand_card(ctx, b, i) for i, b in enumerate(ctx.brands)],
    )


def render_gallery(ctx: SiteContext) -> dict[str, str]:
    """The gallery's pages (``gallery/index.md``, ``gallery/page/2/index.md`` …) and data."""
    n = len(ctx.brands)

    def header(page: int, pages: int) -> str:
        title = "品牌库" if page == 1 else f"品牌库（第 {page} 页）"
        # The gallery names every brand; left in the search index it would outrank them all.
        fm = front_matter(
            title,
            f"全部 {n} 个党建品牌，可按行业、地区、阶段、星级、荣誉和标签筛选和排序。",
            exclude=True,
            hide="[toc]",
            brandhall_script="cardlist",
        )
        return fm + "# 品牌库\n"

    return render_card_list(gallery_list(ctx), header)


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
                f"- [{md_text(b.profile.name)}](brands/{b.slug}/index.md)　{md_text(b.profile.organization.name)}（{date_html(b.updated) if b.updated else '日期未知'}）"
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
                f"- [{md_text(c.title)}](brands/{b.slug}/cases/{c.slug}.md)　{md_text(b.profile.name)}（{date_html(c.meta.date)}）"
                for b, c in cases[:RECENT]
            )
            + "\n"
        )
    else:
        out.append('<p class="bh-empty">还没有典型案例。</p>\n')
    out.append("## 从这里开始\n")
    entries = [e for e in walk() if e.page != "index.md"] + list(DOCS_FIRST)
    out.append(
        "\n".join(
            f"- [{e.title}]({e.page})" + (f"：{e.description}" if e.description else "")
            for e in entries
        )
        + "\n"
    )
    return "\n".join(out)


# The case library's facets: the case's year and tags, its brand's sector and province.
CASE_FACETS: tuple[tuple[str, str], ...] = (
    ("year", "年份"),
    ("sector", "行业领域"),
    ("region", "省份"),
    ("tag", "标签"),
)
CASE_SORTS: tuple[ListSort, ...] = (
    ListSort("", "最新在前"),
    ListSort("oldest", "最早在前"),
    ListSort("pinyin", "标题拼音"),
)


def _case_values(brand: Brand, case: CaseStudy) -> dict[str, list[str]]:
    org = brand.profile.organization
    return {
        "year": [case.meta.date[:4]],
        "sector": [org.sector],
        "region": [org.region[0]],
        "tag": list(case.meta.tags),
    }


def cases_list(ctx: SiteContext) -> CardList:
    """The case library: every case as a card, newest first."""
    pairs = ctx.recent_cases()
    values = [_case_values(b, c) for b, c in pairs]
    counts = {k: Counter(v for vs in values for v in vs[k]) for k, _ in CASE_FACETS}
    taxonomy = ctx.catalog.taxonomy
    order = {
        "year": sorted(counts["year"], reverse=True),
        "sector": [v for v in taxonomy.sectors if counts["sector"][v]],
        "region": [v for v in taxonomy.regions if counts["region"][v]],
        "tag": sorted(counts["tag"], key=lambda v: (-counts["tag"][v], pinyin_key(v), v)),
    }
    label = {"year": lambda v: f"{v} 年"}
    facets = [
        ListFacet(k, name, [(v, label.get(k, str)(v)) for v in order[k]]) for k, name in CASE_FACETS
    ]
    cards = []
    for i, ((brand, case), vals) in enumerate(zip(pairs, values, strict=True)):
        p = brand.profile
        lines = [
            Line(
                "bh-card-meta",
                (p.name, " · ", Span(format_date(case.meta.date), "bh-date")),
            ),
            Line("bh-card-summary", (case.meta.summary,)),
        ]
        if case.meta.tags:
            tags: list[Part] = []
            for t in case.meta.tags:
                tags += [Span(t, "bh-tag"), " "]
            lines.append(Line("bh-card-tags", tuple(tags[:-1])))
        cards.append(
            Card(
                page=f"brands/{brand.slug}/cases/{case.slug}.md",
                title=case.title,
                lines=tuple(lines),
                facets=vals,
                sorts={"oldest": -i, "pinyin": pinyin_key(case.title)},
                text=(
                    case.title,
                    p.name,
                    initials(case.title),
                    pinyin_key(case.title),
                    initials(p.name),
                ),
                logo=f"brands/{brand.slug}/{p.logo.file}" if p.logo else None,
                logo_alt=f"{p.name}的品牌标识",
                mono=monogram_char(p.name),
                hue=hue_class(brand.slug),
            )
        )
    return CardList(
        name="cases",
        noun="案例",
        label="筛选案例",
        text_label="标题或品牌名称",
        placeholder="如：救援、书记",
        empty="还没有典型案例。",
        facets=facets,
        sorts=CASE_SORTS,
        cards=cards,
    )


def render_cases_index(ctx: SiteContext) -> dict[str, str]:
    """The case library's pages and data: cards filterable by year, sector, region, tag."""
    n = sum(len(b.cases) for b in ctx.brands)

    def header(page: int, pages: int) -> str:
        title = "典型案例" if page == 1 else f"典型案例（第 {page} 页）"
        fm = front_matter(
            title,
            f"全部 {n} 个典型案例，可按年份、行业、地区和标签筛选，按时间排序。",
            exclude=True,
            hide="[toc]",
            brandhall_script="cardlist",
        )
        return fm + "# 典型案例\n"

    return render_card_list(cases_list(ctx), header)


def _groups(ctx: SiteContext, facet: Facet) -> list[tuple[str, list[Brand]]]:
    groups: dict[str, list[Brand]] = defaultdict(list)
    for b in ctx.brands:
        for v in facet.values(b.profile):
            groups[v].append(b)
    counts = Counter({v: len(bs) for v, bs in groups.items()})
    return [(v, groups[v]) for v in facet.order(ctx.catalog.taxonomy, counts)]


def render_dimension(ctx: SiteContext, facet: Facet) -> str:
    dim, title = facet.key, facet.title
    groups = _groups(ctx, facet)
    out = [front_matter(title, f"党建品牌{title}索引。")]
    out.append(f"# {title}\n")
    out.append(f"{facet.intro}列出，共 {len(groups)} 类。括号内为品牌数。\n")
    if not groups:
        out.append('<p class="bh-empty">还没有可列出的品牌。</p>\n')
    if groups:
        out.append(
            '<p class="bh-jump" markdown>'
            + " ".join(
                f"[{md_text(facet.value_label(v))}（{len(bs)}）](#{ctx.anchors[(dim, v)]})"
                for v, bs in groups
            )
            + "</p>\n"
        )
    for value, bs in groups:
        out.append(
            f"## {md_text(facet.value_label(value))}（{len(bs)}） {{ #{ctx.anchors[(dim, value)]} }}\n"
        )
        out.append(
            "\n".join(
                f"- [{md_text(b.profile.name)}](../brands/{b.slug}/index.md)　{md_text(b.profile.organization.name)}"
                for b in bs
            )
            + "\n"
        )
    return "\n".join(out)


def render_browse_index(ctx: SiteContext) -> str:
    out = [front_matter("分类索引", "按行业领域、地区、标签、荣誉级别和品牌阶段浏览党建品牌。")]
    out.append("# 分类索引\n")
    for facet in BROWSE:
        dim, title = facet.key, facet.title
        groups = _groups(ctx, facet)
        rel = str(facet.page).split("/", 1)[1]
        out.append(f"## [{title}]({rel})\n")
        if groups:
            out.append(
                '<p class="bh-jump" markdown>'
                + " ".join(
                    f"[{md_text(facet.value_label(v))}（{len(bs)}）]({rel}#{ctx.anchors[(dim, v)]})"
                    for v, bs in groups[:40]
                )
                + (f" [……查看全部 {len(groups)} 类]({rel})" if len(groups) > 40 else "")
                + "</p>\n"
            )
        else:
            out.append('<p class="bh-empty">暂无。</p>\n')
    return "\n".join(out)
