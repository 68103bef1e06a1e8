"""Take desktop and 390 px screenshots of the main pages of a built site.

    python scripts/screenshots.py site/ screenshots/

Serves SITE on 127.0.0.1, blocks every other request, and writes PNGs to OUT.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "/",
    "gallery": "/gallery/",
    "gallery-filtered": "/gallery/?sector=消防救援",
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> int:
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    extra = sys.argv[3:]
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    pages = dict(PAGES)
    for item in extra:
        name, _, path = item.partition("=")
        pages[name] = path
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for label, size in (("desktop", (1280, 900)), ("mobile", (390, 844))):
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort()
            )
            for name, path in pages.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / f"{name}-{label}.png"), full_page=True)
            page.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
