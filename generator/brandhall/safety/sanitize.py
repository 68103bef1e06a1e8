"""THE HTML allowlist: everything an editor writes passes it on its way to a page.

Two allowlists, both listed here and nowhere else:

- the *editor* allowlist, for text written by editors (brand.yml Markdown fields, case
  bodies): the elements plain Markdown produces, a handful of attributes, links that are
  relative, ``http(s):`` or ``mailto:``, images only from relative paths;
- the *structure* allowlist, a superset for the page HTML brandhall itself generates
  (forms of the gallery filter, cards with ``data-*``, ids and header links of the table
  of contents).  The MkDocs plugin runs it over every page's content HTML
  (``on_page_content``), so no renderer can bypass the boundary.

Cleaning is done by nh3 (the bindings of Rust's ammonia) on the *rendered* HTML: it parses
as a browser does, so entity-encoded or split ``javascript:`` URLs are decoded before
their scheme is checked.  Whatever is not listed is dropped.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import markdown
import nh3

# --- the allowlist ------------------------------------------------------------------

#: Link schemes an editor may use; relative URLs are allowed too (see _url_ok).
URL_SCHEMES = frozenset({"http", "https", "mailto"})

#: rel added to every link (ammonia adds it to all <a>; harmless on same-site links).
LINK_REL = "noopener noreferrer"

#: Elements whose content is dropped together with the element.
CLEAN_CONTENT_TAGS = frozenset({"script", "style"})

#: What plain Markdown (with tables and sane lists) produces.
EDITOR_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
EDITOR_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    # Python-Markdown's tables write column alignment as style="text-align: …";
    # the filter below keeps only that declaration.
    "th": {"style"},
    "td": {"style"},
}

#: brandhall's own page structure on top of the editor allowlist.
STRUCTURE_TAGS = EDITOR_TAGS | frozenset(
    {
        "abbr",
        "article",
        "aside",
        "b",
        "button",
        "caption",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "i",
        "input",
        "ins",
        "kbd",
        "label",
        "mark",
        "nav",
        "option",
        "s",
        "section",
        "select",
        "small",
        "span",
        "sub",
        "summary",
        "sup",
        "tfoot",
        # Charts of the statistics page (render/stats.py): inline SVG, coloured by class.
        "svg",
        "g",
        "rect",
        "line",
        "text",
        "title",
        # The QR code of the print card (render/printcard.py): one path made by segno.
        "path",
    }
)
#: Attributes allowed on every element of generated pages (plus data-* and aria-*).
STRUCTURE_GENERIC = {"id", "class", "title", "role", "hidden", "lang", "dir"}
STRUCTURE_ATTRIBUTES: dict[str, set[str]] = {
    "*": STRUCTURE_GENERIC,
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "td": {"style", "colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "abbr": set(),
    "details": {"open"},
    "label": {"for"},
    "button": {"type", "name", "value", "disabled"},
    "input": {
        "type",
        "name",
        "value",
        "placeholder",
        "autocomplete",
        "checked",
        "disabled",
        "min",
        "max",
        "step",
        "inputmode",
        "size",
    },
    "select": {"name", "multiple", "disabled", "size"},
    "option": {"value", "selected", "disabled"},
    "svg": {"viewBox", "width", "height"},
    "rect": {"x", "y", "width", "height", "rx"},
    "line": {"x1", "y1", "x2", "y2"},
    "text": {"x", "y", "text-anchor", "dominant-baseline"},
    "path": {"d", "fill", "stroke", "transform"},
}
STRUCTURE_PREFIXES = {"data-", "aria-"}

# --- URL and style checks ---------------------------------------------------------------

# Browsers drop leading/trailing C0 controls and spaces, and tabs/newlines anywhere.
_URL_TRIM = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_URL_INNER_WS = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_TEXT_ALIGN = re.compile(r"^\s*text-align\s*:\s*(left|right|center)\s*;?\s*$", re.I)


def normalize_url(value: str) -> str:
    """The URL as a browser reads it (entities are already decoded by the HTML parser)."""
    return _URL_INNER_WS.sub("", _URL_TRIM.sub("", value))


def is_local_url(value: str) -> bool:
    """A relative reference that stays on this site: no scheme, no ``//host``, no ``\\``."""
    url = normalize_url(value)
    if _SCHEME.match(url):
        return False
    return not url.startswith(("/", "\\")) and "\\" not in url


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "img" and attr == "src":
        # Images only from the site itself: a relative path (no http(s):, //, data:).
        return value if is_local_url(value) else None
    if attr == "style":
        m = _TEXT_ALIGN.match(value)
        return f"text-align: {m.group(1).lower()}" if m else None
    return value


def _cleaner(structure: bool) -> Callable[[str], str]:
    tags = STRUCTURE_TAGS if structure else EDITOR_TAGS
    attributes = STRUCTURE_ATTRIBUTES if structure else EDITOR_ATTRIBUTES
    cleaner = nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={k: set(v) for k, v in attributes.items()},
        attribute_filter=_attribute_filter,
        strip_comments=True,
        link_rel=LINK_REL,
        generic_attribute_prefixes=set(STRUCTURE_PREFIXES) if structure else set(),
        url_schemes=set(URL_SCHEMES),
    )
    return cleaner.clean


_EDITOR_CLEAN = _cleaner(structure=False)
_STRUCTURE_CLEAN = _cleaner(structure=True)


def clean_html(html: str, *, allow_structure: bool = False) -> str:
    """Drop from ``html`` everything the allowlist does not list.

    ``allow_structure=False``: the editor allowlist (for already-rendered editor text).
    ``allow_structure=True``: the superset for brandhall's generated page HTML; meant for
    a final pass over every page's content HTML.  Neither keeps scripts, event handlers,
    styles other than table alignment, script URLs or off-site images.
    """
    return (_STRUCTURE_CLEAN if allow_structure else _EDITOR_CLEAN)(html)


# --- editor Markdown ------------------------------------------------------------------------

#: The fixed extension set for editor text: none of them takes raw attributes
#: (no attr_list, md_in_html, admonition titles with classes …). fenced_code is in
#: MkDocs' default set, so editors' ``` blocks kept working when brandhall took over their
#: text; without attr_list it only writes an id/class, which the allowlist drops.
EDITOR_EXTENSIONS = ("tables", "sane_lists", "fenced_code")

_local = threading.local()


def _editor_markdown() -> markdown.Markdown:
    md: markdown.Markdown | None = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(extensions=list(EDITOR_EXTENSIONS), output_format="html")
        # Raw HTML is shown as text, never passed through: without these two handlers
        # Python-Markdown escapes "<" like any other character.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        _local.md = md
    return md


def render_editor_markdown(text: str) -> str:
    """Editor Markdown as clean HTML: rendered with a fixed safe extension set, raw HTML
    escaped, then passed through the editor allowlist."""
    md = _editor_markdown()
    try:
        html = md.convert(text)
    finally:
        md.reset()
    return clean_html(html)
