"""render_site: Catalog -> every generated page (Markdown) and the files they show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from ..visibility import BuildProfile
from .brand import brand_src, case_src, render_brand_page, render_case_page
from .context import DIMENSIONS, SiteContext
from .listing import (
    render_browse_index,
    render_cases_index,
    render_dimension,
    render_gallery,
    render_home,
)

DEFAULT_SITE_NAME = "党建品牌展示馆"


@dataclass
class SitePages:
    """Generated pages by source path, and brand files to copy by their site path."""

    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, Path] = field(default_factory=dict)
    # Pages the navigation lists, in order; brand and case pages are reached from indexes.
    nav: list[tuple[str, str]] = field(default_factory=list)

    def files(self) -> dict[str, str | bytes]:
        out: dict[str, str | bytes] = dict(self.pages)
        for rel, src in self.assets.items():
            out[rel] = src.read_bytes()
        return dict(sorted(out.items()))


def render_site(
    catalog: Catalog,
    today: dt.date | str,
    build: BuildProfile = "intranet",
    site_name: str = DEFAULT_SITE_NAME,
) -> SitePages:
    today_s = today if isinstance(today, str) else today.isoformat()
    ctx = SiteContext.create(catalog, today_s, build)
    site = SitePages()
    site.pages["index.md"] = render_home(ctx, site_name)
    site.pages["gallery/index.md"] = render_gallery(ctx)
    site.pages["cases/index.md"] = render_cases_index(ctx)
    site.pages["browse/index.md"] = render_browse_index(ctx)
    for dim, title, page in DIMENSIONS:
        site.pages[page] = render_dimension(ctx, dim, title)
    for brand in ctx.brands:
        site.pages[brand_src(brand.slug)] = render_brand_page(ctx, brand)
        cases = sorted(brand.cases, key=lambda c: (c.meta.date, c.slug))
        for i, case in enumerate(cases):
            prev = cases[i - 1] if i > 0 else None
            nxt = cases[i + 1] if i + 1 < len(cases) else None
            site.pages[case_src(brand.slug, case.slug)] = render_case_page(
                ctx, brand, case, prev, nxt
            )
        for rel in brand.assets:
            site.assets[f"brands/{brand.slug}/{rel}"] = brand.folder / rel
    site.nav = [
        ("首页", "index.md"),
        ("品牌库", "gallery/index.md"),
        ("典型案例", "cases/index.md"),
        ("分类索引", "browse/index.md"),
        *[(title, page) for _dim, title, page in DIMENSIONS],
    ]
    return site
