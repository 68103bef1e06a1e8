"""The site search: a Pagefind index of the built site, written into ``site/pagefind/``.

Pagefind (the ``pagefind[extended]`` wheel: the binary with Chinese segmentation, no
download at run time) reads the built HTML and writes a chunked index, so a query loads
only the pieces it needs.  Only brand and case pages are indexed: the plugin marks their
content ``data-pagefind-body`` (plugin.on_page_content); render/searchdata.py writes
their filters, sorts and meta.  The reader's side is assets/search.js.

The offline edition (file://) cannot fetch the index; it keeps Material's own search.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from .errors import BuildError

BUNDLE_DIR = "pagefind"
# Pagefind's own UI bundles are not used (assets/search.js drives its JS API).
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
_PAGES = re.compile(r"Indexed (\d+) pages?")


def index_site(site: Path) -> tuple[int, float]:
    """Index ``site`` in place; returns (pages indexed, seconds). Raises BuildError."""
    start = time.perf_counter()
    cmd = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE_DIR,
        # The pages say lang="zh"; one language means one index and one segmenter.
        "--force-language",
        "zh",
        # The ¶ permalinks of headings are not words of a title.
        "--exclude-selectors",
        ".headerlink",
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError("search_index_failed", detail=str(exc)) from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip()[-2000:]
        raise BuildError("search_index_failed", detail=detail)
    for name in _UNUSED:
        (site / BUNDLE_DIR / name).unlink(missing_ok=True)
    found = _PAGES.search(proc.stdout)
    return (int(found.group(1)) if found else 0), time.perf_counter() - start
