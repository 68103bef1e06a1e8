"""Card lists (品牌库, 典型案例) as rendered: pages, pager links and the data file."""

from __future__ import annotations

import json
import re

from brandhall.render.cardlist import (
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
    # Card links and the data file are relative to each page.
    assert "](../../../brands/b50/index.md)" in second
    assert 'data-src="../../cards.js?v=' in second
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


def test_the_data_file_holds_every_card_with_value_ids_and_sort_keys() -> None:
    spec = _list(5)
    text = render_card_list(spec, _header)["gallery/cards.js"]
    prefix = 'window.brandhallCards=window.brandhallCards||{};window.brandhallCards["gallery"]='
    assert text.startswith(prefix)
    data = json.loads(text[len(prefix) :].rstrip().rstrip(";"))
    assert [f["key"] for f in data["facets"]] == ["sector", "tag"]
    assert data["sorts"] == [{"key": "stars", "desc": True}]
    records = data["records"]
    assert len(records) == 5
    page, title, logo, lines, facets, sorts, text_key = records[1]
    assert (page, title, logo) == ("brands/b1/index.md", "品牌00001", ["mono", "品", "bh-hue-1"])
    assert facets == [[0], [0, 1]] and records[0][4] == [[1], []]
    assert sorts == [1]
    assert text_key == "品牌00001\u0001pp"
    assert lines[1] == ["bh-badges", [["示范品牌", "bh-badge", "", ""]]]


def test_the_text_box_folds_full_width_letters_case_and_spaces() -> None:
    assert fold("ｘｆ") == "xf"
    assert fold("ＨＹＬ xf") == "hylxf"
    assert fold("火焰 蓝") == "火焰蓝"
