"""Debian's Chromium as the tests and benchmarks start it (tests/conftest.py,
benchmarks/bench_search.py). Not used by the site build itself.

Without the background-networking flags Chromium tries to reach Google's hosts at every
start, and this machine's closed network refuses each attempt.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
