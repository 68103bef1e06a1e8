"""What one `check` looks at: the named brand folders or files, or what git says changed.

The whole catalog is always loaded, so rules across brands (unique names, related
brands) still see every brand; only the *report* is narrowed to the chosen brands, the
problems across brands that involve them, and problems of brands/ itself (taxonomy.yml).
"""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Iterable
from pathlib import Path

from .catalog import LoadResult
from .errors import UsageError


def slugs_for_paths(root: Path, paths: Iterable[str]) -> set[str] | None:
    """The brand folders named by ``paths`` (folders or files inside them); None when
    one of them is brands/ itself (everything).  A path outside brands/ is a usage
    error, except a deleted file, which is simply not there to check."""
    base = root.resolve()
    slugs: set[str] = set()
    for raw in paths:
        path = Path(raw).resolve()
        if path == base:
            return None
        try:
            rel = path.relative_to(base)
        except ValueError:
            raise UsageError("check_path_outside", path=raw, brands=str(root)) from None
        top = rel.parts[0]
        if (base / top).is_dir():
            slugs.add(top)
        elif not (base / top).exists() and len(rel.parts) == 1:
            raise UsageError("check_path_missing", path=raw)
    return slugs


def changed_paths(base: str) -> list[str]:
    """Files changed against ``base`` (committed since the merge base, staged, unstaged
    and untracked), as paths relative to the working directory."""

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], capture_output=True, text=True, timeout=120, check=False
        )

    top = git("rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UsageError("check_not_git")
    names: set[str] = set()
    diff = git("diff", "--name-only", "--no-renames", f"{base}...HEAD")
    if diff.returncode != 0:
        diff = git("diff", "--name-only", "--no-renames", base)
        if diff.returncode != 0:
            raise UsageError("check_bad_base", base=base)
    names.update(diff.stdout.splitlines())
    names.update(git("diff", "--name-only", "--no-renames", "HEAD").stdout.splitlines())
    names.update(
        git("ls-files", "--others", "--exclude-standard", "--full-name").stdout.splitlines()
    )
    root = Path(top.stdout.strip())
    return sorted(str(root / name) for name in names if name)


def only(result: LoadResult, root: Path, slugs: set[str]) -> LoadResult:
    """The report of ``result`` narrowed to the brand folders ``slugs``."""
    shown_root = _shown(root)
    folders = tuple(f"{shown_root}/{slug}/" for slug in sorted(slugs))

    def wanted(path: str) -> bool:
        if path.startswith(folders):
            return True
        # Problems of brands/ itself (taxonomy.yml, a stray file) concern everyone.
        inside = path[len(shown_root) + 1 :] if path.startswith(shown_root + "/") else path
        return "/" not in inside.rstrip("/") and not (root / inside).is_dir()

    problems = tuple(
        p
        for p in result.problems
        if wanted(p.path)
        or (p.code == "name_duplicate" and str(p.params.get("other", "")).startswith(folders))
    )
    cases = sum(
        1
        for slug in slugs
        if (root / slug / "cases").is_dir()
        for f in (root / slug / "cases").iterdir()
        if f.name.endswith(".md")
    )
    return dataclasses.replace(result, problems=problems, brand_count=len(slugs), case_count=cases)


def _shown(root: Path) -> str:
    from .load.files import shown

    return shown(root)
