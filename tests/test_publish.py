"""Publishing: release directories, the atomic switch of `current`, rollback, the lock,
and a publish killed midway."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from brandhall import cli
from brandhall.errors import BuildError
from brandhall.options import BuildOptions
from brandhall.publish import PublishError, current_release, publish, releases, rollback

from .conftest import ROOT, VALID


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


# --- permissions and faults ---------------------------------------------------------------
def _listing(root: Path) -> dict[str, tuple[int, str]]:
    """Every entry under ``root`` (dotfiles too): mode and content, link target or "dir"."""
    out: dict[str, tuple[int, str]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            st = path.lstat()
            if path.is_symlink():
                what = "-> " + os.readlink(path)
            elif path.is_dir():
                what = "dir"
            else:
                what = hashlib.sha256(path.read_bytes()).hexdigest()
            out[path.relative_to(root).as_posix()] = (st.st_mode & 0o7777, what)
    return out


def _modes(root: Path) -> set[tuple[str, int]]:
    found = {("dir", root.stat().st_mode & 0o777)}
    for path in root.rglob("*"):
        found.add(("dir" if path.is_dir() else "file", path.stat().st_mode & 0o777))
    return found


@contextmanager
def _small_fs(path: Path, size: str = "1m") -> Iterator[bool]:
    """A tmpfs of ``size`` at ``path`` if this machine lets us mount one (root with
    CAP_SYS_ADMIN); yields False where it does not, and the test simulates instead."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
            capture_output=True,
        ).returncode
        == 0
    )
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], check=True)


def _cli_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_releases_are_world_readable_whatever_the_umask(tmp_path: Path) -> None:
    site = _site(tmp_path / "s", "站", files=3)
    for path in [site, *site.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)  # as mkdtemp and a 077 umask leave them
    old = os.umask(0o077)
    try:
        name = publish(site, tmp_path / "www" / "dangjian", now=_now(0))
    finally:
        os.umask(old)
    dest = tmp_path / "www" / "dangjian"
    assert dest.stat().st_mode & 0o777 == 0o755
    assert (dest / "releases").stat().st_mode & 0o777 == 0o755
    assert _modes(dest / "releases" / name) == {("dir", 0o755), ("file", 0o644)}
    assert (dest / "releases" / f"{name}.sha256").stat().st_mode & 0o777 == 0o644


def test_a_built_site_is_world_readable_whatever_the_umask(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(VALID, tmp_path / "brands" / "valid")
    proc = subprocess.run(
        [sys.executable, "-c", "import os,sys; os.umask(0o077); from brandhall.cli import main;"
         " sys.exit(main(['build', '--today', '2026-12-01']))"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert _modes(tmp_path / "site") == {("dir", 0o755), ("file", 0o644)}


def test_publish_to_a_full_disk_fails_clearly_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "www"
    with _small_fs(dest, "1m") as real:
        publish(_site(tmp_path / "old", "旧", files=5), dest, now=_now(0))
        big = _site(tmp_path / "big", "新", files=3)
        for i in range(3):  # 3 × 600 KB: the copy runs out of space on the second file
            (big / "brands" / f"b{i:04d}" / "photo.bin").write_bytes(os.urandom(600_000))
        if not real:
            copied: list[object] = []
            original = shutil.copyfile

            def copyfile(src: Path, dst: Path, **kwargs: bool) -> object:
                if len(copied) == 4:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
                copied.append(original(src, dst, **kwargs))
                return dst

            monkeypatch.setattr("brandhall.publish.shutil.copyfile", copyfile)
        before = _listing(dest)
        code, out = _cli_main(capsys, "publish", "--site-dir", str(big), str(dest))
        assert code == 1
        assert "磁盘空间不足" in out and "current 未改动" in out and "Traceback" not in out
        assert _listing(dest) == before
        assert _served(dest) == "<h1>旧</h1>"


def test_publish_to_a_read_only_destination_fails_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "www"
    with _small_fs(dest, "4m") as real:
        publish(_site(tmp_path / "old", "旧", files=5), dest, now=_now(0))
        before = _listing(dest)
        if real:
            subprocess.run(["mount", "-o", "remount,ro", str(dest)], check=True)
        else:

            def read_only(*args: object, **kwargs: object) -> None:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dest / ".lock"))

            monkeypatch.setattr("brandhall.publish._locked", read_only)
        code, out = _cli_main(
            capsys, "publish", "--site-dir", str(_site(tmp_path / "new", "新")), str(dest)
        )
        assert code == 1
        assert "不可写（只读挂载或没有写权限）" in out and "Traceback" not in out
        code, out = _cli_main(capsys, "rollback", str(dest))
        assert code == 1 and "不可写" in out
        assert _listing(dest) == before
        assert _served(dest) == "<h1>旧</h1>"


def test_a_current_that_is_a_real_directory_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "www"
    (dest / "current").mkdir(parents=True)  # a site someone copied in by hand
    (dest / "current" / "index.html").write_text("<h1>手工</h1>", encoding="utf-8")
    before = _listing(dest)
    for command in (["publish", "--site-dir", str(_site(tmp_path / "s", "新"))], ["rollback"]):
        code, out = _cli_main(capsys, *command, str(dest))
        assert code == 1, command
        assert f"{dest / 'current'} 是一个普通目录或文件" in out and "Traceback" not in out
        assert _listing(dest) == before
    with pytest.raises(PublishError) as info:
        publish(tmp_path / "s", dest)
    assert info.value.code == "publish_current_not_link"
    assert "is a real directory or file" in info.value.message("en")


def test_a_build_on_a_full_disk_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from brandhall.build import build_site

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(VALID, tmp_path / "brands" / "valid")
    out = tmp_path / "out"
    with _small_fs(out, "1m") as real:  # the theme alone is larger than 1 MB
        site = _site(out / "site", "旧", files=2)
        if not real:
            import mkdocs.utils

            written: list[str] = []
            write_file = mkdocs.utils.write_file

            def full(content: bytes, path: str) -> None:
                if len(written) == 5:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
                written.append(path)
                write_file(content, path)

            monkeypatch.setattr(mkdocs.utils, "write_file", full)
        before = _listing(out)
        monkeypatch.chdir(tmp_path)
        options = BuildOptions(brands_dir=Path("brands").resolve(), today=dt.date(2026, 12, 1))
        with pytest.raises(BuildError) as failed:
            build_site(options, site, Path("mkdocs.yml"))
        assert failed.value.exit_code == 1
        err = failed.value.message("zh")
        assert "构建时磁盘空间不足" in err and "原有网站保持不变" in err
        assert "Traceback" not in err
        assert _listing(out) == before  # no .site.building-* left
        assert (site / "index.html").read_text(encoding="utf-8") == "<h1>旧</h1>"
