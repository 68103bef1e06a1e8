"""`brandhall build` and `brandhall serve`: validate, then drive MkDocs.

The site is built into a temporary directory next to the output directory and swapped
in only when the build succeeded, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import BuildError
from .loader import load_catalog
from .plugin import BRANDS_ENV
from .problems import Lang, count, format_problems, summary_line
from .publish import make_world_readable


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {record.getMessage()}"


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
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_Formatter())
        handler._brandhall = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    counter = _Counter()
    logger.addHandler(counter)
    return counter


def _validate(brands: Path, lang: Lang, today: dt.date | None = None):  # type: ignore[no-untyped-def]
    result = load_catalog(brands, today=today)
    if result.problems:
        print(format_problems(result.problems, "text", lang))
    errors, _warnings = count(result.problems)
    print(summary_line(result.brand_count, result.case_count, result.problems, lang))
    return result, errors


def _load_config(config_file: Path, brands: Path | None, **overrides: object):  # type: ignore[no-untyped-def]
    from mkdocs.config import load_config

    previous = os.environ.get(BRANDS_ENV)
    if brands is not None:
        os.environ[BRANDS_ENV] = str(brands.resolve())
    try:
        config = load_config(str(config_file), **overrides)  # type: ignore[arg-type]
    finally:
        if previous is None:
            os.environ.pop(BRANDS_ENV, None)
        else:
            os.environ[BRANDS_ENV] = previous
    plugin = config.plugins.get("brandhall")
    if plugin is None:
        raise SystemExit(
            f"{config_file}: plugins 里没有 brandhall；请在 mkdocs.yml 的 plugins 下加上 - brandhall"
        )
    return config, plugin


def build_site(
    brands: Path,
    site_dir: Path,
    config_file: Path,
    strict: bool = False,
    lang: Lang = "zh",
    profile: str = "intranet",
    offline: bool = False,
    today: dt.date | None = None,
) -> int:
    if not config_file.is_file():
        print(f"brandhall build: 找不到 {config_file}", file=sys.stderr)
        return 2
    refusal = _unsafe_site_dir(site_dir, brands, config_file)
    if refusal:
        print(f"brandhall build: {refusal}", file=sys.stderr)
        return 2
    result, errors = _validate(brands, lang, today)
    if errors:
        print(
            "有错误，未构建网站（原有网站保持不变）。"
            if lang == "zh"
            else "errors found; the site was not built."
        )
        return 1
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    counter = _setup_logging()
    try:
        try:
            with _env(
                BRANDHALL_OFFLINE="true" if offline else "false",
                SOURCE_DATE_EPOCH=_source_date_epoch(),
            ):
                config, plugin = _load_config(config_file, brands, site_dir=str(tmp), strict=strict)
                if offline and not _offline_enabled(config):
                    raise SystemExit(
                        f"{config_file}: 没有启用 offline 插件；请参照仓库的 mkdocs.yml 加上它"
                    )
                plugin.config["profile"] = profile
                if today is not None:
                    plugin.config["today"] = today.isoformat()
                plugin.preloaded = result
                build(config)
        except MkDocsException as exc:
            print(f"构建失败：{exc}" if lang == "zh" else f"build failed: {exc}", file=sys.stderr)
            return 1
        except SystemExit as exc:
            print(exc, file=sys.stderr)
            return 1
        except OSError as exc:  # disk full, read-only: the old site stays, tmp is removed
            print(_io_error(exc, tmp).message(lang), file=sys.stderr)
            return 1
        if strict and counter.count:
            print(f"严格模式：有 {counter.count} 个警告，构建失败。", file=sys.stderr)
            return 1
        make_world_readable(tmp)  # mkdtemp makes 0700; nginx runs as another user
        _swap_in(tmp, site_dir)
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"网站已生成：{site_dir}" if lang == "zh" else f"site written to {site_dir}")
    return 0


def _io_error(exc: OSError, tmp: Path) -> BuildError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return BuildError("build_disk_full", path=exc.filename or tmp.parent)
    return BuildError("build_io", path=exc.filename or tmp.parent, detail=exc.strerror or exc)


def _unsafe_site_dir(site_dir: Path, brands: Path, config_file: Path) -> str | None:
    """Why ``site_dir`` must not be replaced by a build, if it must not: the output
    directory is deleted and swapped, so it may hold nothing but a previous build."""
    target = site_dir.resolve()
    if target == Path(target.anchor) or target == Path.home().resolve():
        return f"--site-dir {site_dir} 不能是根目录或主目录；请指定一个专门的输出目录，如 site"
    if target.exists() and not target.is_dir():
        return f"--site-dir {site_dir} 是一个文件，不是目录；请换一个输出目录"
    protected = {"品牌目录": brands.resolve(), "配置文件": config_file.resolve()}
    config_dir = config_file.resolve().parent
    protected["docs 目录"] = config_dir / "docs"
    if brands.resolve() in target.parents:
        return f"--site-dir {site_dir} 在品牌目录里面，会被当成一个品牌；请换一个输出目录，如 site"
    for label, path in protected.items():
        if path == target or target in path.parents:
            return (
                f"--site-dir {site_dir} 包含{label} {path}，构建会删除它；请换一个输出目录，如 site"
            )
    if (
        target.is_dir()
        and any(target.iterdir())
        and not (target / "index.html").is_file()
        and not (target / "sitemap.xml").exists()
    ):
        return f"--site-dir {site_dir} 已有内容，但不像是之前构建的网站；为免误删，请换一个空目录或先手动清理"
    return None


@contextmanager
def _env(**values: str | None) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    try:
        for key, value in values.items():
            if value is not None:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _source_date_epoch() -> str | None:
    """Dates MkDocs writes (sitemap) come from the last commit, so two builds of the
    same commit are byte-identical; an explicit SOURCE_DATE_EPOCH wins."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return None
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return value if out.returncode == 0 and value.isdigit() else None


def _offline_enabled(config: Any) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.enabled)


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


def serve_site(brands: Path, config_file: Path, dev_addr: str) -> int:
    _result, errors = _validate(brands, "zh")
    if errors:
        print("请先改正以上错误，再预览。")
        return 1
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    _setup_logging()
    os.environ[BRANDS_ENV] = str(brands.resolve())
    try:
        serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
    except MkDocsException as exc:
        print(f"预览失败：{exc}", file=sys.stderr)
        return 1
    return 0
