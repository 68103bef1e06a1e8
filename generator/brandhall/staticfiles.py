"""The package's own CSS, JavaScript and vendored files, as the site carries them."""

from __future__ import annotations

import gzip
import hashlib
from importlib import resources
from pathlib import Path

ASSET_DIR = "assets/brandhall"
OFFLINE_SHIM = "vendor/iframe-worker-shim.js"
SEARCH_SCRIPT = "search."
ASSETS = ("brandhall.css", "cardlist.js", "search.js", "copylink.js", OFFLINE_SHIM)
# Scripts only the pages that ask for them load (front matter ``scripts: [cardlist]``,
# read by overrides/main.html); every other script is on every page.
PAGE_SCRIPTS = ("cardlist", "copylink")


def page_script_name(site_path: str) -> str | None:
    """``assets/brandhall/cardlist.1a2b3c4d.js`` -> ``cardlist`` for a page script."""
    name = site_path.rsplit("/", 1)[-1].split(".", 1)[0]
    return name if site_path.endswith(".js") and name in PAGE_SCRIPTS else None


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
