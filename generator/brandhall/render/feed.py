"""The Atom feed of new and updated brands and cases (``feed.xml`` at the site root).

Links and ids are absolute when mkdocs.yml has a ``site_url``. Without one the feed is
still written and valid Atom: links are relative to the feed (it sits at the site root,
and RFC 4287 readers resolve relative references against the feed's own address), and
ids are ``urn:uuid:`` names derived from the site name and the page path, so they stay
the same from build to build.
"""

from __future__ import annotations

import datetime as dt
import uuid

from feedgen.feed import FeedGenerator

from ..catalog import Brand, CaseStudy
from .common import date_key, page_path
from .context import SiteContext

FEED_PATH = "feed.xml"
FEED_TITLE_SUFFIX = "：新增和更新的品牌与案例"
FEED_LIMIT = 50
# Dates in brand files are calendar days in China.
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")


def _when(value: str) -> dt.datetime:
    y, m, d = date_key(value)
    return dt.datetime(y, max(m, 1), max(d, 1), tzinfo=CHINA)


def _entries(ctx: SiteContext) -> list[tuple[dt.datetime, str, Brand, CaseStudy | None]]:
    items: list[tuple[dt.datetime, str, Brand, CaseStudy | None]] = []
    for b in ctx.brands:
        items.append((_when(b.updated or b.profile.established), b.slug, b, None))
        for c in b.cases:
            items.append((_when(c.meta.date), f"{b.slug}/{c.slug}", b, c))
    items.sort(key=lambda e: (e[0], e[1]), reverse=True)
    return items[:FEED_LIMIT]


def render_feed(
    ctx: SiteContext, site_name: str, site_url: str | None = None, directory_urls: bool = True
) -> bytes:
    """The feed's bytes: the FEED_LIMIT most recent brands (by update) and cases (by
    date), newest first. Made from ``ctx`` only, so a public edition's feed holds
    nothing the public pages do not."""
    base = (site_url.rstrip("/") + "/") if site_url else ""

    def ident(path: str) -> str:
        if base:
            return base + path
        return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"brandhall:{site_name}:/{path}"))

    items = _entries(ctx)
    fg = FeedGenerator()
    fg.id(ident(""))
    fg.title(site_name + FEED_TITLE_SUFFIX)
    fg.subtitle(f"{site_name}新增和更新的党建品牌与典型案例")
    fg.author({"name": site_name})
    fg.language("zh-CN")
    fg.generator("brandhall")
    fg.link(href=base or "./", rel="alternate", type="text/html")
    if base:
        fg.link(href=base + FEED_PATH, rel="self", type="application/atom+xml")
    fg.updated(items[0][0] if items else _when(ctx.today))
    for when, _key, brand, case in items:
        p = brand.profile
        fe = fg.add_entry(order="append")
        if case is None:
            path = page_path(f"brands/{brand.slug}/index.md", directory_urls)
            fe.title(f"品牌：{p.name}")
            fe.summary(p.summary)
            fe.category([{"term": "品牌"}, {"term": p.organization.sector}])
        else:
            path = page_path(f"brands/{brand.slug}/cases/{case.slug}.md", directory_urls)
            fe.title(f"案例：{case.title}")
            fe.summary(f"{case.meta.summary}（{p.name}）")
            fe.category([{"term": "案例"}, {"term": p.organization.sector}])
        fe.id(ident(path))
        fe.link(href=base + path, rel="alternate", type="text/html")
        fe.updated(when)
    return bytes(fg.atom_str(pretty=True))
