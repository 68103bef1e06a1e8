"""The package's own CSS, JavaScript and vendored files, as the site carries them."""

from __future__ import annotations

import gzip
import hashlib
import re
from importlib import resources
from pathlib import Path

ASSET_DIR = "assets/brandhall"
OFFLINE_SHIM = "vendor/iframe-worker-shim.js"
SEARCH_SCRIPT = "search."
ASSETS = ("brandhall.css", "gallery.js", "search.js", OFFLINE_SHIM)


def fingerprinted_assets() -> dict[str, bytes]:
    """Site path -> content, under names that carry a content hash, so a web server can
    cache them for a year (deploy/nginx.conf) and a new release is still picked up."""
    package = resources.files("brandhall") / "assets"
    out: dict[str, bytes] = {}
    for name in ASSETS:
        content = (package / name).read_bytes()
        stem, dot, suffix = Path(name).name.rpartition(".")
        digest = hashlib.sha256(content).hexdigest()[:8]
        out[f"{ASSET_DIR}/{stem}.{digest}{dot}{suffix}"] = content
    return out


def write_gzip(source: Path, target: Path) -> None:
    """Pre-compress a file reproducibly: no name and a zero mtime in the gzip header.
    Level 6: three times faster than 9 on a search index, for a 4 % larger file."""
    data = source.read_bytes()
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz,
    ):
        gz.write(data)


# Scripts only some pages use, with what a page must contain to need them: every other
# page goes without the download (issue 11: "each page loads only the JS it needs").
# gallery.js does nothing without the gallery's filter form (#bh-filters).
PAGE_SCRIPTS = {"gallery": ('id="bh-filters"',)}
_SCRIPT_TAG = re.compile(
    r'[ \t]*<script src="[^"]*?' + ASSET_DIR + r'/(?P<stem>[a-z]+)\.[0-9a-f]{8}\.js"></script>\n?'
)


def drop_unused_scripts(html: str) -> str:
    """``html`` (a whole page) without the <script> tags of PAGE_SCRIPTS it does not need."""

    def keep(match: re.Match[str]) -> str:
        markers = PAGE_SCRIPTS.get(match["stem"])
        if markers is None or any(m in html for m in markers):
            return match[0]
        return ""

    return _SCRIPT_TAG.sub(keep, html)
