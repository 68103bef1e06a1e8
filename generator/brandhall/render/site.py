"""render_site: Catalog -> every generated page (Markdown) and the files they show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from ..options import Edition
from ..safety.images import IMAGE_MAX_BYTES
from ..safety.svg import clean_svg
from .brand import brand_src, case_src, render_brand_page, render_case_page
from .context import SiteContext
from .facets import BROWSE
from .feed import FEED_PATH, render_feed
from .listing import (
    render_browse_index,
    render_cases_index,
    render_dimension,
    render_gallery,
    render_home,
)
from .searchpage import SEARCH_PAGE, render_search_page
from .stats import render_stats

DEFAULT_SITE_NAME = "党建品牌展示馆"


def published_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix.lower() != ".svg":
        return data
    cleaned = clean_svg(data, max_bytes=IMAGE_MAX_BYTES)  # sizes were checked on load
    if cleaned.svg is None:  # the loader refused it already; never publish it as written
        raise ValueError(f"{path}: {cleaned.reason}")
    return cleaned.svg


@dataclass
class SitePages:
    """Generated pages by source path, and brand files to copy by their site path."""

    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, Path] = field(default_factory=dict)
    # Generated files that are not pages, by site path (the Atom feed).
    static: dict[str, bytes] = field(default_factory=dict)

    def asset_bytes(self, site_path: str) -> bytes:
        """What the site publishes for a brand file: an SVG as rebuilt from the allowlist
        (safety/svg.py), never as written; a raster image as checked by the loader."""
        return published_bytes(self.assets[site_path])

    def files(self) -> dict[str, str | bytes]:
        out: dict[str, str | bytes] = dict(self.pages)
        out.update(self.static)
        for rel in self.assets:
            out[rel] = self.asset_bytes(rel)
        return dict(sorted(out.items()))


def render_site(
    visible: Catalog,
    today: dt.date | str,
    site_name: str = DEFAULT_SITE_NAME,
    site_url: str | None = None,
    *,
    edition: Edition = "intranet",
    exchange_url: str | None = None,
    directory_urls: bool = True,
) -> SitePages:
    """Every page of the site from ``visible``, the catalog as one edition may show it
    (``visibility.visible_catalog``): renderers never see anything else. ``site_url``
    (mkdocs.yml's, None when unset) gives the print cards their QR codes and the feed
    its absolute links. ``exchange_url`` (the plugin's option) replaces the mailto of
    申请交流学习, which only the intranet ``edition`` shows. ``directory_urls``: MkDocs'
    use_directory_urls, for the links written as finished HTML (feed, card lists)."""
    today_s = today if isinstance(today, str) else today.isoformat()
    ctx = SiteContext.create(visible, today_s)
    ctx.site_name, ctx.site_url = site_name, site_url or None
    ctx.intranet = edition == "intranet"
    ctx.exchange_url = exchange_url if ctx.intranet else None
    ctx.directory_urls = directory_urls
    site = SitePages()
    site.pages["index.md"] = render_home(ctx, site_name)
    site.pages.update(render_gallery(ctx))  # gallery/index.md, gallery/page/N/, data
    site.pages.update(render_cases_index(ctx))  # cases/index.md, cases/page/N/, data
    site.pages["browse/index.md"] = render_browse_index(ctx)
    site.pages["stats/index.md"] = render_stats(ctx)
    site.pages[SEARCH_PAGE] = render_search_page(ctx)
    for facet in BROWSE:
        site.pages[str(facet.page)] = render_dimension(ctx, facet)
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
    site.static[FEED_PATH] = render_feed(ctx, site_name, ctx.site_url, directory_urls)
    return site
