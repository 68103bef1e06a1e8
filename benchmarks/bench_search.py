#!/usr/bin/env python3
"""Search at scale: cold-cache query time and bytes, and first-load bytes, over nginx.

    python benchmarks/bench_search.py --brands 1000 [--cases 3] [--out DIR] [--keep]
    python benchmarks/bench_search.py --site DIR --brands-dir DIR   # a site built before

1. Generates ``--brands`` synthetic brands with ``--cases`` case studies each
   (bench_build.py's generator and seed) and builds the intranet (HTTP) edition with
   ``brandhall build`` in its own process (the real CLI: check, MkDocs, the index), timing
   it. ``--site`` skips this and measures a site built before (``--brands-dir`` names the
   brands it was built from, for the queries; without it they are generated again).
2. Serves the site with nginx and deploy/nginx.conf (gzip, headers, cache as in
   production) on a free local port, the workers as www-data when run as root.
3. For each query, in Debian's Chromium with a fresh profile (a cold cache): opens the
   home page, waits until the network is idle, clicks the header's search button and
   types the query (``press_sequentially``). In the page it records the first keystroke,
   the first result card in the DOM (at the next animation frame: rendered) and the
   final result list for the whole query. Bytes are CDP's ``Network.loadingFinished``
   ``encodedDataLength`` (what came over the wire: headers and gzip body, through
   Playwright's ``request.sizes()``, which also sees the requests of any Web
   Worker) of every request made after the home page was idle (the search button's
   click included: it starts loading the search engine), until the network is quiet again.
4. The first load of the home page, the gallery, a brand page and a case page, each in a
   fresh profile: every response until the network is idle, the same way.

Writes ``search-N.json`` and ``search-N.md`` (the tables) to ``--out``.
Budgets (issue 10): results ≤ 0.5 s after the first keystroke, ≤ 300 KB for a cold
query, ≤ 200 KB first load of any page (gzip, as sent).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_build import DEFAULT_SEED, TODAY, generate_brands  # noqa: E402  (the same brands)

from brandhall.localbrowser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from brandhall.localnginx import NGINX  # noqa: E402

BUDGET_MS = 500
BUDGET_QUERY_BYTES = 300_000
BUDGET_FIRST_LOAD_BYTES = 200_000

# In the page, before typing: the first keystroke in the box, the first result card
# rendered (the frame after it enters the DOM), and the result list of the whole query
# (the status line names the query once its cards are in).
OBSERVE = """
(q) => {
  const m = {key: null, firstCard: null, final: null, lastKey: null};
  window.__bhBench = m;
  // A Latin key fires keydown; a Chinese character committed by the IME (Playwright's
  // insertText) fires only beforeinput: the first of either is the first keystroke.
  const key = (e) => {
    if (!e.target.classList || !e.target.classList.contains('bh-search-input')) return;
    const t = performance.now();
    if (m.key === null) m.key = t;
    if (e.type === 'beforeinput') m.lastKey = t;
  };
  document.addEventListener('keydown', key, true);
  document.addEventListener('beforeinput', key, true);
  const check = () => {
    if (m.key === null) return;
    if (m.firstCard === null && document.querySelector('.bh-search .bh-results .bh-hit')) {
      m.firstCard = -1;
      requestAnimationFrame(() => { m.firstCard = performance.now(); });
    }
    const s = document.querySelector('.bh-search-status');
    if (m.final === null && s && s.dataset.q === q) {
      m.final = -1;
      requestAnimationFrame(() => { m.final = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document.body,
    {subtree: true, childList: true, attributes: true, attributeFilter: ['data-q']});
}
"""


# ============================================================================ build
def build_site(work: Path, brands: Path, log: Path) -> dict[str, Any]:
    """`brandhall build` (intranet, HTTP) of ``brands`` into work/site, in its own process."""
    shutil.copy(REPO / "mkdocs.yml", work / "mkdocs.yml")
    if not (work / "docs").exists():
        shutil.copytree(REPO / "docs", work / "docs")
    cmd = [sys.executable, "-m", "brandhall.cli", "build", "--brands", str(brands)]
    cmd += ["--site-dir", str(work / "site"), "--today", TODAY.isoformat()]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=work, stdout=out, stderr=subprocess.STDOUT, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stderr.write(log.read_text(encoding="utf-8", errors="replace")[-3000:])
        raise SystemExit(f"brandhall build failed; log: {log}")
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),  # incl. the indexer (a child)
        "log": str(log),
    }


# ============================================================================ queries
def pick_queries(brands: Path, n: int) -> tuple[list[dict[str, str]], dict[str, str]]:
    """About ten queries (and the page each should find), and the pages to load."""
    from brandhall.load import load_catalog
    from brandhall.pinyin import initials

    picks = sorted({1, max(1, n // 3), max(1, (2 * n) // 3), n})
    slugs = tuple(f"brand-{i:04d}" for i in picks)
    catalog = load_catalog(brands, today=TODAY, only=slugs).catalog
    by_slug = {b.slug: b for b in catalog.brands}
    chosen = [by_slug[s] for s in slugs if s in by_slug]
    if len(chosen) < 2:
        raise SystemExit(f"{brands}: the brands {slugs} are missing")
    a, b, c, d = (chosen * 2)[:4]
    queries: list[dict[str, str]] = []

    def add(kind: str, q: str, expect: str = "") -> None:
        queries.append({"kind": kind, "query": q, "expect": expect})

    add("brand name", a.profile.name, f"/brands/{a.slug}/")
    add("brand name", d.profile.name, f"/brands/{d.slug}/")
    for brand in (b, c):
        if brand.cases:
            case = brand.cases[0]
            add("case title", case.meta.title, f"/brands/{brand.slug}/cases/{case.slug}/")
    for brand in (a, c):
        phrase = re.search("“(.+?)”", brand.profile.practices[0].title)
        add("practice phrase", phrase.group(1) if phrase else brand.profile.practices[0].title,
            f"/brands/{brand.slug}/")  # fmt: skip
    add("multi-word", "乡村振兴")
    add("pinyin initials", initials(b.profile.name), f"/brands/{b.slug}/")
    add("pinyin initials", initials(d.profile.name), f"/brands/{d.slug}/")
    add("common word", "党员")
    case_page = f"/brands/{a.slug}/cases/{a.cases[0].slug}/" if a.cases else ""
    pages = {"home": "/", "gallery": "/gallery/", "brand": f"/brands/{a.slug}/"}
    if case_page:
        pages["case"] = case_page
    return queries, pages


# ============================================================================ nginx
@contextmanager
def nginx(site: Path) -> Iterator[str]:
    """deploy/nginx.conf serving ``site`` on a free local port (brandhall.localnginx, as
    the deploy tests and scripts/lighthouse.py use it)."""
    from brandhall.localnginx import NginxError, local_nginx

    work = Path(tempfile.mkdtemp(prefix="bench-search-nginx-"))
    try:
        with local_nginx(REPO / "deploy" / "nginx.conf", site.resolve(), work, NGINX) as base:
            yield base
    except NginxError as exc:
        raise SystemExit(str(exc)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ============================================================================ browser
class Traffic:
    """Every request of a browser context (the page's and its workers': a search engine may run
    in a Web Worker, whose requests a page's own CDP session does not see), which phase
    it started in, and its bytes on the wire. Playwright's ``request.sizes()`` are CDP's
    ``Network.loadingFinished`` ``encodedDataLength`` split into headers and body."""

    def __init__(self, context: Any) -> None:
        self.phase = "load"
        self.requests: list[tuple[str, Any]] = []  # (phase, playwright Request)
        self.done: set[int] = set()
        self.failed: dict[int, str] = {}
        self.last_event = time.monotonic()
        context.on("request", self._sent)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", self._failed)

    def _sent(self, request: Any) -> None:
        self.last_event = time.monotonic()
        self.requests.append((self.phase, request))

    def _finished(self, request: Any) -> None:
        self.last_event = time.monotonic()
        self.done.add(id(request))

    def _failed(self, request: Any) -> None:
        self.last_event = time.monotonic()
        self.done.add(id(request))
        self.failed[id(request)] = request.failure or "failed"

    def pending(self) -> list[str]:
        return [
            r.url[:100]
            for _, r in self.requests
            if id(r) not in self.done and not r.url.startswith("data:")
        ]

    def settle(self, page: Any, quiet_ms: int = 700, timeout_s: float = 20) -> None:
        """Wait until no network event came for ``quiet_ms`` and nothing is in flight."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            if not self.pending() and (time.monotonic() - self.last_event) * 1000 >= quiet_ms:
                return
        print(f"  (network not quiet after {timeout_s:.0f} s: {self.pending()[:3]})", flush=True)

    def summary(self, phase: str, base: str) -> dict[str, Any]:
        rows = []
        for ph, r in self.requests:
            if ph != phase or id(r) not in self.done or id(r) in self.failed:
                continue
            if r.url.startswith("data:"):
                continue
            sizes = r.sizes()
            head, body = sizes["responseHeadersSize"], sizes["responseBodySize"]
            response = r.response()
            encoding = response.headers.get("content-encoding", "") if response else ""
            rows.append((r.url.removeprefix(base), head + body, body, encoding))
        return {
            "requests": len(rows),
            "bytes": sum(x[1] for x in rows),
            "body_bytes": sum(x[2] for x in rows),
            "failed": [r.url for ph, r in self.requests if ph == phase and id(r) in self.failed],
            "files": sorted(((u, b, e) for u, b, _, e in rows), key=lambda x: -x[1]),
        }


@contextmanager
def fresh_browser(p: Any) -> Iterator[Any]:
    """Chromium with a new, empty profile (nothing cached)."""
    profile = tempfile.mkdtemp(prefix="bench-search-profile-")
    context = p.chromium.launch_persistent_context(
        profile,
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        viewport={"width": 1366, "height": 900},
        locale="zh-CN",
    )
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def _off_site(traffic: Traffic, base: str) -> list[str]:
    return [
        r.url
        for _, r in traffic.requests
        if not r.url.startswith(base + "/") and not r.url.startswith("data:")
    ]


def measure_query(p: Any, base: str, item: dict[str, str], delay: float) -> dict[str, Any]:
    with fresh_browser(p) as context:
        page = context.pages[0] if context.pages else context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        traffic = Traffic(context)
        page.goto(base + "/")
        page.wait_for_load_state("networkidle")
        traffic.settle(page)
        q = item["query"]
        page.evaluate(OBSERVE, q)
        traffic.phase = "query"
        page.click(".bh-search-open")
        page.locator(".bh-search-input").press_sequentially(q, delay=delay)
        page.wait_for_function(
            "() => window.__bhBench.final > 0 || /不可用/.test("
            "document.querySelector('.bh-search-status').textContent)",
            timeout=120_000,
            polling=20,
        )
        traffic.settle(page)
        m = page.evaluate("() => window.__bhBench")
        status = page.locator(".bh-search-status").text_content() or ""
        hits = [
            re.sub(r"^https?://[^/]+", "", a.get_attribute("href") or "")
            for a in page.locator(".bh-search .bh-results > li > a").all()
        ]
        expect = item["expect"]
        rank = hits.index(expect) + 1 if expect in hits else None
        net = traffic.summary("query", base)
        return {
            **item,
            "first_card_ms": round(m["firstCard"] - m["key"], 1) if m["firstCard"] and m["firstCard"] > 0 else None,
            "final_ms": round(m["final"] - m["key"], 1) if m["final"] and m["final"] > 0 else None,
            "typing_ms": round(m["lastKey"] - m["key"], 1) if m["lastKey"] else None,
            "after_last_key_ms": round(m["final"] - m["lastKey"], 1) if m["final"] and m["final"] > 0 and m["lastKey"] else None,
            "status": status.strip(),
            "rank_in_header": rank,
            "top3": hits[:3],
            "query_bytes": net["bytes"],
            "query_body_bytes": net["body_bytes"],
            "query_requests": net["requests"],
            "query_files": net["files"][:12],
            "failed": net["failed"],
            "off_site": _off_site(traffic, base),
            "page_errors": errors,
        }  # fmt: skip


def measure_first_load(p: Any, base: str, path: str) -> dict[str, Any]:
    with fresh_browser(p) as context:
        page = context.pages[0] if context.pages else context.new_page()
        traffic = Traffic(context)
        start = time.perf_counter()
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        traffic.settle(page)
        elapsed = time.perf_counter() - start
        net = traffic.summary("load", base)
        uncompressed = [
            (u, b) for u, b, enc in net["files"] if not enc and b > 2048 and not re.search(r"\.(png|jpe?g|gif|webp|woff2?)$", u)
        ]  # fmt: skip
        return {
            "path": path,
            "bytes": net["bytes"],
            "body_bytes": net["body_bytes"],
            "requests": net["requests"],
            "largest": net["files"][:8],
            "sent_without_gzip_over_2k": uncompressed,
            "failed": net["failed"],
            "off_site": _off_site(traffic, base),
            "seconds_to_idle": round(elapsed, 2),
        }


# ============================================================================ report
def _kb(n: int | float | None) -> str:
    return "–" if n is None else f"{n / 1000:.1f}"


def _ms(n: float | None) -> str:
    return "–" if n is None else f"{n:.0f}"


def report_md(result: dict[str, Any]) -> str:
    lines = [
        f"## Search at scale: {result['brands']} brands, {result['cases']} cases"
        f" ({result['when']}, load average {result['load_before']} → {result['load_after']})",
        "",
    ]
    if result.get("build"):
        bld = result["build"]
        lines += [
            f"`brandhall build`: {bld['wall_s']} s wall, {bld['cpu_s']} s CPU (incl. the search indexer).",
            "",
        ]
    lines += [
        "| query | kind | first card, ms | whole query, ms | of which typing, ms | after the last key, ms | bytes (wire) | requests | rank (header) | status |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for q in result["queries"]:
        lines.append(
            f"| {q['query']} | {q['kind']} | {_ms(q['first_card_ms'])} | {_ms(q['final_ms'])} | "
            f"{_ms(q['typing_ms'])} | {_ms(q['after_last_key_ms'])} | "
            f"{_kb(q['query_bytes'])} KB | {q['query_requests']} | {q['rank_in_header'] or '–'} | {q['status']} |"
        )
    s = result["summary"]
    lines += [
        "",
        f"first card after the first keystroke: median {_ms(s['first_card_median_ms'])} ms, "
        f"max {_ms(s['first_card_max_ms'])} ms (budget {BUDGET_MS} ms: "
        f"{s['queries_within_time']}/{len(result['queries'])} within); "
        f"bytes per cold query: median {_kb(s['query_bytes_median'])} KB, max {_kb(s['query_bytes_max'])} KB "
        f"(budget {BUDGET_QUERY_BYTES // 1000} KB: {s['queries_within_bytes']}/{len(result['queries'])} within)",
        "",
        "| first load (fresh profile) | bytes (wire) | body bytes | requests |",
        "|---|--:|--:|--:|",
    ]
    for name, f in result["first_load"].items():
        lines.append(
            f"| {name} `{f['path']}` | {_kb(f['bytes'])} KB | {_kb(f['body_bytes'])} KB | {f['requests']} |"
        )
    lines.append(
        f"\nbudget {BUDGET_FIRST_LOAD_BYTES // 1000} KB: max {_kb(s['first_load_max'])} KB"
    )
    return "\n".join(lines) + "\n"


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--brands", type=int, default=1000, metavar="N")
    parser.add_argument("--cases", type=int, default=3, metavar="K", help="cases per brand")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--site", type=Path, help="measure this built site (no build)")
    parser.add_argument("--brands-dir", type=Path, help="with --site: the brands it was built from")
    parser.add_argument("--delay", type=float, default=0, help="ms between keystrokes (default 0)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out")
    parser.add_argument("--keep", action="store_true", help="keep the brands and the site")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if args.brands_dir is not None:  # the catalog measured is the one given, whatever --brands
        args.brands = sum(1 for p in args.brands_dir.glob("*/brand.yml"))
    for tool in (NGINX, CHROMIUM):
        if not tool.exists():
            raise SystemExit(f"{tool} is missing")

    work = Path(tempfile.mkdtemp(prefix=f"bench-search-{args.brands}-"))
    work.chmod(0o755)  # nginx's workers (www-data) read the site
    result: dict[str, Any] = {
        "brands": args.brands,
        "cases": args.brands * args.cases,
        "seed": args.seed,
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": _load(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
    }
    try:
        brands = args.brands_dir
        if brands is None:
            brands = work / "brands"
            t = time.perf_counter()
            generate_brands(brands, args.brands, args.cases, args.seed)
            print(f"generated {args.brands} brands in {time.perf_counter() - t:.0f} s", flush=True)
        site = args.site
        if site is None:
            site = work / "site"
            print(f"brandhall build ({args.brands} brands) … load {_load()}", flush=True)
            result["build"] = build_site(work, brands, out / f"search-build-{args.brands}.log")
            result["build"]["peak_rss_children_mib"] = round(
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
            )
            print(f"built: {result['build']}", flush=True)
        result["site"] = str(site)
        result["pages_indexed"] = json.loads((site / "bhsearch" / "index.json").read_text())["docs"]
        queries, pages = pick_queries(brands, args.brands)

        from playwright.sync_api import sync_playwright

        with nginx(site) as base, sync_playwright() as p:
            result["queries"] = []
            for item in queries:
                r = measure_query(p, base, item, args.delay)
                print(
                    f"{item['kind']:<16} {item['query']:<14} first card {_ms(r['first_card_ms'])} ms, "
                    f"all {_ms(r['final_ms'])} ms, {_kb(r['query_bytes'])} KB, rank {r['rank_in_header']}",
                    flush=True,
                )
                result["queries"].append(r)
            result["first_load"] = {}
            for name, path in pages.items():
                f = measure_first_load(p, base, path)
                print(
                    f"first load {name:<8} {path:<40} {_kb(f['bytes'])} KB ({f['requests']} requests)",
                    flush=True,
                )
                result["first_load"][name] = f
        qs = result["queries"]
        firsts = [q["first_card_ms"] for q in qs if q["first_card_ms"] is not None]
        sizes = [q["query_bytes"] for q in qs]
        result["summary"] = {
            "first_card_median_ms": statistics.median(firsts) if firsts else None,
            "first_card_max_ms": max(firsts) if firsts else None,
            "queries_within_time": sum(1 for x in firsts if x <= BUDGET_MS),
            "query_bytes_median": statistics.median(sizes),
            "query_bytes_max": max(sizes),
            "queries_within_bytes": sum(1 for x in sizes if x <= BUDGET_QUERY_BYTES),
            "first_load_max": max(f["bytes"] for f in result["first_load"].values()),
            "budgets": {
                "first_card_ms": BUDGET_MS,
                "query_bytes": BUDGET_QUERY_BYTES,
                "first_load_bytes": BUDGET_FIRST_LOAD_BYTES,
            },
        }
        result["load_after"] = _load()
        text = report_md(result)
        (out / f"search-{args.brands}.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (out / f"search-{args.brands}.md").write_text(text, encoding="utf-8")
        print()
        print(text)
        print(f"written: {out / f'search-{args.brands}.json'}")
        return 0
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
