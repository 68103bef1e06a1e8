"""Brand and case-study pages."""

from __future__ import annotations

from urllib.parse import quote

from ..catalog import Brand, CaseStudy
from ..visibility import intranet_field
from .common import (
    HONOR_RANK,
    STAGE_LABEL,
    date_html,
    date_key,
    format_date,
    format_number,
    h,
    hue_class,
    is_due_for_review,
    md_text,
    monogram_char,
    stars_text,
    word_spans,
)
from .context import SiteContext
from .printcard import print_card
from .prose import editor_list, editor_markdown
from .searchdata import search_data
from .segment import segment


def brand_src(slug: str) -> str:
    return f"brands/{slug}/index.md"


def case_src(brand_slug: str, case_slug: str) -> str:
    return f"brands/{brand_slug}/cases/{case_slug}.md"


def front_matter(
    title: str,
    description: str,
    boost: float | None = None,
    exclude: bool = False,
    keywords: list[str] | None = None,
    **extra: str,
) -> str:
    # Material's templates print title and description without escaping (<title>, the
    # header, <meta name="description" content="…">) and its search index keeps them as
    # HTML: they are written HTML-escaped, and read correctly once the browser decodes them.
    lines = [
        "---",
        f"title: {_yaml_str(h(title))}",
        f"description: {_yaml_str(h(description))}",
    ]
    if keywords:
        # Material's search weighs `tags` far above body text, so a page is found first
        # by the words of its own name (tags are not shown on pages without the tags plugin).
        lines.append("tags: [" + ", ".join(_yaml_str(h(k)) for k in keywords) + "]")
    if boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    elif exclude:
        lines += ["search:", "  exclude: true"]
    for key, value in extra.items():
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def search_words(name: str, *tags: str) -> list[str]:
    """The words of a name as jieba segments it (as Material's index does), then tags."""
    words = [w for w in segment(name) if len(w) >= 2 and any(ch.isalnum() for ch in w)]
    seen: dict[str, None] = {}
    for word in (*words, *tags):
        seen.setdefault(word, None)
    return list(seen)


def _yaml_str(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def logo_html(brand: Brand, href_prefix: str, css: str = "bh-logo") -> str:
    """The brand's logo, or a monogram of its first character (decorative, so hidden)."""
    profile = brand.profile
    if profile.logo:
        return f"![{md_text(profile.name)}的品牌标识]({href_prefix}{profile.logo.file}){{ .{css} }}"
    return (
        f'<span class="{css} bh-monogram {hue_class(brand.slug)}" aria-hidden="true">'
        f"{h(monogram_char(profile.name))}</span>"
    )


def status_badges(ctx: SiteContext, brand: Brand) -> str:
    status = brand.profile.status
    parts = [
        f'<span class="bh-badge bh-stage bh-stage-{STAGE_RANK_CLASS[status.stage]}">{h(STAGE_LABEL[status.stage])}</span>'
    ]
    if status.stars:
        parts.append(
            f'<span class="bh-stars" role="img" aria-label="{status.stars} 星">{stars_text(status.stars)}</span>'
        )
    if is_due_for_review(status.valid_until, ctx.today):
        parts.append(
            f'<span class="bh-badge bh-due" title="{h(due_text(status.valid_until or ""))}">待复评</span>'
        )
    return " ".join(parts)


# The brand page's sections: heading and a stable anchor (`#practices`, not `#_3`), so a
# link to a section survives new sections and editors' headings.
SECTIONS = {
    "connotation": "品牌内涵",
    "logo-meaning": "标识释义",
    "method": "工作法",
    "practices": "主要做法",
    "outcomes": "工作成效",
    "honors": "荣誉表彰",
    "lessons": "经验启示",
    "applicable": "适用领域",
    "cases": "典型案例",
    "reviews": "评估记录",
    "learned-from": "借鉴了",
    "learners": "学习借鉴本品牌的单位",
    "related": "相关品牌",
    "contact": "联系方式",
}


def section(key: str) -> str:
    """A brand page section's heading, with its anchor from the section key."""
    return f"## {SECTIONS[key]} {{ #{key} }}"


def due_text(valid_until: str) -> str:
    """What 待复评 means, for its tooltip."""
    return f"有效期至 {format_date(valid_until)}，已过期，待重新评估（复评）"


STAGE_RANK_CLASS = {"示范": "demo", "命名": "named", "培育": "growing", "摘牌": "withdrawn"}


def _browse(dim_page: str, ctx: SiteContext, dim: str, value: str, up: str) -> str:
    return f"[{md_text(value)}]({up}browse/{dim_page}.md#{ctx.anchors[(dim, value)]})"


def unit_md(name: str) -> str:
    """:func:`unit_html` for a Markdown table cell: each word escaped with ``md_text``."""
    return " ".join(word_spans(segment(part), md_text) for part in name.split())


def unit_html(name: str) -> str:
    """A unit name that wraps only between words ("…特勤站⏎党支部", never "党支⏎部"):
    each jieba word is kept whole, with no <wbr> or spaces added to the text."""
    return " ".join(word_spans(segment(part)) for part in name.split())


def breadcrumb(brand: Brand, up: str, current: bool) -> str:
    """品牌库 › 行业 › 品牌 at the top of brand and case pages; the sector opens the gallery
    filtered by it. ``up``: the way from the page to the site root."""
    p = brand.profile
    sector = p.organization.sector
    sep = '<span class="bh-crumb-sep" aria-hidden="true">›</span>'
    name = (
        f'<span aria-current="page">{h(p.name)}</span>'
        if current
        else f"[{md_text(p.name)}]({up}brands/{brand.slug}/index.md)"
    )
    return (
        '<nav class="bh-breadcrumb" aria-label="当前位置" data-pagefind-ignore="all" markdown>\n'
        f"[品牌库]({up}gallery/index.md){sep}"
        f"[{md_text(sector)}]({up}gallery/index.md?sector={quote(sector, safe='')}){sep}"
        f"{name}\n</nav>\n"
    )


# The page scripts of brand and case pages (front matter ``scripts``; see
# overrides/main.html): the 复制链接 button.
PAGE_SCRIPTS = "[copylink]"
EXCHANGE_SUBJECT = "申请交流学习：{name}"
EXCHANGE_BODY = (
    "您好！\n\n我单位希望就“{name}”党建品牌与贵单位交流学习，请联系我们商定时间和方式。"
    "\n\n单位：\n联系人：\n电话：\n\n（来自{site}：{name}）"
)


def exchange_href(ctx: SiteContext, brand: Brand) -> str | None:
    """Where 申请交流学习 leads, on the intranet edition only: the plugin's
    ``exchange_url`` (``{slug}`` and ``{name}`` replaced), else a mailto to the brand's
    contact with a subject and a letter to fill in; None when there is neither."""
    if not ctx.intranet:
        return None
    name = brand.profile.name
    if ctx.exchange_url:
        return ctx.exchange_url.replace("{slug}", quote(brand.slug, safe="")).replace(
            "{name}", quote(name, safe="")
        )
    contact = intranet_field(brand.profile, "contact")
    if not contact or not contact.email:
        return None
    subject = quote(EXCHANGE_SUBJECT.format(name=name), safe="")
    body = quote(EXCHANGE_BODY.format(name=name, site=ctx.site_name or "本站"), safe="")
    return f"mailto:{quote(contact.email, safe='@.+-_')}?subject={subject}&body={body}"


def page_actions(exchange: str | None) -> str:
    """申请交流学习 (when ``exchange``) and 复制链接. The copy button stays hidden until
    copylink.js runs: without JavaScript there is nothing that would not work."""
    parts = ['<div class="bh-actions" data-pagefind-ignore="all">']
    if exchange:
        parts.append(
            f'<a class="md-button md-button--primary bh-exchange" href="{h(exchange)}">申请交流学习</a>'
        )
    parts.append(
        '<button type="button" class="md-button bh-copy-link" data-bh-copy hidden>复制链接</button>'
        '<span class="bh-copy-status" role="status" aria-live="polite"></span>'
    )
    parts.append("</div>\n")
    return "".join(parts)


def mini_card(brand: Brand, folder: str, reasons: tuple[str, ...] = (), extra: str = "") -> str:
    """A compact brand card (logo, name, stage, unit; and why it is shown) for index
    pages and 相关品牌. ``folder``: the way from the page to the brand's folder;
    ``extra``: one more block (Markdown in HTML) at the end of the card's body."""
    p = brand.profile
    stage = p.status.stage
    lines = [
        '<article class="bh-mini" markdown>',
        f'<div class="bh-mini-logo" markdown>{logo_html(brand, folder, "bh-mini-img")}</div>',
        '<div class="bh-mini-body" markdown>',
        "",
        f"[{md_text(p.name)}]({folder}index.md){{ .bh-mini-name }}",
        "",
        f'<p class="bh-mini-meta"><span class="bh-badge bh-stage bh-stage-{STAGE_RANK_CLASS[stage]}">'
        f"{h(STAGE_LABEL[stage])}</span> {unit_html(p.organization.name)}</p>",
        "",
    ]
    if reasons:
        chips = "".join(f'<span class="bh-reason">{h(r)}</span>' for r in reasons)
        lines += [f'<p class="bh-reasons">{chips}</p>', ""]
    if extra:
        lines += [extra, ""]
    lines += ["</div>", "</article>", ""]
    return "\n".join(lines)


def render_brand_page(ctx: SiteContext, brand: Brand) -> str:
    p = brand.profile
    org = p.organization
    up = "../../"
    out: list[str] = [
        front_matter(
            p.name,
            p.summary,
            boost=5,
            keywords=search_words(p.name, *p.tags),
            search_body="true",  # BODY_KEY: the site search indexes this page
            hide="[footer]",  # no 上一页/下一页: the breadcrumb and the pager lead on
            scripts=PAGE_SCRIPTS,
            theme_js="false",  # no Material bundle (overrides/main.html)
        )
    ]
    out.append(breadcrumb(brand, up, current=True))
    out.append('<div class="bh-brand-head" markdown>\n')
    out.append(f'<div class="bh-brand-logo" markdown>\n{logo_html(brand, "")}\n</div>\n')
    out.append('<div class="bh-brand-id" markdown>\n')
    out.append(f"# {md_text(p.name)}\n")
    if p.slogan:
        out.append(f'<p class="bh-slogan" data-pagefind-weight="4">{h(p.slogan)}</p>\n')
    out.append(f'<p class="bh-badges">{status_badges(ctx, brand)}</p>\n')
    out.append("</div>\n</div>\n")
    out.append(f'<p class="bh-lead">{h(p.summary)}</p>\n')
    out.append(page_actions(exchange_href(ctx, brand)))

    facts = [
        ("创建单位", unit_html(org.name)),
        ("组织类型", md_text(org.type)),
        ("行业领域", _browse("sectors", ctx, "sector", org.sector, up)),
        (
            "所在地区",
            f"{_browse('regions', ctx, 'region', org.region[0], up)}"
            + "".join(f" · {md_text(r)}" for r in org.region[1:]),
        ),
        ("创建时间", date_html(p.established)),
    ]
    if org.parent:
        facts.append(("上级党组织", unit_html(org.parent)))
    members = intranet_field(org, "members")
    if members is not None:
        facts.append(("党员人数", f"{members} 名党员"))
    if p.status.since:
        facts.append(("进入当前阶段", date_html(p.status.since)))
    if p.status.valid_until:
        valid = date_html(p.status.valid_until)
        if is_due_for_review(p.status.valid_until, ctx.today):
            valid += '<span class="bh-due-note">（有效期已过，待复评）</span>'
        facts.append(("有效期至", valid))
    out.append('<div class="bh-facts" markdown>\n')
    out.extend(
        f'- **{label}**<span class="bh-fact-value">{value}</span>\n' for label, value in facts
    )
    out.append("\n</div>\n")

    if p.tags:
        chips = " ".join(_browse("tags", ctx, "tag", t, up) + "{ .bh-tag }" for t in p.tags)
        out.append(f'<p class="bh-tags" markdown>标签：{chips}</p>\n')
    # Editor Markdown is rendered and cleaned by brandhall (render/prose.py), never by the
    # site's Markdown; brandhall's own headings stay Markdown for the table of contents.
    out.append(f"{section('connotation')}\n\n{editor_markdown(p.connotation, 3)}")
    if p.logo and p.logo.meaning:
        out.append(f"{section('logo-meaning')}\n\n{editor_markdown(p.logo.meaning, 3)}")
    if p.method and (p.method.name or p.method.items):
        out.append(section("method") + "\n")
        if p.method.name:
            out.append(f'<p class="bh-method-name">{h(p.method.name)}</p>\n')
        for item in p.method.items:
            out.append(f"### {md_text(item.title)}\n\n{editor_markdown(item.body, 4)}")
    out.append(section("practices") + "\n")
    for item in p.practices:
        out.append(f"### {md_text(item.title)}\n\n{editor_markdown(item.body, 4)}")
    out.append(section("outcomes") + "\n")
    if p.metrics:
        out.append('<div class="bh-metrics">')
        for m in p.metrics:
            unit = f'<span class="bh-metric-unit">{h(m.unit)}</span>' if m.unit else ""
            out.append(
                f'<figure class="bh-metric"><p class="bh-metric-value">{format_number(m.value)}{unit}</p>'
                f"<figcaption>{h(m.label)}</figcaption></figure>"
            )
        out.append("</div>\n")
    out.append(editor_list(list(p.outcomes)))
    if p.honors:
        out.append(section("honors") + "\n\n| 年份 | 荣誉 | 级别 | 授予单位 |\n|---|---|---|---|")
        for honor in sorted(p.honors, key=lambda x: (-x.year, HONOR_RANK.get(x.level, 9), x.title)):
            out.append(
                # The honour, its level (市厅级) and the awarding unit wrap only between words.
                f"| {honor.year} | {unit_md(honor.title)} "
                f'| <span class="bh-w">{_browse("honors", ctx, "honor", honor.level, up)}</span> '
                f"| {unit_md(honor.by or '')} |"
            )
        out.append("")
    out.append(section("lessons") + "\n")
    out.append(editor_list(list(p.lessons), ordered=True))
    if p.applicable_to:
        out.append(
            section("applicable") + "\n\n" + "、".join(md_text(s) for s in p.applicable_to) + "\n"
        )
    out.append(section("cases") + "\n")
    if brand.cases:
        for case in sorted(
            brand.cases, key=lambda c: (date_key(c.meta.date), c.slug), reverse=True
        ):
            out.append(
                f"- [{md_text(case.title)}](cases/{case.slug}.md)（{date_html(case.meta.date)}）：{md_text(case.meta.summary)}"
            )
        out.append("")
    else:
        out.append(
            f'<p class="bh-empty">这个品牌还没有典型案例。</p>\n\n想补充案例？请看[投稿指南]({up}contribute.md)。\n'
        )
    if p.reviews:
        remarks = {
            id(r): (intranet_field(r, "by") or "", intranet_field(r, "summary") or "")
            for r in p.reviews
        }
        show_remarks = any(by or summary for by, summary in remarks.values())
        header = "| 日期 | 方式 | 得分 |" + (" 评估单位 | 评语 |" if show_remarks else "")
        out.append(
            section("reviews")
            + "\n\n"
            + header
            + "\n|---|---|---|"
            + ("---|---|" if show_remarks else "")
        )
        for r in sorted(p.reviews, key=lambda r: date_key(r.date), reverse=True):
            row = f"| {date_html(r.date)} | {md_text(r.method)} | {format_number(r.score)} |"
            if show_remarks:
                by, summary = remarks[id(r)]
                row += f" {md_text(by)} | {md_text(summary)} |"
            out.append(row)
        out.append("")
    out.extend(_learning(ctx, brand))
    related = ctx.related(brand)
    if related:
        out.append(section("related") + "\n")
        # Other brands' names are not this page's words: a name finds its own brand.
        out.append('<div class="bh-minis bh-related" data-pagefind-ignore="all" markdown>\n')
        for other, reasons in related:
            out.append(mini_card(other, f"../{other.slug}/", reasons))
        out.append("</div>\n")
    c = intranet_field(p, "contact")
    if c:
        out.append(section("contact") + "\n")
        out.append('<div class="bh-facts bh-contact" markdown>\n')
        out.append(f"- **联系人**{md_text(c.name)}")
        if c.phone:
            out.append(f"- **电话**{md_text(c.phone)}")
        if c.email:
            href = h("mailto:" + quote(c.email, safe="@.+-_"))
            out.append(f'- **电子邮箱**<a href="{href}">{h(c.email)}</a>')
        out.append("\n</div>\n")
    out.append(print_card(ctx, brand))  # the printed A4 card (render/printcard.py)
    logo = f"brands/{brand.slug}/{p.logo.file}" if p.logo else None
    out.append(search_data(brand, logo_path=logo))
    out.append(
        f'<p class="bh-updated">最后更新：{h(format_date(brand.updated)) if brand.updated else "未知"}</p>\n'
    )
    return "\n".join(out)


def _learning(ctx: SiteContext, brand: Brand) -> list[str]:
    """示范带动: whom this brand learned from, and who learned from it."""
    out: list[str] = []
    sections = (
        ("learned-from", ctx.learned_from(brand)),
        ("learners", ctx.learners.get(brand.slug, [])),
    )
    for key, entries in sections:
        if not entries:
            continue
        out.append(f'{section(key)}\n\n<div class="bh-learning" markdown>\n')
        for other, what, date in entries:
            unit = other.profile.organization.name
            out.append(
                f"- [{md_text(other.profile.name)}](../{other.slug}/index.md)"
                f"（{md_text(unit)}，{date_html(date)}）：{md_text(what)}"
            )
        out.append("\n</div>\n")
    return out


def render_case_page(
    ctx: SiteContext, brand: Brand, case: CaseStudy, prev: CaseStudy | None, nxt: CaseStudy | None
) -> str:
    m = case.meta
    p = brand.profile
    out = [
        front_matter(
            m.title,
            m.summary,
            boost=2,
            keywords=search_words(m.title, *m.tags),
            search_body="true",  # BODY_KEY: the site search indexes this page
            hide="[footer]",
            scripts=PAGE_SCRIPTS,
            theme_js="false",  # no Material bundle (overrides/main.html)
        )
    ]
    out.append(breadcrumb(brand, "../../../", current=False))
    # Wraps only between words, a number kept with its unit ("37人", never "37⏎人").
    from .listing import title_md  # listing imports this module

    out.append(f"# {title_md(m.title)}\n")
    meta = [f"所属品牌：[{md_text(p.name)}](../index.md)", f"日期：{date_html(m.date)}"]
    if m.author:
        meta.append(f"供稿：{md_text(m.author)}")
    out.append(
        '<div class="bh-case-meta" markdown>\n\n'
        + "\n".join(f"- {m}" for m in meta)
        + "\n\n</div>\n"
    )
    if m.tags:
        chips = " ".join(f'<span class="bh-tag">{h(t)}</span>' for t in m.tags)
        out.append(f'<p class="bh-tags">标签：{chips}</p>\n')
    out.append(f'<p class="bh-lead">{h(m.summary)}</p>\n')
    out.append(page_actions(None))
    out.append(editor_markdown(case.body, 2))
    out.append(
        '<nav class="bh-pager" aria-label="同一品牌的其他案例" data-pagefind-ignore="all" markdown>\n'
    )
    if prev:
        out.append(f"- 上一篇：[{md_text(prev.title)}]({prev.slug}.md)")
    if nxt:
        out.append(f"- 下一篇：[{md_text(nxt.title)}]({nxt.slug}.md)")
    out.append(f"- [返回品牌：{md_text(p.name)}](../index.md)\n")
    out.append("</nav>\n")
    logo = f"brands/{brand.slug}/{p.logo.file}" if p.logo else None
    out.append(search_data(brand, case, logo_path=logo))
    return "\n".join(out)
