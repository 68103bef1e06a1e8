#!/usr/bin/env python3
"""Leak-check benchmark: the public build's leak check against the public build itself.

    python benchmarks/bench_leakcheck.py --brands 1000 [--repeat 3] [--out DIR] [--keep]

1. Writes ``--brands`` synthetic brands with bench_build.py's generator (same seed, same
   content) and builds the public edition once with ``brandhall build --profile public``
   in a fresh process, timing its wall time (the leak check runs inside that build too).
2. Loads the catalog in this process and times ``find_leaks(site, catalog,
   docs_dir=docs)`` ``--repeat`` times on the built site, keeping the fastest.
3. Checks that the measured check still works: the clean site has no leak, and an
   intranet-only value planted in a new ``.csv`` file is found.
4. Prints the figures and writes ``leakcheck-N.json`` to ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from bench_build import DEFAULT_SEED, TODAY, generate_brands  # noqa: E402


def _site_stats(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def benchmark(n: int, cases: int, seed: int, repeat: int, out: Path, keep: bool) -> dict[str, Any]:
    from brandhall.leakcheck import find_leaks
    from brandhall.load import load_catalog
    from brandhall.visibility import intranet_only_values

    work = Path(tempfile.mkdtemp(prefix=f"bench-leak-{n}-"))
    try:
        brands = work / "brands"
        print(f"generating {n} brands × {cases} cases …", flush=True)
        generate_brands(brands, n, cases, seed)
        shutil.copy(REPO / "mkdocs.yml", work / "mkdocs.yml")
        shutil.copytree(REPO / "docs", work / "docs")
        site = work / "site"
        command = [
            sys.executable,
            "-m",
            "brandhall.cli",
            "build",
            "--profile",
            "public",
            "--brands",
            str(brands),
            "--site-dir",
            str(site),
            "--today",
            TODAY.isoformat(),
        ]
        print("public build: " + " ".join(command[1:]), flush=True)
        start = time.perf_counter()
        proc = subprocess.run(command, cwd=work, capture_output=True, text=True)
        build_s = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"public build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        print(f"  {build_s:.1f} s", flush=True)

        catalog = load_catalog(brands, today=TODAY).catalog
        files, size = _site_stats(site)
        times = []
        for r in range(repeat):
            start = time.perf_counter()
            leaks = find_leaks(site, catalog, docs_dir=work / "docs")
            times.append(time.perf_counter() - start)
            print(f"find_leaks {r + 1}/{repeat}: {times[-1]:.2f} s", flush=True)
            if leaks:
                raise SystemExit(f"the clean public site has leaks: {leaks[:5]}")
        # The check that was timed must still catch a planted value.
        secret = next(
            (b.slug, field, value)
            for b in catalog.brands
            for field, value in intranet_only_values(b.profile)
            if field == "contact.phone"
        )
        (site / "planted.csv").write_text(f"name,phone\nx,{secret[2]}\n", encoding="utf-8")
        caught = [
            (x.file, x.brand, x.field) for x in find_leaks(site, catalog, docs_dir=work / "docs")
        ]
        if ("planted.csv", secret[0], secret[1]) not in caught:
            raise SystemExit(f"a planted {secret[1]} was not caught: {caught}")

        best = min(times)
        report: dict[str, Any] = {
            "brands": n,
            "cases": n * cases,
            "seed": seed,
            "site_files": files,
            "site_bytes": size,
            "public_build_wall_s": build_s,
            "find_leaks_s": times,
            "find_leaks_best_s": best,
            "ratio_pct": 100 * best / build_s,
            "mb_per_s": size / best / 1e6,
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
                "loadavg": os.getloadavg(),
            },
            "date": dt.date.today().isoformat(),
        }
        text = (
            f"N={n}: site {files} files, {size / 2**20:.1f} MiB; public build {build_s:.1f} s; "
            f"find_leaks {best:.2f} s (fastest of {repeat}) = {report['ratio_pct']:.1f} % of "
            f"the build, {report['mb_per_s']:.0f} MB/s"
        )
        print(text)
        out.mkdir(parents=True, exist_ok=True)
        (out / f"leakcheck-{n}.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return report
    finally:
        if keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--brands", type=int, default=100, metavar="N")
    parser.add_argument("--cases", type=int, default=3, metavar="K")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=3, metavar="R")
    parser.add_argument("--out", type=Path, default=HERE / "out", metavar="DIR")
    parser.add_argument("--keep", action="store_true", help="keep the brands and the site")
    args = parser.parse_args(argv)
    if args.brands < 1 or args.repeat < 1:
        parser.error("--brands and --repeat must be ≥ 1")
    benchmark(args.brands, args.cases, args.seed, args.repeat, args.out.resolve(), args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
