#!/usr/bin/env python3
"""Gallery and case library at N brands: first-load bytes and the answer time in Chromium.

    python benchmarks/bench_gallery.py --brands 10000 [--cases 1] [--out DIR] [--throttle 4]

1. Generates ``--brands`` synthetic brands with ``--cases`` cases each (the generator of
   bench_build.py, same seed) and builds a site with the real ``brandhall`` plugin,
   MkDocs and Material, except that the plugin renders only the card lists (品牌库 and
   典型案例: every static page and their data files) and the logos those pages show,
   not the N brand pages: the list pages are exactly what a full build writes.
2. Serves the site and opens ``/gallery/`` and ``/cases/`` in Debian's Chromium; every
   response of the first load (until the network is idle) is counted at its gzip -6
   size, as nginx's gzip sends it. What the first interaction loads (the filter index,
   then the card text chunks of the first answer's cards) is counted apart.
3. Measures, in the page, the time from an input or change event to the list having
   answered (cards, counts and chips rendered, layout done): keystrokes in the name box
   and filter choices, unthrottled and with ``--throttle``× CPU slowdown.

Writes ``gallery.json`` and prints a table for benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_build import DEFAULT_SEED, TODAY, generate_brands  # noqa: E402  (the same brands)

# In the page, from the event: the answer (cards, counts, chips rendered, layout forced;
# cards whose text chunk is still on its way are placeholders), the cards filled in (every
# chunk arrived, layout forced), and the script's own time.
MEASURE = """
async ([kind, selector, value]) => {
  const grid = document.getElementById('bh-grid');
  const el = document.querySelector(selector);
  grid.removeAttribute('data-render-ms');
  const t0 = performance.now();
  let answered = 0;
  el.value = value;
  el.dispatchEvent(new Event(kind, {bubbles: true}));
  await new Promise(resolve => {
    const check = () => {
      if (!answered && grid.hasAttribute('data-render-ms')) {
        void document.body.offsetHeight;
        answered = performance.now() - t0;
      }
      if (answered && !grid.hasAttribute('aria-busy')) resolve();
      else requestAnimationFrame(check);
    };
    check();
  });
  void document.body.offsetHeight;
  return [answered, performance.now() - t0, Number(grid.getAttribute('data-render-ms'))];
}
"""


def build_lists(brands: Path, site: Path) -> dict[str, float]:
    """The site with only the card lists, through the real plugin; stage times."""
    from mkdocs.commands.build import build

    import brandhall.plugin as plugin
    from brandhall.options import BuildOptions
    from brandhall.render.cardlist import PAGE_SIZE
    from brandhall.render.context import SiteContext
    from brandhall.render.listing import render_cases_index, render_gallery
    from brandhall.render.site import SitePages

    times: dict[str, float] = {}

    def lists_only(visible: Any, today: Any, *args: Any, **kwargs: Any) -> Any:
        # render_site's other settings (site name, edition, URLs) do not change the lists.
        t0 = time.perf_counter()
        ctx = SiteContext.create(visible, str(today))
        t1 = time.perf_counter()
        pages = SitePages()
        pages.pages.update(render_gallery(ctx))
        t2 = time.perf_counter()
        pages.pages.update(render_cases_index(ctx))
        t3 = time.perf_counter()
        times.update(context_s=t1 - t0, render_gallery_s=t2 - t1, render_cases_s=t3 - t2)
        shown = {b.slug for b in ctx.brands[:PAGE_SIZE]}
        shown |= {b.slug for b, _ in ctx.recent_cases()[:PAGE_SIZE]}
        for b in ctx.brands:
            if b.slug in shown:
                for rel in b.assets:
                    pages.assets[f"brands/{b.slug}/{rel}"] = b.folder / rel
        return pages

    plugin.render_site = lists_only  # type: ignore[assignment]
    options = BuildOptions(brands_dir=brands, today=TODAY)
    config = plugin.load_site_config(REPO / "mkdocs.yml", options, site_dir=str(site))
    t0 = time.perf_counter()
    build(config)
    times["build_s"] = time.perf_counter() - t0
    return times


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def measure_page(
    browser: Any, base: str, site: Path, path: str, throttle: float, list_name: str
) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")

    def size(url: str) -> tuple[int, int]:
        rel = unquote(urlsplit(url).path).lstrip("/")
        file = site / rel
        if file.is_dir() or rel.endswith("/") or not rel:
            file = file / "index.html"
        data = file.read_bytes()
        return len(data), _gz(data)

    first = [(u, *size(u)) for u in fetched]
    html = next(s for u, *s in first if urlsplit(u).path == path)
    out: dict[str, Any] = {
        "path": path,
        "first_load_requests": len(first),
        "first_load_raw": sum(r for _, r, _ in first),
        "first_load_gz": sum(g for _, _, g in first),
        "html_raw": html[0],
        "html_gz": html[1],
        "cards_on_page": page.locator(".bh-card").count(),
    }
    index = (site / list_name / "index.js").read_bytes()
    out["index_raw"], out["index_gz"] = len(index), _gz(index)
    chunks = [f.read_bytes() for f in (site / list_name / "cards").glob("*.js")]
    out["chunks"] = len(chunks)
    out["chunks_raw"] = sum(len(c) for c in chunks)
    out["chunks_gz"] = sum(_gz(c) for c in chunks)
    # First interaction: the filter index is loaded and parsed; then the first answer
    # (a name typed) fetches the card text of the cards it shows.
    fetched.clear()
    t0 = time.perf_counter()
    page.focus("#bh-q")
    page.wait_for_function(
        f"() => window.brandhallCards && window.brandhallCards[{json.dumps(list_name)}]"
    )
    out["data_ready_ms"] = round((time.perf_counter() - t0) * 1000, 1)

    def run(kind: str, selector: str, value: str) -> tuple[float, float, float]:
        answer, filled, script = page.evaluate(MEASURE, [kind, selector, value])
        return float(answer), float(filled), float(script)

    def series(label: str) -> dict[str, Any]:
        typing: list[tuple[float, float, float]] = []
        words = ["先", "先锋", "xf", "xfj", "ｘｆｊｙ", "党建 引领", "不存在的名字", ""]
        if list_name == "cases":
            words = ["党", "党员", "救援", "xf", "ｘｆ", "支部 书记", "不存在的案例", ""]
        for _ in range(3):
            for w in words:
                typing.append(run("input", "#bh-q", w))
        clicks: list[tuple[float, float, float]] = []
        selects = page.eval_on_selector_all(
            "#bh-filters select",
            "ss => ss.map(s => [s.id, Array.from(s.options).map(o => o.value).filter(v => v).slice(0, 3)])",
        )
        for _ in range(2):
            for sid, values in selects:
                for v in [*values, ""]:
                    clicks.append(run("change", f"#{sid}", v))
        out: dict[str, Any] = {}
        for name, runs in (("keystroke", typing), ("filter", clicks)):
            for i, part in enumerate(("answer", "filled", "script")):
                values = [r[i] for r in runs]
                out[f"{name}_{part}_ms_{label}"] = {
                    "median": round(statistics.median(values), 1),
                    "p90": round(statistics.quantiles(values, n=10)[-1], 1),
                    "max": round(max(values), 1),
                }
        return out

    run("input", "#bh-q", "先锋")  # warm up (orders and caches are built once)
    page.wait_for_load_state("networkidle")
    data = [u for u in fetched if urlsplit(u).path.endswith(".js")]
    out["first_interaction_requests"] = len(data)
    out["first_interaction_gz"] = sum(size(u)[1] for u in data)
    fetched.clear()
    out |= series("1x")
    chunk_urls = {u for u in fetched if "/cards/" in u}
    out["series_chunks_fetched"] = len(chunk_urls)
    out["series_chunks_gz"] = sum(size(u)[1] for u in chunk_urls)
    if throttle > 1:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        out |= series(f"{throttle:g}x")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    context.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--brands", type=int, default=10000)
    parser.add_argument("--cases", type=int, default=1, help="cases per brand")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--throttle", type=float, default=4.0, help="CPU slowdown for a 2nd series")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    result: dict[str, Any] = {"brands": args.brands, "cases_per_brand": args.cases}
    with tempfile.TemporaryDirectory(prefix="bench-gallery-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        generate_brands(root / "brands", args.brands, args.cases, args.seed)
        result["generate_s"] = round(time.perf_counter() - t0, 1)
        times = build_lists(root / "brands", root / "site")
        result |= {k: round(v, 2) for k, v in times.items()}
        result["gallery_pages"] = len(list((root / "site" / "gallery").glob("**/index.html")))
        result["cases_pages"] = len(list((root / "site" / "cases").glob("**/index.html")))
        with serve(root / "site") as base, sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            result["gallery"] = measure_page(
                browser, base, root / "site", "/gallery/", args.throttle, "gallery"
            )
            result["cases"] = measure_page(
                browser, base, root / "site", "/cases/", args.throttle, "cases"
            )
            browser.close()
    (args.out / "gallery.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
