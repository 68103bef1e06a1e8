"""Editor Markdown on a generated page: rendered by brandhall, never by the site's engine.

Editor text (brand.yml Markdown fields, case bodies) is turned into HTML by
``safety.render_editor_markdown`` (a fixed extension set without attribute lists or raw
HTML, then the editor allowlist) and embedded in the page Markdown as one raw HTML block,
``<div class="bh-prose">…</div>``.  MkDocs, ``brandhall emit`` or any other engine reading
the pages therefore never interprets an editor's Markdown: attribute lists, ``md_in_html``
and whatever extensions a maintainer adds to mkdocs.yml cannot reach it.

The editor's headings are the exception: they become brandhall's own Markdown headings,
their text reduced to plain, escaped text, so the table of contents, ids and permalinks of
a case study keep working as before.

Relative links in the raw HTML are written as the editor wrote them, relative to the
source file; :func:`rewrite_prose_links` maps them to the built page's URLs (the MkDocs
plugin calls it with MkDocs' own file list, as MkDocs does for Markdown links).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote, urlsplit

from ..safety import render_editor_markdown
from .common import md_text, separate_lists

PROSE_CLASS = "bh-prose"
_OPEN = f'<div class="{PROSE_CLASS}">'

# Python-Markdown's own definitions: a fence opens with ``` or ~~~ (up to three spaces in),
# an ATX heading is a line starting with 1-6 "#" (no space needed), trailing "#" dropped.
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})(.*?)#*\s*$")
_TAG = re.compile(r"<[^>]*>")
# A heading with none of the characters Python-Markdown's inline syntax starts with
# (escapes, code, emphasis, links, images, HTML, entities, "#") reads as written.
_PLAIN = re.compile(r"[^\\`*_\[\]<>&!#]*")


def _lines(text: str) -> Iterator[tuple[str, int, str]]:
    """Each line with its heading level (0: not a heading) and heading text, skipping
    fenced code."""
    fence = ""
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            yield line, 0, ""
            continue
        if m:
            fence = m.group(1)
            yield line, 0, ""
            continue
        h = _HEADING.match(line)
        if h and h.group(2).strip():
            yield line, len(h.group(1)), h.group(2).strip()
        else:
            yield line, 0, ""


def heading_text(markdown: str) -> str:
    """The plain text a reader sees in an editor's heading (emphasis, links, code dropped
    to their text; raw HTML stays visible text, as it would in the heading)."""
    if markdown.isprintable() and _PLAIN.fullmatch(markdown):
        return " ".join(markdown.split())  # speed (issue 10): what the renderer gives
    rendered = render_editor_markdown("# " + markdown)
    return " ".join(html.unescape(_TAG.sub("", rendered)).split())


def prose_html(text: str) -> str:
    """Editor Markdown as one raw HTML block for a page, blank lines around it ("" when
    the text renders to nothing).

    The block holds only what the editor allowlist emits: balanced elements without
    ``div``, text with ``<`` escaped. Python-Markdown therefore keeps it whole, blank
    lines inside ``<pre>`` included, and never reads Markdown inside it."""
    rendered = render_editor_markdown(text).strip()
    if not rendered:
        return ""
    return f"\n\n{_OPEN}\n{rendered}\n</div>\n\n"


def editor_markdown(text: str, top: int) -> str:
    """An editor's Markdown field or case body as page Markdown.

    Its headings are moved so the largest is level ``top`` and written as brandhall's own
    Markdown headings (plain text, escaped); everything between them is rendered by
    brandhall (:func:`prose_html`)."""
    lines = list(_lines(separate_lists(text)))
    levels = [level for _line, level, _text in lines if level]
    shift = max(0, top - min(levels)) if levels else 0
    out: list[str] = []
    chunk: list[str] = []

    def flush() -> None:
        body = "\n".join(chunk).strip("\n")
        chunk.clear()
        if body.strip():
            out.append(prose_html(body))

    for line, level, title in lines:
        if not level:
            chunk.append(line)
            continue
        flush()
        plain = heading_text(title)
        if plain:
            out.append(f"\n\n{'#' * min(6, level + shift)} {md_text(plain)}\n\n")
    flush()
    return "".join(out).strip("\n") + "\n"


def editor_list(items: list[str], ordered: bool = False) -> str:
    """Items of editor Markdown (outcomes, lessons) as one rendered list."""
    from .common import md_list_item

    source = "\n".join(
        md_list_item(item, f"{i}." if ordered else "-") for i, item in enumerate(items, 1)
    )
    return prose_html(source).strip("\n") + "\n" if items else ""


# --- links in the raw HTML ---------------------------------------------------------

_PROSE_BLOCK = re.compile(re.escape(_OPEN) + r".*?</div>", re.S)
_URL_ATTR = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")([^"]*)(")')


def rewrite_prose_links(
    page_html: str, src_uri: str, url_for: Callable[[str], str | None]
) -> tuple[str, list[str]]:
    """Map relative links and images inside the page's prose blocks to built URLs.

    ``src_uri`` is the page's source path (``brands/x/cases/y.md``); ``url_for(target)``
    gets the source path a link names (``brands/x/images/a.png``) and returns its URL
    relative to the page, or None when no such file is built. Returns the HTML and the
    links whose target was not found (left as written). Only prose blocks are touched:
    brandhall's own links were already resolved by the engine."""
    missing: list[str] = []
    base = posixpath.dirname(src_uri)

    def one(m: re.Match[str]) -> str:
        raw = html.unescape(m.group(2))
        parts = urlsplit(raw)
        if parts.scheme or parts.netloc or raw.startswith(("/", "#", "\\")) or not parts.path:
            return m.group(0)
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if raw.endswith("/") or parts.path in (".", ".."):
            target = posixpath.join(target, "index.md")
        url = url_for(target)
        if url is None:
            missing.append(raw)
            return m.group(0)
        if parts.query:
            url += "?" + parts.query
        if parts.fragment:
            url += "#" + parts.fragment
        return m.group(1) + html.escape(url, quote=True) + m.group(3)

    def block(m: re.Match[str]) -> str:
        return _URL_ATTR.sub(one, m.group(0))

    return _PROSE_BLOCK.sub(block, page_html), missing
