"""`brandhall build` and `brandhall serve`: report the content's problems, then drive MkDocs.

The site is built into a temporary directory next to the output directory and swapped
in only when the build succeeded, so a failed build never leaves a half-written site.
Every option reaches MkDocs as one BuildOptions (see plugin.load_site_config).
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from .cache import load_catalog_cached
from .errors import BuildError, ContentError, UsageError
from .messages import say
from .options import BuildOptions
from .plugin import load_site_config, site_config_overrides
from .problems import count, format_problems, summary_line
from .publish import make_world_readable


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {record.getMessage()}"


class _Stderr(logging.Handler):
    """Writes to whatever sys.stderr is at the time (not the stream of the first build)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            print(self.format(record), file=sys.stderr)
        except (OSError, ValueError):
            self.handleError(record)


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _setup_logging() -> _Counter:
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    if not any(getattr(h, "_brandhall", False) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(_Formatter())
        handler._brandhall = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    counter = _Counter()
    logger.addHandler(counter)
    return counter


def report_content(options: BuildOptions) -> None:
    """Print every problem and the summary line; raise ContentError if any is an error."""
    result = load_catalog_cached(options.brands_dir, options.today, options.only)
    if result.problems:
        print(format_problems(result.problems, "text", options.lang))
    print(summary_line(result.brand_count, result.case_count, result.problems, options.lang))
    errors, _warnings = count(result.problems)
    if errors:
        raise ContentError(result.problems, errors=errors, detail="")


def build_site(
    options: BuildOptions, site_dir: Path, config_file: Path, strict: bool = False
) -> Path:
    """Build the site for ``options`` into ``site_dir``; returns the directory written."""
    if not config_file.is_file():
        raise UsageError("config_missing", file=str(config_file))
    refusal = _unsafe_site_dir(site_dir, options.brands_dir, config_file)
    if refusal:
        code, params = refusal
        raise UsageError(code, site_dir=str(site_dir), **params)
    report_content(options)
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    counter = _setup_logging()
    try:
        config = load_site_config(config_file, options, site_dir=str(tmp), strict=strict)
        plugin = config.plugins["brandhall"]
        try:
            build(config)
        except Abort:
            # MkDocs has printed why; brandhall's own failures carry their error.
            raise plugin.failure or BuildError("build_aborted") from None
        except MkDocsException as exc:
            raise BuildError("build_failed", detail=str(exc)) from None
        except OSError as exc:  # disk full, read-only: the old site stays, tmp is removed
            raise _io_error(exc, tmp) from None
        if strict and counter.count:
            raise BuildError("strict_warnings", count=counter.count)
        make_world_readable(tmp)  # mkdtemp makes 0700; nginx runs as another user
        _swap_in(tmp, site_dir)
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    say("site_written", options.lang, path=str(site_dir))
    return site_dir


def _io_error(exc: OSError, tmp: Path) -> BuildError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return BuildError("build_disk_full", path=exc.filename or tmp.parent)
    return BuildError("build_io", path=exc.filename or tmp.parent, detail=exc.strerror or exc)


def _unsafe_site_dir(
    site_dir: Path, brands: Path, config_file: Path
) -> tuple[str, dict[str, Any]] | None:
    """Why ``site_dir`` must not be replaced by a build, if it must not: the output
    directory is deleted and swapped, so it may hold nothing but a previous build."""
    target = site_dir.resolve()
    if target == Path(target.anchor) or target == Path.home().resolve():
        return "site_dir_root", {}
    if target.exists() and not target.is_dir():
        return "site_dir_file", {}
    if brands.resolve() in target.parents:
        return "site_dir_in_brands", {}
    config_dir = config_file.resolve().parent
    protected = {
        "brands": brands.resolve(),
        "config": config_file.resolve(),
        "docs": config_dir / "docs",
    }
    for what, path in protected.items():
        if path == target or target in path.parents:
            return f"site_dir_contains_{what}", {"path": str(path)}
    if (
        target.is_dir()
        and any(target.iterdir())
        and not (target / "index.html").is_file()
        and not (target / "sitemap.xml").exists()
    ):
        return "site_dir_not_a_site", {}
    return None


def _swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` with ``new`` by two renames on the same file system."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old, target)  # put the old site back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def serve_site(options: BuildOptions, config_file: Path, dev_addr: str) -> None:
    """Preview with live reload; edits under brands/ rebuild the site."""
    if not config_file.is_file():
        raise UsageError("config_missing", file=str(config_file))
    # A preview: no site search index (an edit shows in about a second).
    options = dataclasses.replace(options, preview=True)
    report_content(options)
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    _setup_logging()
    try:
        serve(
            config_file=str(config_file),
            dev_addr=dev_addr,
            livereload=True,
            **site_config_overrides(config_file, options),
        )
    except MkDocsException as exc:
        raise BuildError("serve_failed", detail=str(exc)) from None
