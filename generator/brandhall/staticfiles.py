"""The package's own CSS, JavaScript and vendored files, as the site carries them."""

from __future__ import annotations

import gzip
import hashlib
from importlib import resources
from pathlib import Path

ASSET_DIR = "assets/brandhall"
OFFLINE_SHIM = "vendor/iframe-worker-shim.js"
SEARCH_SCRIPT = "search."
# Loaded only by the pages that declare it (front matter ``brandhall_script: cardlist``,
# overrides/main.html), not by every page.
CARDLIST_SCRIPT = "cardlist."
ASSETS = ("brandhall.css", "cardlist.js", "search.js", OFFLINE_SHIM)


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
