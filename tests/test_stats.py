"""The 数据概览 page: its numbers against counts made here from the catalog, its charts
without JavaScript, its links into the gallery, and axe."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from brandhall.load import load_catalog

from .conftest import ROOT, TODAY
from .sitetools import axe_violations, follow, format_violations
from .test_browser import Tab, _visible_cards, base_url  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

CATALOG = load_catalog(ROOT / "brands", today=TODAY).catalog
PROFILES = [b.profile for b in CATALOG.brands]
STAGE_NAMES = {"示范": "示范品牌", "命名": "命名品牌", "培育": "培育品牌", "摘牌": "已摘牌"}


class _Tables(HTMLParser):
    """Rows of every ``table.bh-data`` by chart, and every chart link's accessible name
    (its <title>)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.lead = ""
        self._table: str | None = None
        self._chart: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_lead = False
        self._href: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "figure" and (a.get("id") or "").startswith("bh-chart-"):
            self._chart = (a["id"] or "").removeprefix("bh-chart-")
        elif tag == "a" and self._chart and a.get("href"):
            self._href = a["href"]
        elif tag == "title" and self._href is not None and self._chart:
            self.links[self._chart].append(("", self._href))
            self._href = None
            self._in_title = True
        elif tag == "table" and "bh-data" in (a.get("class") or ""):
            self._table = (a.get("id") or "").removeprefix("bh-data-")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "p" and "bh-lead" in (a.get("class") or ""):
            self._in_lead = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == "figure":
            self._chart = None
        elif tag == "p":
            self._in_lead = False
        elif tag == "title" and self._in_title and self._chart:
            self._in_title = False
        elif tag == "a":
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_lead:
            self.lead += data
        if self._in_title and self._chart:
            label, href = self.links[self._chart][-1]
            self.links[self._chart][-1] = (label + data, href)


@pytest.fixture(scope="module")
def page(sample_site: Path) -> _Tables:
    parser = _Tables()
    parser.feed((sample_site / "stats" / "index.html").read_text(encoding="utf-8"))
    return parser


def _num(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,}"


def _body(page: _Tables, chart: str) -> dict[str, list[str]]:
    rows = page.tables[chart][1:]  # the header row first
    return {row[0]: row[1:] for row in rows}


def test_numbers_equal_counts_made_from_the_catalog(page: _Tables) -> None:
    regions = Counter(p.organization.region[0] for p in PROFILES)
    assert _body(page, "region") == {r: [str(n)] for r, n in regions.items()}
    sectors = Counter(p.organization.sector for p in PROFILES)
    assert _body(page, "sector") == {s: [str(n)] for s, n in sectors.items()}
    stages = Counter(STAGE_NAMES[p.status.stage] for p in PROFILES)
    assert _body(page, "stage") == {s: [str(n)] for s, n in stages.items()}

    stars = [p.status.stars for p in PROFILES if p.status.stars]
    expected_stars = {
        f"{n} 星及以上": [str(sum(s >= n for s in stars)), str(stars.count(n))]
        for n in range(1, 6)
        if any(s >= n for s in stars)
    }
    assert _body(page, "stars") == expected_stars

    honors: Counter[str] = Counter()
    honored: dict[str, set[str]] = defaultdict(set)
    for b in CATALOG.brands:
        for honor in b.profile.honors:
            honors[honor.level] += 1
            honored[honor.level].add(b.slug)
    assert _body(page, "honor") == {
        lvl: [str(n), str(len(honored[lvl]))] for lvl, n in honors.items()
    }

    years = Counter(p.established[:4] for p in PROFILES)
    assert _body(page, "year") == {y: [str(n)] for y, n in years.items()}

    scores: dict[str, list[float]] = defaultdict(list)
    for p in PROFILES:
        for r in p.reviews:
            scores[r.date[:4]].append(r.score)
    assert _body(page, "reviews") == {
        y: [_num(round(sum(s) / len(s), 1)), str(len(s)), _num(min(s)), _num(max(s))]
        for y, s in scores.items()
    }

    learners: dict[str, set[str]] = defaultdict(set)
    for b in CATALOG.brands:
        for entry in b.profile.learned_from:
            learners[entry.brand].add(b.slug)
    learned = _body(page, "learned")
    assert {name: cells[0] for name, cells in learned.items()} == {
        CATALOG.brand(slug).profile.name: str(len(who)) for slug, who in learners.items()
    }
    assert list(learned) == sorted(learned, key=lambda n: -int(learned[n][0]))
    assert sum(len(w) for w in learners.values()) >= 6  # the samples do record learning

    assert f"共 {len(CATALOG.brands)} 个品牌、{len(CATALOG.cases)} 个典型案例" in page.lead
    assert f"记录了 {sum(len(b.profile.learned_from) for b in CATALOG.brands)} 次" in page.lead


def test_every_bar_is_labelled_with_its_number_and_links_to_the_gallery(page: _Tables) -> None:
    for chart in ("region", "sector", "stage", "stars", "honor", "year"):
        table = _body(page, chart)
        links = page.links[chart]
        assert len(links) == len(table), chart
        for label, href in links:
            name, _, shown = label.partition("：")
            assert table[name.removesuffix("年")][0] == shown.removesuffix(" 个品牌"), label
            assert href.startswith("../gallery/index.html?"), href
    for label, href in page.links["learned"]:
        slug = href.split("/")[2]
        assert label.startswith(CATALOG.brand(slug).profile.name + "：")


def test_stats_page_reads_without_javascript(browser: Any, base_url: str) -> None:  # noqa: F811
    tab = Tab(browser, base_url, js=False)
    page = tab.open("/stats/")
    figures = page.locator("figure.bh-chart")
    assert figures.count() == 8
    for i in range(figures.count()):
        svg = figures.nth(i).locator("svg")
        box = svg.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 50
        assert svg.locator("title").count() >= 1
        assert figures.nth(i).locator("table.bh-data tbody tr").count() >= 1
    # the nav lists the page, and a map cell takes the reader to the gallery
    assert page.locator('.md-nav a:has-text("数据概览")').count() >= 1
    follow(
        page, page.locator("#bh-chart-region svg").get_by_role("link", name=re.compile("^浙江省"))
    )
    assert unquote(page.url).endswith("/gallery/index.html?region=浙江省")
    tab.close()


@pytest.mark.parametrize("chart", ["region", "sector", "stage", "stars", "honor", "year"])
def test_a_bar_opens_the_gallery_filtered_to_it(
    browser: Any,
    base_url: str,  # noqa: F811
    page: _Tables,
    chart: str,
) -> None:
    label, href = page.links[chart][-1]
    name = label.partition("：")[0].removesuffix("年")
    row = _body(page, chart)[name]
    expected = int(row[-1] if chart == "honor" else row[0])  # honours: brands, not honours
    tab = Tab(browser, base_url)
    gallery = tab.open("/stats/" + href)
    assert len(_visible_cards(gallery)) == expected, href
    tab.close()


def test_axe_finds_no_violations_on_the_stats_page(browser: Any, base_url: str) -> None:  # noqa: F811
    # The vendored axe-core, as tests/test_accessibility.py runs it on every page type.
    for size in ((1366, 900), (390, 844)):
        violations = axe_violations(browser, base_url + "/stats/", size)
        assert violations == [], f"{size}:\n" + format_violations(violations)
