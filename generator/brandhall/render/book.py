"""The compilation (汇编): the selected brands of a visible catalog as one HTML document
for WeasyPrint (``brandhall book``; the PDF, filters and leak check are in ../book.py).

Cover, table of contents (page numbers from CSS ``target-counter``), one chapter per
brand followed by its case studies. Pure: no I/O, no mkdocs. Editor Markdown goes through
the same path as on the site (render/prose.py: the editor allowlist), and the whole body
then through the structure allowlist (safety/sanitize.py), as every site page does.

Images are written as site paths relative to the document (``brands/<slug>/logo.svg``);
``BookHtml.assets`` maps them to the brand files the site would publish, and the PDF step
serves those and nothing else.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import markdown

from ..catalog import Brand, CaseStudy, Catalog
from ..pinyin import pinyin_key
from ..safety import clean_html
from ..visibility import intranet_field
from .brand import SECTIONS
from .common import (
    HONOR_RANK,
    STAGE_LABEL,
    brand_sort_key,
    date_key,
    format_date,
    format_number,
    h,
    hue_class,
    monogram_char,
    stars_text,
)
from .prose import editor_list, editor_markdown, rewrite_prose_links

EDITION_LABEL = {"intranet": "内网版（含联系方式，仅供内部使用）", "public": "公开版"}
FILTER_LABEL = {"sector": "行业领域", "region": "地区", "stage": "品牌阶段"}


@dataclass
class BookHtml:
    """The document and the brand files it shows (site path -> file on disk)."""

    html: str
    brands: list[Brand]
    assets: dict[str, Path] = field(default_factory=dict)
    #: The same document in parts, for laying it out in parallel (../book.py): the cover
    #: and contents, and each brand's chapter with its cases (both sanitized), in order.
    front: str = ""
    chapters: list[str] = field(default_factory=list)
    title: str = ""
    site_name: str = ""
    created: str = ""

    def document(self, body: str) -> str:
        """``body`` (already sanitized, or made by brandhall only) as a whole document."""
        return book_document(body, title=self.title, site_name=self.site_name, created=self.created)


def book_document(body: str, *, title: str, site_name: str, created: str) -> str:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{h(title)}</title>"
        f'<meta name="author" content="{h(site_name)}">'
        f'<meta name="dcterms.created" content="{created}">'
        f'<meta name="generator" content="brandhall">'
        f'</head><body data-site="{h(site_name)}">{body}</body></html>'
    )


def book_css() -> str:
    return (resources.files("brandhall") / "assets" / "book.css").read_text(encoding="utf-8")


def book_order(brands: tuple[Brand, ...] | list[Brand]) -> list[Brand]:
    """The gallery's order: stage, stars, pinyin of the name."""
    return sorted(brands, key=lambda b: brand_sort_key(b, pinyin_key(b.profile.name)))


def selection_text(filters: dict[str, list[str]]) -> str:
    """``行业领域：消防救援、农村；地区：浙江省`` (``全部品牌`` without filters)."""
    parts = [
        f"{FILTER_LABEL[key]}：{'、'.join(values)}" for key, values in filters.items() if values
    ]
    return "；".join(parts) if parts else "全部品牌"


def brand_anchor(slug: str) -> str:
    return f"brand-{slug}"


def case_anchor(brand_slug: str, case_slug: str) -> str:
    return f"case-{brand_slug}-{case_slug}"


_MD = markdown.Markdown(output_format="html")


def _page_markdown(text: str) -> str:
    """brandhall's page Markdown (escaped headings around prose blocks) as HTML."""
    try:
        return _MD.convert(text)
    finally:
        _MD.reset()


class _Links:
    """Where a link or image inside editor prose leads in the book."""

    def __init__(self, brands: list[Brand]) -> None:
        self.assets: dict[str, Path] = {}
        self.pages: dict[str, str] = {}
        for brand in brands:
            for rel in brand.assets:
                self.assets[f"brands/{brand.slug}/{rel}"] = brand.folder / rel
            self.pages[f"brands/{brand.slug}/index.md"] = "#" + brand_anchor(brand.slug)
            for case in brand.cases:
                self.pages[f"brands/{brand.slug}/cases/{case.slug}.md"] = "#" + case_anchor(
                    brand.slug, case.slug
                )

    def url_for(self, target: str) -> str | None:
        target = posixpath.normpath(target)
        if target in self.assets:
            return target  # relative to the document, which stands at the site root
        return self.pages.get(target)


def _prose(text: str, top: int, src_uri: str, links: _Links) -> str:
    html, _missing = rewrite_prose_links(
        _page_markdown(editor_markdown(text, top)), src_uri, links.url_for
    )
    return html


def _prose_list(items: list[str], ordered: bool, src_uri: str, links: _Links) -> str:
    html, _missing = rewrite_prose_links(
        _page_markdown(editor_list(items, ordered)), src_uri, links.url_for
    )
    return html


def _logo(brand: Brand) -> str:
    p = brand.profile
    if p.logo:
        return (
            f'<img class="bk-logo" src="brands/{h(brand.slug)}/{h(p.logo.file)}" '
            f'alt="{h(p.name)}的品牌标识">'
        )
    return (
        f'<span class="bk-logo bk-monogram {hue_class(brand.slug)}" aria-hidden="true">'
        f"{h(monogram_char(p.name))}</span>"
    )


def _section(key: str, body: str) -> str:
    return f'<section class="bk-section"><h2>{h(SECTIONS[key])}</h2>{body}</section>'


def _chapter(brand: Brand, number: int, links: _Links) -> str:
    p = brand.profile
    org = p.organization
    src = f"brands/{brand.slug}/index.md"
    out = [f'<article class="bk-chapter" id="{brand_anchor(brand.slug)}">']
    out.append('<header class="bk-chapter-head">')
    out.append(_logo(brand))
    out.append('<div class="bk-chapter-id">')
    out.append(f'<p class="bk-chapter-no">第 {number} 篇</p>')
    out.append(f'<h1 class="bk-brand-name">{h(p.name)}</h1>')
    if p.slogan:
        out.append(f'<p class="bk-slogan">{h(p.slogan)}</p>')
    status = p.status
    badges = f'<span class="bk-stage">{h(STAGE_LABEL[status.stage])}</span>'
    if status.stars:
        badges += f'<span class="bk-stars">{stars_text(status.stars)}（{status.stars} 星）</span>'
    out.append(f'<p class="bk-badges">{badges}</p>')
    out.append("</div></header>")

    facts = [
        ("创建单位", h(org.name)),
        ("组织类型", h(org.type)),
        ("行业领域", h(org.sector)),
        ("所在地区", h(" · ".join(org.region))),
        ("创建时间", h(format_date(p.established))),
    ]
    if org.parent:
        facts.append(("上级党组织", h(org.parent)))
    members = intranet_field(org, "members")
    if members is not None:
        facts.append(("党员人数", f"{members} 名党员"))
    if status.since:
        facts.append(("进入当前阶段", h(format_date(status.since))))
    if status.valid_until:
        facts.append(("有效期至", h(format_date(status.valid_until))))
    out.append(
        '<dl class="bk-facts">'
        + "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts)
        + "</dl>"
    )
    out.append(f'<p class="bk-lead">{h(p.summary)}</p>')
    out.append(_section("connotation", _prose(p.connotation, 3, src, links)))
    if p.logo and p.logo.meaning:
        out.append(_section("logo-meaning", _prose(p.logo.meaning, 3, src, links)))
    if p.method and (p.method.name or p.method.items):
        body = f'<p class="bk-method-name">{h(p.method.name)}</p>' if p.method.name else ""
        for item in p.method.items:
            body += f"<h3>{h(item.title)}</h3>{_prose(item.body, 4, src, links)}"
        out.append(_section("method", body))
    body = "".join(
        f"<h3>{h(item.title)}</h3>{_prose(item.body, 4, src, links)}" for item in p.practices
    )
    out.append(_section("practices", body))
    body = ""
    if p.metrics:
        body += (
            '<ul class="bk-metrics">'
            + "".join(
                f'<li><span class="bk-metric-value">{format_number(m.value)}'
                f"{h(m.unit or '')}</span><span>{h(m.label)}</span></li>"
                for m in p.metrics
            )
            + "</ul>"
        )
    body += _prose_list(list(p.outcomes), False, src, links)
    out.append(_section("outcomes", body))
    if p.honors:
        rows = "".join(
            f"<tr><td>{x.year}</td><td>{h(x.title)}</td><td>{h(x.level)}</td>"
            f"<td>{h(x.by or '')}</td></tr>"
            for x in sorted(p.honors, key=lambda x: (-x.year, HONOR_RANK.get(x.level, 9), x.title))
        )
        out.append(
            _section(
                "honors",
                '<table class="bk-table"><thead><tr><th>年份</th><th>荣誉</th><th>级别</th>'
                f"<th>授予单位</th></tr></thead><tbody>{rows}</tbody></table>",
            )
        )
    out.append(_section("lessons", _prose_list(list(p.lessons), True, src, links)))
    if p.applicable_to:
        out.append(_section("applicable", f"<p>{h('、'.join(p.applicable_to))}</p>"))
    contact = intranet_field(p, "contact")
    if contact:
        lines = [("联系人", contact.name)]
        if contact.phone:
            lines.append(("电话", contact.phone))
        if contact.email:
            lines.append(("电子邮箱", contact.email))
        out.append(
            _section(
                "contact",
                '<dl class="bk-facts bk-contact">'
                + "".join(f"<dt>{label}</dt><dd>{h(value)}</dd>" for label, value in lines)
                + "</dl>",
            )
        )
    out.append("</article>")
    for case in _cases(brand):
        out.append(_case(brand, case, links))
    return "".join(out)


def _cases(brand: Brand) -> list[CaseStudy]:
    """Oldest first: a chapter reads as the brand's story."""
    return sorted(brand.cases, key=lambda c: (date_key(c.meta.date), c.slug))


def _case(brand: Brand, case: CaseStudy, links: _Links) -> str:
    m = case.meta
    meta = [f"所属品牌：{h(brand.profile.name)}", f"日期：{h(format_date(m.date))}"]
    if m.author:
        meta.append(f"供稿：{h(m.author)}")
    src = f"brands/{brand.slug}/cases/{case.slug}.md"
    return (
        f'<article class="bk-case" id="{case_anchor(brand.slug, case.slug)}">'
        f'<p class="bk-case-kicker">典型案例</p><h2 class="bk-case-title">{h(m.title)}</h2>'
        f'<p class="bk-case-meta">{"　".join(meta)}</p>'
        f'<p class="bk-lead">{h(m.summary)}</p>'
        f"{_prose(case.body, 3, src, links)}</article>"
    )


def _toc(brands: list[Brand]) -> str:
    items = []
    for i, brand in enumerate(brands, 1):
        cases = "".join(
            f'<li class="bk-toc-case"><a href="#{case_anchor(brand.slug, c.slug)}">'
            f"{h(c.title)}</a></li>"
            for c in _cases(brand)
        )
        items.append(
            f'<li class="bk-toc-brand"><a href="#{brand_anchor(brand.slug)}">'
            f'<span class="bk-toc-no">{i}</span>{h(brand.profile.name)}</a>'
            + (f'<ol class="bk-toc-cases">{cases}</ol>' if cases else "")
            + "</li>"
        )
    return (
        '<nav class="bk-toc" aria-label="目录"><h1 class="bk-toc-title">目　录</h1>'
        f'<ol class="bk-toc-list">{"".join(items)}</ol></nav>'
    )


def render_book(
    visible: Catalog,
    brands: list[Brand],
    *,
    site_name: str,
    edition: str,
    filters: dict[str, list[str]],
    today: dt.date,
) -> BookHtml:
    """The compilation of ``brands`` (taken from ``visible``, the catalog as the edition
    may show it, and already in book order) as one HTML document."""
    links = _Links(brands)
    date = format_date(today.isoformat())
    cover = (
        '<section class="bk-cover">'
        f'<p class="bk-cover-site">{h(site_name)}</p>'
        '<h1 class="bk-cover-title">党建品牌汇编</h1>'
        f'<p class="bk-cover-selection">{h(selection_text(filters))}</p>'
        f'<p class="bk-cover-count">共收录 {len(brands)} 个党建品牌、'
        f"{sum(len(b.cases) for b in brands)} 个典型案例</p>"
        f'<p class="bk-cover-edition">{h(EDITION_LABEL.get(edition, edition))}</p>'
        f'<p class="bk-cover-date">{h(site_name)}编印　{h(date)}</p>'
        "</section>"
    )
    front = clean_html(cover + _toc(brands), allow_structure=True)
    chapters = [
        clean_html(_chapter(b, i, links), allow_structure=True) for i, b in enumerate(brands, 1)
    ]
    title = f"{site_name} · 党建品牌汇编"
    created = today.isoformat()
    html = book_document(
        front + "".join(chapters), title=title, site_name=site_name, created=created
    )
    used = {a for a in links.assets if f'src="{a}"' in html}
    return BookHtml(
        html,
        brands,
        {a: links.assets[a] for a in sorted(used)},
        front=front,
        chapters=chapters,
        title=title,
        site_name=site_name,
        created=created,
    )
