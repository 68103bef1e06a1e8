"""Publishing: release directories, the atomic switch of `current`, rollback, the lock,
and a publish killed midway."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from brandhall.publish import PublishError, current_release, publish, releases, rollback

from .conftest import ROOT


def _site(root: Path, marker: str, files: int = 20) -> Path:
    root.mkdir(parents=True)
    (root / "index.html").write_text(f"<h1>{marker}</h1>", encoding="utf-8")
    for i in range(files):
        sub = root / "brands" / f"b{i:04d}"
        sub.mkdir(parents=True)
        (sub / "index.html").write_text(f"{marker} {i}", encoding="utf-8")
    return root


def _now(second: int) -> dt.datetime:
    return dt.datetime(2026, 12, 1, 12, 0, second, tzinfo=dt.UTC)


def _served(dest: Path) -> str:
    return (dest / "current" / "index.html").read_text(encoding="utf-8")


def test_publish_switches_current_and_rollback_goes_back(tmp_path: Path) -> None:
    dest = tmp_path / "www"
    first = publish(_site(tmp_path / "s1", "一"), dest, now=_now(1))
    assert _served(dest) == "<h1>一</h1>"
    assert (dest / "current").is_symlink()
    assert not os.readlink(dest / "current").startswith("/")  # relative: the tree can move
    second = publish(_site(tmp_path / "s2", "二"), dest, now=_now(2))
    assert _served(dest) == "<h1>二</h1>"
    assert releases(dest) == [first, second]
    assert first.startswith("20261201T120001Z-")
    manifest = (dest / "releases" / f"{second}.sha256").read_text(encoding="utf-8").splitlines()
    assert len(manifest) == 21 and manifest[0].endswith("  brands/b0000/index.html")
    assert rollback(dest) == (second, first)
    assert _served(dest) == "<h1>一</h1>"
    with pytest.raises(PublishError, match="没有可回滚的上一个版本"):
        rollback(dest)


def test_only_the_last_releases_are_kept(tmp_path: Path) -> None:
    dest = tmp_path / "www"
    names = [
        publish(_site(tmp_path / f"s{i}", str(i), files=1), dest, keep=3, now=_now(i))
        for i in range(6)
    ]
    assert releases(dest) == names[-3:]
    assert current_release(dest) == names[-1]
    assert sorted(p.name for p in (dest / "releases").glob("*.sha256")) == [
        f"{n}.sha256" for n in names[-3:]
    ]


def test_same_second_publishes_get_distinct_names(tmp_path: Path) -> None:
    dest = tmp_path / "www"
    a = publish(_site(tmp_path / "a", "a", files=1), dest, now=_now(1))
    b = publish(_site(tmp_path / "b", "b", files=1), dest, now=_now(1))
    assert a != b and b == f"{a}-2"


def test_refuses_a_directory_that_is_not_a_built_site(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(PublishError, match="不是构建好的网站"):
        publish(tmp_path / "empty", tmp_path / "www")


def test_current_is_never_missing_or_partial_while_switching(tmp_path: Path) -> None:
    dest = tmp_path / "www"
    sites = [_site(tmp_path / f"s{i}", f"版本{i}", files=200) for i in range(3)]
    publish(sites[0], dest, now=_now(0))
    seen: set[str] = set()
    problems: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                # What the server would serve now: the release `current` points at, whole.
                release = dest / os.readlink(dest / "current")
                text = (release / "index.html").read_text(encoding="utf-8")
                last = (release / "brands" / "b0199" / "index.html").read_text(encoding="utf-8")
            except OSError as exc:
                problems.append(repr(exc))
                continue
            seen.add(text)
            if last.split()[0] != text[4:-5]:
                problems.append(f"mixed release: {text} / {last}")

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        publish(sites[1], dest, now=_now(1))
        rollback(dest)
        publish(sites[2], dest, now=_now(2))
        rollback(dest)
    finally:
        stop.set()
        thread.join()
    assert problems == []
    assert "<h1>版本0</h1>" in seen


def _cli_publish(site: Path, dest: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "brandhall.cli",
            "publish",
            "--site-dir",
            str(site),
            str(dest),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_publish_killed_midway_leaves_current_untouched(tmp_path: Path) -> None:
    big = _site(tmp_path / "big", "新", files=3000)
    caught = 0
    for attempt in range(20):
        dest = tmp_path / f"www{attempt}"
        publish(_site(tmp_path / f"old{attempt}", "旧", files=5), dest, now=_now(0))
        proc = _cli_publish(big, dest)
        # Kill as soon as the copy has begun: a partial release exists under its temporary name.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            incoming = list((dest / "releases").glob(".incoming-*"))
            if incoming and any(incoming[0].rglob("index.html")):
                time.sleep(0.01 * attempt)  # a little later each time: different stages
                break
            time.sleep(0.005)
        if proc.poll() is not None:
            proc.communicate()
            continue
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        caught += 1
        assert _served(dest) == "<h1>旧</h1>", (
            f"current changed by a killed publish (attempt {attempt})"
        )
        assert (dest / "current" / "brands").is_dir()
        # The next publish cleans up what the killed one left and completes.
        again = _cli_publish(big, dest)
        _out, err = again.communicate(timeout=120)
        assert again.returncode == 0, err
        assert list((dest / "releases").glob(".incoming-*")) == []
        assert _served(dest) == "<h1>新</h1>"
        assert len(list((dest / "current" / "brands").iterdir())) == 3000
        if caught >= 3:
            break
    assert caught >= 1, "no publish was caught midway"


def test_a_second_publish_waits_for_the_lock_or_fails_clearly(tmp_path: Path) -> None:
    import fcntl

    dest = tmp_path / "www"
    site = _site(tmp_path / "s", "站", files=1)
    publish(site, dest, now=_now(0))
    with (dest / ".lock").open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        proc = _cli_publish(site, dest)
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 1
        assert "正在被另一个发布或回滚占用" in err
        waiting = _cli_publish(site, dest, "--wait", "30")
        time.sleep(1.0)
        assert waiting.poll() is None  # still waiting for the lock
        fcntl.flock(handle, fcntl.LOCK_UN)
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert len(releases(dest)) == 2


def test_rollback_command(tmp_path: Path) -> None:
    dest = tmp_path / "www"
    publish(_site(tmp_path / "a", "甲", files=1), dest, now=_now(0))
    publish(_site(tmp_path / "b", "乙", files=1), dest, now=_now(1))
    proc = subprocess.run(
        [sys.executable, "-m", "brandhall.cli", "rollback", str(dest)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "已回滚" in proc.stdout
    assert _served(dest) == "<h1>甲</h1>"
    again = subprocess.run(
        [sys.executable, "-m", "brandhall.cli", "rollback", str(dest)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1 and "Traceback" not in again.stderr
