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

Every release is world-readable (directories 0755, files 0644, whatever the umask), so
a web server running as another user can serve it.  A publish that fails (disk full,
read-only destination, ``current`` not a link) raises :class:`PublishError`, removes
what it had written and leaves ``current`` as it was.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import PublishError

RELEASES = "releases"
CURRENT = "current"
LOCK = ".lock"
TMP_PREFIX = ".incoming-"
DIR_MODE = 0o755
FILE_MODE = 0o644


def make_world_readable(root: Path) -> None:
    """Directories 0755, files 0644 under ``root`` (and ``root`` itself), whatever the
    umask or ``tempfile.mkdtemp``'s 0700: a web server running as another user (nginx
    as www-data) must read every file.  Symbolic links are left alone."""
    os.chmod(root, DIR_MODE)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, DIR_MODE)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def _io_error(exc: OSError, dest: Path) -> PublishError:
    """A file-system failure as a message an IT person can act on."""
    path = exc.filename or dest
    if exc.errno in _FULL:
        return PublishError("publish_disk_full", path=path)
    if exc.errno in _READ_ONLY:
        return PublishError("publish_read_only", path=path)
    return PublishError("publish_io", path=path, detail=exc.strerror or exc)


@contextmanager
def _locked(dest: Path, wait: float) -> Iterator[None]:
    # Folders made here are 0755 whatever the umask: the web server walks through them.
    for folder in [*reversed(dest.parents), dest]:
        if not folder.is_dir():
            folder.mkdir(mode=DIR_MODE)
            os.chmod(folder, DIR_MODE)
    with (dest / LOCK).open("a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PublishError("publish_locked", dest=dest, lock=dest / LOCK) from None
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


def _check_current(dest: Path) -> None:
    current = dest / CURRENT
    if (current.exists() or current.is_symlink()) and not current.is_symlink():
        raise PublishError("publish_current_not_link", path=current)


def _switch(dest: Path, name: str) -> None:
    tmp = dest / f".{CURRENT}.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    try:
        tmp.symlink_to(Path(RELEASES) / name)
        os.replace(tmp, dest / CURRENT)  # rename(2) over the old link: never missing
    except BaseException:
        if tmp.is_symlink():
            tmp.unlink()
        raise
    _fsync_dir(dest)


def _copy_site(source: Path, target: Path) -> None:
    """Copy the site file by file, world-readable; the first error stops the copy
    (shutil.copytree would go on after a full disk and report a list at the end)."""
    target.mkdir(mode=DIR_MODE)
    os.chmod(target, DIR_MODE)
    for folder, dirs, files in os.walk(source, followlinks=True):
        rel = Path(folder).relative_to(source)
        for name in dirs:
            (target / rel / name).mkdir(mode=DIR_MODE)
            os.chmod(target / rel / name, DIR_MODE)
        for name in files:
            shutil.copyfile(Path(folder, name), target / rel / name)
            os.chmod(target / rel / name, FILE_MODE)


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
    """Copy ``site_dir`` into a new release under ``dest`` and make it current.

    Raises PublishError, with ``current`` and the existing releases untouched and
    nothing new left behind, when it cannot be done."""
    if keep < 2:
        raise PublishError("publish_keep")
    if not (site_dir / "index.html").is_file():
        raise PublishError("publish_not_site", site=site_dir)
    try:
        _check_current(dest)
        with _locked(dest, wait):
            _check_current(dest)
            return _publish_locked(site_dir, dest, keep, now)
    except OSError as exc:
        raise _io_error(exc, dest) from exc


def _publish_locked(site_dir: Path, dest: Path, keep: int, now: dt.datetime | None) -> str:
    folder = dest / RELEASES
    if not folder.is_dir():
        folder.mkdir(mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)
    _clean_leftovers(dest)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    base = f"{stamp}-{_git_short_sha(Path.cwd())}"
    name, n = base, 2
    while (folder / name).exists() or (folder / f"{name}.sha256").exists():
        name, n = f"{base}-{n}", n + 1
    incoming = folder / f"{TMP_PREFIX}{name}"
    release, sums = folder / name, folder / f"{name}.sha256"
    try:
        expected = _manifest(site_dir)
        _copy_site(site_dir, incoming)
        copied = _manifest(incoming)
        if len(copied) != len(expected):
            raise PublishError("publish_count_mismatch", copied=len(copied), expected=len(expected))
        different = [rel for rel, digest in expected.items() if copied.get(rel) != digest]
        if different:
            raise PublishError(
                "publish_checksum_mismatch", first=different[0], count=len(different)
            )
        sums.write_text(
            "".join(f"{digest}  {rel}\n" for rel, digest in copied.items()), encoding="utf-8"
        )
        os.chmod(sums, FILE_MODE)
        os.replace(incoming, release)
        _fsync_dir(folder)
        _switch(dest, name)
    except BaseException:
        # Nothing of this publish stays behind; current still names the old release.
        shutil.rmtree(incoming, ignore_errors=True)
        if current_release(dest) != name:
            shutil.rmtree(release, ignore_errors=True)
            sums.unlink(missing_ok=True)
        raise
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
    try:
        _check_current(dest)
        return _rollback_locked(dest, wait)
    except OSError as exc:
        raise _io_error(exc, dest) from exc


def _rollback_locked(dest: Path, wait: float) -> tuple[str, str]:
    with _locked(dest, wait):
        names = releases(dest)
        current = current_release(dest)
        if current is None or current not in names:
            raise PublishError("rollback_no_current", path=dest / CURRENT)
        index = names.index(current)
        if index == 0:
            raise PublishError("rollback_oldest", current=current)
        previous = names[index - 1]
        _switch(dest, previous)
        return current, previous
