"""What the site search indexes on a brand or case page, besides its text.

The page's text is the searchable body (the plugin marks brand and case pages with
``data-pagefind-body``); this module writes one hidden block per page holding:

- the **filters** (the gallery's facets, plus 类型 and 年份) as ``data-pagefind-filter``,
- the **sorts** (日期, 星级) as ``data-pagefind-sort``,
- the **meta** the result cards show (类型, 所属品牌, logo) as ``data-pagefind-meta``,
- the name's **pinyin** (initials and full) as indexed text, so ``hylxf`` or
  ``huoyanlan`` finds 火焰蓝先锋 from the header box. The block ends the page, so an
  excerpt shows it only when the pinyin is what matched.

Every value is HTML-escaped; the block passes the structure allowlist (``data-*``) and
never the editor allowlist.
"""

from __future__ import annotations

from ..catalog import Brand, CaseStudy
from ..pinyin import initials, pinyin_key
from .common import h
from .facets import FACETS

#: Filter names as readers see them on the search page, in this order.
FILTER_TYPE = "类型"
FILTER_YEAR = "年份"
SORT_DATE = "date"
SORT_STARS = "stars"
#: Front-matter key that tells the plugin to mark the page as the search body.
BODY_KEY = "search_body"
#: Marks the hidden words in the index; assets/search.js never shows an excerpt holding it.
SENTINEL = "bhzzidx"


def _attr(name: str, key: str, value: str) -> str:
    # The indexer (searchindex.py) reads "key:value", one pair an element. (A comma is
    # written full-width, as in the index of the Pagefind days: the search page's URLs
    # with such a value keep working.)
    return f'<span {name}="{h(key)}:{h(value.replace(",", "，"))}"></span>'


def pinyin_words(name: str) -> str:
    """``火焰蓝先锋`` -> ``hylxf huoyanlanxianfeng``: what a reader types for a name."""
    full = pinyin_key(name).replace(" ", "")
    return " ".join(dict.fromkeys(w for w in (initials(name), full) if w))


def search_data(brand: Brand, case: CaseStudy | None = None, logo_path: str | None = None) -> str:
    """The hidden block of filters, sorts, meta and pinyin for one brand or case page."""
    p = brand.profile
    parts: list[str] = []
    kind = "案例" if case else "品牌"
    parts.append(_attr("data-pagefind-filter", FILTER_TYPE, kind))
    parts.append(_attr("data-pagefind-meta", "kind", kind))
    for facet in FACETS:
        if facet.key == "stars":
            stars = p.status.stars or 0
            if stars:
                parts.append(_attr("data-pagefind-filter", facet.label, f"{stars} 星"))
            continue
        for value in facet.values(p):
            parts.append(_attr("data-pagefind-filter", facet.label, facet.value_label(value)))
    if case is not None:
        date = case.meta.date
        parts.append(_attr("data-pagefind-meta", "brand", p.name))
        for tag in case.meta.tags:
            if tag not in p.tags:
                parts.append(_attr("data-pagefind-filter", "标签", tag))
    else:
        date = brand.updated or p.established
    if date:
        parts.append(_attr("data-pagefind-filter", FILTER_YEAR, date[:4]))
        parts.append(_attr("data-pagefind-sort", SORT_DATE, date))
        parts.append(_attr("data-pagefind-meta", "date", date))
    parts.append(_attr("data-pagefind-sort", SORT_STARS, str(p.status.stars or 0)))
    if logo_path:
        parts.append(_attr("data-pagefind-meta", "logo", logo_path))
    # Indexed text a reader never sees, between SENTINEL words: the result card shows
    # the summary instead when this is what a query matched. The page's own title (the
    # brand's name, the case's title) weighs most, so that typing it puts the page first.
    if case is None:
        names = [p.method.name] if p.method and p.method.name else []
        names += list(p.tags)
        names += [item.title for item in p.practices]
        if p.method:
            names += [item.title for item in p.method.items]
        words = f" {SENTINEL} ".join(n for n in dict.fromkeys(names) if n)
        parts.append(
            f'<span data-pagefind-weight="10">{SENTINEL} {h(p.name)} '
            f"{SENTINEL} {h(pinyin_words(p.name))} {SENTINEL}</span>"
            f'<span data-pagefind-weight="3">{h(words)} {SENTINEL}</span>'
        )
    else:
        parts.append(
            f'<span data-pagefind-weight="10">{SENTINEL} {h(case.title)} {SENTINEL}</span>'
        )
    summary = case.meta.summary if case is not None else p.summary
    parts.append(_attr("data-pagefind-meta", "summary", summary[:120]))
    return '<div class="bh-search-data" hidden aria-hidden="true">' + "".join(parts) + "</div>\n"
