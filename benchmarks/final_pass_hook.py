"""MkDocs hook for the benchmark's baseline run: the same final pass over page content as
the brandhall plugin's on_page_content (prose links mapped, the structure allowlist), so
the baseline's pages can be compared byte for byte with brandhall's."""

from __future__ import annotations

from typing import Any

from brandhall.render.prose import rewrite_prose_links
from brandhall.safety.sanitize import clean_html


def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    def url_for(target: str) -> str | None:
        found = files.get_file_from_path(target)
        return None if found is None else found.url_relative_to(page.file)

    html, _missing = rewrite_prose_links(html, page.file.src_uri, url_for)
    return clean_html(html, allow_structure=True)
