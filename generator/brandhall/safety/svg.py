"""SVG logos: parsed without DTDs or entities, then rebuilt from an allowlist.

The rebuilt document holds only SVG elements and presentation attributes listed below.
Anything that could run script or fetch something (script, foreignObject, event handlers,
``javascript:``/``data:`` URLs, references to other files, ``url()`` other than
``url(#id)``, ``@import``) makes the whole file *rejected* with a reason code, so the
editor is told what to fix instead of seeing a silently different logo.  Harmless things
outside the allowlist (editor metadata such as Inkscape's or Illustrator's, comments,
unknown attributes) are dropped and listed in ``SvgResult.removed``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from xml.sax import SAXException, SAXParseException
from xml.sax.handler import ContentHandler, feature_external_ges, feature_namespaces
from xml.sax.saxutils import escape, quoteattr
from xml.sax.xmlreader import AttributesNSImpl, Locator

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from .images import LOGO_MAX_BYTES, mb

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Namespaces of drawing programs' own bookkeeping: dropped without complaint.
EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/Flows/1.0/",
        "http://ns.adobe.com/ImageReplacement/1.0/",
        "http://ns.adobe.com/GenericCustomNamespace/1.0/",
        "http://ns.adobe.com/XPath/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://www.serif.com/",
    }
)

# --- the allowlist ---------------------------------------------------------------------

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "switch",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern",
        "clipPath", "mask", "marker", "style",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
        "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
        "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
        "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    }
)  # fmt: skip
#: Elements that run script or host another document: the file is rejected.
SCRIPT_ELEMENTS = frozenset(
    {"script", "foreignObject", "handler", "listener", "iframe", "embed", "object"}
)
#: Elements that load another file: the file is rejected.
FETCH_ELEMENTS = frozenset({"image", "feImage", "video", "audio", "font-face-uri", "cursor"})
#: Animation (a logo is a still picture); dropped, rejected when it targets a link.
ANIMATION_ELEMENTS = frozenset({"set", "animate", "animateTransform", "animateMotion", "discard"})
#: Kept for their children only.
UNWRAP_ELEMENTS = frozenset({"a"})

#: Presentation properties: allowed both as attributes and in style declarations.
PROPERTIES = frozenset(
    {
        "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color",
        "color-interpolation", "color-interpolation-filters", "color-rendering", "direction",
        "display", "dominant-baseline", "enable-background", "fill", "fill-opacity",
        "fill-rule", "filter", "flood-color", "flood-opacity", "font", "font-family",
        "font-size", "font-size-adjust", "font-stretch", "font-style", "font-variant",
        "font-weight", "image-rendering", "isolation", "letter-spacing", "lighting-color",
        "marker", "marker-end", "marker-mid", "marker-start", "mask", "mix-blend-mode",
        "opacity", "overflow", "paint-order", "shape-rendering", "stop-color",
        "stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "stroke-width",
        "text-anchor", "text-decoration", "text-rendering", "transform", "transform-origin",
        "unicode-bidi", "vector-effect", "visibility", "white-space", "word-spacing",
        "writing-mode",
    }
)  # fmt: skip
#: Geometry and structure attributes (no namespace).
ATTRIBUTES = PROPERTIES | frozenset(
    {
        "id", "class", "style", "version", "baseProfile", "viewBox",
        "preserveAspectRatio", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx",
        "ry", "fx", "fy", "fr", "width", "height", "d", "points", "pathLength", "dx", "dy",
        "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
        "offset", "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits",
        "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits",
        "maskContentUnits", "markerWidth", "markerHeight", "markerUnits", "refX", "refY",
        "orient", "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation",
        "mode", "type", "values", "operator", "k1", "k2", "k3", "k4", "tableValues",
        "slope", "intercept", "amplitude", "exponent", "baseFrequency", "numOctaves",
        "seed", "stitchTiles", "scale", "xChannelSelector", "yChannelSelector", "radius",
        "surfaceScale", "specularConstant", "specularExponent", "diffuseConstant",
        "kernelMatrix", "kernelUnitLength", "order", "divisor", "bias", "targetX",
        "targetY", "edgeMode", "preserveAlpha", "azimuth", "elevation", "z", "pointsAtX",
        "pointsAtY", "pointsAtZ", "limitingConeAngle", "href", "role", "aria-label",
        "aria-hidden", "focusable",
    }
)  # fmt: skip

_SCRIPT_SCHEME = re.compile(r"^(javascript|vbscript|livescript|data):", re.I)
_URL_FUNC = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_FRAGMENT = re.compile(r"^#[A-Za-z_][\w.\-:]*$")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
_SELECTOR_OK = re.compile(r"^[\w\s.#,:>*+~\-\[\]=\"'()]+$")
# The DTD declaration every Illustrator export starts with: no internal subset, and the
# parser never fetches it; removed before parsing (any other DOCTYPE is rejected).
_PLAIN_DOCTYPE = re.compile(
    rb"<!DOCTYPE\s+svg\s+PUBLIC\s+(\"[^\"<>\[]*\"|'[^'<>\[]*')\s+(\"[^\"<>\[]*\"|'[^'<>\[]*')\s*>"
)


@dataclass(frozen=True)
class SvgResult:
    """A rebuilt SVG, or why the file was rejected.

    ``reason`` is a message code (``svg_script``, ``svg_external``, ``svg_dtd``,
    ``svg_not_xml``, ``svg_not_svg``, ``svg_too_large``) with ``detail`` to show as
    ``{value}`` and ``line`` (1-based, 0 when unknown) in the SVG file.
    """

    svg: bytes | None
    reason: str | None = None
    detail: str = ""
    line: int = 0
    removed: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.reason is None

    def params(self) -> dict[str, str]:
        """Message parameters for ``reason``."""
        return {"value": self.detail, "svg_line": str(self.line), "limit": mb(LOGO_MAX_BYTES)}


class _Reject(Exception):
    def __init__(self, reason: str, detail: str, line: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail[:80]
        self.line = line


@dataclass
class _Node:
    tag: str
    attrs: list[tuple[str, str]]
    line: int
    children: list[_Node | str] = field(default_factory=list)


def _norm_url(value: str) -> str:
    return re.sub(r"[\x00-\x20]", "", value)


def _check_urls(value: str, what: str, line: int) -> None:
    """Reject script URLs anywhere, and url() that is not a same-document fragment."""
    if _SCRIPT_SCHEME.match(_norm_url(value)):
        raise _Reject("svg_script", f"{what}={value}", line)
    for m in _URL_FUNC.finditer(value):
        target = m.group(2).strip()
        if not _FRAGMENT.match(target):
            reason = "svg_script" if _SCRIPT_SCHEME.match(_norm_url(target)) else "svg_external"
            raise _Reject(reason, f"{what}: url({target})", line)
    if re.search(r"url\s*\(", _URL_FUNC.sub("", value), re.I):
        raise _Reject("svg_external", f"{what}={value}", line)


def _clean_declarations(css: str, line: int, removed: list[str]) -> str:
    kept: list[str] = []
    for decl in css.split(";"):
        if not decl.strip():
            continue
        name, sep, value = decl.partition(":")
        name = name.strip().lower()
        value = value.strip()
        if value.lower().endswith("!important"):
            value = value[: -len("!important")].strip()
        if "expression(" in value.lower().replace(" ", "") or "-moz-binding" in name:
            raise _Reject("svg_script", f"{name}: {value}", line)
        _check_urls(value, name, line)
        if not sep or name not in PROPERTIES or "\\" in decl or "<" in value:
            removed.append(f"style {name}")
            continue
        kept.append(f"{name}:{value}")
    return ";".join(kept)


def _clean_stylesheet(css: str, line: int, removed: list[str]) -> str:
    css = _CSS_COMMENT.sub("", css)
    if "@import" in css.lower():
        raise _Reject("svg_external", "@import", line)
    if "\\" in css:
        raise _Reject("svg_script", "CSS \\", line)
    out: list[str] = []
    for m in _CSS_RULE.finditer(css):
        selector = " ".join(m.group(1).split())
        if not _SELECTOR_OK.match(selector):
            removed.append(f"style rule {selector[:30]}")
            continue
        body = _clean_declarations(m.group(2), line, removed)
        if body:
            out.append(f"{selector}{{{body}}}")
    leftover = _CSS_RULE.sub("", css).strip()
    if leftover:
        _check_urls(leftover, "style", line)
        removed.append(f"style {leftover[:30]}")
    return "\n".join(out)


class _Builder(ContentHandler):
    """Builds the allowlisted tree while parsing; raises _Reject on anything hostile."""

    def __init__(self) -> None:
        super().__init__()
        self.locator: Locator | None = None
        self.root: _Node | None = None
        self.stack: list[_Node | None] = []  # None: inside a dropped subtree
        self.removed: list[str] = []
        self.uses_xlink = False

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def _line(self) -> int:
        return (self.locator.getLineNumber() or 0) if self.locator else 0

    def startElementNS(
        self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl
    ) -> None:
        ns, local = name
        line = self._line()
        parent = self.stack[-1] if self.stack else None
        if self.stack and parent is None:
            # Inside a dropped subtree: still no script may hide there.
            self._screen(ns, local, attrs, line)
            self.stack.append(None)
            return
        if ns != SVG_NS:
            if not self.stack:
                raise _Reject("svg_not_svg", local, line)
            if ns in EDITOR_NAMESPACES:
                self.removed.append(local)
                self._screen(ns, local, attrs, line)
                self.stack.append(None)
                return
            raise _Reject("svg_script", f"<{local}> ({ns or 'no namespace'})", line)
        if not self.stack and local != "svg":
            raise _Reject("svg_not_svg", local, line)
        self._screen(ns, local, attrs, line)
        if local in UNWRAP_ELEMENTS:
            self.removed.append(local)
            self.stack.append(parent)  # children go to the parent
            return
        if local not in ELEMENTS:
            self.removed.append(local)
            self.stack.append(None)
            return
        node = _Node(local, self._attributes(local, attrs, line), line)
        if parent is not None:
            parent.children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def _screen(self, ns: str | None, local: str, attrs: AttributesNSImpl, line: int) -> None:
        """Reject what is hostile wherever it appears (even in dropped subtrees)."""
        if local in SCRIPT_ELEMENTS or local.lower() in {"script", "foreignobject"}:
            raise _Reject("svg_script", f"<{local}>", line)
        if ns == SVG_NS and local in FETCH_ELEMENTS:
            raise _Reject("svg_external", f"<{local}>", line)
        for (a_ns, a_local), value in attrs.items():
            label = a_local if a_ns is None else f"{a_ns.rsplit('/', 1)[-1]}:{a_local}"
            if a_local.lower().startswith("on"):
                raise _Reject("svg_script", f"{label}=…", line)
            if local in ANIMATION_ELEMENTS and a_local == "attributeName" and "href" in value:
                raise _Reject("svg_script", f"<{local} attributeName={value}>", line)
            _check_urls(value, label, line)
            if a_local == "href" and a_ns in (None, XLINK_NS):
                if not _FRAGMENT.match(value.strip()):
                    raise _Reject("svg_external", f"{label}={value}", line)
            if a_local == "style":
                _clean_declarations(value, line, [])

    def _attributes(self, local: str, attrs: AttributesNSImpl, line: int) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for (a_ns, a_local), value in attrs.items():
            if a_ns is None and a_local in ATTRIBUTES:
                if a_local == "style":
                    value = _clean_declarations(value, line, self.removed)
                    if not value:
                        continue
                out.append((a_local, value))
            elif a_ns == XLINK_NS and a_local == "href":
                self.uses_xlink = True
                out.append(("xlink:href", value))
            elif a_ns == XML_NS and a_local == "space":
                out.append(("xml:space", value))
            else:
                self.removed.append(f"@{a_local}")
        return out

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        node = self.stack.pop()
        if node is not None and node.tag == "style":
            css = "".join(c for c in node.children if isinstance(c, str))
            node.children = [_clean_stylesheet(css, node.line, self.removed)]

    def characters(self, content: str) -> None:
        node = self.stack[-1] if self.stack else None
        if node is not None:
            node.children.append(content)

    def processingInstruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            raise _Reject("svg_external", f"<?{target} {data}?>", self._line())


_TEXT_ELEMENTS = frozenset({"text", "tspan", "textPath", "title", "desc", "style"})


def _serialize(node: _Node, out: list[str], xlink: bool, root: bool = False) -> None:
    attrs = "".join(f" {k}={quoteattr(v)}" for k, v in node.attrs)
    if root:
        attrs = f' xmlns="{SVG_NS}"' + (f' xmlns:xlink="{XLINK_NS}"' if xlink else "") + attrs
    keep_text = node.tag in _TEXT_ELEMENTS
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            if keep_text:
                parts.append(escape(child))
            elif child.strip():
                parts.append(escape(child))
        else:
            sub: list[str] = []
            _serialize(child, sub, xlink)
            parts.append("".join(sub))
    body = "".join(parts)
    if not keep_text and body:
        body = body.strip()
    if body:
        out.append(f"<{node.tag}{attrs}>{body}</{node.tag}>")
    else:
        out.append(f"<{node.tag}{attrs}/>")


def clean_svg(data: bytes, *, max_bytes: int = LOGO_MAX_BYTES) -> SvgResult:
    """Parse ``data`` safely and rebuild it from the allowlist, or say why not."""
    if len(data) > max_bytes:
        return SvgResult(None, "svg_too_large", f"{mb(len(data))} MB")
    data = _PLAIN_DOCTYPE.sub(b"", data, count=1)
    builder = _Builder()
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setFeature(feature_namespaces, True)
    parser.setFeature(feature_external_ges, False)
    parser.setContentHandler(builder)
    try:
        parser.parse(io.BytesIO(data))
    except _Reject as exc:
        return SvgResult(None, exc.reason, exc.detail, exc.line)
    except DefusedXmlException as exc:
        return SvgResult(None, "svg_dtd", type(exc).__name__, builder._line())
    except SAXParseException as exc:
        return SvgResult(None, "svg_not_xml", str(exc.getMessage()), exc.getLineNumber() or 0)
    except SAXException as exc:
        return SvgResult(None, "svg_not_xml", str(exc.getMessage()), builder._line())
    if builder.root is None:
        return SvgResult(None, "svg_not_svg", "", 0)
    out: list[str] = []
    _serialize(builder.root, out, builder.uses_xlink, root=True)
    svg = ("".join(out) + "\n").encode("utf-8")
    return SvgResult(svg, removed=tuple(dict.fromkeys(builder.removed)))
