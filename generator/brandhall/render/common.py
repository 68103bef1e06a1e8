"""Small pure helpers shared by the page renderers."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from ..catalog import Brand
from ..taxonomy import STAGES

# Display order: demonstration brands first, withdrawn ones last.
STAGE_RANK = {"示范": 0, "命名": 1, "培育": 2, "摘牌": 3}
STAGE_LABEL = {s: f"{s}品牌" for s in STAGES} | {"摘牌": "已摘牌"}
HONOR_RANK = {"国家级": 0, "省部级": 1, "市厅级": 2, "县处级": 3, "其他": 4}

# What Python-Markdown (with tables) unescapes after a backslash; "<" and "&" are written
# as entities instead (a backslash before "<" would stay visible).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}>#|!])")
_ATX = re.compile(r"^(#{1,6})(?=\s)", re.M)


def h(text: object) -> str:
    """Escape text for HTML (attributes included)."""
    return html.escape(str(text), quote=True)


def md_text(text: str) -> str:
    """Plain text (a name, a place) safe to put inline in Markdown: Markdown and HTML
    syntax escaped (``&`` too, so ``&lt;`` written by an editor reads as written)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return escaped.replace("&", "&amp;").replace("<", "&lt;")


_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+\S")


def separate_lists(text: str) -> str:
    """Put a blank line before a list that follows a line of text.

    Editors write "组成：" and the list on the next line, as in Word; Python-Markdown
    would then run the items into the paragraph."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        prev = out[-1] if out else ""
        if (
            not fenced
            and _LIST_ITEM.match(line)
            and prev.strip()
            and not _LIST_ITEM.match(prev)
            and not prev.startswith((" ", "\t"))
        ):
            out.append("")
        out.append(line)
    return "\n".join(out)


def md_block(text: str, top: int) -> str:
    """Editor Markdown with its headings moved down so the largest is level ``top``."""
    text = separate_lists(text)
    levels = [len(m.group(1)) for m in _ATX.finditer(text)]
    if not levels:
        return text.strip()
    shift = max(0, top - min(levels))
    return _ATX.sub(lambda m: "#" * min(6, len(m.group(1)) + shift), text).strip()


def md_list_item(text: str, marker: str = "-") -> str:
    """A list item whose continuation lines are indented under the marker."""
    pad = " " * (len(marker) + 1)
    lines = md_block(text, 4).split("\n")
    return f"{marker} {lines[0]}" + "".join(f"\n{pad}{ln}" if ln else "\n" for ln in lines[1:])


def format_date(value: str) -> str:
    """``2024-06-01`` -> ``2024年6月1日``; ``2024-06`` -> ``2024年6月``."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
    if len(parts) == 2:
        return f"{int(parts[0])}年{int(parts[1])}月"
    return value


def date_html(value: str) -> str:
    """A formatted date that never breaks inside a line ("2025年9⏎月5日")."""
    return f'<span class="bh-date">{h(format_date(value))}</span>'


def date_key(value: str) -> tuple[int, int, int]:
    parts = [int(p) for p in value.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def stars_text(stars: int | None) -> str:
    return "★" * stars + "☆" * (5 - stars) if stars else ""


def brand_sort_key(brand: Brand, pinyin: str) -> tuple[int, int, str, str]:
    """Stage, then stars (more first), then pinyin of the name: the gallery's stable order."""
    status = brand.profile.status
    return (STAGE_RANK.get(status.stage, 9), -(status.stars or 0), pinyin, brand.slug)


def monogram_char(name: str) -> str:
    for ch in name:
        if ch.isalnum():
            return ch
    return name[:1] or "?"


def hue_class(slug: str) -> str:
    """One of eight calm colours, chosen by the slug so it never changes between builds."""
    return f"bh-hue-{sum(slug.encode()) % 8}"


def is_due_for_review(valid_until: str | None, today: str) -> bool:
    return bool(valid_until) and date_key(valid_until or "") < date_key(today)


def page_path(src: str, directory_urls: bool = True) -> str:
    """A generated page's URL path from the site root: ``brands/a/index.md`` ->
    ``brands/a/`` (or ``brands/a/index.html`` when the site has no directory URLs)."""
    stem = src.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def word_spans(pieces: Iterable[str], escape: Callable[[str], str] = h) -> str:
    """A text cut into pieces that a line never breaks inside: each piece of two or more
    characters is a ``bh-w`` span (white-space: nowrap), a blank piece one space; nothing
    else is added to the text. ``escape``: ``h`` for HTML, ``md_text`` for Markdown.
    cardlist.js builds the same spans."""
    return "".join(
        " "
        if not w.strip()
        else f'<span class="bh-w">{escape(w)}</span>'
        if len(w) > 1
        else escape(w)
        for w in pieces
    )
