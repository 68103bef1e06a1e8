"""Search as a reader judges it, in Chromium: a query that only partly matches says so,
and (over a generated catalog of hundreds of brands plus the samples) names, case titles,
practice phrases, pinyin and multi-word phrases find what they should."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .sitetools import serve

pytestmark = pytest.mark.browser


def open_site(browser: Any, base: str, path: str = "/") -> Any:
    """A page on the local site; every other request is refused and fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    blocked: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base + "/"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    page.bh_blocked, page.bh_errors = blocked, errors  # checked by close_site
    return page


def close_site(page: Any) -> None:
    blocked, errors = page.bh_blocked, page.bh_errors
    page.context.close()
    assert blocked == [], blocked
    assert errors == [], errors


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
    # 潜水艇 occurs nowhere: Pagefind drops it and returns what 乡村振兴 finds.
    paths = header_search(page, "乡村振兴潜水艇")
    assert paths
    note = page.locator(".bh-search .bh-search-partial")
    assert note.is_visible()
    assert "没有同时包含全部词语" in note.inner_text() and "潜水" in note.inner_text()
    lacking = page.locator(".bh-search .bh-hit-lacking").all_inner_texts()
    assert len(lacking) == len(paths) and all("潜水" in t for t in lacking)
    # The full search page says the same.
    page.locator(".bh-search-more").click()
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => /共 \\d+ 条/.test(document.getElementById('bh-scount').textContent)"
    )
    assert page.locator(".md-content .bh-search-partial").is_visible()

    # A query every result holds in full: no note, no 不含 line.
    page.goto(sample_url + "/")
    page.wait_for_load_state("networkidle")
    assert header_search(page, "乡村振兴")
    assert page.locator(".bh-search .bh-search-partial").is_hidden()
    assert page.locator(".bh-search .bh-hit-lacking").count() == 0
    close_site(page)
