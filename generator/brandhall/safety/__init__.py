"""The safety boundary: editor content is inert.

- :mod:`.sanitize` — the HTML allowlist (editor Markdown, and a final pass over pages);
- :mod:`.svg` — SVG logos parsed safely and rebuilt from an allowlist, or rejected;
- :mod:`.images` — raster images checked by content, size and pixel count;
- :mod:`.audit` — ``hostile_features``: what in a piece of HTML/SVG could run or fetch.
"""

from __future__ import annotations

from .images import ImageResult, check_image
from .sanitize import clean_html, render_editor_markdown
from .svg import SvgResult, clean_svg

__all__ = [
    "ImageResult",
    "SvgResult",
    "check_image",
    "clean_html",
    "clean_svg",
    "render_editor_markdown",
]
