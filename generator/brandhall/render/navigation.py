"""The site's navigation, declared once: MkDocs' nav and the home page's entry list
are both made from NAVIGATION."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .facets import BROWSE


@dataclass(frozen=True)
class NavEntry:
    title: str
    page: str
    description: str = ""
    children: tuple[NavEntry, ...] = ()


NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry("首页", "index.md"),
    NavEntry("品牌库", "gallery/index.md", "全部品牌，可组合筛选、按名称或拼音首字母查找"),
    NavEntry("典型案例", "cases/index.md", "按时间排列的全部案例"),
    NavEntry(
        "分类索引",
        "browse/index.md",
        "按行业、地区、标签、荣誉和阶段浏览",
        tuple(NavEntry(f.title, str(f.page)) for f in BROWSE),
    ),
    NavEntry("搜索", "search/index.md", "在全部品牌和案例中搜索，可按类型、行业、地区、年份等筛选"),
    NavEntry("数据概览", "stats/index.md", "按地区、行业、阶段、荣誉和示范带动的统计图"),
)

# Hand-written pages in docs/ that come first, in this order, when they exist.
DOCS_FIRST: tuple[NavEntry, ...] = (
    NavEntry("关于本站", "about.md"),
    NavEntry("投稿指南", "contribute.md", "如何提交一个新品牌"),
)


# Hand-written pages that stay on the site but out of the readers' navigation: IT staff
# reach them from 关于本站 (docs/about.md links them).
NOT_IN_NAV: tuple[str, ...] = ("publishing.md",)


def walk(entries: Iterable[NavEntry] = NAVIGATION) -> Iterator[NavEntry]:
    """Every entry, parents before their children."""
    for entry in entries:
        yield entry
        yield from walk(entry.children)


def mkdocs_nav(docs_pages: Iterable[str]) -> list[Any]:
    """MkDocs' ``nav`` for a site whose docs/ holds ``docs_pages`` (POSIX paths)."""

    def item(entry: NavEntry) -> dict[str, Any]:
        if entry.children:
            return {entry.title: [entry.page, *(item(c) for c in entry.children)]}
        return {entry.title: entry.page}

    docs = sorted(d for d in docs_pages if d not in NOT_IN_NAV)
    first = [e.page for e in DOCS_FIRST if e.page in docs]
    return [item(e) for e in NAVIGATION] + first + [d for d in docs if d not in first]
