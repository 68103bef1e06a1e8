"""The build benchmark runs end to end (figures come from benchmarks/, never from here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def test_benchmark_script_builds_both_variants(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "benchmarks/bench_build.py",
            "--brands",
            "3",
            "--cases",
            "1",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    result = json.loads((tmp_path / "bench-3.json").read_text(encoding="utf-8"))
    assert result["brands"] == 3
    # The baseline has Material's search box in its header, brandhall has its own:
    # the same pages, not the same bytes.
    assert result["identical_html"]["total"] > 0
    assert "brandhall_share_pct" in result
    assert "byte-identical HTML pages between the two sites" in proc.stdout


def test_leak_check_benchmark_runs_and_catches_a_planted_value(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "benchmarks/bench_leakcheck.py",
            "--brands",
            "3",
            "--cases",
            "1",
            "--repeat",
            "1",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    result = json.loads((tmp_path / "leakcheck-3.json").read_text(encoding="utf-8"))
    assert result["brands"] == 3
    assert result["public_build_wall_s"] > result["find_leaks_best_s"] > 0
    assert "% of the build" in proc.stdout
