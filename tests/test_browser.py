"""The built sample site in headless Chromium (Debian's /usr/bin/chromium via Playwright).

Every request that is not to the local test server is blocked and recorded; any such
request fails the test that caused it.  In CI a missing browser fails the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from brandhall.load import load_catalog

from .conftest import ROOT, TODAY
from .sitetools import follow, search_page_done, serve

pytestmark = pytest.mark.browser

CATALOG = load_catalog(ROOT / "brands", today=TODAY).catalog


@pytest.fixture(scope="session")
def base_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


class Tab:
    """A page that blocks and records every off-origin request."""

    def __init__(
        self, browser: Any, base_url: str, width: int = 1280, height: int = 900, js: bool = True
    ):
        self.base = base_url
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=js, locale="zh-CN"
        )
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base + "/") or url == self.base:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()
        assert self.blocked == [], f"off-origin requests: {self.blocked}"
        assert self.errors == [], f"JavaScript errors: {self.errors}"


@pytest.fixture
def tab(browser: Any, base_url: str) -> Iterator[Tab]:
    t = Tab(browser, base_url)
    yield t
    t.close()


@pytest.fixture
def phone(browser: Any, base_url: str) -> Iterator[Tab]:
    t = Tab(browser, base_url, width=390, height=844)
    yield t
    t.close()


def search(page: Any, query: str) -> list[str]:
    """The header search box as a reader uses it: `s` opens it, the query is typed (an
    IME commits without key events, so nothing waits for a key), the results settle."""
    page.keyboard.press("s")
    box = page.locator(".bh-search-input")
    box.wait_for(state="visible")
    box.fill(query)
    status = page.locator(".bh-search-status")
    page.wait_for_function(
        "() => /找到|没有/.test(document.querySelector('.bh-search-status').textContent)",
        timeout=20000,
    )
    assert "没有" not in status.inner_text(), f"no results for {query}"
    return [
        a.get_attribute("href") or "" for a in page.locator(".bh-search .bh-results > li > a").all()
    ]


def material_search(page: Any, query: str) -> list[str]:
    """Material's own search box: the offline edition (file://) keeps it."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/初始化|Initializing/i.test(m.textContent); }",
        timeout=20000,
    )
    box.press_sequentially(query, delay=50)
    # Playwright inserts CJK text without key events, as an IME would before it commits;
    # Material searches on keyup, so finish the way a reader's IME does, with a key.
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => /结果/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=20000,
    )
    last, stable = None, 0
    for _ in range(80):
        now = page.evaluate(
            "() => document.querySelector('.md-search-result__meta').textContent + '|' +"
            " Array.from(document.querySelectorAll('.md-search-result__item > a')).map(a => a.href).join(' ')"
        )
        stable = stable + 1 if now == last else 0
        last = now
        if stable >= 3:
            break
        page.wait_for_timeout(250)
    assert "没有" not in meta.inner_text(), f"no results for {query}"
    return [
        a.get_attribute("href") or ""
        for a in page.locator(".md-search-result__list > .md-search-result__item > a").all()
    ]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("绿道", "shengming-lvdao"),  # a two-character word from the middle of 生命绿道先锋
        ("种子", "zhongzi-ketang"),  # from the middle of 红色种子课堂
        ("田埂党课", "tiangeng-dangke"),
        ("火焰", "huoyanlan-xianfeng"),
        # "红" is a word of its own elsewhere (桥上党旗红): the query must stay "红色".
        ("红色引擎", "hongse-yinqing"),
        ("引擎", "hongse-yinqing"),
    ],
)
def test_search_by_a_word_of_the_name_ranks_the_brand_first(
    tab: Tab, query: str, slug: str
) -> None:
    brand = CATALOG.brand(slug)
    assert query in brand.profile.name
    page = tab.open("/")
    hrefs = search(page, query)
    assert urlsplit(hrefs[0]).path.rstrip("/").endswith(f"brands/{slug}"), hrefs[:3]
    card = page.locator(".bh-search .bh-results > li").first
    assert card.locator(".bh-hit-kind").inner_text() == "品牌"
    assert card.locator(".bh-hit-title").inner_text() == brand.profile.name
    assert card.locator(".bh-hit-excerpt").inner_text().strip()
    follow(page, card.locator("a"))
    assert h1(page) == brand.profile.name


@pytest.mark.parametrize(
    ("query", "slug", "where"),
    [
        ("先锋车", "huoyanlan-xianfeng", "practice title"),
        ("支部云课堂", "huoyanlan-xianfeng", "practice title"),
        ("一窗通办", "hongse-daiban", "name and summary"),
        ("楼门议事会", "loudao-hong-guanjia", "practice title, two words"),
    ],
)
def test_search_by_practice_or_summary_words_finds_the_brand(
    tab: Tab, query: str, slug: str, where: str
) -> None:
    page = tab.open("/")
    paths = [urlsplit(h).path.rstrip("/") for h in search(page, query)]
    assert any(p.endswith(f"brands/{slug}") for p in paths[:5]), (where, paths[:5])


def test_search_finds_a_case_study_by_a_word_of_its_title(tab: Tab) -> None:
    brand = next(b for b in CATALOG.brands if b.slug == "huoyanlan-xianfeng")
    case = next(c for c in brand.cases if "书记" in c.title)
    page = tab.open("/")
    hrefs = search(page, "书记集中培训")
    assert urlsplit(hrefs[0]).path.rstrip("/").endswith(f"cases/{case.slug}"), hrefs[:3]
    first = page.locator(".bh-search .bh-results > li").first
    assert first.locator(".bh-hit-kind").inner_text() == "案例"
    assert first.locator(".bh-hit-brand").inner_text().startswith("所属品牌：" + brand.profile.name)
    # The matching words of the snippet are highlighted (the phrase as one mark where
    # the text holds it whole).
    marks = "".join(first.locator(".bh-hit-excerpt mark").all_inner_texts())
    assert "书记" in marks and "培训" in marks


def _indexed_pages_containing(site: Path, phrase: str) -> set[str]:
    """Brand and case pages (what search indexes) whose content holds ``phrase``."""
    out = set()
    for page in site.glob("brands/**/index.html"):
        html = page.read_text(encoding="utf-8")
        body = html.split("data-pagefind-body", 1)[-1]
        if "data-pagefind-body" in html and phrase in re.sub(r"<[^>]+>", "", body):
            out.add("/" + page.parent.relative_to(site).as_posix() + "/")
    return out


@pytest.mark.parametrize("phrase", ["乡村振兴", "党员先锋岗", "志愿服务"])
def test_a_multi_word_phrase_finds_every_page_containing_it(
    tab: Tab, sample_site: Path, phrase: str
) -> None:
    expected = _indexed_pages_containing(sample_site, phrase)
    assert expected, phrase
    page = tab.open("/")
    search(page, phrase)
    n = int(re.search(r"找到 (\d+) 条", page.locator(".bh-search-status").inner_text()).group(1))
    follow(page, page.locator(".bh-search-more"))
    search_page_done(page)
    while page.locator(".bh-search-next:not([hidden])").count():
        page.locator(".bh-search-next").click()
        search_page_done(page)
    found = {
        urlsplit(a).path
        for a in page.eval_on_selector_all("#bh-sresults a", "as => as.map(a => a.href)")
    }
    assert len(found) == n
    assert expected <= found, expected - found


@pytest.mark.parametrize("slug", ["huoyanlan-xianfeng", "shengming-lvdao", "hongse-daiban"])
def test_pinyin_of_a_name_finds_the_brand_from_the_header(tab: Tab, slug: str) -> None:
    from brandhall.pinyin import initials, pinyin_key

    name = CATALOG.brand(slug).profile.name
    page = tab.open("/gallery/")
    for query in (initials(name), pinyin_key(name).replace(" ", "")[:8]):
        hrefs = search(page, query)
        assert urlsplit(hrefs[0]).path.rstrip("/").endswith(f"brands/{slug}"), (query, hrefs[:3])
        page.keyboard.press("Escape")


def test_search_box_opens_with_slash_and_closes_with_escape(tab: Tab) -> None:
    page = tab.open("/about/")
    dialog = page.locator(".bh-search")
    assert dialog.is_hidden()
    page.keyboard.press("/")
    assert dialog.is_visible()
    assert page.locator(".bh-search-input").get_attribute("placeholder").startswith("搜索")
    assert page.evaluate("() => document.activeElement.classList.contains('bh-search-input')")
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    page.locator(".bh-search-open").click()
    assert dialog.is_visible()


def test_search_page_filters_by_type_and_sector_across_the_index(tab: Tab) -> None:
    fire = [b for b in CATALOG.brands if b.profile.organization.sector == "消防救援"]
    cases = sum(len(b.cases) for b in fire)
    page = tab.open("/search/?行业领域=消防救援&类型=案例")
    search_page_done(page)
    assert page.locator("#bh-scount").inner_text() == f"共 {cases} 条结果"
    kinds = set(page.locator("#bh-sresults .bh-hit-kind").all_inner_texts())
    assert kinds == {"案例"}
    assert page.locator("#bh-search-nojs").is_hidden()
    # Sorting by date puts the newest case first.
    page.select_option("#bh-ssort", "date:desc")
    page.wait_for_function("() => location.search.includes('sort=')")
    search_page_done(page)
    newest = max((c for b in fire for c in b.cases), key=lambda c: c.meta.date)
    assert page.locator("#bh-sresults .bh-hit-title").first.inner_text() == newest.title


def h1(page: Any) -> str:
    return page.locator("h1").inner_text().replace("¶", "").strip()


def settle(page: Any) -> None:
    """Wait until the card list has answered the last change (it may first load its data)."""
    page.wait_for_selector("#bh-grid:not([aria-busy])", state="attached")


def _visible_cards(page: Any) -> list[str]:
    settle(page)
    return page.eval_on_selector_all(
        ".bh-card:not([hidden])", "cards => cards.map(c => c.querySelector('a').textContent.trim())"
    )


def test_gallery_filters_combine_count_and_survive_a_reload(tab: Tab) -> None:
    page = tab.open("/gallery/")
    expected = sorted(
        b.profile.name
        for b in CATALOG.brands
        if b.profile.status.stage == "示范" and (b.profile.status.stars or 0) >= 5
    )
    assert 0 < len(expected) < len(CATALOG.brands)
    page.select_option("#bh-f-stage", "示范")
    page.select_option("#bh-f-stars", "5")
    settle(page)
    assert (
        page.locator("#bh-count").inner_text()
        == f"找到 {len(expected)} 个品牌（共 {len(CATALOG.brands)} 个）"
    )
    assert sorted(_visible_cards(page)) == expected
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"stage": ["示范"], "stars": ["5"]}
    # Other filters show how many brands each choice would leave.
    option = page.locator("#bh-f-sector option", has_text="消防救援")
    fire = sum(
        1
        for b in CATALOG.brands
        if b.profile.organization.sector == "消防救援" and b.profile.name in expected
    )
    assert option.inner_text() == f"消防救援（{fire}）"
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#bh-f-stage").input_value() == "示范"
    assert page.locator("#bh-f-stars").input_value() == "5"
    assert sorted(_visible_cards(page)) == expected
    page.click("#bh-filters button[type=reset]")
    page.wait_for_function("() => !location.search")
    assert len(_visible_cards(page)) == len(CATALOG.brands)


def test_gallery_text_box_matches_names_and_pinyin_initials(tab: Tab) -> None:
    page = tab.open("/gallery/?q=xfjy")
    names = _visible_cards(page)
    assert "火焰蓝先锋" in names
    assert all(
        b.profile.organization.sector == "消防救援" or "消防救援" in b.profile.organization.name
        for b in CATALOG.brands
        if b.profile.name in names
    )
    page.fill("#bh-q", "")
    page.locator("#bh-q").press_sequentially("hylxf")
    assert _visible_cards(page) == ["火焰蓝先锋"]
    page.fill("#bh-q", "青马")
    assert _visible_cards(page) == ["青马学堂"]
    page.fill("#bh-q", "不存在的品牌")
    assert _visible_cards(page) == []
    assert page.locator("#bh-empty").is_visible()


def test_gallery_sorts_by_stars_and_pinyin_and_keeps_the_order_in_the_url(tab: Tab) -> None:
    from brandhall.pinyin import pinyin_key

    page = tab.open("/gallery/")
    recommended = _visible_cards(page)
    assert len(recommended) == len(CATALOG.brands)
    stars = {b.profile.name: b.profile.status.stars or 0 for b in CATALOG.brands}
    page.select_option("#bh-sort", "stars")
    by_stars = sorted(recommended, key=lambda n: (-stars[n], recommended.index(n)))
    assert _visible_cards(page) == by_stars
    assert parse_qs(urlsplit(page.url).query) == {"sort": ["stars"]}
    page.select_option("#bh-sort", "pinyin")
    by_pinyin = sorted(recommended, key=lambda n: (pinyin_key(n), recommended.index(n)))
    assert by_pinyin != recommended
    assert _visible_cards(page) == by_pinyin
    # The order survives a reload and combines with a filter; 清除筛选 keeps it.
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#bh-sort").input_value() == "pinyin"
    assert _visible_cards(page) == by_pinyin
    page.select_option("#bh-f-stage", "示范")
    demo = {b.profile.name for b in CATALOG.brands if b.profile.status.stage == "示范"}
    assert _visible_cards(page) == [n for n in by_pinyin if n in demo]
    page.click("#bh-filters button[type=reset]")
    page.wait_for_function("() => location.search === '?sort=pinyin'")
    assert _visible_cards(page) == by_pinyin
    page.select_option("#bh-sort", "")
    assert _visible_cards(page) == recommended
    assert "sort=" not in page.url


def test_gallery_shows_active_filters_as_removable_chips(tab: Tab) -> None:
    page = tab.open("/gallery/?sector=消防救援&stage=示范")
    chips = page.locator("#bh-chips .bh-chip")
    assert [t.replace("×", "").strip() for t in chips.all_inner_texts()] == [
        "行业领域：消防救援",
        "品牌阶段：示范",
    ]
    page.locator("#bh-chips .bh-chip", has_text="消防救援").click()
    assert page.locator("#bh-f-sector").input_value() == ""
    assert parse_qs(urlsplit(page.url).query) == {"stage": ["示范"]}
    demo = sorted(b.profile.name for b in CATALOG.brands if b.profile.status.stage == "示范")
    assert sorted(_visible_cards(page)) == demo
    assert [t.replace("×", "").strip() for t in chips.all_inner_texts()] == ["品牌阶段：示范"]
    chips.first.click()
    page.wait_for_function("() => !location.search")
    assert not page.locator("#bh-chips").is_visible()
    assert len(_visible_cards(page)) == len(CATALOG.brands)


def test_gallery_filters_are_labelled_and_keyboard_reachable(tab: Tab) -> None:
    page = tab.open("/gallery/")
    for control in page.locator("#bh-filters select, #bh-filters input").all():
        control_id = control.get_attribute("id")
        assert page.locator(f"label[for='{control_id}']").inner_text().strip(), control_id
    page.focus("#bh-q")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "bh-f-sector"
    page.keyboard.press("ArrowDown")
    assert page.locator("#bh-f-sector").input_value() != ""
    assert "sector=" in page.url


def test_gallery_without_javascript_lists_every_brand(browser: Any, base_url: str) -> None:
    t = Tab(browser, base_url, js=False)
    page = t.open("/gallery/")
    assert page.locator(".bh-card").count() == len(CATALOG.brands)
    t.close()


# huoyanlan-xianfeng is learned from by other sample brands (learned_from), so it has
# the 学习借鉴本品牌的单位 section too.
FULL_SECTIONS = ["品牌内涵", "标识释义", "工作法", "主要做法", "工作成效", "荣誉表彰", "经验启示",
                 "适用领域", "典型案例", "评估记录", "学习借鉴本品牌的单位", "相关品牌",
                 "联系方式"]  # fmt: skip
SECTION_IDS = ["connotation", "logo-meaning", "method", "practices", "outcomes", "honors",
               "lessons", "applicable", "cases", "reviews", "learners", "related",
               "contact"]  # fmt: skip


def test_brand_page_shows_every_section(tab: Tab) -> None:
    brand = next(b for b in CATALOG.brands if b.slug == "huoyanlan-xianfeng")
    page = tab.open(f"/brands/{brand.slug}/")
    headings = [h.strip() for h in page.locator("article h2").all_inner_texts()]
    headings = [re.sub(r"[¶#]\s*$", "", h).strip() for h in headings]
    assert headings == FULL_SECTIONS
    # Stable anchors from the section keys, and the table of contents links to them.
    assert page.eval_on_selector_all("article h2", "hs => hs.map(h => h.id)") == SECTION_IDS
    assert page.locator(".md-sidebar--secondary a[href='#practices']").count() == 1
    assert h1(page) == brand.profile.name
    assert page.locator(".bh-slogan").inner_text() == brand.profile.slogan
    logo = page.locator("img.bh-logo")
    assert logo.get_attribute("alt") == f"{brand.profile.name}的品牌标识"
    assert page.evaluate("(img) => img.naturalWidth > 0", logo.element_handle())
    figures = page.locator(".bh-metric").count()
    assert figures == len(brand.profile.metrics)
    assert (
        page.locator(".bh-brand-head .bh-stage").inner_text() == f"{brand.profile.status.stage}品牌"
    )
    for case in brand.cases:
        assert page.locator("a", has_text=case.title).count() == 1
    assert page.locator("table").count() == 2  # honors and reviews


def test_expired_brand_is_badged_due_for_review(tab: Tab) -> None:
    due = [
        b
        for b in CATALOG.brands
        if b.profile.status.valid_until and b.profile.status.valid_until < TODAY.isoformat()
    ]
    assert due
    page = tab.open(f"/brands/{due[0].slug}/")
    assert page.locator(".bh-due").inner_text() == "待复评"
    fresh = next(b for b in CATALOG.brands if b not in due)
    page = tab.open(f"/brands/{fresh.slug}/")
    assert page.locator(".bh-due").count() == 0


def test_case_page_links_back_and_to_its_neighbours(tab: Tab) -> None:
    brand = max(CATALOG.brands, key=lambda b: len(b.cases))
    cases = sorted(brand.cases, key=lambda c: (c.meta.date, c.slug))
    middle = cases[1]
    page = tab.open(f"/brands/{brand.slug}/cases/{middle.slug}/")
    assert h1(page) == middle.title
    assert page.locator(".bh-case-meta a").inner_text() == brand.profile.name
    assert page.locator(".bh-pager a", has_text=cases[0].title).count() == 1
    if len(cases) > 2:
        assert page.locator(".bh-pager a", has_text=cases[2].title).count() == 1
    follow(page, page.locator(".bh-pager a", has_text="返回品牌"))
    assert h1(page) == brand.profile.name


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/gallery/",
        "/brands/hongse-daiban/",
        "/brands/huoyanlan-xianfeng/cases/",
        "/browse/tags/",
        "/stats/",
    ],
)
def test_phone_width_has_no_horizontal_scroll(phone: Tab, path: str) -> None:
    if path.endswith("/cases/"):
        brand = next(b for b in CATALOG.brands if b.slug == "huoyanlan-xianfeng")
        path = f"{path}{brand.cases[0].slug}/"
    page = phone.open(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width}px wide"


@pytest.mark.parametrize("path", ["/", "/gallery/", "/brands/hongse-daiban/", "/about/"])
def test_phone_menu_opens_the_navigation_with_or_without_materials_script(
    phone: Tab, path: str
) -> None:
    # Only /about/ of these loads Material's bundle: elsewhere the menu is its CSS toggle.
    page = phone.open(path)
    left = "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left"
    assert page.evaluate(left) < 0  # the drawer is off screen until the menu is tapped
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function(f"({left})() >= 0")
    nav = page.locator(".md-sidebar--primary .md-nav__link", has_text="典型案例").first
    follow(page, nav)
    assert urlsplit(page.url).path == "/cases/"
    assert phone.errors == []


def test_tables_scroll_in_their_wrapper_without_materials_script(phone: Tab) -> None:
    # Brand pages load no Material bundle; search.js gives their tables its two wrappers,
    # and a table wider than the phone becomes a named, focusable region.
    page = phone.open("/brands/huoyanlan-xianfeng/")
    tables = page.locator(".md-typeset table:not([class])")
    assert tables.count() >= 1
    assert page.locator(".md-typeset__scrollwrap > .md-typeset__table > table").count() == (
        tables.count()
    )
    assert page.evaluate("() => typeof window.document$") == "undefined"
    page.set_viewport_size({"width": 320, "height": 700})
    page.evaluate("() => document.querySelector('.md-typeset table').style.minWidth = '600px'")
    page.evaluate("() => window.dispatchEvent(new Event('resize'))")
    wrap = page.locator(".md-typeset__scrollwrap").first
    expect_attr = "() => document.querySelector('.md-typeset__scrollwrap').tabIndex === 0"
    page.wait_for_function(expect_attr)
    assert wrap.get_attribute("role") == "region"
    assert "表格" in (wrap.get_attribute("aria-label") or "")


def test_honours_table_never_breaks_a_word_on_a_phone(phone: Tab) -> None:
    # "青禾市消防救援支⏎队党委" and "市厅⏎级" were seen at 390 px: the honour, its level and
    # the awarding unit now wrap only between words.
    page = phone.open("/brands/huoyanlan-xianfeng/")
    page.set_viewport_size({"width": 320, "height": 700})
    words = page.evaluate(
        """() => Array.from(document.querySelectorAll('.md-typeset table .bh-w'))
                .map(w => [w.textContent, w.getClientRects().length])"""
    )
    assert len(words) >= 6
    assert [w for w, lines in words if lines != 1] == []


def test_phone_gallery_filters_work(phone: Tab) -> None:
    page = phone.open("/gallery/?sector=消防救援")
    # On a phone the filters wait behind the 筛选与排序 toggle; the chips show what is set.
    assert not page.locator("#bh-filters").is_visible()
    assert page.locator("#bh-chips .bh-chip").count() == 1
    page.locator(".bh-filterbox-toggle").click()
    assert page.locator("#bh-filters").is_visible()
    expected = [
        b.profile.name for b in CATALOG.brands if b.profile.organization.sector == "消防救援"
    ]
    assert sorted(_visible_cards(page)) == sorted(expected)
    box = page.locator(".bh-card:not([hidden])").first.bounding_box()
    assert box["width"] > 300  # one card per row on a phone


def test_every_page_kind_loads_nothing_from_elsewhere(tab: Tab) -> None:
    brand = CATALOG.brands[0]
    for path in [
        "/",
        "/gallery/",
        "/cases/",
        "/browse/",
        "/browse/sectors/",
        f"/brands/{brand.slug}/",
        "/about/",
        "/contribute/",
        "/404.html",
    ]:
        tab.open(path)
    tab.page.goto(tab.base + "/")
    search(tab.page, "先锋")
    tab.open("/search/?q=先锋")
    search_page_done(tab.page)
    assert tab.blocked == []


# The title's last visible line to the 所属品牌/日期 line: no empty line (the ¶ permalink
# once wrapped onto one) and no H1-sized margin between a case's title and its meta.
TITLE_GAP = """
() => {
  const h1 = document.querySelector('.md-content h1');
  const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
  let bottom = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest('.headerlink') || !n.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) bottom = Math.max(bottom, r.bottom);
  }
  return document.querySelector('.bh-case-meta').getBoundingClientRect().top - bottom;
}
"""


@pytest.mark.parametrize("width", [390, 1366])
def test_a_case_title_sits_on_its_meta_line(browser: Any, base_url: str, width: int) -> None:
    t = Tab(browser, base_url, width=width, height=900)
    try:
        for brand in CATALOG.brands[:3]:
            for case in brand.cases:
                page = t.open(f"/brands/{brand.slug}/cases/{case.slug}/")
                assert 0 <= page.evaluate(TITLE_GAP) <= 24, (case.title, width)
    finally:
        t.close()
