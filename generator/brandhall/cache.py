"""Load the catalog once per build even when both `brandhall build` (to report problems
before building) and the MkDocs plugin ask for it: the last result is reused while no
file under brands/ has changed (names, sizes and modification times)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .catalog import LoadResult
from .load import load_catalog

_last: tuple[tuple[object, ...], LoadResult] | None = None


def _fingerprint(
    root: Path, only: tuple[str, ...] | None = None
) -> tuple[tuple[str, int, int, int], ...]:
    """What a load reads: every entry under ``root``, or with ``only`` the top level and
    those brand folders (a preview does not enter the others, see load.files.scan)."""
    entries: list[tuple[str, int, int, int]] = []
    stack = [str(root)]
    top = str(root)
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                for entry in it:
                    st = entry.stat(follow_symlinks=False)
                    entries.append((entry.path, st.st_mode, st.st_size, st.st_mtime_ns))
                    if entry.is_dir(follow_symlinks=False) and (
                        only is None or folder != top or entry.name in only
                    ):
                        stack.append(entry.path)
        except OSError:
            entries.append((folder, -1, -1, -1))
    return tuple(sorted(entries))


def load_catalog_cached(
    root: Path, today: dt.date, only: tuple[str, ...] | None = None
) -> LoadResult:
    """``load_catalog(root, today, only)``, reusing the previous result if nothing changed."""
    global _last
    key = (str(root.resolve()), today, only, _fingerprint(root, only))
    if _last is not None and _last[0] == key:
        return _last[1]
    result = load_catalog(root, today=today, only=only)
    _last = (key, result)
    return result
