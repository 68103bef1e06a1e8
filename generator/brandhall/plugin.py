"""The MkDocs plugin ``brandhall``: a thin adapter over the render core.

It hands the generated pages and brand files to MkDocs as generated files (nothing is
written into docs/), adds the package's CSS and JavaScript, supplies a navigation when
mkdocs.yml has none, and makes ``mkdocs serve`` watch the brands folder.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import logging
import re
from importlib import resources
from pathlib import Path
from typing import Any, cast

from jinja2.bccache import Bucket, BytecodeCache
from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .cache import load_catalog_cached
from .catalog import Catalog
from .cms import admin_files, cms_config
from .errors import BrandhallError, BuildError, ConfigError, ContentError
from .finalpass import finish_page
from .leakcheck import find_leaks
from .messages import render_message
from .options import EDITIONS, BuildOptions, Edition, Lang
from .problems import count, format_problems
from .rawblocks import Stash, block_ids
from .render import render_site
from .render.common import format_date
from .render.feed import FEED_PATH
from .render.navigation import NOT_IN_NAV, mkdocs_nav
from .sitesearch import BODY, BUNDLE_DIR, LiveIndex, write_index
from .staticfiles import SEARCH_SCRIPT, fingerprinted_assets, page_script_name, write_gzip
from .visibility import visible_catalog

log = logging.getLogger("mkdocs.plugins.brandhall")
# Material's own stylesheets (fingerprinted), for the browser editor's preview pane.
_THEME_CSS = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css")

# Theme templates brandhall ships (site footer, Chinese 404): after a site's own
# custom_dir, before Material's.
OVERRIDES = Path(__file__).parent / "overrides"


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
    return patched


# --- preview (brandhall serve) ------------------------------------------------------------
# The search engine assets/search.js imports on the first search (assets/bhsearch.js), at
# the same address in every build. A preview ships a module there instead that rejects
# with the reason (a preview has no index).
SEARCH_MODULE = f"{BUNDLE_DIR}/bhsearch.js"


def _preview_search(options: BuildOptions) -> str:
    reason = json.dumps(render_message("search_preview", options.lang, {}), ensure_ascii=False)
    return (
        "// brandhall serve: a preview has no site search index.\n"
        f"export function options() {{ return Promise.reject(new Error({reason})); }}\n"
        "export function init() { return options(); }\n"
    )


class _TemplateCode(BytecodeCache):
    """Compiled theme templates, kept in memory for the life of the process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CODE = _TemplateCode()
# --- end of preview ---


# --- speed: brandhall's finished HTML blocks skip Python-Markdown (issue 10) -------------
class _RestoreBlocks(Extension):
    """Puts the blocks on_page_markdown took out (rawblocks.py) back into every page,
    as the last step of its conversion: whatever reads the page's HTML afterwards (every
    plugin's on_page_content, the final allowlist pass) sees the whole page."""

    def __init__(self, stash: Stash) -> None:
        super().__init__()
        self.stash = stash

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        stash = self.stash

        class Restore(Postprocessor):
            def run(self, text: str) -> str:
                return stash.restore(text)

        md.postprocessors.register(Restore(md), "brandhall_restore_blocks", 1)


# --- end of speed ---


class BrandhallConfig(base.Config):
    brands_dir = c.Type(str, default="brands")
    """Folder of brand folders, relative to mkdocs.yml."""
    edition = c.Choice(EDITIONS, default="intranet")
    """Which edition: ``public`` leaves out intranet-only fields (contact, review remarks…)."""
    profile = c.Deprecated(moved_to="edition")
    """Former name of ``edition``."""
    today = c.Optional(c.Type(str))
    """Fixed build date (YYYY-MM-DD) for reproducible output; default: today."""
    lang = c.Choice(("zh", "en"), default="zh")
    """Language of every message the build prints."""
    offline = c.Type(bool, default=False)
    """Build a copy that works from file:// (search included)."""
    gzip_search_index = c.Type(bool, default=True)
    """Write search/search_index.json.gz next to the index, for nginx's gzip_static."""
    only = c.Optional(c.ListOfItems(c.Type(str)))
    """Build a preview of only these brand folders (plus home and gallery)."""
    preview = c.Type(bool, default=False)
    """A live preview (``brandhall serve``): no site search index; never for publishing."""
    exchange_url = c.Optional(c.URL())
    """Where 申请交流学习 on intranet brand pages leads instead of a mailto to the
    brand's contact; ``{slug}`` and ``{name}`` are replaced (URL-encoded)."""
    cms = c.Optional(c.Type(dict))
    """The browser editor /admin/ (intranet edition): forge settings, see cms.py."""


def _offline_plugin_enabled(config: Any) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.enabled)


def options_from_config(plugin_config: BrandhallConfig, config: Any) -> BuildOptions:
    """The one BuildOptions of this build, from the validated plugin entry of mkdocs.yml."""
    root = Path(config.config_file_path or ".").resolve().parent
    brands = Path(plugin_config.brands_dir)
    lang = cast(Lang, plugin_config.lang)
    today = dt.date.today()
    if plugin_config.today:
        try:
            today = dt.date.fromisoformat(plugin_config.today)
        except ValueError:
            raise ConfigError("config_bad_today", value=plugin_config.today) from None
    return BuildOptions(
        brands_dir=brands if brands.is_absolute() else root / brands,
        edition=cast(Edition, plugin_config.edition),
        today=today,
        lang=lang,
        offline=bool(plugin_config.offline) or _offline_plugin_enabled(config),
        gzip_search_index=plugin_config.gzip_search_index,
        only=None if plugin_config.only is None else tuple(plugin_config.only),
        preview=plugin_config.preview,
        exchange_url=plugin_config.exchange_url or None,
        cms=plugin_config.cms,
    )


def site_config_overrides(config_file: Path, options: BuildOptions) -> dict[str, Any]:
    """What to lay over mkdocs.yml so that the ``brandhall`` plugin's entry says ``options``
    *before* MkDocs validates it, exactly as if mkdocs.yml had said them."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open("rb") as fd:
        raw = yaml_load(fd) or {}
    plugins = raw.get("plugins")
    entries = list(plugins.items()) if isinstance(plugins, dict) else None
    if entries is None:
        entries = []
        for item in plugins or []:
            if isinstance(item, dict):
                entries += list(item.items())
            else:
                entries.append((item, {}))
    if not any(name == "brandhall" for name, _ in entries):
        raise ConfigError("config_no_plugin", file=str(config_file))
    # The mapping form: MkDocs consumes the items of the list form (popitem), and
    # `serve` validates the same overrides again on every rebuild.
    merged = {
        name: ({**(value or {}), **options.plugin_options()} if name == "brandhall" else value)
        for name, value in entries
    }
    if options.offline and not any(n in ("search", "material/search") for n, _ in entries):
        # The site search needs http(s): the offline copy searches with Material's lunr index.
        merged = {"search": {}, **merged}
    return {"plugins": merged}


def load_site_config(config_file: Path, options: BuildOptions, **overrides: Any) -> Any:
    """MkDocs' validated configuration for one build: mkdocs.yml plus ``options``."""
    from mkdocs.config import load_config

    overrides |= site_config_overrides(config_file, options)
    try:
        return load_config(str(config_file), **overrides)
    except Abort as exc:
        raise ConfigError("config_invalid", file=str(config_file), detail=str(exc)) from None


def _release_source(page: Any) -> None:
    """Drop a generated page's Markdown once it is rendered to HTML (memory at scale).

    Only generated pages (brandhall's own: the source is in memory, not on disk); the
    title no longer needs it once MkDocs has rendered the page (meta or first H1)."""
    if page.file.generated_by is None:
        return
    page.markdown = ""  # not None: MkDocs' Page.title treats None as "not read yet"
    page.file.content_string = ""


class BrandhallPlugin(BasePlugin[BrandhallConfig]):
    def __init__(self) -> None:
        super().__init__()
        self._material_search = False
        self.options = BuildOptions()
        # What stopped the last build, for `brandhall build` to report after MkDocs' Abort.
        self.failure: BrandhallError | None = None
        self._assets: dict[str, bytes] = {}
        self._catalog: Catalog | None = None
        self._nav_supplied = False
        # Finished HTML blocks of generated pages, out of Markdown (rawblocks.py).
        self._stash = Stash()
        self._tokens: dict[str, tuple[list[str], set[str]]] = {}
        # The search index, fed each page as it is rendered (sitesearch.LiveIndex).
        self._live: LiveIndex | None = None
        self._site_dir = ""

    def _fail(self, error: BrandhallError) -> PluginError:
        """MkDocs reports PluginError without a traceback; the words come from messages.py."""
        self.failure = error
        return PluginError(error.message(self.options.lang))

    # -- configuration -------------------------------------------------------------
    def on_config(self, config: Any) -> Any:
        try:
            self.options = options_from_config(self.config, config)
        except BrandhallError as exc:
            raise self._fail(exc) from None
        theme = config.theme
        custom = theme.custom_dir
        theme.dirs.insert(1 if custom and theme.dirs[:1] == [custom] else 0, str(OVERRIDES))
        # The site footer's 更新日期 (overrides/partials/copyright.html): the build date.
        config.extra["brandhall_build_date"] = format_date(self.options.today.isoformat())
        # Material's (lunr) search only for the offline edition; HTTP builds have their own
        # index (sitesearch.py), written where the site is being built.
        self._site_dir = config.site_dir
        self._material_search = "material/search" in config.plugins
        if theme.name == "material" and self._material_search:
            if theme.get("language") != "zh":
                raise self._fail(ConfigError("config_language"))
            if importlib.util.find_spec("jieba") is None:
                raise self._fail(ConfigError("config_no_jieba"))
            if theme.get("font") is not False:
                log.warning(render_message("config_font", self.options.lang, {}))
        if not any(isinstance(e, _RestoreBlocks) for e in config.markdown_extensions):
            config.markdown_extensions.append(_RestoreBlocks(self._stash))
        self._assets = fingerprinted_assets()
        if self.options.offline:  # the site search needs http(s); the offline copy keeps lunr
            self._assets = {k: v for k, v in self._assets.items() if SEARCH_SCRIPT not in k}
        # Page scripts by name, for overrides/main.html (front matter `scripts`), and the
        # feed's link in every page's <head>.
        config.extra["brandhall_scripts"] = {
            name: path for path in self._assets if (name := page_script_name(path))
        }
        config.extra["brandhall_feed"] = FEED_PATH
        # The offline edition searches with Material's bundle: every page keeps it.
        config.extra["brandhall_offline"] = self.options.offline
        for site_path in self._assets:
            if page_script_name(site_path):
                continue
            if site_path.endswith(".css"):
                target = config.extra_css
            elif site_path.endswith(".js") and "iframe-worker" not in site_path:
                target = config.extra_javascript
            else:
                continue
            if site_path not in target:
                target.append(site_path)
        if not self.options.offline:
            self._assets = {k: v for k, v in self._assets.items() if "iframe-worker" not in k}
        else:
            # What Material's offline plugin does, with the vendored iframe-worker shim
            # instead of the CDN copy it would fetch.
            config.use_directory_urls = False
            shim = next(p for p in self._assets if "iframe-worker" in p)
            config.extra["polyfills"] = [
                p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p
            ] + [shim]
        if config.nav is None:
            docs_dir = Path(config.docs_dir)
            docs = (
                [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")]
                if docs_dir.is_dir()
                else []
            )
            config.nav = mkdocs_nav(docs)
            self._nav_supplied = True
        return config

    # -- files ---------------------------------------------------------------------
    def on_files(self, files: Files, *, config: Any) -> Files:
        options = self.options
        if self._nav_supplied:
            for src_uri in NOT_IN_NAV:
                hidden = files.get_file_from_path(src_uri)
                if hidden is not None:
                    hidden.inclusion = InclusionLevel.NOT_IN_NAV
        result = load_catalog_cached(options.brands_dir, options.today, options.only)
        errors, _warnings = count(result.problems)
        if result.problems:
            text = format_problems(result.problems, "text", options.lang)
            if errors:
                raise self._fail(ContentError(result.problems, errors=errors, detail=text))
            for line in text.splitlines():
                log.info(line)
        visible = visible_catalog(result.catalog, options.edition)
        site = render_site(
            visible,
            today=options.today,
            site_name=config.site_name,
            site_url=config.site_url,
            edition=options.edition,
            exchange_url=options.exchange_url,
            directory_urls=config.use_directory_urls,
        )
        for src_uri, content in site.pages.items():
            self._add(
                files,
                config,
                src_uri,
                content,
                listed=src_uri.count("/") < 2 or src_uri.startswith("browse/"),
            )
        for src_uri in site.assets:
            self._add(files, config, src_uri, site.asset_bytes(src_uri), listed=False)
        for src_uri, data in site.static.items():
            self._add(files, config, src_uri, data, listed=False)
        for site_path, asset_bytes in self._assets.items():
            self._add(files, config, site_path, asset_bytes, listed=False)
        # --- the browser editor /admin/ (cms.py): intranet edition over http(s) only ---
        if options.edition == "intranet" and not options.offline:
            catalog = result.catalog
            cms = cms_config(
                catalog.taxonomy,
                [(b.slug, b.profile.name) for b in catalog.brands],
                options.cms,
            )
            # The preview pane's stylesheets, in the order of every page: the theme's
            # main and palette CSS (fingerprinted by Material), then brandhall.css.
            theme_css = sorted(
                (f.src_uri for f in files if _THEME_CSS.fullmatch(f.src_uri)),
                key=lambda uri: "palette" in uri,
            )
            css = theme_css + [p for p in self._assets if p.endswith(".css")]
            palette = config["theme"].get("palette") or {}
            if isinstance(palette, list):
                palette = palette[0] if palette else {}
            admin = admin_files(cms, site_css=css, palette=palette)
            for site_path, admin_bytes in admin.items():
                self._add(files, config, site_path, admin_bytes, listed=False)
        # --- end of the browser editor ---
        # --- the search engine; a preview (brandhall serve) has no index and ships a
        # module in its place that says so ---
        if not options.offline:
            engine = (
                _preview_search(options)
                if options.preview
                else (resources.files("brandhall") / "assets" / "bhsearch.js").read_bytes()
            )
            self._add(files, config, SEARCH_MODULE, engine, listed=False)
        # --- end of the search engine ---
        self._catalog = result.catalog
        return files

    def _add(
        self, files: Files, config: Any, src_uri: str, content: str | bytes, listed: bool
    ) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None and not existing.generated_by:
            raise self._fail(ConfigError("docs_page_clash", path=f"docs/{src_uri}"))
        file = File.generated(config, src_uri, content=content)
        if not listed:
            # Reached from the gallery and index pages; thousands of them must not
            # share one navigation section (page size would grow quadratically).
            file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)

    def on_pre_page(self, page: Any, *, config: Any, files: Files) -> Any:
        # Sitemap dates (and the sitemap's gzip header) follow the build date, not
        # the wall clock, so `--today` makes the whole site reproducible.
        page.update_date = self.options.today.isoformat()
        return page

    # --- speed: brandhall's finished HTML blocks skip Python-Markdown (issue 10) ---------
    @event_priority(-100)  # last: other plugins see the whole page's Markdown
    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        if page.file.generated_by is None:
            return markdown
        markdown, blocks = self._stash.take(markdown)
        if blocks:
            self._tokens[page.file.src_uri] = (list(blocks), block_ids(blocks))
        return markdown

    def _check_blocks(self, page: Any) -> None:
        """Every block of the page was put back (by _RestoreBlocks, inside the
        conversion); MkDocs' anchor check learns the ids inside them."""
        entry = self._tokens.pop(page.file.src_uri, None)
        if entry is None:
            return
        tokens, ids = entry
        if self._stash.lost(tokens):
            raise self._fail(BuildError("raw_block_lost", page=page.file.src_uri))
        if ids and page.present_anchor_ids is not None:
            page.present_anchor_ids |= ids

    # --- end of speed ---

    # -- the safety boundary --------------------------------------------------------
    @event_priority(-100)  # last: after every other plugin's on_page_content
    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        """The final pass: every page's content HTML through the structure allowlist.

        Editor text was already rendered and cleaned by brandhall (render/prose.py); this
        pass is the boundary no renderer can bypass, whatever extension or plugin produced
        the HTML. Hand-written docs/ pages go through it too: they are maintainers' files,
        but a page that could embed brand text (a macro, an include) must not be a way
        around the boundary, and the allowlist keeps them intact (tests/test_safety_site.py).
        It runs before Material's search plugin indexes the page (on_page_context)."""
        src = page.file.src_uri
        self._check_blocks(page)  # put back in the conversion: the allowlist reads them

        def url_for(target: str) -> str | None:
            found = files.get_file_from_path(target)
            return None if found is None else found.url_relative_to(page.file)

        html, missing = finish_page(
            html, src_uri=src, meta=page.meta, url_for=url_for, indexed=not self.options.offline
        )
        for link in missing:
            log.warning(
                render_message("prose_link_missing", self.options.lang, {"page": src, "link": link})
            )
        _release_source(page)
        self._index_page(page, html)
        return html

    def _index_page(self, page: Any, html: str) -> None:
        """A brand or case page's finished content goes to the search indexer now, which
        works on the other core while MkDocs renders the rest (sitesearch.LiveIndex).
        The indexer reads only the ``data-pagefind-body`` part, which is all here."""
        if self.options.offline or self.options.preview or BODY not in html:
            return
        try:
            if self._live is None:
                self._live = LiveIndex(Path(self._site_dir))
            self._live.add(page.file.dest_uri, html)
        except BrandhallError as exc:
            raise self._fail(exc) from None

    def on_build_error(self, *, error: Exception) -> None:
        if self._live is not None:  # a failed build: stop the indexer, write nothing
            self._live.close()
            self._live = None

    # --- memory at scale (issue 10) ----------------------------------------------------
    # MkDocs reads and renders every page before it writes the first, and keeps each
    # page's Markdown (twice: the generated file's content and page.markdown) and its HTML
    # until the build ends: at 10,000 brands (40,000 pages) that is gigabytes. The source
    # is dropped once rendered (above), the HTML once the page is written (below); every
    # page's output stays the same (titles come from meta or the rendered H1).
    @event_priority(-100)  # last: after every other plugin has seen the page
    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if page.file.generated_by is not None:
            page.content = None
        return output

    # --- end of memory at scale ---

    # -- after the build ---------------------------------------------------------------
    @event_priority(-100)  # after search has written the index
    def on_post_build(self, *, config: Any) -> None:
        site = Path(config.site_dir)
        if self.options.preview and not self.options.offline:
            log.info(render_message("search_preview_skipped", self.options.lang, {}))
        elif not self.options.offline:
            live, self._live = self._live, None
            try:
                # No brand or case page (an empty catalog): an empty index, which the
                # search page still loads.
                pages, seconds = live.finish() if live is not None else (write_index(site, []), 0.0)
            except BrandhallError as exc:
                raise self._fail(exc) from None
            log.info(
                render_message(
                    "search_index_done",
                    self.options.lang,
                    {"pages": pages, "seconds": f"{seconds:.1f}"},
                )
            )
        if self._material_search and not patch_search_worker(site):
            worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.js"), None)
            if worker is not None and _SEGMENT_FIX not in worker.read_text(encoding="utf-8"):
                log.warning(render_message("search_patch_missing", self.options.lang, {}))
        index = site / "search" / "search_index.json"
        if self.options.offline and index.is_file():
            # Search from file://: the index inlined into a script (as Material's offline
            # plugin does).
            data = index.read_text(encoding="utf-8")
            (index.with_name("search_index.js")).write_text(f"var __index = {data}", "utf-8")
        if self.options.gzip_search_index and index.is_file():
            write_gzip(index, index.with_name(index.name + ".gz"))
        if self.options.edition == "public" and self._catalog is not None:
            leaks = find_leaks(site, self._catalog, docs_dir=Path(config.docs_dir))
            if leaks:
                lines = "\n".join(
                    f"  {leak.file}: {leak.field}（brands/{leak.brand}）" for leak in leaks[:50]
                )
                raise self._fail(BuildError("public_leak", count=len(leaks), detail=lines))

    # -- preview speed -----------------------------------------------------------------
    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        # `serve` makes a new theme environment on every rebuild and would compile every
        # template again (about half a second); the compiled code is kept in memory,
        # keyed by each template's source, so an edited template is compiled anew.
        env.bytecode_cache = _TEMPLATE_CODE
        # Every page is rendered (MkDocs writes them next): the search indexer writes its
        # bundle meanwhile; on_post_build waits for it.
        if self._live is not None:
            try:
                self._live.write()
            except BrandhallError as exc:
                self._live = None
                raise self._fail(exc) from None
        return env

    # -- serve ---------------------------------------------------------------------
    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        # A preview of some brands (--only) watches just their folders: the watcher
        # polls every file it watches, which costs most at thousands of brands.
        only = self.options.only
        if only is None:
            server.watch(str(self.options.brands_dir))
        for slug in only or ():
            server.watch(str(self.options.brands_dir / slug))
        return server
