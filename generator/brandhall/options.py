"""BuildOptions: every option of one build, in one frozen value.

``brandhall build``, ``serve`` and ``emit`` make one from their command line; plain
``mkdocs build`` makes one from the ``brandhall`` plugin's entry in mkdocs.yml.  Either
way the plugin receives exactly one ``BuildOptions`` (see ``plugin.load_site_config``)
and nothing else: no environment variables, no edits to a validated configuration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Edition = Literal["intranet", "public"]
Lang = Literal["zh", "en"]
EDITIONS: tuple[Edition, ...] = ("intranet", "public")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how; the same for every engine entry point."""

    brands_dir: Path = Path("brands")
    """Folder of brand folders (absolute once the plugin has read mkdocs.yml)."""
    edition: Edition = "intranet"
    """``public`` leaves out intranet-only fields (contact, review remarks…)."""
    today: dt.date = field(default_factory=dt.date.today)
    """The build date: 待复评 badges, "not in the future" checks, sitemap dates."""
    lang: Lang = "zh"
    """Language of every message the build prints."""
    offline: bool = False
    """A copy that works from file:// (USB stick, file share), search included."""
    gzip_search_index: bool = True
    """Write search/search_index.json.gz next to the index, for nginx's gzip_static."""
    only: tuple[str, ...] | None = None
    """A preview of these brand folders only (plus home and gallery); None: all."""
    preview: bool = False
    """A live preview (``brandhall serve``): no site search index is built, so an edit
    shows in about a second; the search box says 预览不含站内搜索. Never for a published
    site."""
    exchange_url: str | None = None
    """Where 申请交流学习 on intranet brand pages leads (``{slug}``, ``{name}`` filled
    in); None: a mailto to the brand's contact. A site setting of mkdocs.yml."""
    cms: Mapping[str, Any] | None = field(default=None, hash=False)
    """The browser editor's forge settings (``cms`` in mkdocs.yml: backend, local_backend,
    publish_mode; see cms.py); None: /admin/ with the defaults. Site configuration, not a
    command-line option: a build from the command line keeps mkdocs.yml's."""

    def plugin_options(self) -> dict[str, Any]:
        """These options as the ``brandhall`` plugin's entry in mkdocs.yml would hold them."""
        return {
            "brands_dir": str(self.brands_dir),
            "edition": self.edition,
            "today": self.today.isoformat(),
            "lang": self.lang,
            "offline": self.offline,
            "gzip_search_index": self.gzip_search_index,
            "only": None if self.only is None else list(self.only),
            # Only when set: a build's plugin entry stays what it was before previews.
            **({"preview": True} if self.preview else {}),
            # Only when set: a build without it keeps what mkdocs.yml says.
            **({"exchange_url": self.exchange_url} if self.exchange_url else {}),
        } | ({} if self.cms is None else {"cms": dict(self.cms)})
