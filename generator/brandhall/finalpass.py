"""The last step of every page's content HTML, whatever engine built it: the page is
marked for the site search when it is a brand or case page, links inside editor prose
are mapped to built URLs, and the structure allowlist is applied (safety/sanitize.py).

The MkDocs plugin calls this from on_page_content; so does the benchmark's baseline,
so that both sites can be compared page for page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .render.prose import rewrite_prose_links
from .render.searchdata import BODY_KEY
from .safety import clean_html


def finish_page(
    html: str,
    *,
    src_uri: str,
    meta: Mapping[str, Any],
    url_for: Callable[[str], str | None],
    indexed: bool = True,
) -> tuple[str, list[str]]:
    """The page's final content HTML and the prose links that lead nowhere.

    ``indexed``: whether this edition has the site search (not the offline copy)."""
    if indexed and meta.get(BODY_KEY):
        # Brand and case pages are what the site search indexes; nothing else is.
        html = f"<div data-pagefind-body>{html}</div>"
    html, missing = rewrite_prose_links(html, src_uri, url_for)
    return clean_html(html, allow_structure=True), missing
