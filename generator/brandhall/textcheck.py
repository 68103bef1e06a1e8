"""Checks on editor text: raw HTML, link schemes, placeholders, and the files links name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Code is shown escaped by Markdown, so tags inside code are harmless and skipped.
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
# A tag needs its closing ">": "a<b 且 3 < 5" is text, "<b>" and "<img src=x>" are HTML.
_TAG = re.compile(r"<\s*(/?\s*[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>|<!--|<!\w|<\?")
# A link target may hold one level of parentheses: javascript:alert(1).
_INLINE_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
ALLOWED_SCHEMES = {"http", "https", "mailto"}
PLACEHOLDER = "【待填写】"


@dataclass(frozen=True)
class TextFinding:
    index: int
    code: str
    params: dict[str, str]


@dataclass(frozen=True)
class LocalRef:
    index: int
    target: str
    is_image: bool


def _blank(match: re.Match[str]) -> str:
    # Keep offsets (and so line numbers) stable while hiding code.
    return re.sub(r"[^\n]", " ", match.group(0))


def strip_code(text: str) -> str:
    return _CODE_SPAN.sub(_blank, _FENCE.sub(_blank, text))


def check_text(text: str) -> Iterator[TextFinding]:
    """Raw HTML, forbidden link schemes and scaffold placeholders in one text value."""
    visible = strip_code(text)
    # The first tag of a value is enough to act on; a closing tag would only repeat it.
    m = _TAG.search(visible)
    if m:
        yield TextFinding(m.start(), "raw_html", {"value": m.group(0)[:30]})
    for index, url in _links(visible):
        s = _SCHEME.match(url)
        if s and s.group(1).lower() not in ALLOWED_SCHEMES:
            yield TextFinding(index, "link_scheme", {"scheme": s.group(1), "value": url[:40]})
    pos = visible.find(PLACEHOLDER)
    if pos >= 0:
        line_end = visible.find("\n", pos)
        snippet = visible[pos : line_end if line_end > 0 else None][:30]
        yield TextFinding(pos, "placeholder", {"value": snippet})


def _links(text: str) -> Iterator[tuple[int, str]]:
    for m in _INLINE_LINK.finditer(text):
        yield m.start(2), m.group(2)
    for m in _REF_DEF.finditer(text):
        yield m.start(1), m.group(1)
    for m in _AUTOLINK.finditer(text):
        yield m.start(1), m.group(1)


def local_refs(text: str) -> Iterator[LocalRef]:
    """Relative link and image targets (files the text expects next to it)."""
    visible = strip_code(text)
    for m in _INLINE_LINK.finditer(visible):
        target = m.group(2).split("#", 1)[0].split("?", 1)[0]
        if target and not _SCHEME.match(target) and not target.startswith("//"):
            yield LocalRef(m.start(2), target, m.group(1) == "!")
