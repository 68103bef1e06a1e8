"""Card lists (品牌库, 典型案例), declared once and rendered the same way at any size.

A list is a sequence of ``Card``s with facet values and sort keys. The site gets:

- the first ``PAGE_SIZE`` cards in the page itself, after a filter form that is part of
  the HTML (no layout shift when the script arrives; it works as links without JS);
- static pages ``page/2/`` … with the following cards and previous/next links;
- a compact filter index (``index.js``: facet value ids, sort ranks, folded name keys)
  that ``cardlist.js`` loads on the reader's first interaction and then filters, counts
  and sorts across the whole list with, and what the cards show in small chunks
  (``cards/<k>.js``) that it loads only for the cards on screen.

The script builds the same markup from a record as ``card_html`` writes for a card.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .common import h, md_text, page_path, word_spans

PAGE_SIZE = 48
"""Cards on one page: enough to fill two screens on a desktop, bounded at any N."""


@dataclass(frozen=True)
class Span:
    """A styled piece of a card line (a badge, the stars, a date)."""

    text: str
    cls: str = ""
    label: str = ""
    """An accessible name: the span is then an image to assistive technology (★★★☆☆)."""
    title: str = ""

    def html(self) -> str:
        attrs = f' class="{h(self.cls)}"' if self.cls else ""
        if self.label:
            attrs += f' role="img" aria-label="{h(self.label)}"'
        if self.title:
            attrs += f' title="{h(self.title)}"'
        return f"<span{attrs}>{h(self.text)}</span>"

    def record(self) -> list[str]:
        return [self.text, self.cls, self.label, self.title]


Part = str | Span


@dataclass(frozen=True)
class Line:
    cls: str
    parts: tuple[Part, ...]

    def html(self) -> str:
        inner = "".join(h(p) if isinstance(p, str) else p.html() for p in self.parts)
        return f'<p class="{h(self.cls)}">{inner}</p>'

    def record(self) -> list[object]:
        return [self.cls, [p if isinstance(p, str) else p.record() for p in self.parts]]


@dataclass(frozen=True)
class Card:
    page: str
    """Source path of the page the card opens (``brands/x/index.md``)."""
    title: str
    lines: tuple[Line, ...]
    facets: dict[str, list[str]]
    """Facet key -> the values this card has."""
    sorts: dict[str, str | int]
    """Sort key -> this card's key (``ListSort.key``)."""
    text: tuple[str, ...]
    """What the text box matches: names, full pinyin and pinyin initials."""
    logo: str | None = None
    """Source path of the logo image; None shows ``mono`` instead."""
    logo_alt: str = ""
    mono: str = ""
    hue: str = ""
    title_words: tuple[str, ...] = ()
    """The title cut where a line may wrap (listing.title_pieces); () lets it wrap
    anywhere."""


@dataclass(frozen=True)
class ListFacet:
    key: str
    label: str
    options: list[tuple[str, str]]
    """(value, label) in the order readers see them."""


@dataclass(frozen=True)
class ListSort:
    key: str
    """Name in ``?sort=``; "" is the order the cards are given in."""
    label: str
    descending: bool = False


@dataclass(frozen=True)
class CardList:
    name: str
    """The list's directory (``gallery``, ``cases``) and its name in the data file."""
    noun: str
    """What a card is: 品牌, 案例 (counted with 个)."""
    label: str
    """The form's accessible name."""
    text_label: str
    placeholder: str
    empty: str
    """What page 1 says when the list has no cards at all."""
    facets: Sequence[ListFacet]
    sorts: Sequence[ListSort]
    cards: Sequence[Card]
    page_size: int = PAGE_SIZE
    directory_urls: bool = True
    """MkDocs' use_directory_urls: how a card's link names the page it opens."""
    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for facet in self.facets:
            self.counts[facet.key] = Counter(v for c in self.cards for v in c.facets[facet.key])

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.cards) // self.page_size))

    def page_src(self, n: int) -> str:
        return f"{self.name}/index.md" if n == 1 else f"{self.name}/page/{n}/index.md"


def fold(text: str) -> str:
    """How the text box compares: NFKC (ｘｆ → xf, full-width digits), lower case, no
    spaces. cardlist.js folds the reader's input the same way."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def _rel(from_src: str, to_src: str) -> str:
    """Relative Markdown link between two source paths."""
    import posixpath

    return posixpath.relpath(to_src, posixpath.dirname(from_src))


def pieces_md(pieces: Sequence[str]) -> str:
    """Inline Markdown of a title cut into pieces (common.word_spans)."""
    return word_spans(pieces, md_text)


def card_html(card: Card, src: str, directory_urls: bool = True) -> str:
    """One card as one line of finished HTML on the list page ``src`` (the same markup
    cardlist.js builds): no Markdown for MkDocs to convert, so the build skips it
    (rawblocks.py). The title is a plain ``h2``, not a heading of the page's contents."""
    up = "../" * src.count("/")
    if card.logo:
        logo = (
            f'<img alt="{h(card.logo_alt)}" class="bh-card-img" height="64" loading="lazy"'
            f' src="{h(up + card.logo)}" width="64">'
        )
    else:
        logo = f'<span class="bh-card-img bh-monogram {h(card.hue)}" aria-hidden="true">{h(card.mono)}</span>'
    title = word_spans(card.title_words) if card.title_words else h(card.title)
    # A list page is an index.md: its folder is its address's folder either way.
    href = h(up + page_path(card.page, directory_urls))
    body = "".join(line.html() for line in card.lines)
    return (
        f'<article class="bh-card"><div class="bh-card-logo">{logo}</div>'
        f'<div class="bh-card-body"><h2><a href="{href}">{title}</a></h2>{body}</div></article>'
    )


CHUNK = 16
"""Cards in one text file (``cards/<k>.js``): a filtered answer shows cards from anywhere
in the list, so a small chunk keeps what it fetches close to what it shows."""


def _js(key: str, value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        "window.brandhallCards=window.brandhallCards||{};"
        f"window.brandhallCards[{json.dumps(key)}]={text};\n"
    )


def _ranks(values: Sequence[str | int]) -> list[int]:
    """Each value's rank among the distinct values: the same order, as small integers."""
    # A card without the key ("") after every number.
    rank = {v: i for i, v in enumerate(sorted(set(values), key=lambda v: (isinstance(v, str), v)))}
    return [rank[v] for v in values]


def _data(spec: CardList) -> tuple[str, list[str]]:
    """The list as the script reads it: a filter index (``index.js``: per facet each card's
    value ids, per order each card's rank, each card's folded name keys), loaded on the
    reader's first interaction, and what the cards show, in chunks of ``CHUNK`` cards
    (``cards/<k>.js``) loaded only for the cards on screen."""
    ids = {f.key: {v: i for i, (v, _label) in enumerate(f.options)} for f in spec.facets}
    sorts = [s for s in spec.sorts if s.key]
    index = {
        "facets": [{"key": f.key, "values": [v for v, _ in f.options]} for f in spec.facets],
        "sorts": [{"key": s.key, "desc": s.descending} for s in sorts],
        "pageSize": spec.page_size,
        "chunk": CHUNK,
        "count": len(spec.cards),
        # Per facet, per card: its value ids (one id as a number, none as -1).
        "f": [
            [
                ids_[0] if len(ids_) == 1 else (ids_ or -1)
                for ids_ in (
                    [ids[f.key][v] for v in c.facets[f.key] if v in ids[f.key]] for c in spec.cards
                )
            ]
            for f in spec.facets
        ],
        "s": [_ranks([c.sorts.get(s.key, "") for c in spec.cards]) for s in sorts],
        "t": ["\u0001".join(fold(t) for t in c.text) for c in spec.cards],
    }
    chunks = []
    for k in range(0, len(spec.cards), CHUNK):
        records = []
        for card in spec.cards[k : k + CHUNK]:
            logo: list[str] = (
                ["img", card.logo, card.logo_alt] if card.logo else ["mono", card.mono, card.hue]
            )
            title = list(card.title_words) if card.title_words else card.title
            records.append([card.page, title, logo, [line.record() for line in card.lines]])
        chunks.append(_js(f"{spec.name}/{k // CHUNK}", records))
    return _js(spec.name, index), chunks


def _form(spec: CardList, data_url: str) -> str:
    """The filters, in the page from the start: on phones behind a 筛选 toggle."""
    controls = [
        f'<div class="bh-filter bh-filter-q"><label for="bh-q">{h(spec.text_label)}</label>'
        f'<input id="bh-q" name="q" type="search" autocomplete="off" placeholder="{h(spec.placeholder)}"></div>'
    ]
    for facet in spec.facets:
        counts = spec.counts[facet.key]
        opts = ['<option value="">全部</option>'] + [
            f'<option value="{h(v)}">{h(label)}（{counts[v]}）</option>'
            for v, label in facet.options
        ]
        controls.append(
            f'<div class="bh-filter"><label for="bh-f-{facet.key}">{h(facet.label)}</label>'
            f'<select id="bh-f-{facet.key}" name="{facet.key}" data-facet="{facet.key}">{"".join(opts)}</select></div>'
        )
    controls.append(
        '<div class="bh-filter bh-filter-sort"><label for="bh-sort">排序</label>'
        '<select id="bh-sort" name="sort">'
        + "".join(f'<option value="{h(s.key)}">{h(s.label)}</option>' for s in spec.sorts)
        + "</select></div>"
    )
    controls.append(
        '<div class="bh-filter bh-filter-reset"><button type="reset" class="md-button">清除筛选</button></div>'
    )
    return (
        '<details class="bh-filterbox">'
        '<summary class="bh-filterbox-toggle">筛选与排序</summary>'
        f'<form class="bh-filters" id="bh-filters" role="search" aria-label="{h(spec.label)}"'
        f' data-list="{h(spec.name)}" data-src="{h(data_url)}" data-noun="{h(spec.noun)}">'
        + "".join(controls)
        + "</form></details>\n"
    )


def _pager(spec: CardList, n: int) -> str:
    total = spec.pages
    if total == 1:
        return ""
    src = spec.page_src(n)

    def link(k: int, text: str, cls: str = "") -> str:
        css = f"{{ .{cls} }}" if cls else ""
        return f"[{text}]({_rel(src, spec.page_src(k))}){css}"

    parts = []
    if n > 1:
        parts.append(link(n - 1, "‹ 上一页", "bh-pager-prev"))
    window = sorted({1, total, *range(max(1, n - 2), min(total, n + 2) + 1)})
    last = 0
    for k in window:
        if k - last > 1:
            parts.append('<span class="bh-pager-gap">…</span>')
        parts.append(
            f'<span class="bh-pager-current" aria-current="page">{k}</span>'
            if k == n
            else link(k, str(k))
        )
        last = k
    if n < total:
        parts.append(link(n + 1, "下一页 ›", "bh-pager-next"))
    return (
        f'<nav class="bh-pager" id="bh-pager" aria-label="分页，第 {n} 页，共 {total} 页" markdown>\n'
        + " ".join(parts)
        + "\n</nav>\n"
    )


def render_card_list(spec: CardList, header: Callable[[int, int], str]) -> dict[str, str]:
    """Every page of the list (source path -> Markdown) and its data file.

    ``header(n, pages)`` gives page ``n``'s front matter, title and lead."""
    index, chunks = _data(spec)
    hasher = hashlib.sha256(index.encode())
    for text in chunks:
        hasher.update(text.encode())
    digest = hasher.hexdigest()[:8]
    data_src = f"{spec.name}/index.js"
    out: dict[str, str] = {data_src: index}
    out |= {f"{spec.name}/cards/{k}.js": text for k, text in enumerate(chunks)}
    total = len(spec.cards)
    for n in range(1, spec.pages + 1):
        src = spec.page_src(n)
        first = (n - 1) * spec.page_size
        chunk = spec.cards[first : first + spec.page_size]
        body = [header(n, spec.pages)]
        body.append(_form(spec, f"{_rel(src, data_src)}?v={digest}"))
        shown = (
            f"共 {total} 个{spec.noun}"
            if spec.pages == 1
            else f"共 {total} 个{spec.noun}，本页第 {first + 1}–{first + len(chunk)} 个"
        )
        body.append(
            f'<p class="bh-count" id="bh-count" role="status" aria-live="polite">{shown}</p>\n'
        )
        body.append('<div class="bh-chips" id="bh-chips" aria-label="已选条件" hidden></div>\n')
        body.append(
            f'<div class="bh-grid" id="bh-grid" data-first="{first}">'
            + "".join(card_html(c, src, spec.directory_urls) for c in chunk)
            + "</div>\n"
        )
        body.append(
            f'<div class="bh-empty bh-empty-box" id="bh-empty" hidden><p class="bh-empty-title">没有符合条件的{spec.noun}。</p>'
            '<p class="bh-empty-what" id="bh-empty-what"></p>'
            '<div class="bh-empty-actions" id="bh-empty-actions"></div>'
            '<p><button type="button" class="md-button md-button--primary" data-clear>清除全部筛选</button></p></div>\n'
        )
        if not spec.cards:
            body.append(f'<p class="bh-empty">{h(spec.empty)}</p>\n')
        body.append(
            '<p class="bh-more-wrap"><button type="button" class="md-button bh-more" id="bh-more" hidden>显示更多</button></p>\n'
        )
        body.append(_pager(spec, n))
        out[src] = "\n".join(body)
    return out
