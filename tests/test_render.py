"""Unit tests of the pure render core: Catalog in, Markdown out, no site build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from brandhall.catalog import Brand, Catalog
from brandhall.load import load_catalog
from brandhall.render import render_site
from brandhall.render.common import (
    format_date,
    format_number,
    md_block,
    md_list_item,
    md_text,
    stars_text,
)
from brandhall.visibility import INTRANET_ONLY, visible_catalog

from .conftest import TODAY, VALID


def _catalog(tmp_path: Path, variants: dict[str, dict]) -> Catalog:
    root = tmp_path / "brands"
    for slug, changes in variants.items():
        shutil.copytree(VALID, root / slug)
        data = yaml.safe_load((VALID / "brand.yml").read_text(encoding="utf-8"))
        for key, value in changes.items():
            node = data
            *parents, last = key.split(".")
            for part in parents:
                node = node[part]
            if value is None:
                node.pop(last, None)
            else:
                node[last] = value
        (root / slug / "brand.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
        if "logo" not in data:  # no logo file without a logo entry (that is a warning)
            (root / slug / "logo.svg").unlink()
    result = load_catalog(root, today=TODAY)
    assert result.problems == (), result.problems
    return result.catalog


def test_text_helpers() -> None:
    assert md_text("a*b_[c]") == r"a\*b\_\[c\]"
    assert md_block("# 大标题\n\n正文\n\n## 小标题", 3) == "### 大标题\n\n正文\n\n#### 小标题"
    assert md_list_item("第一行\n第二行", "1.") == "1. 第一行\n   第二行"
    # a list written right under a line of text still becomes a list
    assert md_block("组成：\n- 闪电\n- 红色", 3) == "组成：\n\n- 闪电\n- 红色"
    assert md_block("```\n说明\n- 不是列表\n```", 3) == "```\n说明\n- 不是列表\n```"
    assert format_date("2024-06-01") == "2024年6月1日"
    assert format_date("2024-06") == "2024年6月"
    assert format_number(1260) == "1,260" and format_number(99.5) == "99.5"
    assert stars_text(3) == "★★★☆☆" and stars_text(None) == ""


def test_gallery_order_is_stage_then_stars_then_pinyin(tmp_path: Path) -> None:
    catalog = _catalog(
        tmp_path,
        {
            "a": {"name": "阿尔法", "status.stage": "培育", "status.stars": 5},
            "b": {"name": "北斗", "status.stage": "示范", "status.stars": 3},
            "c": {"name": "春雷", "status.stage": "示范", "status.stars": 5},
            "d": {"name": "安澜", "status.stage": "示范", "status.stars": 5},
        },
    )
    gallery = render_site(catalog, TODAY).pages["gallery/index.md"]
    # Each card's title links to its brand page: 安澜 (d), 春雷 (c), 北斗 (b), 阿尔法 (a).
    order = [gallery.index(f'<a href="../brands/{slug}/">') for slug in "dcba"]
    assert order == sorted(order)


def test_related_lists_explicit_first_then_closest_never_itself(tmp_path: Path) -> None:
    catalog = _catalog(
        tmp_path,
        {
            "a": {"name": "甲品牌", "related": ["d"]},
            "b": {"name": "乙品牌"},  # same sector, tags and region as a
            "c": {
                "name": "丙品牌",
                "organization.sector": "农村",
                "tags": ["别的"],
                "organization.region": ["云南省"],
            },
            "d": {
                "name": "丁品牌",
                "organization.sector": "金融",
                "tags": ["无关"],
                "organization.region": ["河南省"],
            },
        },
    )
    page = render_site(catalog, TODAY).pages["brands/a/index.md"]
    related = page.split("## 相关品牌")[1].split("\n## ")[0]
    cards = re.findall(r"\[(.+?)\]\((\.\./\w+/index\.md)\)\{ \.bh-mini-name \}", related)
    assert cards[:2] == [("丁品牌", "../d/index.md"), ("乙品牌", "../b/index.md")]
    reasons = re.findall(r'<p class="bh-reasons">(.*?)</p>', related)
    assert "本品牌推荐参考" in reasons[0]
    assert "同行业：消防救援" in reasons[1] and "共同标签：先锋岗、智慧党建" in reasons[1]
    assert "甲品牌" not in related


def _section(page: str, title: str) -> list[str]:
    part = re.split(rf"## {title}(?: \{{ #[a-z-]+ \}})?\n", page)[1].split("\n## ")[0]
    return [ln for ln in part.splitlines() if ln.startswith("- ")]


def test_learned_from_shows_on_both_brands_pages(tmp_path: Path) -> None:
    learned = [
        {"brand": "b", "what": "借鉴党员先锋岗", "date": "2024-03"},
        {"brand": "c", "what": "借鉴地头课堂", "date": "2025-01-05"},
    ]
    catalog = _catalog(
        tmp_path,
        {
            "a": {"name": "甲品牌", "learned_from": learned},
            "b": {"name": "乙品牌", "organization.name": "乙单位党支部"},
            "c": {
                "name": "丙品牌",
                "learned_from": [{"brand": "b", "what": "也学", "date": "2023-01"}],
            },
        },
    )
    pages = render_site(catalog, TODAY).pages
    a, b = pages["brands/a/index.md"], pages["brands/b/index.md"]
    assert _section(a, "借鉴了") == [
        '- [乙品牌](../b/index.md)（乙单位党支部，<span class="bh-date">2024年3月</span>）：借鉴党员先锋岗',
        '- [丙品牌](../c/index.md)（某市测试单位党支部，<span class="bh-date">2025年1月5日</span>）：借鉴地头课堂',
    ]
    assert "学习借鉴本品牌的单位" not in a
    # the reverse direction, in gallery order (same stage and stars: pinyin, 丙 before 甲)
    learners = _section(b, "学习借鉴本品牌的单位")
    assert [ln.split("（")[0] for ln in learners] == [
        "- [丙品牌](../c/index.md)",
        "- [甲品牌](../a/index.md)",
    ]
    assert learners[1].endswith("：借鉴党员先锋岗")
    assert "## 借鉴了" not in b
    # the public edition shows the same links
    public = render_site(visible_catalog(catalog, "public"), TODAY).pages["brands/b/index.md"]
    assert _section(public, "学习借鉴本品牌的单位") == learners


def test_brand_without_logo_or_cases_gets_monogram_and_empty_state(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, {"a": {"name": "云端支部", "logo": None}})
    shutil.rmtree(tmp_path / "brands" / "a" / "cases")
    catalog = load_catalog(tmp_path / "brands", today=TODAY).catalog
    page = render_site(catalog, TODAY).pages["brands/a/index.md"]
    assert 'class="bh-logo bh-monogram' in page and ">云</span>" in page
    assert "这个品牌还没有典型案例。" in page
    assert "## 标识释义" not in page


def test_due_for_review_badge_depends_on_valid_until(tmp_path: Path) -> None:
    catalog = _catalog(
        tmp_path,
        {"a": {"name": "过期品牌", "status.valid_until": "2026-11-30"}, "b": {"name": "有效品牌"}},
    )
    pages = render_site(catalog, TODAY).pages
    assert "待复评" in pages["brands/a/index.md"]
    assert "待复评" not in pages["brands/b/index.md"]
    # explained: a tooltip on the badge and visible words next to the date in the facts
    assert (
        'title="有效期至 2026年11月30日，已过期，待重新评估（复评）">待复评<'
        in pages["brands/a/index.md"]
    )
    assert (
        '- **有效期至**<span class="bh-fact-value"><span class="bh-date">2026年11月30日</span>'
        '<span class="bh-due-note">（有效期已过，待复评）</span></span>'
        in pages["brands/a/index.md"]
    )


def test_brand_and_case_pages_have_breadcrumbs_and_stable_anchors(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, {"a": {"name": "甲品牌", "organization.sector": "消防救援"}})
    pages = render_site(catalog, TODAY).pages
    brand = pages["brands/a/index.md"]
    crumbs = brand.split('<nav class="bh-breadcrumb"')[1].split("</nav>")[0]
    assert "[品牌库](../../gallery/index.md)" in crumbs
    assert (
        "[消防救援](../../gallery/index.md?sector=%E6%B6%88%E9%98%B2%E6%95%91%E6%8F%B4)" in crumbs
    )
    assert '<span aria-current="page">甲品牌</span>' in crumbs
    assert brand.index("bh-breadcrumb") < brand.index("# 甲品牌")
    for key, title in (
        ("connotation", "品牌内涵"),
        ("practices", "主要做法"),
        ("cases", "典型案例"),
    ):
        assert f"## {title} {{ #{key} }}\n" in brand
    case = next(v for k, v in pages.items() if k.startswith("brands/a/cases/"))
    assert "[甲品牌](../../../brands/a/index.md)" in case.split("</nav>")[0]


def test_zero_stars_show_nothing_anywhere(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, {"a": {"name": "零星品牌", "status.stars": None}})
    pages = render_site(catalog, TODAY).pages
    for src in ("brands/a/index.md", "gallery/index.md"):
        assert "bh-stars" not in pages[src] and "☆" not in pages[src], src


def test_public_build_leaves_out_intranet_only_fields(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, {"a": {"name": "内网品牌"}})
    intranet = render_site(visible_catalog(catalog, "intranet"), TODAY).pages["brands/a/index.md"]
    public = render_site(visible_catalog(catalog, "public"), TODAY).pages["brands/a/index.md"]
    for value in (
        "王明",
        "0571-88880000",
        "test@example.org",
        "某市委组织部",
        "特色鲜明",
        "12 名党员",
    ):
        assert value in intranet
        assert value not in public
    assert "## 评估记录" in public  # the scores stay


def test_a_renderer_cannot_receive_an_intranet_only_field(tmp_path: Path) -> None:
    """A new renderer that reads contact, members or review remarks gets them on the
    intranet edition and fails on the public one: the public types do not have them."""
    catalog = _catalog(tmp_path, {"a": {"name": "内网品牌"}})

    def careless_renderer(brand: Brand) -> str:
        p = brand.profile
        return f"{p.contact.phone} {p.organization.members} {p.reviews[0].summary}"

    intranet = visible_catalog(catalog, "intranet").brand("a")
    assert careless_renderer(intranet) == "0571-88880000 12 特色鲜明。"
    public = visible_catalog(catalog, "public").brand("a")
    with pytest.raises(AttributeError):
        careless_renderer(public)
    public_type = type(public.profile)
    for path in INTRANET_ONLY:
        head, _, rest = path.partition(".")
        head = head.removesuffix("[]")
        if not rest:
            assert head not in public_type.model_fields, path
            continue
        child = getattr(public.profile, head)
        child = child[0] if isinstance(child, list) else child
        assert rest not in type(child).model_fields, path
        assert rest not in child.model_dump(), path
    # Everything else is still there, unchanged.
    assert public.profile.practices == intranet.profile.practices
    assert public.profile.organization.name == intranet.profile.organization.name
    assert public.profile.reviews[0].score == intranet.profile.reviews[0].score


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, {"a": {"name": "甲品牌"}, "b": {"name": "乙品牌"}})
    assert render_site(catalog, TODAY).files() == render_site(catalog, TODAY).files()


def test_index_pages_count_brands(tmp_path: Path) -> None:
    catalog = _catalog(
        tmp_path,
        {
            "a": {"name": "甲品牌"},
            "b": {"name": "乙品牌"},
            "c": {"name": "丙品牌", "organization.sector": "农村"},
        },
    )
    pages = render_site(catalog, TODAY).pages
    sectors = pages["browse/sectors.md"]
    assert "## 消防救援（2）" in sectors and "## 农村（1）" in sectors
    assert "共 3 个品牌" in pages["gallery/index.md"]
    assert ">消防救援（2）</option>" in pages["gallery/index.md"]


def test_empty_catalog_renders_empty_states(tmp_path: Path) -> None:
    (tmp_path / "brands").mkdir()
    catalog = load_catalog(tmp_path / "brands", today=TODAY).catalog
    pages = render_site(catalog, TODAY).pages
    assert "品牌库里还没有品牌。" in pages["gallery/index.md"]
    assert "还没有典型案例。" in pages["cases/index.md"]
    assert "暂时还没有示范品牌。" in pages["index.md"]
