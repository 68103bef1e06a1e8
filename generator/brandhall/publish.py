"""`brandhall publish` and `brandhall rollback`: release directories and an atomic switch.

Layout under DEST::

    releases/20261201T180000Z-1a2b3c4/   one complete copy of the site per release
    releases/20261201T180000Z-1a2b3c4.sha256   its manifest (sha256sum format)
    current -> releases/20261201T180000Z-1a2b3c4   what the web server serves
    .lock                                  held while a publish or rollback runs

A release is copied under a temporary name, verified against the source (file count
and checksums), renamed into place, and only then is ``current`` switched: a new
symlink is made beside it and renamed over it, which replaces it atomically.  Killed at
any point, a publish leaves ``current`` pointing at a complete release; leftovers of an
interrupted publish are removed by the next one.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RELEASES = "releases"
CURRENT = "current"
LOCK = ".lock"
TMP_PREFIX = ".incoming-"


class PublishError(Exception):
    """A publish or rollback that could not be done; the message says why, in Chinese."""


@contextmanager
def _locked(dest: Path, wait: float) -> Iterator[None]:
    dest.mkdir(parents=True, exist_ok=True)
    with (dest / LOCK).open("a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PublishError(
                        f"{dest} 正在被另一个发布或回滚占用（{dest / LOCK}）；请等它完成后再试，"
                        "或用 --wait 秒数 让本次等待"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _manifest(root: Path) -> dict[str, str]:
    sums: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest = hashlib.sha256()
            with path.open("rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
            sums[path.relative_to(root).as_posix()] = digest.hexdigest()
    return sums


def _git_short_sha(cwd: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short=7", "HEAD"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "nogit"
    sha = out.stdout.strip()
    return sha if out.returncode == 0 and sha else "nogit"


def releases(dest: Path) -> list[str]:
    folder = dest / RELEASES
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def current_release(dest: Path) -> str | None:
    link = dest / CURRENT
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def _switch(dest: Path, name: str) -> None:
    tmp = dest / f".{CURRENT}.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(Path(RELEASES) / name)
    os.replace(tmp, dest / CURRENT)  # rename(2) over the old link: never missing
    _fsync_dir(dest)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _clean_leftovers(dest: Path) -> None:
    folder = dest / RELEASES
    for path in folder.glob(f"{TMP_PREFIX}*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in dest.glob(f".{CURRENT}.*"):
        if path.is_symlink():
            path.unlink()


def publish(
    site_dir: Path, dest: Path, keep: int = 5, wait: float = 0.0, now: dt.datetime | None = None
) -> str:
    """Copy ``site_dir`` into a new release under ``dest`` and make it current."""
    if keep < 2:
        raise PublishError("--keep 至少为 2：要保留上一个版本才能回滚")
    if not (site_dir / "index.html").is_file():
        raise PublishError(
            f"{site_dir} 不是构建好的网站（没有 index.html）；请先运行 brandhall build"
        )
    with _locked(dest, wait):
        folder = dest / RELEASES
        folder.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(dest)
        stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
        base = f"{stamp}-{_git_short_sha(Path.cwd())}"
        name, n = base, 2
        while (folder / name).exists():
            name, n = f"{base}-{n}", n + 1
        incoming = folder / f"{TMP_PREFIX}{name}"
        expected = _manifest(site_dir)
        shutil.copytree(site_dir, incoming, symlinks=False)
        copied = _manifest(incoming)
        if len(copied) != len(expected):
            shutil.rmtree(incoming, ignore_errors=True)
            raise PublishError(
                f"复制后的文件数（{len(copied)}）与网站（{len(expected)}）不一致；current 未改动"
            )
        different = [rel for rel, digest in expected.items() if copied.get(rel) != digest]
        if different:
            shutil.rmtree(incoming, ignore_errors=True)
            raise PublishError(
                f"复制后的文件校验和不一致（{different[0]} 等 {len(different)} 个）；current 未改动"
            )
        (folder / f"{name}.sha256").write_text(
            "".join(f"{digest}  {rel}\n" for rel, digest in copied.items()), encoding="utf-8"
        )
        os.replace(incoming, folder / name)
        _fsync_dir(folder)
        _switch(dest, name)
        _prune(dest, keep)
        return name


def _prune(dest: Path, keep: int) -> None:
    names = releases(dest)
    current = current_release(dest)
    for name in names[: max(0, len(names) - keep)]:
        if name == current:
            continue
        shutil.rmtree(dest / RELEASES / name, ignore_errors=True)
        (dest / RELEASES / f"{name}.sha256").unlink(missing_ok=True)


def rollback(dest: Path, wait: float = 0.0) -> tuple[str, str]:
    """Make the release before the current one current again; returns (from, to)."""
    with _locked(dest, wait):
        names = releases(dest)
        current = current_release(dest)
        if current is None or current not in names:
            raise PublishError(f"{dest / CURRENT} 不存在或指向的版本已不在；无法回滚")
        index = names.index(current)
        if index == 0:
            raise PublishError(f"{current} 已是保留的最早版本，没有可回滚的上一个版本")
        previous = names[index - 1]
        _switch(dest, previous)
        return current, previous
