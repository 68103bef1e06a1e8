"""Pages that list brands: home, gallery, case list and the index pages."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from urllib.parse import quote

from ..catalog import Brand, CaseStudy
from ..pinyin import initials, pinyin_key
from .brand import STAGE_RANK_CLASS, due_text, front_matter, logo_html, mini_card, status_badges
from .cardlist import (
    Card,
    CardList,
    Line,
    ListFacet,
    ListSort,
    Part,
    Span,
    pieces_md,
    render_card_list,
)
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
from .segment import segment

# The gallery's orders: URL value (``?sort=``), label. "" is the recommended order the
# page is rendered in (stage, stars, pinyin); cardlist.js reorders by the cards' data-sort-*.
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
    """The card's sort keys (``data-sort-*``); cardlist.js breaks every tie by ``rank``."""
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
        title_words=title_pieces(p.name),
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
        directory_urls=ctx.directory_urls,
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
            scripts="[cardlist]",  # page scripts: overrides/main.html
            theme_js="false",  # no Material bundle (overrides/main.html)
        )
        return fm + "# 品牌库\n"

    return render_card_list(gallery_list(ctx), header)


# The home page: how many featured brands and latest cases it shows.
HOME_FEATURED = 6
HOME_CASES = 6
SITE_PURPOSE = "汇集各地基层党组织的党建品牌和典型案例，供各级党组织学习借鉴、交流互鉴。"


def gallery_link(up: str, **query: str) -> str:
    """The gallery pre-filtered, as a Markdown link target (cardlist.js reads the query:
    the facet keys of facets.FACETS, values as in the data)."""
    q = "&".join(f"{k}={quote(v, safe='')}" for k, v in query.items())
    return f"{up}gallery/index.md" + (f"?{q}" if q else "")


_NUMBER = re.compile(
    r"(?=.*[0-9０-９〇零一二两三四五六七八九十百千万亿])[0-9０-９〇零一二两三四五六七八九十百千万亿.]+"
)


def title_pieces(text: str) -> tuple[str, ...]:
    """A title cut where a line may wrap: each jieba word is kept whole, and a number stays
    with the word after it ("十二万元", "四十八小时"), so a line never ends in "十二万⏎元".
    Spaces of the title are pieces of their own; joined, the pieces are the text."""
    pieces: list[str] = []
    for i, part in enumerate(text.split()):
        if i:
            pieces.append(" ")
        merged: list[str] = []
        for word in segment(part):
            if merged and _NUMBER.fullmatch(merged[-1]) and len(word) <= 2:
                merged[-1] += word
            else:
                merged.append(word)
        pieces += merged
    return tuple(pieces)


def title_md(text: str) -> str:
    """A title as inline Markdown that wraps only between words (``title_pieces``). No
    characters are added to the text."""
    return pieces_md(title_pieces(text))


def _case_card(brand: Brand, case: CaseStudy, up: str) -> str:
    """A latest case on the home page: title, brand, date and summary."""
    return "\n".join(
        [
            '<article class="bh-case-card" markdown>',
            "",
            f"### [{title_md(case.title)}]({up}brands/{brand.slug}/cases/{case.slug}.md)",
            "",
            f'<p class="bh-case-card-meta"><span class="bh-case-card-brand">{h(brand.profile.name)}</span>'
            f" · {date_html(case.meta.date)}</p>",
            "",
            f'<p class="bh-case-card-summary">{h(case.meta.summary)}</p>',
            "",
            "</article>",
            "",
        ]
    )


def _entry_links(ctx: SiteContext, key: str, values: list[tuple[str, int]]) -> str:
    return (
        '<p class="bh-entries" markdown>'
        + " ".join(
            f'[{md_text(v)}<span class="bh-entry-count">{n}</span>]({gallery_link("", **{key: v})})'
            "{ .bh-entry }"
            for v, n in values
        )
        + "</p>\n"
    )


def home_figures(ctx: SiteContext) -> list[tuple[int, str, str | None]]:
    """The home page's key figures: (number, label, gallery link or None)."""
    brands = ctx.brands
    demo = sum(1 for b in brands if b.profile.status.stage == "示范")
    sectors = {b.profile.organization.sector for b in brands}
    return [
        (len(brands), "个党建品牌", gallery_link("")),
        (len(ctx.catalog.cases), "个典型案例", "cases/index.md"),
        (demo, "个示范品牌", gallery_link("", stage="示范")),
        (len(sectors), "个行业领域", "browse/sectors.md"),
    ]


def render_home(ctx: SiteContext, site_name: str) -> str:
    brands = ctx.brands
    cases = ctx.recent_cases()
    out = [
        front_matter(
            "首页",
            f"{site_name}：{len(brands)} 个基层党建品牌、{len(cases)} 个典型案例，供各级党组织学习借鉴。",
            exclude=True,
            hide="[toc]",
            theme_js="false",  # no Material bundle (overrides/main.html)
        )
    ]
    # The banner: the site's name and purpose on 党建 red, text only (no images to load).
    out.append('<div class="bh-banner" markdown>\n')
    out.append(f"# {md_text(site_name)}\n")
    out.append(f'<p class="bh-banner-lead">{h(SITE_PURPOSE)}</p>\n')
    out.append(
        '<p class="bh-banner-actions" markdown>'
        "[进入品牌库](gallery/index.md){ .md-button .bh-banner-button } "
        "[浏览典型案例](cases/index.md){ .md-button .bh-banner-button }</p>\n"
    )
    out.append("</div>\n")
    out.append(
        '<div class="bh-figures" markdown>\n'
        + "\n".join(
            f'<p class="bh-figure" markdown>[<strong>{n}</strong><span>{h(label)}</span>]({link})</p>'
            for n, label, link in home_figures(ctx)
        )
        + "\n</div>\n"
    )

    featured = [b for b in brands if b.profile.status.stage == "示范"]
    out.append("## 示范品牌 { #featured }\n")
    if featured:
        out.append(_cards(ctx, featured[:HOME_FEATURED], "", heading="h3"))
        out.append(
            f'<p class="bh-more" markdown>[查看全部 {len(featured)} 个示范品牌]'
            f"({gallery_link('', stage='示范')})</p>\n"
        )
    else:
        out.append(
            '<p class="bh-empty">暂时还没有示范品牌。</p>\n\n'
            '<p class="bh-more" markdown>[到品牌库看看全部品牌](gallery/index.md)</p>\n'
        )

    out.append("## 最新案例 { #latest-cases }\n")
    if cases:
        out.append(
            '<div class="bh-case-cards" markdown>\n\n'
            + "\n".join(_case_card(b, c, "") for b, c in cases[:HOME_CASES])
            + "\n</div>\n"
        )
        out.append(
            f'<p class="bh-more" markdown>[查看全部 {len(cases)} 个典型案例](cases/index.md)</p>\n'
        )
    else:
        out.append('<p class="bh-empty">还没有典型案例。</p>\n')

    sector_counts = Counter(b.profile.organization.sector for b in brands)
    region_counts = Counter(b.profile.organization.region[0] for b in brands)
    out.append("## 按行业领域找 { #by-sector }\n")
    if sector_counts:
        out.append(_entry_links(ctx, "sector", _pinyin_counts(sector_counts)))
    else:
        out.append('<p class="bh-empty">暂无。</p>\n')
    out.append("## 按地区找 { #by-region }\n")
    if region_counts:
        out.append(_entry_links(ctx, "region", _pinyin_counts(region_counts)))
    else:
        out.append('<p class="bh-empty">暂无。</p>\n')
    out.append(
        '<p class="bh-feed-link" markdown>[订阅更新（Atom 订阅源）](feed.xml)'
        "：新增和更新的品牌与案例，可用订阅阅读器或邮件客户端关注。</p>\n"
    )
    return "\n".join(out)


def _pinyin_counts(counts: Counter[str]) -> list[tuple[str, int]]:
    return [(v, counts[v]) for v in sorted(counts, key=lambda v: (pinyin_key(v), v))]


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
                title_words=title_pieces(case.title),
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
        directory_urls=ctx.directory_urls,
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
            scripts="[cardlist]",  # page scripts: overrides/main.html
            theme_js="false",  # no Material bundle (overrides/main.html)
        )
        return fm + "# 典型案例\n"

    return render_card_list(cases_list(ctx), header)


# Index pages whose values are names (ordered by pinyin, as the gallery's options are);
# honours and stages keep their rank order (国家级 first; 培育 → 命名 → 示范).
PINYIN_ORDERED = frozenset({"sector", "region", "tag"})
# A tag with fewer brands than this is listed under 其他标签, not as a section of its own.
TAG_SECTION_MIN = 2


def _groups(ctx: SiteContext, facet: Facet) -> list[tuple[str, list[Brand]]]:
    """The facet's values with their brands (in pinyin order of the brands' names)."""
    groups: dict[str, list[Brand]] = defaultdict(list)
    for b in sorted(ctx.brands, key=lambda b: (ctx.pinyin[b.slug], b.slug)):
        for v in facet.values(b.profile):
            groups[v].append(b)
    counts = Counter({v: len(bs) for v, bs in groups.items()})
    if facet.key in PINYIN_ORDERED:
        values = sorted(groups, key=lambda v: (pinyin_key(v), v))
    else:
        values = facet.order(ctx.catalog.taxonomy, counts)
    return [(v, groups[v]) for v in values]


def _split_groups(
    facet: Facet, groups: list[tuple[str, list[Brand]]]
) -> tuple[list[tuple[str, list[Brand]]], list[tuple[str, list[Brand]]]]:
    """(values with a section each, values listed together under 其他标签)."""
    if facet.key != "tag":
        return groups, []
    return (
        [g for g in groups if len(g[1]) >= TAG_SECTION_MIN],
        [g for g in groups if len(g[1]) < TAG_SECTION_MIN],
    )


OTHER_TAGS_ANCHOR = "tag-other"


def render_dimension(ctx: SiteContext, facet: Facet) -> str:
    dim, title = facet.key, facet.title
    groups = _groups(ctx, facet)
    sections, others = _split_groups(facet, groups)
    order = "按拼音排列" if dim in PINYIN_ORDERED else "按级别排列"
    out = [front_matter(title, f"党建品牌{title}索引。")]
    out.append(f"# {title}\n")
    out.append(
        f'<p class="bh-index-intro">{h(facet.intro)}列出，共 {len(groups)} 类，{order}。'
        "每一类都可以在品牌库中筛选查看，再与其他条件组合。</p>\n"
    )
    if not groups:
        out.append('<p class="bh-empty">还没有可列出的品牌。</p>\n')
        return "\n".join(out)
    jump = [
        f'[{md_text(facet.value_label(v))}<span class="bh-entry-count">{len(bs)}</span>]'
        f"(#{ctx.anchors[(dim, v)]}){{ .bh-entry }}"
        for v, bs in sections
    ]
    if others:
        jump.append(
            f'[其他标签<span class="bh-entry-count">{len(others)}</span>]'
            f"(#{OTHER_TAGS_ANCHOR}){{ .bh-entry }}"
        )
    out.append(
        '<nav class="bh-entries bh-jump" aria-label="类别" markdown>' + " ".join(jump) + "</nav>\n"
    )
    for value, bs in sections:
        label = md_text(facet.value_label(value))
        out.append(f"## {label}（{len(bs)}） {{ #{ctx.anchors[(dim, value)]} }}\n")
        out.append(
            f'<p class="bh-filter-link" markdown>[在品牌库中筛选“{label}”]'
            f"({gallery_link('../', **{dim: value})})</p>\n"
        )
        out.append(
            '<div class="bh-minis" markdown>\n'
            + "\n".join(mini_card(b, f"../brands/{b.slug}/") for b in bs)
            + "</div>\n"
        )
    if others:
        # One card per brand with its tags that no other brand has: every such tag is
        # still listed (and keeps its anchor), without 50 one-brand sections.
        single: dict[str, list[str]] = defaultdict(list)
        for value, bs in others:
            single[bs[0].slug].append(value)
        out.append(f"## 其他标签（{len(others)}） {{ #{OTHER_TAGS_ANCHOR} }}\n")
        out.append(
            '<p class="bh-index-intro">以下标签各只有一个品牌，按品牌列出；'
            "点标签可在品牌库中筛选。</p>\n"
        )
        out.append('<div class="bh-minis bh-tag-others" markdown>\n')
        for b in (
            bb for bb in sorted(ctx.brands, key=lambda x: ctx.pinyin[x.slug]) if bb.slug in single
        ):
            tags = " ".join(
                f"[{md_text(t)}]({gallery_link('../', tag=t)}){{ #{ctx.anchors[(dim, t)]} .bh-tag }}"
                for t in single[b.slug]
            )
            out.append(
                mini_card(
                    b, f"../brands/{b.slug}/", extra=f'<p class="bh-mini-tags" markdown>{tags}</p>'
                )
            )
        out.append("</div>\n")
    return "\n".join(out)


def render_browse_index(ctx: SiteContext) -> str:
    out = [front_matter("分类索引", "按行业领域、地区、标签、荣誉级别和品牌阶段浏览党建品牌。")]
    out.append("# 分类索引\n")
    out.append(
        '<p class="bh-index-intro">点一个类别，在品牌库中查看并继续筛选；'
        "点小标题，查看该分类下每个品牌的简要信息。</p>\n"
    )
    for facet in BROWSE:
        dim, title = facet.key, facet.title
        groups = _groups(ctx, facet)
        sections, others = _split_groups(facet, groups)
        rel = str(facet.page).split("/", 1)[1]
        out.append(f"## [{title}]({rel})\n")
        if not groups:
            out.append('<p class="bh-empty">暂无。</p>\n')
            continue
        links = [
            f'[{md_text(facet.value_label(v))}<span class="bh-entry-count">{len(bs)}</span>]'
            f"({gallery_link('../', **{dim: v})}){{ .bh-entry }}"
            for v, bs in sections[:40]
        ]
        if len(sections) > 40:
            links.append(f"[……查看全部 {len(sections)} 类]({rel}){{ .bh-entry }}")
        if others:
            links.append(
                f'[其他标签<span class="bh-entry-count">{len(others)}</span>]'
                f"({rel}#{OTHER_TAGS_ANCHOR}){{ .bh-entry }}"
            )
        out.append('<p class="bh-entries" markdown>' + " ".join(links) + "</p>\n")
    return "\n".join(out)
