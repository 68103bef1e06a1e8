#!/usr/bin/env python3
"""Book benchmark: `brandhall book` (the PDF compilation) over N synthetic brands.

    python benchmarks/bench_book.py --brands 300 [--cases 3] [--edition public] [--out DIR] [--keep]

1. Writes ``--brands`` synthetic brands with bench_build.py's generator (same seed, same
   content as the build benchmark).
2. Runs ``brandhall book --edition EDITION`` over all of them in a fresh process and
   times its wall time and CPU time (children's rusage): check, render, WeasyPrint's
   layout, the leak check (public edition) and writing the PDF.
3. Checks the result: the command succeeded, the PDF exists, and its page count (read
   with ``pdfinfo`` when poppler-utils is installed) is at least one page per brand.
4. Prints the figures and writes ``book-N.json`` to ``--out``.

The target (issue 12): 300 brands in under 2 minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
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


def _pdf_pages(pdf: Path) -> int | None:
    if not shutil.which("pdfinfo"):
        return None
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else None


def benchmark(n: int, cases: int, seed: int, edition: str, out: Path, keep: bool) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"bench-book-{n}-"))
    try:
        brands = work / "brands"
        print(f"generating {n} brands × {cases} cases …", flush=True)
        generate_brands(brands, n, cases, seed)
        shutil.copy(REPO / "mkdocs.yml", work / "mkdocs.yml")
        pdf = work / "book.pdf"
        command = [
            sys.executable,
            "-m",
            "brandhall.cli",
            "book",
            "--edition",
            edition,
            "--brands",
            str(brands),
            "--today",
            TODAY.isoformat(),
            "-o",
            str(pdf),
        ]
        print("book: " + " ".join(command[1:]), flush=True)
        before = os.times()
        start = time.perf_counter()
        proc = subprocess.run(command, cwd=work, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = os.times()
        cpu = (after.children_user - before.children_user) + (
            after.children_system - before.children_system
        )
        if proc.returncode != 0 or not pdf.is_file():
            raise SystemExit(f"book failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        pages = _pdf_pages(pdf)
        if pages is not None and pages < n:
            raise SystemExit(f"the book has {pages} pages for {n} brands")
        result = {
            "brands": n,
            "cases_per_brand": cases,
            "edition": edition,
            "wall_s": round(wall, 2),
            "cpu_s": round(cpu, 2),
            "pages": pages,
            "pdf_bytes": pdf.stat().st_size,
            "target_s": 120,
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": {
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
            },
        }
        print(
            f"  {wall:.1f} s wall, {cpu:.1f} s CPU, {pages} pages, "
            f"{pdf.stat().st_size / 1024 / 1024:.1f} MiB",
            flush=True,
        )
        out.mkdir(parents=True, exist_ok=True)
        (out / f"book-{n}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return result
    finally:
        if keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--brands", type=int, default=300, metavar="N")
    parser.add_argument("--cases", type=int, default=3, metavar="K")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--edition", choices=["intranet", "public"], default="public")
    parser.add_argument("--out", type=Path, default=HERE / "out", metavar="DIR")
    parser.add_argument("--keep", action="store_true", help="keep the brands and the PDF")
    args = parser.parse_args(argv)
    if args.brands < 1:
        parser.error("--brands must be ≥ 1")
    benchmark(args.brands, args.cases, args.seed, args.edition, args.out.resolve(), args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
