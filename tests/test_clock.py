"""The suite does not depend on the day it runs: the tests that check, render and build
pass with the system clock set years ahead (libfaketime), because every date they judge
comes from --today / TODAY."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

FAKETIME = shutil.which("faketime")
# The tests that check, render and build content in their own ways. The other build
# tests go through the same helpers (`build_site`, `run_cli`), which pin --today; they
# are left out only to keep CI short, since each of them builds a site.
CLOCK_SENSITIVE = [
    "tests/test_golden.py",
    "tests/test_render.py",
    "tests/test_render_golden.py",
    "tests/test_cli.py",
    "tests/test_messages.py",
    "tests/test_site_build.py",
    "tests/test_schema.py",
]


def test_suite_passes_with_the_clock_in_2030() -> None:
    if FAKETIME is None:
        if os.environ.get("CI"):
            pytest.fail("faketime is not installed (apt-get install faketime)")
        pytest.skip("faketime is not installed (apt-get install faketime)")
    probe = subprocess.run(
        [
            FAKETIME,
            "2030-01-01 08:00:00",
            sys.executable,
            "-c",
            "import datetime as d; print(d.date.today())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == "2030-01-01"  # the clock really moved
    proc = subprocess.run(
        [
            FAKETIME,
            "2030-01-01 08:00:00",
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            *CLOCK_SENSITIVE,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
