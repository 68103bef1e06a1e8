"""What in a piece of HTML or SVG could run script or make the browser fetch off-site.

``hostile_features`` is the yardstick of the hostile-corpus tests (and of any test that
compares a page with and without an attack): it names every event handler, script or
otherwise active element, script URL, style URL and off-origin fetch it finds.  It reads
markup as the sanitizers *emit* it (well-formed), not as a browser would repair garbage.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .sanitize import normalize_url

#: Elements that run script, embed other documents or change how the page loads.
ACTIVE_ELEMENTS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "meta",
        "link",
        "portal",
        "template",
        "noscript",
        "handler",
        "listener",
    }
)
#: Elements from another vocabulary than the document's own (in HTML: MathML and SVG
#: beyond INLINE_SVG; in SVG: XHTML islands).
FOREIGN_IN_HTML = frozenset({"svg", "math", "foreignobject"})
#: The inline SVG brandhall's own charts and QR codes use (render/stats.py,
#: render/printcard.py; the STRUCTURE allowlist of sanitize.py): shapes, text and links,
#: nothing that fetches, animates or embeds.  Inside an inline <svg> in HTML any other
#: element counts as foreign.
INLINE_SVG = frozenset({"svg", "g", "rect", "line", "path", "text", "title", "a"})
FOREIGN_IN_SVG = frozenset(
    {"foreignobject", "html", "body", "div", "span", "p", "a:script", "iframe", "math", "input"}
)
#: SVG animation that can rewrite an attribute (href → javascript:).
ANIMATION = frozenset({"set", "animate", "animatetransform", "animatemotion", "discard"})

# Attributes through which an element fetches something (not <a href>: that is a link).
FETCH_ATTRS = frozenset(
    {"src", "srcset", "poster", "data", "background", "action", "formaction", "xlink:href"}
)
_SCRIPT_SCHEME = re.compile(r"^(javascript|vbscript|livescript|data):", re.I)
_CSS_URL = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_CSS_ACTIVE = re.compile(r"@import|expression\s*\(|-moz-binding|behavior\s*:", re.I)


def _off_origin(url: str) -> bool:
    u = normalize_url(url)
    return bool(
        u.startswith(("//", "\\\\", "/\\", "\\/")) or re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", u)
    ) and not u.lower().startswith("mailto:")


def _style_features(css: str) -> set[str]:
    found: set[str] = set()
    if _CSS_ACTIVE.search(css):
        found.add("style-active")
    if "\\" in css:
        found.add("style-escape")
    for m in _CSS_URL.finditer(css):
        if not m.group(2).strip().startswith("#"):
            found.add("style-url")
    return found


class _Auditor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()
        self.svg_doc: bool | None = None
        self.in_style = False
        self.inline_svg = 0  # depth inside an inline <svg> of an HTML document

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.svg_doc is None:
            self.svg_doc = tag == "svg" or tag.endswith(":svg")
        local = tag.rsplit(":", 1)[-1]
        if local in ACTIVE_ELEMENTS:
            self.found.add(f"element:{local}")
        if ":" in tag:
            self.found.add(f"foreign:{tag}")
        elif self.svg_doc and tag in FOREIGN_IN_SVG:
            self.found.add(f"foreign:{tag}")
        elif not self.svg_doc and (tag == "svg" or self.inline_svg):
            if tag not in INLINE_SVG:
                self.found.add(f"foreign:{tag}")
            self.inline_svg += 1
        elif not self.svg_doc and tag in FOREIGN_IN_HTML:
            self.found.add(f"foreign:{tag}")
        self.in_style = local == "style"
        attr_map = {k.lower(): (v or "") for k, v in attrs}
        if local in ANIMATION and attr_map.get("attributename", "").lower().endswith("href"):
            self.found.add("animate-href")
        for name, value in attr_map.items():
            bare = name.rsplit(":", 1)[-1]
            if bare.startswith("on"):
                self.found.add(f"handler:{name}")
            if name in ("srcdoc", "http-equiv"):
                self.found.add(f"attr:{name}")
            url = normalize_url(value)
            scheme = _SCRIPT_SCHEME.match(url)
            if scheme:
                kind = "data-url" if scheme.group(1).lower() == "data" else "script-url"
                self.found.add(f"{kind}:{name}")
            if name == "style":
                self.found |= _style_features(value)
            elif self.svg_doc and "url(" in value.lower():
                # SVG presentation attributes (fill, mask, filter …) take url(); HTML
                # attributes other than style do not.
                for m in _CSS_URL.finditer(value):
                    if not m.group(2).strip().startswith("#"):
                        self.found.add(f"style-url:{name}")
            if self.svg_doc and bare == "href":
                if not url.startswith("#"):
                    self.found.add(f"svg-external:{name}")
            elif (name in FETCH_ATTRS or (name == "href" and tag != "a")) and _off_origin(url):
                self.found.add(f"off-origin:{tag}.{name}")
            if name == "srcset":
                for part in value.split(","):
                    if _off_origin(part.strip().split(" ")[0]):
                        self.found.add(f"off-origin:{tag}.srcset")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False
        if self.inline_svg:
            self.inline_svg -= 1

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.found |= _style_features(data)

    def handle_decl(self, decl: str) -> None:
        if "ENTITY" in decl.upper():
            self.found.add("dtd-entity")

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data)


def hostile_features(markup: str | bytes) -> set[str]:
    """Names of what in ``markup`` could run script or fetch off-site; empty when inert.

    Names look like ``handler:onerror``, ``element:script``, ``script-url:href``,
    ``style-url``, ``off-origin:img.src``, ``svg-external:xlink:href``, ``foreign:s:script``.
    A document whose first element is ``<svg>`` is read as SVG (any ``href`` that is not a
    ``#fragment`` counts), anything else as HTML (``<a href>`` to another site is a link,
    not a fetch, and is fine).
    """
    if isinstance(markup, bytes):
        markup = markup.decode("utf-8", "replace")
    auditor = _Auditor()
    auditor.feed(markup)
    auditor.close()
    return auditor.found
