#!/usr/bin/env python3
"""Preview benchmark: how long `brandhall serve` takes to show an edit to one brand.

    python benchmarks/bench_serve.py --brands 1000 [--only | --whole] [--edits 3]

Writes ``--brands`` synthetic brands (bench_build.py's generator and seed) next to a copy
of the repository's mkdocs.yml and docs/, starts ``brandhall serve`` on a free port
(``--only brand-0001`` by default, the preview docs/contribute.md recommends; ``--whole``
previews every brand), waits for the first build, then ``--edits`` times: changes the
summary of brand-0001 (a new marker each time) and polls the brand's page over HTTP
every 50 ms until the marker is served. The figure is the time from the write to the
first response that holds it: what an editor waits for. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import DEFAULT_SEED, REPO, TODAY, generate_brands  # noqa: E402

SLUG = "brand-0001"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return str(r.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def _wait_for(url: str, marker: str, timeout: float) -> float:
    """Seconds until ``url`` serves a page holding ``marker``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if marker in _get(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {marker!r} within {timeout:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--brands", type=int, default=1000, metavar="N")
    parser.add_argument("--cases", type=int, default=3, metavar="K")
    parser.add_argument("--edits", type=int, default=3, metavar="E")
    parser.add_argument("--whole", action="store_true", help="preview every brand (no --only)")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix=f"brandhall-serve-{args.brands}-"))
    proc = None
    try:
        generate_brands(work / "brands", args.brands, args.cases, DEFAULT_SEED)
        shutil.copy(REPO / "mkdocs.yml", work / "mkdocs.yml")
        shutil.copytree(REPO / "docs", work / "docs")
        port = _free_port()
        cmd = [sys.executable, "-m", "brandhall.cli", "serve", "-a", f"127.0.0.1:{port}"]
        cmd += ["--today", TODAY.isoformat()]
        if not args.whole:
            cmd += ["--only", SLUG]
        log = (work / "serve.log").open("w", encoding="utf-8")
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=work, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        url = f"http://127.0.0.1:{port}/brands/{SLUG}/"
        brand_yml = work / "brands" / SLUG / "brand.yml"
        name = next(
            line.split(":", 1)[1].strip().strip('"')
            for line in brand_yml.read_text(encoding="utf-8").splitlines()
            if line.startswith("name:")
        )
        first = _wait_for(url, name, args.timeout)
        print(f"first build served after {first:.1f} s ({time.perf_counter() - start:.1f} s)")
        times = []
        for i in range(args.edits):
            marker = f"预览标记{i + 1}号"
            text = brand_yml.read_text(encoding="utf-8")
            lines = [
                f'summary: "{marker}：本品牌在预览中修改了简介，用来测量预览刷新所需的时间。"'
                if line.startswith("summary:")
                else line
                for line in text.splitlines()
            ]
            time.sleep(1.0)  # let the watcher settle after the previous build
            brand_yml.write_text("\n".join(lines) + "\n", encoding="utf-8")
            took = _wait_for(url, marker, args.timeout)
            times.append(took)
            print(f"edit {i + 1}: shown after {took:.2f} s", flush=True)
        result = {
            "brands": args.brands,
            "cases": args.brands * args.cases,
            "mode": "whole" if args.whole else f"--only {SLUG}",
            "first_build_s": first,
            "edit_to_page_s": times,
            "best_s": min(times) if times else None,
            "load_average": os.getloadavg(),
        }
        args.out.mkdir(parents=True, exist_ok=True)
        name_part = "whole" if args.whole else "only"
        target = args.out / f"serve-{args.brands}-{name_part}.json"
        target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(result))
        return 0
    except TimeoutError as exc:
        tail = (work / "serve.log").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{exc}\n--- brandhall serve's output:\n{tail}") from None
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
