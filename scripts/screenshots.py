"""Take desktop and 390 px screenshots of the main pages of a built site.

    python scripts/screenshots.py site/ screenshots/

Serves SITE on 127.0.0.1, blocks every other request, and writes PNGs to OUT.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "/",
    "gallery": "/gallery/",
    "gallery-filtered": "/gallery/?sector=消防救援&sort=pinyin",
    "brand": "/brands/huoyanlan-xianfeng/",
    "brand-due": "/brands/jingmin-lianxin/",
    "case": "/brands/huoyanlan-xianfeng/cases/taifeng-ye-xianfengche/",
    "cases": "/cases/",
    "sectors": "/browse/sectors/",
    "tags": "/browse/tags/",
    "stats": "/stats/",
    "search": "/search/?q=乡村振兴",
    "404": "/no-such-page/",
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Like deploy/nginx.conf: the site's own 404.html for a missing page.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> int:
    parser = argparse.ArgumentParser(description="Desktop and 390 px screenshots of a built site.")
    parser.add_argument("site", type=Path, help="a built site (brandhall build --site-dir …)")
    parser.add_argument("out", type=Path, help="where the PNGs go")
    parser.add_argument("extra", nargs="*", help="more pages as NAME=/path/")
    args = parser.parse_args()
    site, out, extra = args.site, args.out, args.extra
    if not (site / "index.html").is_file():
        parser.error(f"{site} has no index.html: build the site first (make site)")
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
        for label, size in (("desktop", (1366, 900)), ("mobile", (390, 844))):
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort()
            )
            for name, path in pages.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                # Scroll through once so lazy images (loading=lazy) are in the picture.
                page.evaluate(
                    "async () => { for (let y = 0; y < document.body.scrollHeight; y += 600)"
                    " { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); }"
                    " window.scrollTo(0, 0); }"
                )
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / f"{name}-{label}.png"), full_page=True)
            page.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
