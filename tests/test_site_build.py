"""An integration build of the sample site: every brand and case has a page, every
internal link resolves, nothing is orphaned, and nothing is loaded from elsewhere."""

from __future__ import annotations

import json
import re
from collections import deque
from html import unescape
from pathlib import Path

import pytest

from brandhall.load import load_catalog

from .conftest import ROOT, TODAY
from .sitetools import html_pages, is_off_origin, local_target, parse_page

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


def test_search_index_is_segmented_chinese(sample_site: Path) -> None:
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # theme.language zh: the query separator splits on U+200B ...
    assert r"\u200b" in index["config"]["separator"]
    # ... and jieba ran at build time, putting U+200B between the words of every page.
    fire = next(d for d in index["docs"] if d["location"] == "brands/huoyanlan-xianfeng/")
    assert "火焰\u200b蓝\u200b先锋" in fire["title"]


@pytest.mark.parametrize("slug", [b.slug for b in CATALOG.brands])
def test_brand_page_has_description_and_boost(sample_site: Path, slug: str) -> None:
    """The brand's summary is the page's meta description (search engines, link previews),
    and every entry of the brand page in the search index is boosted above case pages."""
    html = (sample_site / "brands" / slug / "index.html").read_text(encoding="utf-8")
    summary = CATALOG.brand(slug).profile.summary
    descriptions = re.findall(r'<meta name="description" content="([^"]*)"', html)
    assert [unescape(d) for d in descriptions] == [" ".join(summary.split())]
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [d for d in index["docs"] if d["location"].startswith(f"brands/{slug}/")]
    page = [d for d in entries if "/cases/" not in d["location"]]
    cases = [d for d in entries if "/cases/" in d["location"]]
    assert page and {d.get("boost") for d in page} == {5}
    assert all(d.get("boost", 1) < 5 for d in cases)
