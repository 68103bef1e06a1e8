"""The card lists (品牌库, 典型案例) in headless Chromium: no layout shift, Back undoes a
filter, the case library filters and sorts, static pages link each other, and filtering
on any page covers the whole catalog."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from brandhall.load import load_catalog
from brandhall.render.cardlist import PAGE_SIZE

from .conftest import ROOT, TODAY
from .sitetools import build_site, follow, serve
from .test_browser import CATALOG, Tab, _visible_cards, base_url, phone, settle, tab  # noqa: F401

pytestmark = pytest.mark.browser

# Layout shifts of the page as loaded (no input), as Lighthouse counts CLS, at 4× CPU
# slowdown so a late script would show.
CLS_SCRIPT = """
() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 1500);
})
"""


def _cls(browser: Any, base: str, path: str, width: int, height: int) -> float:
    t = Tab(browser, base, width=width, height=height)
    try:
        cdp = t.context.new_cdp_session(t.page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page = t.open(path)
        return float(page.evaluate(CLS_SCRIPT))
    finally:
        t.close()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 900)])
@pytest.mark.parametrize("path", ["/gallery/", "/cases/"])
def test_card_lists_do_not_shift_while_loading(
    browser: Any,
    base_url: str,  # noqa: F811
    path: str,
    width: int,
    height: int,
) -> None:
    assert _cls(browser, base_url, path, width, height) < 0.05


def test_only_the_card_lists_load_their_script(tab: Tab) -> None:  # noqa: F811
    def scripts(path: str) -> list[str]:
        page = tab.open(path)
        return page.eval_on_selector_all("script[src]", "ss => ss.map(s => s.src)")

    assert any("cardlist." in s for s in scripts("/gallery/"))
    assert any("cardlist." in s for s in scripts("/cases/"))
    for path in ("/", "/about/", "/brands/huoyanlan-xianfeng/"):
        assert not any("cardlist." in s for s in scripts(path)), path


def test_back_undoes_the_last_filter_change(tab: Tab) -> None:  # noqa: F811
    page = tab.open("/gallery/")
    everyone = _visible_cards(page)
    page.select_option("#bh-f-stage", "示范")
    demo = _visible_cards(page)
    page.select_option("#bh-f-stars", "5")
    both = _visible_cards(page)
    assert len(everyone) > len(demo) > len(both) > 0
    page.go_back()
    assert parse_qs(urlsplit(page.url).query) == {"stage": ["示范"]}
    assert page.locator("#bh-f-stars").input_value() == ""
    assert page.locator("#bh-f-stage").input_value() == "示范"
    assert _visible_cards(page) == demo
    assert [c.replace("×", "").strip() for c in page.locator(".bh-chip").all_inner_texts()] == [
        "品牌阶段：示范"
    ]
    page.go_back()
    assert _visible_cards(page) == everyone
    assert page.locator("#bh-count").inner_text() == f"共 {len(everyone)} 个品牌"
    page.go_forward()
    assert _visible_cards(page) == demo


def test_typing_a_name_is_one_step_back(tab: Tab) -> None:  # noqa: F811
    page = tab.open("/gallery/")
    page.select_option("#bh-f-stage", "示范")
    page.locator("#bh-q").press_sequentially("xf")
    assert parse_qs(urlsplit(page.url).query) == {"stage": ["示范"], "q": ["xf"]}
    page.go_back()
    settle(page)
    assert parse_qs(urlsplit(page.url).query) == {"stage": ["示范"]}
    assert page.locator("#bh-q").input_value() == ""


@pytest.mark.parametrize("typed", ["ｘｆ", "ＸＦ", "火焰 蓝", "hyl xf"])
def test_full_width_letters_and_spaces_match_in_the_name_box(
    tab: Tab,  # noqa: F811
    typed: str,
) -> None:
    page = tab.open("/gallery/")
    page.fill("#bh-q", typed)
    assert "火焰蓝先锋" in _visible_cards(page)


def test_the_whole_card_opens_the_brand(tab: Tab) -> None:  # noqa: F811
    page = tab.open("/gallery/")
    card = page.locator(".bh-card").first
    name = card.locator("h2 a:not(.headerlink)").inner_text()
    box = card.locator(".bh-card-meta").bounding_box()
    page.mouse.click(box["x"] + box["width"] - 5, box["y"] + box["height"] / 2)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().replace("¶", "").strip() == name


def test_the_empty_state_says_what_was_filtered_and_offers_a_way_out(tab: Tab) -> None:  # noqa: F811
    page = tab.open("/gallery/?sector=消防救援&stage=培育")
    assert _visible_cards(page) == []
    empty = page.locator("#bh-empty")
    assert empty.is_visible()
    assert "行业领域：消防救援" in empty.inner_text() and "品牌阶段：培育" in empty.inner_text()
    fire = [b for b in CATALOG.brands if b.profile.organization.sector == "消防救援"]
    relax = page.locator(".bh-relax", has_text="品牌阶段")
    assert relax.inner_text() == f"去掉“品牌阶段：培育”（{len(fire)} 个品牌）"
    relax.click()
    assert sorted(_visible_cards(page)) == sorted(b.profile.name for b in fire)
    assert parse_qs(urlsplit(page.url).query) == {"sector": ["消防救援"]}
    page.goto(tab.base + "/gallery/?sector=消防救援&stage=培育")
    settle(page)
    page.locator("#bh-empty [data-clear]").click()
    page.wait_for_function("() => !location.search")
    assert len(_visible_cards(page)) == len(CATALOG.brands)


def _case_titles(page: Any) -> list[str]:
    settle(page)
    return page.eval_on_selector_all(
        ".bh-card h2 a:not(.headerlink)", "as => as.map(a => a.textContent.trim())"
    )


def test_case_library_filters_by_year_and_sorts_by_date(tab: Tab) -> None:  # noqa: F811
    cases = [(b, c) for b in CATALOG.brands for c in b.cases]
    newest_first = sorted(cases, key=lambda bc: bc[1].meta.date, reverse=True)
    page = tab.open("/cases/")
    assert page.locator("#bh-count").inner_text() == f"共 {len(cases)} 个案例"
    titles = _case_titles(page)
    assert len(titles) == len(cases)
    dates = [c.meta.date for _, c in newest_first]
    assert [next(c.meta.date for _, c in cases if c.title == t) for t in titles] == dates
    # Each card: title, brand, a date that never breaks, a summary, the tags.
    first = page.locator(".bh-card").first
    b, c = newest_first[0]
    assert b.profile.name in first.locator(".bh-card-meta").inner_text()
    assert first.locator(".bh-card-summary").inner_text().startswith(c.meta.summary[:10])
    assert first.locator(".bh-date").evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    assert first.locator(".bh-tag").all_inner_texts() == list(c.meta.tags)
    year = "2025"
    in_year = [c for _, c in cases if c.meta.date.startswith(year)]
    assert 0 < len(in_year) < len(cases)
    page.select_option("#bh-f-year", year)
    titles = _case_titles(page)
    assert sorted(titles) == sorted(c.title for c in in_year)
    assert (
        page.locator("#bh-count").inner_text()
        == f"找到 {len(in_year)} 个案例（共 {len(cases)} 个）"
    )
    page.select_option("#bh-sort", "oldest")
    assert _case_titles(page) == [c.title for c in sorted(in_year, key=lambda c: c.meta.date)]
    assert parse_qs(urlsplit(page.url).query) == {"year": [year], "sort": ["oldest"]}
    page.reload()
    assert _case_titles(page) == [c.title for c in sorted(in_year, key=lambda c: c.meta.date)]
    page.go_back()
    assert sorted(_case_titles(page)) == sorted(c.title for c in in_year)


TITLE_LINES = """
cards => cards.map(c => {
  const a = c.querySelector('h2 a:not(.headerlink)');
  const words = [...a.querySelectorAll('.bh-w')];
  return {
    title: a.textContent,
    html: a.innerHTML,
    lines: new Set([...a.getClientRects()].map(r => Math.round(r.top))).size,
    broken: words.filter(w => w.getClientRects().length > 1).map(w => w.textContent),
  };
})
"""


@pytest.mark.parametrize("path", ["/cases/", "/gallery/"])
def test_card_titles_wrap_only_between_words_as_served_and_as_redrawn(
    phone: Tab,  # noqa: F811
    path: str,
) -> None:
    page = phone.open(path)
    settle(page)
    served = page.eval_on_selector_all(".bh-card:not([hidden])", TITLE_LINES)
    # Reordered by the script: every card is now one cardlist.js drew from the data file.
    page.locator(".bh-filterbox-toggle").click()  # a phone: the filters wait behind it
    page.select_option("#bh-sort", index=page.locator("#bh-sort option").count() - 1)
    settle(page)
    drawn = page.eval_on_selector_all(".bh-card:not([hidden])", TITLE_LINES)
    assert len(served) == len(drawn) > 10
    by_title = {c["title"]: c for c in served}
    assert {c["title"] for c in drawn} == set(by_title)
    for card in drawn:
        assert card["html"] == by_title[card["title"]]["html"], card["title"]
    for card in served + drawn:
        assert card["broken"] == [], card["title"]
        assert "bh-w" in card["html"], card["title"]
    if path == "/cases/":  # long titles: wrapped on a phone, between words
        assert any(c["lines"] > 1 for c in served + drawn)


def test_case_library_filters_by_sector_region_and_tag(tab: Tab) -> None:  # noqa: F811
    cases = [(b, c) for b in CATALOG.brands for c in b.cases]
    b0, c0 = next((b, c) for b, c in cases if c.meta.tags)
    tag = c0.meta.tags[0]
    page = tab.open(f"/cases/?tag={tag}")
    assert sorted(_case_titles(page)) == sorted(c.title for _, c in cases if tag in c.meta.tags)
    sector = b0.profile.organization.sector
    page = tab.open(f"/cases/?sector={sector}&region={b0.profile.organization.region[0]}")
    expected = [
        c.title
        for b, c in cases
        if b.profile.organization.sector == sector
        and b.profile.organization.region[0] == b0.profile.organization.region[0]
    ]
    assert sorted(_case_titles(page)) == sorted(expected)


# -- a catalog longer than one page -----------------------------------------------------

N_BIG = PAGE_SIZE * 2 + 5


def _bench_build() -> Any:
    spec = importlib.util.spec_from_file_location(
        "bench_build", ROOT / "benchmarks" / "bench_build.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_build"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    root = tmp_path_factory.mktemp("big")
    _bench_build().generate_brands(root / "brands", N_BIG, 0, 7)
    proc = build_site(root / "site", root / "brands")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    catalog = load_catalog(root / "brands", today=TODAY).catalog
    with serve(root / "site") as url:
        yield url, catalog


def test_long_gallery_is_paged_and_each_page_links_the_next(browser: Any, big: Any) -> None:
    url, catalog = big
    t = Tab(browser, url)
    page = t.open("/gallery/")
    assert page.locator(".bh-card").count() == PAGE_SIZE
    seen = set(page.locator(".bh-card h2 a:not(.headerlink)").all_text_contents())
    follow(page, page.locator(".bh-pager-next"))
    assert urlsplit(page.url).path == "/gallery/page/2/"
    assert page.locator("h1").inner_text().replace("¶", "").strip() == "品牌库"
    second = set(page.locator(".bh-card h2 a:not(.headerlink)").all_text_contents())
    assert len(second) == PAGE_SIZE and not second & seen
    follow(page, page.locator(".bh-pager-next"))
    assert urlsplit(page.url).path == "/gallery/page/3/"
    third = set(page.locator(".bh-card h2 a:not(.headerlink)").all_text_contents())
    assert len(third) == N_BIG - 2 * PAGE_SIZE
    assert seen | second | third == {b.profile.name for b in catalog.brands}
    follow(page, page.locator(".bh-pager-prev"))
    assert urlsplit(page.url).path == "/gallery/page/2/"
    follow(page, page.locator(".bh-pager a", has_text="1").first)
    assert urlsplit(page.url).path == "/gallery/"
    t.close()


# Scroll straight to the pager (End key, a fling on a phone), then let ten frames pass.
PAGER_AFTER_SCROLL = """async () => {
  const a = document.querySelector('.bh-pager-next');
  a.scrollIntoView({block: 'end'});
  const before = a.getBoundingClientRect().top;
  for (let i = 0; i < 10; i++) await new Promise(r => requestAnimationFrame(r));
  return [before, a.getBoundingClientRect().top];
}"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_the_pager_stays_put_when_scrolled_to(
    browser: Any, big: Any, width: int, height: int
) -> None:
    # Cards drawn only as they neared the screen (content-visibility) once grew from their
    # estimated height after the reader got there, and moved the pager 70–145 px under the
    # finger: the tap landed on a card's edge and nothing opened.
    url, _ = big
    t = Tab(browser, url, width=width, height=height)
    for path in ("/gallery/", "/gallery/page/2/"):
        before, after = t.open(path).evaluate(PAGER_AFTER_SCROLL)
        assert abs(after - before) < 1, (path, before, after)
    t.close()


def test_filtering_on_any_page_covers_the_whole_catalog(browser: Any, big: Any) -> None:
    url, catalog = big
    t = Tab(browser, url)
    page = t.open("/gallery/page/2/")
    stage = "命名"
    expected = [b for b in catalog.brands if b.profile.status.stage == stage]
    assert len(expected) > PAGE_SIZE // 2
    page.select_option("#bh-f-stage", stage)
    settle(page)
    assert page.locator("#bh-count").inner_text() == f"找到 {len(expected)} 个品牌（共 {N_BIG} 个）"
    assert page.locator("#bh-pager").is_hidden()
    shown = page.locator(".bh-card h2 a:not(.headerlink)").all_text_contents()
    while page.locator("#bh-more").is_visible():
        page.locator("#bh-more").click()
        settle(page)
        shown = page.locator(".bh-card h2 a:not(.headerlink)").all_text_contents()
    assert sorted(shown) == sorted(b.profile.name for b in expected)
    # A card rendered by the script opens its brand like a server-rendered one.
    follow(page, page.locator(".bh-card h2 a:not(.headerlink)").first)
    assert urlsplit(page.url).path.startswith("/brands/")
    page.go_back()
    settle(page)
    assert page.locator("#bh-f-stage").input_value() == stage
    page.select_option("#bh-f-stage", "")
    settle(page)
    assert page.locator("#bh-pager").is_visible()
    assert page.locator(".bh-card").count() == PAGE_SIZE
    t.close()


def _names(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        ".bh-card h2 a:not(.headerlink)", "as => as.map(a => a.textContent.trim())"
    )


def test_the_first_interaction_fetches_the_index_and_only_the_cards_it_shows(
    browser: Any, big: Any
) -> None:
    url, _catalog = big
    t = Tab(browser, url)
    # The second brand on page 3 (record 2 × PAGE_SIZE + 1 of the list).
    name = _names(t.open("/gallery/page/3/"))[1]
    page = t.open("/gallery/page/2/")
    own = _names(page)[3]
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    # One chunk of card text, besides the filter index.
    page.fill("#bh-q", name)
    settle(page)
    assert _names(page) == [name]
    data = [p for p in fetched if p.endswith(".js")]
    assert data[0] == "/gallery/index.js"
    assert data[1:] == [f"/gallery/cards/{(2 * PAGE_SIZE + 1) // 16}.js"]
    # A brand of this page's own cards needs no chunk: the page's card is reused.
    fetched.clear()
    page.fill("#bh-q", own)
    settle(page)
    assert _names(page) == [own]
    assert not [p for p in fetched if p.endswith(".js")]
    t.close()


def test_a_filter_changed_before_the_card_text_arrives_shows_the_right_cards(
    browser: Any, big: Any
) -> None:
    url, catalog = big
    t = Tab(browser, url)
    held: list[Any] = []
    t.page.route("**/gallery/cards/*.js*", lambda route: held.append(route))
    page = t.open("/gallery/")
    page.select_option("#bh-f-stage", "命名")
    page.wait_for_function("() => window.brandhallCards && window.brandhallCards.gallery")
    named = [b for b in catalog.brands if b.profile.status.stage == "命名"]
    # Counted and laid out at once; the cards whose text is on its way are placeholders.
    assert page.locator("#bh-count").inner_text() == f"找到 {len(named)} 个品牌（共 {N_BIG} 个）"
    assert page.locator("#bh-grid").get_attribute("aria-busy") == "true"
    assert page.locator(".bh-card-wait").count() > 0
    # A second choice while the first answer's text is still held back.
    page.select_option("#bh-f-stars", "4")
    expected = [b.profile.name for b in named if (b.profile.status.stars or 0) >= 4]
    assert 0 < len(expected) < len(named) and len(expected) <= PAGE_SIZE
    page.wait_for_timeout(100)
    for route in held:
        route.continue_()
    page.unroute("**/gallery/cards/*.js*")
    settle(page)
    assert page.locator(".bh-card-wait").count() == 0
    assert sorted(_names(page)) == sorted(expected)
    t.close()
