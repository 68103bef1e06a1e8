"""An integration build of the sample site: every brand and case has a page, every
internal link resolves, nothing is orphaned, and nothing is loaded from elsewhere."""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from brandhall.load import load_catalog

from .conftest import ROOT, TODAY
from .sitetools import html_pages, is_off_origin, local_target, parse_page, search_records

CATALOG = load_catalog(ROOT / "brands", today=TODAY).catalog


def test_build_reports_the_check_summary(sample_build) -> None:  # type: ignore[no-untyped-def]
    proc, _site = sample_build
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 个错误，0 个警告" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_every_brand_and_case_has_a_page(sample_site: Path) -> None:
    assert len(CATALOG.brands) >= 12
    for brand in CATALOG.brands:
        page = sample_site / "brands" / brand.slug / "index.html"
        assert page.is_file(), brand.slug
        assert brand.profile.name in page.read_text(encoding="utf-8")
        for case in brand.cases:
            case_page = sample_site / "brands" / brand.slug / "cases" / case.slug / "index.html"
            assert case_page.is_file(), case.source
            assert case.title in case_page.read_text(encoding="utf-8")
    for docs_page in ("about", "contribute"):
        assert (sample_site / docs_page / "index.html").is_file()


def test_internal_links_resolve_and_nothing_is_orphaned(sample_site: Path) -> None:
    pages = html_pages(sample_site)
    home = sample_site / "index.html"
    depth = {home: 0}
    queue = deque([home])
    broken = []
    while queue:
        page = queue.popleft()
        parsed = parse_page(page)
        for href in parsed.links + parsed.resources:
            found = local_target(sample_site, page, href)
            if found is None:
                continue
            target, fragment = found
            if not target.is_file():
                broken.append(f"{page.relative_to(sample_site)} -> {href}")
                continue
            if fragment and target.suffix == ".html" and fragment not in parse_page(target).ids:
                broken.append(f"{page.relative_to(sample_site)} -> {href} (no #{fragment})")
            if target.suffix == ".html" and target not in depth:
                depth[target] = depth[page] + 1
                queue.append(target)
    assert broken == []
    orphans = [p.relative_to(sample_site).as_posix() for p in pages if p not in depth]
    assert orphans == []
    # A reader gets to every brand and case in at most three clicks from the home page.
    for brand in CATALOG.brands:
        assert depth[sample_site / "brands" / brand.slug / "index.html"] <= 2
        for case in brand.cases:
            assert (
                depth[sample_site / "brands" / brand.slug / "cases" / case.slug / "index.html"] <= 3
            )


def test_no_resource_is_loaded_from_another_origin(sample_site: Path) -> None:
    offending = []
    for page in html_pages(sample_site) + [sample_site / "404.html"]:
        for url in parse_page(page).resources:
            if is_off_origin(url):
                offending.append(f"{page.relative_to(sample_site)}: {url}")
    css_url = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""")
    for css in sample_site.rglob("*.css"):
        for m in css_url.finditer(css.read_text(encoding="utf-8")):
            offending.append(f"{css.relative_to(sample_site)}: {m.group(1)}")
    js_load = re.compile(
        r"""(?:importScripts|fetch|\.src\s*=|import)\s*\(?\s*['"`]((?:https?:)?//[^'"`]+)"""
    )
    for js in sample_site.rglob("*.js"):
        for m in js_load.finditer(js.read_text(encoding="utf-8")):
            offending.append(f"{js.relative_to(sample_site)}: {m.group(1)}")
    # The browser editor's Decap bundle has code for back-ends and media libraries that
    # brandhall never configures (Netlify's git-gateway, Cloudinary) and an image reset
    # to "//:0"; the Chromium test records every request /admin/ makes (none off-origin).
    unused = ("//:0", "https://api.netlify.com/", "https://media-library.cloudinary.com/")
    offending = [
        o
        for o in offending
        if not (
            o.startswith("admin/vendor/decap-cms.js: ") and o.split(": ", 1)[1].startswith(unused)
        )
    ]
    assert offending == []


def test_pages_are_chinese_with_ordered_headings_and_logo_alt_text(sample_site: Path) -> None:
    for page in html_pages(sample_site):
        parsed = parse_page(page)
        where = page.relative_to(sample_site)
        assert parsed.html_lang == "zh", where
        assert parsed.headings and parsed.headings[0] == 1, where
        assert parsed.headings.count(1) == 1, where
        for before, after in zip(parsed.headings, parsed.headings[1:], strict=False):
            assert after <= before + 1, f"{where}: h{before} followed by h{after}"
        for img in parsed.images:
            assert img.get("alt"), f"{where}: {img}"


def test_site_search_indexes_brand_and_case_pages_only(sample_site: Path) -> None:
    """brandhall's chunked index replaces Material's single search_index.json."""
    assert (sample_site / "bhsearch" / "bhsearch.js").is_file()
    assert not (sample_site / "search" / "search_index.json").exists()
    fragments = search_records(sample_site)
    urls = {f["url"] for f in fragments}
    expected = {f"brands/{b.slug}/" for b in CATALOG.brands} | {
        f"brands/{b.slug}/cases/{c.slug}/" for b in CATALOG.brands for c in b.cases
    }
    assert urls == expected  # no home, gallery, index or hand-written page
    fire = next(f for f in fragments if f["url"] == "brands/huoyanlan-xianfeng/")
    assert fire["meta"]["title"] == "火焰蓝先锋"  # no ¶ permalink in titles
    assert fire["filters"]["类型"] == ["品牌"]
    assert fire["filters"]["行业领域"] == ["消防救援"]
    assert "hylxf" in fire["content"]  # pinyin initials are indexed
    # Navigation, the related-brands list and the footer are not the page's words (a
    # related brand that learned from this one is named in 学习借鉴本品牌的单位).
    learners = {
        b.profile.name
        for b in CATALOG.brands
        if any(x.brand == "huoyanlan-xianfeng" for x in b.profile.learned_from)
    }
    related = [name for name, _reason in _related(fire)]
    assert set(related) - learners
    for other in set(related) - learners:
        assert other not in fire["content"]
    assert "本品牌推荐参考" not in fire["content"] and "品牌库" not in fire["content"]
    case = next(f for f in fragments if "/cases/" in f["url"])
    assert case["filters"]["类型"] == ["案例"] and case["meta"]["brand"]
    assert "上一篇" not in case["content"] and "下一篇" not in case["content"]


def _related(fragment: dict[str, Any]) -> list[tuple[str, str]]:
    from brandhall.render.context import SiteContext

    ctx = SiteContext.create(CATALOG, TODAY.isoformat())
    slug = fragment["url"].strip("/").split("/")[1]
    return [(b.profile.name, r) for b, r in ctx.related(CATALOG.brand(slug))]


@pytest.mark.parametrize("slug", [b.slug for b in CATALOG.brands])
def test_brand_page_has_description_and_boost(sample_site: Path, slug: str) -> None:
    """The brand's summary is the page's meta description (search engines, link previews),
    and the page is the search body, its slogan weighted."""
    html = (sample_site / "brands" / slug / "index.html").read_text(encoding="utf-8")
    summary = CATALOG.brand(slug).profile.summary
    descriptions = re.findall(r'<meta name="description" content="([^"]*)"', html)
    assert [unescape(d) for d in descriptions] == [" ".join(summary.split())]
    # The name and the slogan weigh more than body text in the site search.
    assert "data-pagefind-body" in html
    if CATALOG.brand(slug).profile.slogan:
        assert 'class="bh-slogan" data-pagefind-weight="4"' in html


def test_reader_chrome_footer_nav_and_404(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    # The IT guide is out of the readers' navigation but still on the site, from 关于本站.
    assert "发布指南" not in home
    assert (sample_site / "publishing" / "index.html").is_file()
    assert "../publishing/" in (sample_site / "about" / "index.html").read_text(encoding="utf-8")
    # The site footer: 主办单位, contact and the build date, on every page.
    for page in (home, (sample_site / "404.html").read_text(encoding="utf-8")):
        assert "主办单位" in page and "联系我们" in page
        assert '<span class="bh-date">2026年12月1日</span>' in page
    brand = (sample_site / "brands" / "huoyanlan-xianfeng" / "index.html").read_text("utf-8")
    assert "md-footer__link" not in brand  # no 上一页/下一页 on brand pages
    notfound = (sample_site / "404.html").read_text(encoding="utf-8")
    assert "<title>页面不存在（404）" in notfound and "Not found" not in notfound
    assert 'action="/search/"' in notfound and 'name="q"' in notfound
    assert 'href="/gallery/"' in notfound and 'href="/"' in notfound
