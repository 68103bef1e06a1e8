"""Helpers for tests that look at a built site: build it, serve it, walk its links."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from .conftest import ROOT, TODAY


def build_site(
    site_dir: Path, brands: Path | None = None, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`brandhall build` of the repository's site as of TODAY (never the wall clock);
    ``env``: the environment instead of this process's."""
    args = [sys.executable, "-m", "brandhall.cli", "build", "--site-dir", str(site_dir)]
    if brands is not None:
        args += ["--brands", str(brands)]
    if "--today" not in extra:
        args += ["--today", TODAY.isoformat()]
    env = dict(env if env is not None else os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [*args, *extra], cwd=ROOT, capture_output=True, text=True, env=env, timeout=600
    )


DATED_COMMANDS = {"check", "build", "emit", "serve"}


def run_cli(*args: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """`brandhall ARGS…` in ``cwd`` as a user runs it: its own process, output captured.
    Commands that judge dates get ``--today TODAY`` unless the test gives one: no test
    depends on the day it runs."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    if args and args[0] in DATED_COMMANDS and "--today" not in args:
        args = (*args, "--today", TODAY.isoformat())
    return subprocess.run(
        [sys.executable, "-m", "brandhall.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


# Attributes through which a page makes the browser fetch something.
RESOURCE_ATTRS = {
    "img": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "input": ("src",),
}
RESOURCE_LINK_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
    "preconnect",
    "dns-prefetch",
}


class PageLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.resources: list[str] = []
        self.ids: set[str] = set()
        self.html_lang = ""
        self.headings: list[int] = []
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "id" in a and a["id"]:
            self.ids.add(str(a["id"]))
        if tag == "html":
            self.html_lang = a.get("lang") or ""
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        if tag == "img":
            self.images.append(a)
        for attr in RESOURCE_ATTRS.get(tag, ()):
            if a.get(attr):
                for part in str(a[attr]).split(","):
                    self.resources.append(part.strip().split(" ")[0])
        if tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").lower().split())
            if rels & RESOURCE_LINK_RELS:
                self.resources.append(str(a["href"]))


def parse_page(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def is_off_origin(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme in ("http", "https") or url.startswith("//"))


def local_target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file a relative link on ``page`` points to, and its fragment."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return None
    base = "/" + page.relative_to(site).as_posix()
    resolved = urlsplit(urljoin(base, parts.path or page.name))
    target = site / unquote(resolved.path).lstrip("/")
    if not parts.path:
        target = page
    if target.is_dir() or str(resolved.path).endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def html_pages(site: Path) -> list[Path]:
    """The pages readers browse: not the 404 page, not the editors' /admin/ app
    (tests/test_cms_*.py test that one)."""
    return sorted(
        p
        for p in site.rglob("*.html")
        if p.name != "404.html" and p.relative_to(site).parts[0] != "admin"
    )


def open_local(browser: Any, base: str, url: str, **context_options: Any) -> Any:
    """A fresh page (its own context: nothing cached) at ``url`` of the site served at
    ``base``. Every request elsewhere is refused (page.bh_blocked), each of its own is
    listed by its path below ``base`` (page.bh_requests), uncaught errors are kept
    (page.bh_errors); close_local fails the test on any refused request or error."""
    context = browser.new_context(**context_options)
    requests: list[str] = []
    blocked: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base + "/"):
            requests.append(r.request.url[len(base) :])
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.bh_requests, page.bh_blocked, page.bh_errors = requests, blocked, errors
    return page


def close_local(page: Any) -> None:
    page.wait_for_timeout(50)  # an unhandled rejection is reported after the task ends
    blocked, errors = page.bh_blocked, page.bh_errors
    page.context.close()
    assert blocked == [], blocked
    assert errors == [], errors


def search_records(site: Path) -> list[dict[str, Any]]:
    """Every page record of the site's search index (bhsearch/), in page order."""
    import json

    index = json.loads((site / "bhsearch" / "index.json").read_text(encoding="utf-8"))
    records = site / "bhsearch" / index["build"] / "d"
    paths = sorted(records.glob("*.json"), key=lambda p: int(p.stem))
    assert len(paths) == index["docs"], records
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


# --- axe-core -------------------------------------------------------------------------------
# The vendored axe-core (tests/vendor/, see its README): injected into the page, nothing
# downloaded. Every rule axe ships (WCAG 2.0-2.2 A/AA and its best practices), color-contrast
# included.
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"resultTypes": ["violations"]}


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"      {' '.join(map(str, node['target']))}: {summary[:300]}")
    return "\n".join(lines)


def axe_violations(browser: Any, url: str, size: tuple[int, int]) -> list[dict[str, Any]]:
    """axe's violations on ``url`` after the page's own scripts ran; only the test server
    is reachable."""
    base = url.split("/", 3)[:3]
    origin = "/".join(base)
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, locale="zh-CN", reduced_motion="reduce"
    )
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(origin) else r.abort()
    )
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    finally:
        context.close()
    assert errors == [], f"JavaScript errors on {url}: {errors}"
    return list(result["violations"])


def follow(page: Any, link: Any) -> None:
    """Click a link and wait until the page it opens has loaded. A bare click followed by
    wait_for_load_state can return before the navigation starts, on the old page."""
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("networkidle")


def search_page_done(page: Any) -> None:
    """Wait until the search page has drawn the cards its count announces: search.js marks
    the result list aria-busy while a search or a 显示更多 is under way."""
    page.wait_for_selector("#bh-sresults[aria-busy=false]", state="attached")
