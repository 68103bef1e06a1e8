"""Card lists (品牌库, 典型案例) as rendered: pages, pager links and the data file."""

from __future__ import annotations

import dataclasses
import json
import re

from brandhall.render.cardlist import (
    CHUNK,
    PAGE_SIZE,
    Card,
    CardList,
    Line,
    ListFacet,
    ListSort,
    Span,
    fold,
    render_card_list,
)


def _list(n: int) -> CardList:
    cards = [
        Card(
            page=f"brands/b{i}/index.md",
            title=f"品牌{i:05d}",
            lines=(
                Line("bh-card-meta", ("消防救援 · 浙江省",)),
                Line("bh-badges", (Span("示范品牌", "bh-badge"),)),
            ),
            facets={
                "sector": ["消防救援" if i % 3 else "农村"],
                "tag": ["甲", "乙"] if i % 2 else [],
            },
            sorts={"stars": i % 5},
            text=(f"品牌{i:05d}", "pp"),
            mono="品",
            hue="bh-hue-1",
        )
        for i in range(n)
    ]
    return CardList(
        name="gallery",
        noun="品牌",
        label="筛选品牌",
        text_label="名称",
        placeholder="",
        empty="空",
        facets=[
            ListFacet("sector", "行业领域", [("消防救援", "消防救援"), ("农村", "农村")]),
            ListFacet("tag", "标签", [("甲", "甲"), ("乙", "乙")]),
        ],
        sorts=[ListSort("", "推荐"), ListSort("stars", "星级", descending=True)],
        cards=cards,
    )


def _header(n: int, pages: int) -> str:
    return f"# 品牌库 {n}/{pages}\n"


def test_a_long_list_is_split_into_static_pages_that_link_each_other() -> None:
    spec = _list(2 * PAGE_SIZE + 1)
    out = render_card_list(spec, _header)
    assert sorted(k for k in out if k.endswith(".md")) == [
        "gallery/index.md",
        "gallery/page/2/index.md",
        "gallery/page/3/index.md",
    ]
    first, second, third = (
        out[k] for k in ("gallery/index.md", "gallery/page/2/index.md", "gallery/page/3/index.md")
    )
    # Each page holds its own cards, in order, and no other page's.
    assert "品牌00000" in first and f"品牌{PAGE_SIZE - 1:05d}" in first
    assert f"品牌{PAGE_SIZE:05d}" not in first and f"品牌{PAGE_SIZE:05d}" in second
    assert f"品牌{2 * PAGE_SIZE:05d}" in third and "品牌00000" not in third
    # Previous and next are links to real pages (Markdown links MkDocs resolves).
    assert "[下一页 ›](page/2/index.md)" in first and "上一页" not in first
    assert "[‹ 上一页](../../index.md)" in second and "[下一页 ›](../3/index.md)" in second
    assert "[‹ 上一页](../2/index.md)" in third and "下一页" not in third
    # Card links (finished HTML: the addresses MkDocs gives the pages) and the data file
    # are relative to each page.
    assert '<a href="../../../brands/b50/">' in second
    assert 'data-src="../../index.js?v=' in second
    # The script knows which records the page's own cards are.
    assert 'id="bh-grid" data-first="48"' in second
    assert "共 97 个品牌，本页第 49–96 个" in second


def test_a_short_list_has_one_page_and_no_pager() -> None:
    out = render_card_list(_list(3), _header)
    assert [k for k in out if k.endswith(".md")] == ["gallery/index.md"]
    assert "bh-pager" not in out["gallery/index.md"]
    assert "共 3 个品牌" in out["gallery/index.md"]


def test_the_filters_are_in_the_page_not_revealed_by_the_script() -> None:
    page = render_card_list(_list(3), _header)["gallery/index.md"]
    form = re.search(r"<form [^>]*>", page).group(0)
    assert "hidden" not in form
    # On phones the form sits behind a 筛选 toggle that works without JavaScript.
    assert page.index('<details class="bh-filterbox">') < page.index("<form ")
    assert "<summary" in page
    # Counts are there before any script runs.
    assert "消防救援（2）" in page and "农村（1）" in page


def _js(text: str, key: str) -> object:
    prefix = f'window.brandhallCards=window.brandhallCards||{{}};window.brandhallCards["{key}"]='
    assert text.startswith(prefix)
    return json.loads(text[len(prefix) :].rstrip().rstrip(";"))


def test_the_filter_index_holds_value_ids_sort_ranks_and_names_of_every_card() -> None:
    out = render_card_list(_list(5), _header)
    data = _js(out["gallery/index.js"], "gallery")
    assert [f["key"] for f in data["facets"]] == ["sector", "tag"]
    assert data["sorts"] == [{"key": "stars", "desc": True}]
    assert data["count"] == 5 and data["chunk"] == CHUNK
    # Per facet, per card: one value id as a number, several as a list, none as -1.
    assert data["f"] == [[1, 0, 0, 1, 0], [-1, [0, 1], -1, [0, 1], -1]]
    # Per order, per card: its rank (stars 0, 1, 2, 3, 4).
    assert data["s"] == [[0, 1, 2, 3, 4]]
    assert data["t"][1] == "品牌00001\u0001pp"
    # What a card shows is not in the index.
    assert "bh-badge" not in out["gallery/index.js"]


def test_sort_ranks_keep_the_order_and_ties_of_the_keys() -> None:
    from brandhall.render.cardlist import _ranks

    assert _ranks(["b", "a", "b", "c"]) == [1, 0, 1, 2]
    assert _ranks([20260101, 20250101, 20260101]) == [1, 0, 1]


def test_what_the_cards_show_is_in_chunks_in_list_order() -> None:
    n = 2 * CHUNK + 3
    out = render_card_list(_list(n), _header)
    chunks = sorted(k for k in out if k.startswith("gallery/cards/"))
    assert chunks == ["gallery/cards/0.js", "gallery/cards/1.js", "gallery/cards/2.js"]
    records: list[list[object]] = []
    for k in range(3):
        records += _js(out[f"gallery/cards/{k}.js"], f"gallery/{k}")  # type: ignore[arg-type]
    assert len(records) == n
    page, title, logo, lines = records[CHUNK + 1]
    assert (page, title, logo) == (
        f"brands/b{CHUNK + 1}/index.md",
        f"品牌{CHUNK + 1:05d}",
        ["mono", "品", "bh-hue-1"],
    )
    assert lines[1] == ["bh-badges", [["示范品牌", "bh-badge", "", ""]]]
    # A changed card is a new data URL (a cached old chunk is never shown with a new index).
    spec = _list(n)
    renamed = dataclasses.replace(spec.cards[-1], lines=())
    other = render_card_list(dataclasses.replace(spec, cards=[*spec.cards[:-1], renamed]), _header)
    assert other["gallery/index.js"] == out["gallery/index.js"]
    version = re.compile(r'data-src="index.js\?v=(\w+)"')
    assert version.search(other["gallery/index.md"]).group(1) != version.search(  # type: ignore[union-attr]
        out["gallery/index.md"]
    ).group(1)  # type: ignore[union-attr]


def test_the_text_box_folds_full_width_letters_case_and_spaces() -> None:
    assert fold("ｘｆ") == "xf"
    assert fold("ＨＹＬ xf") == "hylxf"
    assert fold("火焰 蓝") == "火焰蓝"


def test_cards_link_to_html_files_when_the_site_has_no_directory_urls() -> None:
    # The offline edition (file://) and a site with use_directory_urls: false.
    spec = dataclasses.replace(_list(PAGE_SIZE + 1), directory_urls=False)
    out = render_card_list(spec, _header)
    assert '<a href="../brands/b0/index.html">' in out["gallery/index.md"]
    assert '<a href="../../../brands/b48/index.html">' in out["gallery/page/2/index.md"]
