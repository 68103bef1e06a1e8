"""The reader's pages in Chromium: the home page's entries into the gallery, and 复制链接
(keyboard, Clipboard API, and the fallbacks when a page may not use it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from brandhall.render.facets import FACETS

from .sitetools import follow, serve
from .test_browser import CATALOG, Tab, settle

pytestmark = pytest.mark.browser

BRAND = "/brands/huoyanlan-xianfeng/"


@pytest.fixture(scope="module")
def site_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    t = Tab(browser, site_url)
    yield t
    t.close()


def _visible_cards(page: Any) -> list[str]:
    """The names on the gallery's shown cards, once the card list has answered."""
    settle(page)
    return sorted(
        page.eval_on_selector_all(
            ".bh-card:not([hidden])",
            "cards => cards.map(c => c.querySelector('a').textContent.trim())",
        )
    )


def _names(keep: Any) -> list[str]:
    return sorted(b.profile.name for b in CATALOG.brands if keep(b.profile))


@pytest.mark.parametrize("key", ["sector", "region"])
def test_home_entry_opens_the_gallery_filtered(tab: Tab, key: str) -> None:
    page = tab.open("/")
    heading = "按行业领域找" if key == "sector" else "按地区找"
    entry = page.locator(f"h2:has-text('{heading}') + p a.bh-entry").first
    label = entry.inner_text()
    count = int(entry.locator(".bh-entry-count").inner_text())
    follow(page, entry)
    parts = urlsplit(page.url)
    assert parts.path.endswith("/gallery/")
    value = parse_qs(parts.query)[key][0]
    assert label.startswith(value)
    facet = next(f for f in FACETS if f.key == key)
    expected = _names(lambda p: value in facet.values(p))
    assert _visible_cards(page) == expected and len(expected) == count > 0
    # The gallery shows the filter as set, so the reader can change or clear it.
    assert page.locator(f"#bh-f-{key}").input_value() == value


def test_home_figures_and_feed_link(tab: Tab) -> None:
    page = tab.open("/")
    figures = page.locator(".bh-figure a")
    assert figures.count() == 4
    demo = sum(1 for b in CATALOG.brands if b.profile.status.stage == "示范")
    follow(page, figures.nth(2))
    assert parse_qs(urlsplit(page.url).query) == {"stage": ["示范"]}
    assert len(_visible_cards(page)) == demo
    assert _visible_cards(page) == _names(lambda p: p.status.stage == "示范")
    page = tab.open("/")
    href = page.locator("link[rel=alternate][type='application/atom+xml']").get_attribute("href")
    response = page.request.get(tab.base + "/" + href)
    assert response.ok and b"<feed" in response.body()


def _tab_to(page: Any, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_copy_link_with_the_keyboard(tab: Tab) -> None:
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=tab.base)
    page = tab.open(BRAND + "#practices")
    button = page.locator("button[data-bh-copy]")
    assert button.is_visible() and button.inner_text() == "复制链接"
    _tab_to(page, "button[data-bh-copy]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.bh-copy-status').textContent !== ''")
    assert page.locator(".bh-copy-status").inner_text() == "链接已复制"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == tab.base + BRAND  # the page, without the section anchor


def test_copy_link_falls_back_to_a_selected_link(browser: Any, site_url: str) -> None:
    """No Clipboard API (plain-http intranet) and no copy command: the link is shown,
    selected, for Ctrl+C."""
    t = Tab(browser, site_url)
    try:
        t.context.add_init_script(
            "Object.defineProperty(navigator, 'clipboard', {value: undefined});"
            "document.execCommand = function () { return false; };"
        )
        page = t.open(BRAND)
        page.locator("button[data-bh-copy]").click()
        box = page.locator(".bh-copy-box")
        assert box.is_visible() and box.input_value() == site_url + BRAND
        assert page.evaluate("document.activeElement.className") == "bh-copy-box"
        assert page.evaluate("getSelection().toString() || document.activeElement.selectionEnd")
        assert "Ctrl+C" in page.locator(".bh-copy-status").inner_text()
    finally:
        t.close()


def test_copy_link_is_not_shown_without_javascript(browser: Any, site_url: str) -> None:
    t = Tab(browser, site_url, js=False)
    try:
        page = t.open(BRAND)
        assert page.locator("button[data-bh-copy]").count() == 1
        assert not page.locator("button[data-bh-copy]").is_visible()
    finally:
        t.close()
