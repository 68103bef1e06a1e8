"""The MkDocs plugin ``brandhall``: a thin adapter over the render core.

It hands the generated pages and brand files to MkDocs as generated files (nothing is
written into docs/), adds the package's CSS and JavaScript, supplies a navigation when
mkdocs.yml has none, and makes ``mkdocs serve`` watch the brands folder.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import os
from pathlib import Path
from typing import Any, cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .leakcheck import find_leaks
from .loader import Catalog, LoadResult, load_catalog
from .problems import Lang, count, format_problems
from .render import render_site
from .staticfiles import fingerprinted_assets, write_gzip
from .visibility import BuildProfile

log = logging.getLogger("mkdocs.plugins.brandhall")


# `brandhall build/serve --brands DIR` reach the plugin through this variable.
BRANDS_ENV = "BRANDHALL_BRANDS"


# Material 9.8's search worker splits a Chinese query into words it finds in the index,
# but never tries the whole rest of the query as one word (`o<t.length`): "红烛" becomes
# "红*" whenever "红" is a word somewhere, and the last word of "红色驿站" is dropped.
# Trying the full remainder too (`o<=t.length`) keeps such queries whole.
_SEGMENT_BUG = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
_SEGMENT_FIX = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"


def patch_search_worker(site: Path) -> bool:
    """Apply the segmentation fix to the built search worker; False if not needed/found."""
    patched = False
    for worker in sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js")):
        if worker.suffix != ".js":
            continue
        text = worker.read_text(encoding="utf-8")
        if _SEGMENT_BUG in text:
            worker.write_text(text.replace(_SEGMENT_BUG, _SEGMENT_FIX), encoding="utf-8")
            patched = True
        elif _SEGMENT_FIX not in text:
            log.warning(
                "Material 的搜索脚本与预期不同（%s），未能修正中文查询的分词；"
                "请检查 mkdocs-material 版本（本项目固定 9.8.x）。",
                worker.name,
            )
    return patched


class BrandhallConfig(base.Config):
    brands_dir = c.Type(str, default="brands")
    """Folder of brand folders, relative to mkdocs.yml."""
    profile = c.Choice(("intranet", "public"), default="intranet")
    """Which build: ``public`` leaves out intranet-only fields (contact, review remarks…)."""
    today = c.Optional(c.Type(str))
    """Fixed build date (YYYY-MM-DD) for reproducible output; default: today."""
    lang = c.Choice(("zh", "en"), default="zh")
    """Language of content error messages."""
    gzip_search_index = c.Type(bool, default=True)
    """Write search/search_index.json.gz next to the index, for nginx's gzip_static."""


class BrandhallPlugin(BasePlugin[BrandhallConfig]):
    def __init__(self) -> None:
        super().__init__()
        # `brandhall build` validates first and hands its result over, to load only once.
        self.preloaded: LoadResult | None = None
        self._brands_path = Path("brands")
        self._assets: dict[str, bytes] = {}
        self._catalog: Catalog | None = None

    # -- configuration -------------------------------------------------------------
    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path or ".").resolve().parent
        brands = Path(os.environ.get(BRANDS_ENV) or self.config.brands_dir)
        self._brands_path = brands if brands.is_absolute() else root / brands
        theme = config.theme
        if theme.name == "material":
            if theme.get("language") != "zh":
                raise PluginError(
                    "mkdocs.yml: theme.language 必须是 zh，否则中文搜索什么也找不到"
                    "（Material 的中文分词和分隔符只在 zh 下启用）。"
                )
            if importlib.util.find_spec("jieba") is None:
                raise PluginError(
                    "没有安装 jieba：中文搜索会什么也找不到。请运行 pip install -e . 重新安装依赖。"
                )
            if theme.get("font") is not False:
                log.warning(
                    "mkdocs.yml: theme.font 不是 false，页面会请求 Google Fonts；内网无法访问，"
                    "请在 theme 下写 font: false。"
                )
        self._assets = fingerprinted_assets()
        for site_path in self._assets:
            if site_path.endswith(".css"):
                target = config.extra_css
            elif site_path.endswith(".js") and "iframe-worker" not in site_path:
                target = config.extra_javascript
            else:
                continue
            if site_path not in target:
                target.append(site_path)
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        if offline is None or not offline.config.enabled:
            self._assets = {k: v for k, v in self._assets.items() if "iframe-worker" not in k}
        else:
            # The offline plugin would fetch this shim from a CDN; use the vendored copy.
            shim = next(p for p in self._assets if "iframe-worker" in p)
            config.extra["polyfills"] = [
                p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p
            ] + [shim]
        if config.nav is None:
            config.nav = self._default_nav(Path(config.docs_dir))
        return config

    def _default_nav(self, docs_dir: Path) -> list[Any]:
        from .render.context import DIMENSIONS

        nav: list[Any] = [
            {"首页": "index.md"},
            {"品牌库": "gallery/index.md"},
            {"典型案例": "cases/index.md"},
            {"分类索引": ["browse/index.md", *({title: page} for _d, title, page in DIMENSIONS)]},
        ]
        preferred = ["about.md", "contribute.md"]
        docs = (
            sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
            if docs_dir.is_dir()
            else []
        )
        nav += [d for d in preferred if d in docs] + [d for d in docs if d not in preferred]
        return nav

    # -- files ---------------------------------------------------------------------
    def on_files(self, files: Files, *, config: Any) -> Files:
        result = self.preloaded or load_catalog(self._brands_path, today=self._today())
        self.preloaded = None  # `serve` reloads on every rebuild
        errors, _warnings = count(result.problems)
        if result.problems:
            text = format_problems(result.problems, "text", cast(Lang, self.config.lang))
            if errors:
                raise PluginError(f"品牌内容有 {errors} 个错误，未构建网站：\n{text}")
            for line in text.splitlines():
                log.info(line)
        site = render_site(
            result.catalog,
            today=self._today(),
            build=cast(BuildProfile, self.config.profile),
            site_name=config.site_name,
        )
        for src_uri, content in site.pages.items():
            self._add(
                files,
                config,
                src_uri,
                content,
                listed=src_uri.count("/") < 2 or src_uri.startswith("browse/"),
            )
        for src_uri, path in site.assets.items():
            self._add(files, config, src_uri, path.read_bytes(), listed=False)
        for site_path, asset_bytes in self._assets.items():
            self._add(files, config, site_path, asset_bytes, listed=False)
        self._catalog = result.catalog
        return files

    def _add(
        self, files: Files, config: Any, src_uri: str, content: str | bytes, listed: bool
    ) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None and not existing.generated_by:
            raise PluginError(
                f"docs/{src_uri} 与 brandhall 生成的页面同名；请删除或改名 docs/{src_uri}。"
            )
        file = File.generated(config, src_uri, content=content)
        if not listed:
            # Reached from the gallery and index pages; thousands of them must not
            # share one navigation section (page size would grow quadratically).
            file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)

    def _today(self) -> dt.date:
        if self.config.today:
            try:
                return dt.date.fromisoformat(self.config.today)
            except ValueError:
                raise PluginError(
                    f"mkdocs.yml: brandhall.today 应为 YYYY-MM-DD，读到 {self.config.today!r}"
                ) from None
        return dt.date.today()

    # -- after the build ---------------------------------------------------------------
    @event_priority(-100)  # after search (and offline) have written the index
    def on_post_build(self, *, config: Any) -> None:
        site = Path(config.site_dir)
        patch_search_worker(site)
        index = site / "search" / "search_index.json"
        if self.config.gzip_search_index and index.is_file():
            write_gzip(index, index.with_name(index.name + ".gz"))
        if self.config.profile == "public" and self._catalog is not None:
            leaks = find_leaks(site, self._catalog, docs_dir=Path(config.docs_dir))
            if leaks:
                lines = "\n".join(
                    f"  {leak.file}: {leak.field}（brands/{leak.brand}）" for leak in leaks[:50]
                )
                raise PluginError(
                    f"公开版中发现 {len(leaks)} 处仅限内网的内容，构建失败：\n{lines}"
                )

    # -- serve ---------------------------------------------------------------------
    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        server.watch(str(self._brands_path))
        return server
