"""The browser editor: ``/admin/`` of the intranet edition, Decap CMS configured from the
content model.

Nothing here is written by hand per field: ``cms_config`` walks the JSON Schemas that
``schema.py`` makes from the models the loader validates with (``model.py``), so a field,
a vocabulary value or a limit added there reaches the form (tests/test_cms_config.py
compares the two). The vocabularies come from the catalog's taxonomy, so a
``brands/taxonomy.yml`` override reaches the form's select boxes too.

Layout on disk, as the content model wants it:
    brands/<slug>/brand.yml          collection ``brands`` (path ``{{slug}}/brand``)
    brands/<slug>/cases/<file>.md    collection ``cases`` (path ``{{cms_brand}}/cases/{{slug}}``)
    brands/<slug>/images/…           uploads of both
Decap saves every form field into the file; the two helper fields that only choose the
path (``cms_folder`` of a brand, ``cms_brand`` and ``cms_file`` of a case) are dropped by
brandhall's own formats in ``admin/brandhall-cms.js`` before the file is written, and
empty optional values are left out, so what the CMS writes passes ``brandhall check``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import yaml

from .messages import text
from .model import DATE_PATTERN, FULL_DATE_PATTERN, LOGO_EXTENSIONS, SLUG_MAX
from .safety.images import FORMATS, IMAGE_MAX_BYTES, LOGO_MAX_BYTES, MB
from .schema import SCHEMA_FILES, brand_schema
from .taxonomy import Taxonomy

ADMIN_DIR = "admin"
VENDOR_PACKAGE_DIR = "assets/vendor/decap-cms"
VENDOR_SITE_DIR = f"{ADMIN_DIR}/vendor"
ADMIN_SCRIPT = "brandhall-cms.js"
# What `check` accepts for an uploaded picture (safety/images.py, load/files.py): the
# logo's limit for the logo field, the images/ limit for any other picture field.
LOGO_FIELD = "logo.file"
UPLOAD_TYPES = "SVG、" + "、".join(label for label, _ in FORMATS.values())
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Text longer than this many characters gets a textarea.
LONG_TEXT = 60
# Folder-name fields of the form that name another brand: a select of the known brands.
BRAND_REFERENCES = ("related", "learned_from.brand")
# Helper fields: they choose where the file goes and are never written into it.
BRAND_FOLDER = "cms_folder"
CASE_BRAND = "cms_brand"
CASE_FILE = "cms_file"
# Key of cms_config's result that is brandhall's, not Decap's: collection -> upload limit.
UPLOAD_KEY = "brandhall_uploads"
# Backend keys the plugin option ``cms.backend`` may set (Decap's names).
BACKEND_KEYS = (
    "name",
    "repo",
    "branch",
    "base_url",
    "api_root",
    "auth_endpoint",
    "app_id",
    "auth_type",
    "squash_merges",
    "cms_label_prefix",
)
BACKENDS = ("gitlab", "gitea", "forgejo", "github")


def _zh(code: str, **params: Any) -> str:
    return text(code, "zh", **params)


def length_pattern(min_len: int | None, max_len: int | None) -> list[str] | None:
    """Decap's string widgets have no length limits: a pattern says it, in Chinese."""
    if min_len is None and max_len is None:
        return None
    low = min_len or 0
    if max_len is None:
        return [rf"^[\s\S]{{{low},}}$", _zh("cms_len_min", min=low)]
    if low <= 1:
        return [rf"^[\s\S]{{1,{max_len}}}$", _zh("cms_len_max", max=max_len)]
    return [rf"^[\s\S]{{{low},{max_len}}}$", _zh("cms_len_range", min=low, max=max_len)]


def _resolve(prop: Mapping[str, Any], defs: Mapping[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref")
    if not isinstance(ref, str):
        return dict(prop)
    target = dict(defs[ref.rsplit("/", 1)[-1]])
    target.update({k: v for k, v in prop.items() if k != "$ref"})
    return target


class _Walker:
    """JSON Schema of one model -> Decap fields."""

    def __init__(self, defs: Mapping[str, Any], taxonomy: Taxonomy, brands: list[dict[str, str]]):
        self.defs = defs
        self.taxonomy = taxonomy
        self.brands = brands
        # The byte limit of each picture field (form path -> bytes).
        self.uploads: dict[str, int] = {}

    def fields(
        self, schema: Mapping[str, Any], prefix: str = "", *, optional: bool = False
    ) -> list[dict[str, Any]]:
        """``optional``: the fields of an optional block (logo, contact…). Decap would
        demand their required fields even when the editor leaves the whole block empty,
        so there they are optional in the form; `check` still requires them together."""
        required = set(schema.get("required", ()))
        return [
            self.field(
                name, _resolve(prop, self.defs), name in required and not optional, prefix + name
            )
            for name, prop in schema.get("properties", {}).items()
        ]

    def _vocab(self, path: str, values: Iterable[str]) -> list[str]:
        # The form offers the site's vocabulary (brands/taxonomy.yml), not the default.
        if path in ("organization.sector", "applicable_to"):
            return list(self.taxonomy.sectors)
        return list(values)

    def field(self, name: str, prop: dict[str, Any], required: bool, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {"name": name, "label": prop.get("title", name)}
        if prop.get("description"):
            out["hint"] = prop["description"]
        out["required"] = required
        kind = prop.get("type")
        # "learned_from[].brand": an item's field of a list is named without the "[]".
        plain = path.replace("[]", "")
        if plain in BRAND_REFERENCES:
            out |= self._brand_select(multiple=kind == "array")
            if kind == "array":
                out |= _items_limits(prop)
            return out
        if kind == "object":
            out |= {"widget": "object", "collapsed": not required}
            out["fields"] = self.fields(prop, path + ".", optional=not required)
        elif kind == "array":
            items = _resolve(prop.get("items", {}), self.defs)
            out |= _items_limits(prop)
            if items.get("type") == "object":
                out |= {"widget": "list", "collapsed": False}
                out["fields"] = self.fields(items, path + "[].")
                out["summary"] = (
                    "{{fields.title}}" if "title" in items.get("properties", {}) else None
                )
                if out["summary"] is None:
                    del out["summary"]
            elif "enum" in items:
                out |= {
                    "widget": "select",
                    "multiple": True,
                    "options": self._vocab(path, items["enum"]),
                }
            else:
                sub = self.field(name, items, True, path + "[]")
                sub["label"] = out["label"]
                sub.pop("hint", None)
                out |= {"widget": "list", "field": sub}
                if path == "organization.region":
                    # The first entry is a province-level division, in its full name.
                    out["hint"] = out.get("hint", "") + _zh(
                        "cms_region_first", regions="、".join(self.taxonomy.regions)
                    )
        elif kind in ("integer", "number"):
            out |= {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            for key, decap in (("minimum", "min"), ("maximum", "max")):
                if key in prop:
                    out[decap] = prop[key]
        elif "enum" in prop:
            out |= {"widget": "select", "options": self._vocab(path, prop["enum"])}
        elif prop.get("pattern") in (DATE_PATTERN, FULL_DATE_PATTERN):
            code = "cms_date" if prop["pattern"] == DATE_PATTERN else "cms_full_date"
            out |= {"widget": "string", "pattern": [prop["pattern"], _zh(code)]}
        elif "pattern" in prop and "(?i)" in prop["pattern"]:
            # An image file: uploaded into the brand folder's images/ (collection media).
            # Decap's own max_file_size is the backstop; brandhall-cms.js refuses a file
            # by its size, extension and first bytes before Decap sees it.
            limit = LOGO_MAX_BYTES if path == LOGO_FIELD else IMAGE_MAX_BYTES
            self.uploads[path] = limit
            out |= {
                "widget": "image",
                "choose_url": False,
                "media_library": {"config": {"max_file_size": limit}},
            }
        else:
            # A textarea for Markdown and for long text; a one-line box otherwise.
            long_text = "Markdown" in prop.get("description", "") or (
                prop.get("maxLength", 0) > LONG_TEXT
            )
            out["widget"] = "text" if long_text else "string"
            low = prop.get("minLength")
            pattern = length_pattern(None if low == 1 else low, prop.get("maxLength"))
            if pattern:
                out["pattern"] = pattern
        return out

    def _brand_select(self, *, multiple: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"widget": "select", "options": self.brands}
        if multiple:
            out["multiple"] = True
        return out


def _items_limits(prop: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "minItems" in prop:
        out["min"] = prop["minItems"]
    if "maxItems" in prop:
        out["max"] = prop["maxItems"]
    return out


def _slug_field(name: str, label: str, hint: str) -> dict[str, Any]:
    # Optional in the form: left empty, it is proposed from the pinyin of the name or
    # title on saving (brandhall-cms.js); an existing entry keeps its path.
    return {
        "name": name,
        "label": _zh(label),
        "hint": _zh(hint),
        "widget": "string",
        "required": False,
        "pattern": [SLUG_PATTERN, _zh("cms_slug")],
    }


def cms_config(
    taxonomy: Taxonomy,
    brands: Iterable[tuple[str, str]],
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Decap CMS's config.yml for this site, as data.

    ``brands``: (folder, name) of the brands the form may refer to; ``settings``: the
    ``cms`` entry of the ``brandhall`` plugin in mkdocs.yml (backend, local_backend,
    publish_mode)."""
    settings = dict(settings or {})
    brand_options = [{"label": f"{name}（{slug}）", "value": slug} for slug, name in brands]
    brand_schema_ = brand_schema(SCHEMA_FILES["brand.schema.json"])
    case_schema = brand_schema(SCHEMA_FILES["case.schema.json"])
    brand_walker = _Walker(brand_schema_.get("$defs", {}), taxonomy, brand_options)
    brand_fields = brand_walker.fields(brand_schema_)
    case_walker = _Walker(case_schema.get("$defs", {}), taxonomy, brand_options)
    case_fields = case_walker.fields(case_schema)
    case_brand = {
        "name": CASE_BRAND,
        "label": _zh("cms_case_brand"),
        "hint": _zh("cms_case_brand_hint"),
        "widget": "select",
        "options": brand_options,
        "required": False,
    }
    body = {
        "name": "body",
        "label": _zh("cms_case_body"),
        "hint": _zh("cms_case_body_hint"),
        # A plain textarea of Markdown: Decap's rich-text editor escapes what editors type
        # as Markdown (“## 背景与起因” becomes “\\## …”); the preview pane shows the result.
        "widget": "text",
        "required": False,
    }
    backend = {k: v for k, v in dict(settings.get("backend") or {}).items() if k in BACKEND_KEYS}
    backend.setdefault("name", "gitlab")
    if backend["name"] == "gitlab" and "app_id" in backend:
        backend.setdefault("auth_type", "pkce")
    backend.setdefault("branch", "main")
    config: dict[str, Any] = {
        "locale": "zh_Hans",
        "backend": backend,
        "publish_mode": settings.get("publish_mode", "editorial_workflow"),
        # Uploads: into the entry's brand folder (collections override this).
        "media_folder": "brands",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {
                "name": "brands",
                "label": _zh("cms_brands"),
                "label_singular": _zh("cms_brand"),
                "folder": "brands",
                "path": "{{slug}}/brand",
                "extension": "yml",
                "format": "brandhall-yaml",
                "slug": "{{fields." + BRAND_FOLDER + "}}",
                "identifier_field": "name",
                "summary": "{{name}}",
                "create": True,
                "delete": False,
                "media_folder": "images",
                "public_folder": "images",
                "fields": [
                    _slug_field(BRAND_FOLDER, "cms_brand_folder", "cms_brand_folder_hint"),
                    *brand_fields,
                ],
            },
            {
                "name": "cases",
                "label": _zh("cms_cases"),
                "label_singular": _zh("cms_case"),
                "folder": "brands",
                # Not ``{{fields.cms_brand}}``: Decap passes ``path`` through its slug
                # cleaner first (lower case, "." -> "-"), so the dotted form names a field
                # ``fields-cms_brand`` that does not exist and the brand part came out empty.
                "path": "{{" + CASE_BRAND + "}}/cases/{{slug}}",
                "extension": "md",
                "format": "brandhall-frontmatter",
                "slug": "{{fields." + CASE_FILE + "}}",
                "identifier_field": "title",
                "summary": "{{title}}",
                "create": True,
                "delete": False,
                "media_folder": "../images",
                "public_folder": "../images",
                "fields": [
                    case_brand,
                    _slug_field(CASE_FILE, "cms_case_file", "cms_case_file_hint"),
                    *case_fields,
                    body,
                ],
            },
        ],
    }
    # Not Decap's: what brandhall-cms.js refuses before an upload (admin_files takes it out).
    config[UPLOAD_KEY] = {
        "brands": min(brand_walker.uploads.values(), default=0),
        "cases": min(case_walker.uploads.values(), default=0),
    }
    local = settings.get("local_backend")
    if local:
        config["local_backend"] = {"url": local} if isinstance(local, str) else True
    return config


def config_yaml(config: Mapping[str, Any]) -> str:
    decap = {k: v for k, v in config.items() if k != UPLOAD_KEY}
    return yaml.safe_dump(decap, allow_unicode=True, sort_keys=False, width=100)


@functools.lru_cache(maxsize=1)
def pinyin_table() -> dict[str, str]:
    """Syllable -> the common characters (GB2312) read that way, for the slug the form
    proposes from a Chinese name (the same readings ``brandhall new`` uses)."""
    from pypinyin import Style, lazy_pinyin

    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    table: dict[str, str] = {}
    for ch, syllable in zip(
        chars, lazy_pinyin(chars, style=Style.NORMAL, errors="default"), strict=True
    ):
        if re.fullmatch(r"[a-z]+", syllable):
            table[syllable] = table.get(syllable, "") + ch
    return table


# Where Decap talks to when the backend names no api_root / base_url.
DEFAULT_FORGES = {"gitlab": ("https://gitlab.com",), "github": ("https://api.github.com",)}


def _origin(url: object) -> str | None:
    if not isinstance(url, str):
        return None
    m = re.match(r"^(https?://[^/?#]+)", url.strip())
    return m.group(1) if m else None


def forge_origins(config: Mapping[str, Any]) -> list[str]:
    """The origins /admin/ may talk to besides its own: the configured forge (its API
    and login pages) and the local backend."""
    backend = dict(config.get("backend") or {})
    urls: list[object] = [backend.get(k) for k in ("api_root", "base_url")]
    if not any(urls):
        urls += list(DEFAULT_FORGES.get(str(backend.get("name")), ()))
    local = config.get("local_backend")
    urls.append(
        local.get("url", "http://localhost:8081/api/v1") if isinstance(local, dict) else None
    )
    if local is True:
        urls.append("http://localhost:8081")
    return sorted({o for o in map(_origin, urls) if o})


def content_security_policy(config: Mapping[str, Any]) -> str:
    """What the editor page (and its same-origin preview pane) may load and run: the
    site's own files, the forge, nothing else; no inline script or event handler, so text
    an editor types cannot run in the preview. ('unsafe-eval': Decap compiles its config
    schema with ajv; inline styles: its CSS-in-JS.)"""
    forge = " ".join(forge_origins(config))
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            f"connect-src 'self' blob: data: {forge}".strip(),  # uploads are read back as blob:
            f"img-src 'self' data: blob: {forge}".strip(),
            "font-src 'self' data:",
            "frame-src 'self' blob:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            f"form-action 'self' {forge}".strip(),
        ]
    )


def _index_html(config: Mapping[str, Any]) -> str:
    csp = content_security_policy(config)
    return f"""<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{_zh("cms_title")}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>{_zh("cms_noscript")}</noscript>
<script src="{ADMIN_SCRIPT}"></script>
<script src="vendor/js-yaml.min.js"></script>
<script src="vendor/decap-cms.js"></script>
</body>
</html>
"""


def admin_files(
    config: Mapping[str, Any],
    *,
    site_css: Iterable[str] = (),
    palette: Mapping[str, Any] | None = None,
) -> dict[str, bytes]:
    """Site path -> content of everything under /admin/.

    ``site_css``: site paths of the stylesheets every page loads (Material's main and
    palette CSS, brandhall.css; fingerprinted), in page order, for the preview pane;
    ``palette``: the theme's palette (scheme, primary, accent) that colours them."""
    from .render.brand import SECTIONS, STAGE_RANK_CLASS
    from .render.common import STAGE_LABEL

    package = resources.files("brandhall")
    vendor = package / VENDOR_PACKAGE_DIR
    out: dict[str, bytes] = {}
    for item in vendor.iterdir():
        if item.name.endswith((".js", ".wasm")):
            out[f"{VENDOR_SITE_DIR}/{item.name}"] = item.read_bytes()
    script = (package / "assets" / "cms" / ADMIN_SCRIPT).read_text(encoding="utf-8")
    settings = {
        "helperFields": [BRAND_FOLDER, CASE_BRAND, CASE_FILE],
        "brandFolder": BRAND_FOLDER,
        "caseBrand": CASE_BRAND,
        "caseFile": CASE_FILE,
        "slugMax": SLUG_MAX,
        "previewCss": [f"../{css}" for css in site_css],
        "messages": {
            "newNeeds": _zh("cms_new_needs", field="{field}"),
            # The checker's own words (load/files.py, safety/images.py), placeholders kept.
            "tooLarge": _zh("image_too_large", value="{value}", limit="{limit}"),
            "notImage": _zh("image_type", value="{value}", allowed=UPLOAD_TYPES),
            "wrongExt": _zh("image_ext", value="{value}", limit="{limit}"),
            "fileExt": _zh("file_ext", file="{file}", allowed=" ".join(LOGO_EXTENSIONS)),
            "refused": _zh("cms_upload_refused", file="{file}", reason="{reason}"),
            "outside": _zh("cms_upload_outside"),
            "close": _zh("cms_upload_close"),
        },
        "uploads": dict(config.get(UPLOAD_KEY) or {}),
        # Folder -> name of the brands the form offers (the preview names them).
        "brandNames": {
            o["value"]: o["label"].rsplit("（", 1)[0]
            for c in config.get("collections", [])
            for f in c.get("fields", [])
            if f.get("name") == CASE_BRAND
            for o in f.get("options", [])
        },
        "uploadExtensions": list(LOGO_EXTENSIONS),
        "formats": {fmt: [label, list(exts)] for fmt, (label, exts) in FORMATS.items()},
        "mb": MB,
        "palette": {
            "scheme": str((palette or {}).get("scheme", "default")),
            "primary": str((palette or {}).get("primary", "indigo")).replace(" ", "-"),
            "accent": str((palette or {}).get("accent", "indigo")).replace(" ", "-"),
        },
        "sections": SECTIONS,
        "stageLabel": STAGE_LABEL,
        "stageClass": STAGE_RANK_CLASS,
        "labels": {"caseBrand": _zh("cms_case_brand")},
        "pinyin": pinyin_table(),
    }
    script = script.replace(
        "/*BRANDHALL_SETTINGS*/{}", json.dumps(settings, ensure_ascii=False, sort_keys=True)
    )
    out[f"{ADMIN_DIR}/{ADMIN_SCRIPT}"] = script.encode("utf-8")
    out[f"{ADMIN_DIR}/index.html"] = _index_html(config).encode("utf-8")
    out[f"{ADMIN_DIR}/config.yml"] = config_yaml(config).encode("utf-8")
    return out
