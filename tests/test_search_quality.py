"""Search as a reader judges it, in Chromium: a query that only partly matches says so,
and (over a generated catalog of hundreds of brands plus the samples) names, case titles,
practice phrases, pinyin and multi-word phrases find what they should."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from brandhall.catalog import Brand, Catalog
from brandhall.load import load_catalog
from brandhall.pinyin import initials

from .conftest import ROOT, TODAY
from .sitetools import build_site, close_local, follow, open_local, search_page_done, serve

BENCH = ROOT / "benchmarks" / "bench_build.py"

pytestmark = pytest.mark.browser


def open_site(browser: Any, base: str, path: str = "/") -> Any:
    """A page on the local site; every other request is refused and fails the test."""
    page = open_local(
        browser, base, base + path, viewport={"width": 1280, "height": 900}, locale="zh-CN"
    )
    page.wait_for_load_state("networkidle")
    return page


close_site = close_local


def header_search(page: Any, query: str) -> list[str]:
    """Type ``query`` into the header box (s opens it); the result paths, best first."""
    if page.locator(".bh-search").is_hidden():
        page.keyboard.press("s")
    box = page.locator(".bh-search-input")
    box.fill("")
    box.fill(query)
    page.wait_for_function(
        "q => document.querySelector('.bh-search-input').value === q &&"
        " /找到|没有/.test(document.querySelector('.bh-search-status').textContent) &&"
        " document.querySelector('.bh-search-status').dataset.q === q",
        arg=query,
        timeout=30000,
    )
    return [
        urlsplit(a.get_attribute("href") or "").path
        for a in page.locator(".bh-search .bh-results > li > a").all()
    ]


# ---------------------------------------------------------------- partly matching queries
@pytest.fixture(scope="module")
def sample_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


def test_a_query_that_only_partly_matches_says_so(browser: Any, sample_url: str) -> None:
    page = open_site(browser, sample_url)
    # 潜水艇 occurs nowhere: the engine returns the pages holding part of the query.
    paths = header_search(page, "乡村振兴潜水艇")
    assert paths
    note = page.locator(".bh-search .bh-search-partial")
    assert note.is_visible()
    assert "没有同时包含全部词语" in note.inner_text() and "潜水" in note.inner_text()
    lacking = page.locator(".bh-search .bh-hit-lacking").all_inner_texts()
    assert len(lacking) == len(paths) and all("潜水" in t for t in lacking)
    # The full search page says the same.
    follow(page, page.locator(".bh-search-more"))
    search_page_done(page)
    assert page.locator(".md-content .bh-search-partial").is_visible()

    # A query every result holds in full: no note, no 不含 line.
    page.goto(sample_url + "/")
    page.wait_for_load_state("networkidle")
    assert header_search(page, "乡村振兴")
    assert page.locator(".bh-search .bh-search-partial").is_hidden()
    assert page.locator(".bh-search .bh-hit-lacking").count() == 0
    close_site(page)


def test_an_excerpt_shows_where_the_text_says_it_not_the_title_again(
    browser: Any, sample_url: str
) -> None:
    """A page's text starts with its title, which the result card shows already: the
    excerpt is taken from the first place after it, from the start of a clause."""
    page = open_site(browser, sample_url)
    paths = header_search(page, "火焰蓝")
    assert paths[0] == "/brands/huoyanlan-xianfeng/"
    first = page.locator(".bh-search .bh-hit-excerpt").first
    # The slogan 党旗所指，火焰蓝所向, from its clause: not 火焰蓝先锋 again, not mid-word.
    assert first.inner_text().startswith("火焰蓝所向 示范品牌")
    assert first.locator("mark").first.inner_text() == "火焰蓝"
    # An opening quote before the match is where the excerpt starts: never half a quote.
    header_search(page, "乡村振兴")
    texts = page.locator(".bh-search .bh-hit-excerpt").all_inner_texts()
    assert any(t.startswith("“服务乡村振兴先锋支部”") for t in texts), texts
    close_site(page)


# ---------------------------------------------------------------- relevance at scale
GENERATED = 500  # synthetic brands (benchmarks/bench_build.py's generator), one case each
SAMPLED = 30  # generated brands whose name, case title, practice and pinyin are tried


def _bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("bench_build", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_build", module)  # its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Catalog]]:
    """The samples plus GENERATED synthetic brands, built once for this module."""
    root = tmp_path_factory.mktemp("relevance")
    brands = root / "brands"
    samples = load_catalog(ROOT / "brands", today=TODAY).catalog
    _bench_module().generate_brands(
        brands, GENERATED, 1, 20261202, reserved=[b.profile.name for b in samples.brands]
    )
    for folder in (ROOT / "brands").iterdir():
        if folder.is_dir():
            shutil.copytree(folder, brands / folder.name)
    proc = build_site(root / "site", brands)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    catalog = load_catalog(brands, today=TODAY).catalog
    assert len(catalog.brands) == GENERATED + len(samples.brands)
    with serve(root / "site") as url:
        yield url, root / "site", catalog


@pytest.fixture(scope="module")
def big_page(browser: Any, big_site: tuple[str, Path, Catalog]) -> Iterator[Any]:
    page = open_site(browser, big_site[0])
    yield page
    close_site(page)


def ask(page: Any, queries: list[str], n: int = 8) -> list[list[str]]:
    """The header box's ranking (assets/search.js) for each query: result paths."""
    found = page.evaluate(
        "async ([qs, n]) => { const out = [];"
        " for (const q of qs) out.push((await window.brandhallSearch(q, n)).map(r => r.url));"
        " return out; }",
        [queries, n],
    )
    return [[urlsplit(u).path for u in urls] for urls in found]


def _tried(catalog: Catalog) -> list[Brand]:
    """Every sample brand and SAMPLED generated ones spread over the catalog."""
    generated = [b for b in catalog.brands if b.slug.startswith("brand-")]
    step = len(generated) // SAMPLED
    return [b for b in catalog.brands if not b.slug.startswith("brand-")] + generated[::step][
        :SAMPLED
    ]


def _misses(page: Any, wanted: list[tuple[str, str]], top: int) -> list[tuple[str, str, list[str]]]:
    """(query, expected path) pairs whose page is not in the first ``top`` results."""
    found = ask(page, [q for q, _ in wanted], n=max(8, top))
    return [
        (q, want, got[:top])
        for (q, want), got in zip(wanted, found, strict=True)
        if want not in got[:top]
    ]


def test_a_brand_name_puts_the_brand_first(
    big_page: Any, big_site: tuple[str, Path, Catalog]
) -> None:
    brands = _tried(big_site[2])
    assert len(brands) >= 45
    wanted = [(b.profile.name, f"/brands/{b.slug}/") for b in brands]
    assert _misses(big_page, wanted, 1) == []


def test_a_case_title_puts_the_case_in_the_top_3(
    big_page: Any, big_site: tuple[str, Path, Catalog]
) -> None:
    wanted = [
        (c.title, f"/brands/{b.slug}/cases/{c.slug}/") for b in _tried(big_site[2]) for c in b.cases
    ]
    assert len(wanted) >= 45
    assert _misses(big_page, wanted, 3) == []


def test_a_practice_phrase_finds_its_brand_in_the_top_5(
    big_page: Any, big_site: tuple[str, Path, Catalog]
) -> None:
    wanted = []
    for b in _tried(big_site[2]):
        if b.slug.startswith("brand-"):  # the generator's signature practice: 打造“田间夜话”
            phrase = re.search("“(.+?)”", b.profile.practices[0].title)
            assert phrase is not None
            wanted.append((phrase.group(1), f"/brands/{b.slug}/"))
    wanted += [  # phrases copied from the sample brands' practices and summaries
        ("先锋车", "/brands/huoyanlan-xianfeng/"),
        ("支部云课堂", "/brands/huoyanlan-xianfeng/"),
        ("一窗通办", "/brands/hongse-daiban/"),
        ("楼门议事会", "/brands/loudao-hong-guanjia/"),
    ]
    assert _misses(big_page, wanted, 5) == []


def test_pinyin_initials_of_a_name_find_the_brand(
    big_page: Any, big_site: tuple[str, Path, Catalog]
) -> None:
    catalog = big_site[2]
    every = [initials(b.profile.name) for b in catalog.brands]
    misses = []
    for b in _tried(catalog):
        query = initials(b.profile.name)
        # Names that share these initials (or start with them) are as good a match.
        alike = sum(1 for other in every if other.startswith(query))
        misses += _misses(big_page, [(query, f"/brands/{b.slug}/")], max(5, alike))
    assert misses == []


def _pages_containing(site: Path, phrase: str) -> set[str]:
    """Brand and case pages (what search indexes) whose visible content holds ``phrase``."""
    out = set()
    for page in site.glob("brands/**/index.html"):
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue
        body = html.split("data-pagefind-body", 1)[1].split('class="bh-search-data"', 1)[0]
        if phrase in re.sub(r"<[^>]+>", "", body):
            out.add("/" + page.parent.relative_to(site).as_posix() + "/")
    return out


def test_a_multi_word_phrase_finds_every_page_containing_it(
    big_page: Any, big_site: tuple[str, Path, Catalog]
) -> None:
    expected = _pages_containing(big_site[1], "乡村振兴")
    assert len(expected) >= 5
    (found,) = ask(big_page, ["乡村振兴"], n=10000)
    assert expected <= set(found), sorted(expected - set(found))[:10]


def test_the_header_box_ranks_as_the_test_hook_does(
    big_page: Any, big_site: tuple[str, Path, Catalog]
) -> None:
    brand = _tried(big_site[2])[-1]
    paths = header_search(big_page, brand.profile.name)
    assert paths[0] == f"/brands/{brand.slug}/"
    big_page.keyboard.press("Escape")
