"""MkDocs hook for the benchmark's baseline run: the same final pass over page content as
the brandhall plugin's on_page_content (brandhall.finalpass), so
the baseline's pages can be compared byte for byte with brandhall's."""

from __future__ import annotations

from typing import Any

from brandhall.finalpass import finish_page


def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    def url_for(target: str) -> str | None:
        found = files.get_file_from_path(target)
        return None if found is None else found.url_relative_to(page.file)

    html, _missing = finish_page(html, src_uri=page.file.src_uri, meta=page.meta, url_for=url_for)
    return html
