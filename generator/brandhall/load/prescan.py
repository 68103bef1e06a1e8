"""The Chinese-keyboard pre-scan: the mistakes a Chinese input method makes in YAML,
found line by line *before* the parser sees the text.

A YAML parser reports where it gave up, which is often a later line and always in
parser English.  The mistakes below are the ones editors actually make (an editor trial
with 80+ mistakes): a full-width colon after a key, no space after ``:`` or ``-``,
full-width spaces, NBSP and zero-width characters in the indentation, Chinese commas
and brackets in a ``[…]`` list, a value opened with ``"`` and closed with a Word quote
``”``, a value that starts with a YAML indicator (``**加粗**``, ``@全体党员``, ``%100``),
a field indented one space too far (``#`` deleted without its space) and several
paragraphs without ``|``.  Each is named with its exact line, column, character and the
line to write instead.

The scan only looks at lines that are structure (keys and list items); text inside a
``|`` block, inside a quoted value or in the continuation of a plain value is content
and is left alone.  A finding that is an error stops nothing: the parser still runs,
and :func:`drop_shadowed` removes the parser's own (later, vaguer) messages for a
document in which the scan found the cause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..problems import Problem
from .located import Doc, Loc, problem_at

# Characters that look like a space (or like nothing) but are not one to YAML.
ODD_SPACES = {
    "\u3000": "space_fullwidth",
    "\u00a0": "space_nbsp",
    "\u200b": "space_zero_width",
    "\u200c": "space_zero_width",
    "\u200d": "space_zero_width",
    "\u2060": "space_zero_width",
    "\ufeff": "space_zero_width",
    **{chr(c): "space_other" for c in range(0x2002, 0x200B)},
    "\u202f": "space_nbsp",
}
_LEAD = re.compile("[ \t" + "".join(ODD_SPACES) + "]*")
# A key as the content model writes them: ASCII letters, digits, underscore.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*(：|:(?=[^\s:/])|:(?=[\u3000\u00a0]))")
_KEY_OK = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]+|$)")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")
_QUOTED = re.compile(r"\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'")
_URL_SCHEMES = {"http", "https", "mailto", "ftp", "file", "javascript", "data"}
# Chinese quotes that wrap a whole value: opening -> closing.
WRAPPING_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}
_CLOSING = {"”": '"', "“": '"', "’": "'", "‘": "'"}
# Characters that cannot start a plain value, and what YAML makes of them.
INDICATORS = "*&@`%!|>"
# Anchors, aliases and tags written on purpose (``&a``, ``*a``, ``!!str``): the parser's
# own messages name them; the scan is for text that merely starts with the character.
_YAML_FEATURE = re.compile(r"(?:[&*][A-Za-z0-9_-]+|!!?[A-Za-z0-9/:._-]*)(?:\s|,|\]|$)")

# Codes of the problems this module reports (the parser's messages on a line the scan
# explained are dropped in their favour).
PRESCAN_CODES = frozenset(
    {
        "kb_fullwidth_colon",
        "kb_colon_space",
        "kb_odd_space",
        "kb_tab",
        "kb_dash_space",
        "kb_fullwidth_dash",
        "kb_flow_comma",
        "kb_flow_bracket",
        "kb_quote_mismatch",
        "kb_quote_unclosed",
        "kb_indicator",
        "kb_block_inline",
        "kb_indent_extra",
        "kb_item_align",
        "kb_key_align",
        "kb_plain_colon",
    }
)


@dataclass
class _Open:
    """A structural line above the current one (a key, or a list item)."""

    indent: int  # column of the key (or of the "-")
    content: int  # column where the value (or the item's first key) starts
    key: str
    line: int
    has_value: bool  # an inline value follows the key on the same line
    dash: bool
    child: _Open | None = None  # the first key nested under this one


# A space (or tab) then "#" then something other than a space: YAML's comment start.
_COMMENT_CUT = re.compile(r"[ \t]#(?=[^\s])")


def _q(text: str) -> str:
    """The double-quoted YAML form of ``text`` (what an editor should write)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _short(text: str, limit: int = 36) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def prescan(text: str, shown: str, line_offset: int = 0) -> list[Problem]:
    """Every Chinese-keyboard mistake in ``text`` (YAML source), each located."""
    scanner = _Scanner(shown, line_offset)
    for number, line in enumerate(text.split("\n"), start=1):
        scanner.line(number, line)
    scanner.end()
    return scanner.problems


class _Scanner:
    def __init__(self, shown: str, off: int) -> None:
        self.shown = shown
        self.off = off
        self.problems: list[Problem] = []
        self.stack: list[_Open] = []
        self.block: int | None = None  # indentation of the key that opened a | block
        self.plain: _Open | None = None  # key whose plain value may continue
        self.plain_blank = False  # a blank line inside that continuation
        self.plain_lines = 0
        self.plain_gap = False
        self.quoted: str | None = None  # an open multi-line quoted value: its quote
        self.quoted_at = (0, 0)
        self.flow = 0  # open brackets of a [ ] or { } value that continues

    def add(self, line: int, col: int, code: str, **params: Any) -> None:
        severity = params.pop("severity", "error")
        self.problems.append(
            problem_at(
                self.shown, (), code, line=line + self.off, column=col, severity=severity, **params
            )
        )

    # ------------------------------------------------------------------ per line
    def line(self, n: int, raw: str) -> None:
        lead = _LEAD.match(raw)
        lead_text = lead.group() if lead else ""
        spaces = len(raw) - len(raw.lstrip(" "))
        rest = raw[len(lead_text) :]
        if self.quoted is not None:
            if _closes(raw, self.quoted):
                self.quoted = None
            return
        if self.flow > 0:
            self.flow += _depth(raw)
            return
        if not rest or rest.startswith("#"):
            if self.plain is not None and not rest:
                self.plain_gap = True
            return
        if self.block is not None:
            if spaces > self.block:
                return  # text of a | block
            self.block = None
        if self.plain is not None:
            if spaces > self.plain.indent and not _odd(lead_text):
                self._continuation(n, rest, spaces)
                return
            self._end_plain()
        if "\t" in lead_text:
            self.add(n, lead_text.index("\t") + 1, "kb_tab")
            return
        if _odd(lead_text):
            odd = next(ch for ch in lead_text if ch in ODD_SPACES)
            col = lead_text.index(odd) + 1
            self.add(n, col, "kb_odd_space", char=f"U+{ord(odd):04X}", name=_name(odd))
            return  # the indentation of this line is unknown; judge nothing else on it
        if rest.startswith(("---", "...")):
            return
        self._structure(n, raw, spaces, rest)

    def _structure(self, n: int, raw: str, indent: int, rest: str) -> None:
        col = indent + 1
        dash = False
        if rest[0] in "[{":
            self.flow = max(_depth(rest), 0)  # a whole document or node in [ ] / { }
            return
        if rest[0] == "－" or (rest[0] == "—" and rest[1:2] == " "):
            self.add(n, col, "kb_fullwidth_dash", char=rest[0])
            return
        if rest[0] == "-":
            if len(rest) > 1 and rest[1] not in " \t":
                fixed = "- " + rest[1:]
                self.add(n, col + 1, "kb_dash_space", fixed=_short(fixed))
                return
            dash = True
            after = rest[1:].lstrip(" ")
            item_col = col + len(rest) - len(after)
            self._pop(indent, dash=True)
            if not after or after.startswith("#"):
                self.stack.append(_Open(indent, indent + 2, "-", n, False, True))
                return
            key = _KEY.match(after) or _KEY_OK.match(after)
            if key is None:
                self.stack.append(_Open(indent, item_col - 1, "-", n, True, True))
                self._value(n, item_col, after, _Open(indent, item_col - 1, "-", n, True, True))
                return
            self.stack.append(_Open(indent, item_col - 1, "-", n, False, True))
            self._key(n, item_col - 1, after, item=True)
            self._adopt()
            return
        if self._check_aligned(n, indent, rest):
            return
        self._pop(indent, dash=False)
        self._key(n, indent, rest, item=dash)
        self._adopt()

    def _key(self, n: int, indent: int, rest: str, *, item: bool) -> None:
        col = indent + 1
        bad = _KEY.match(rest)
        if bad and bad.group(1) not in _URL_SCHEMES:
            key, sep = bad.group(1), bad.group(2)
            value = rest[bad.end() :].lstrip(" \t\u3000\u00a0")
            fixed = f"{key}: {value}".rstrip()
            if sep == "：":
                self.add(n, col + bad.start(2), "kb_fullwidth_colon", key=key, fixed=_short(fixed))
            else:
                self.add(n, col + bad.start(2) + 1, "kb_colon_space", key=key, fixed=_short(fixed))
            self.stack.append(_Open(indent, indent, key, n, bool(value), False))
            return
        ok = _KEY_OK.match(rest)
        if ok is None:
            return  # not a key: the parser judges it
        key = ok.group(1)
        value = rest[ok.end() :]
        entry = _Open(
            indent, indent + ok.end(), key, n, bool(value and not value.startswith("#")), False
        )
        self.stack.append(entry)
        if entry.has_value:
            self._value(n, indent + ok.end() + 1, value, entry)

    def _value(self, n: int, col: int, value: str, entry: _Open) -> None:
        """The inline value of a key or list item, starting at column ``col``."""
        value = value.rstrip()
        first = value[0]
        if first in "|>":
            if _BLOCK_HEADER.match(value):
                self.block = entry.indent
                return
            self.add(n, col, "kb_block_inline", char=first, fixed=_short(_q(value)))
            return
        if first in INDICATORS and not _YAML_FEATURE.match(value):
            self.add(n, col, "kb_indicator", char=first, fixed=_short(_q(value)))
            return
        if first in "\"'":
            self._quoted(n, col, value, first)
            return
        if first in "[［{":
            if first != "{":
                self._flow(n, col, value)
            self.flow = max(_depth(value), 0)  # a list or mapping over several lines
            return
        cut = _COMMENT_CUT.search(value)
        if cut:
            # `口号 #党建引领#`: a hashtag after a space is a YAML comment and vanishes.
            # `# 说明` (a space after #) reads as a deliberate comment and is left alone.
            hash_at = cut.start() + 1
            self.add(
                n,
                col + hash_at,
                "kb_comment_cut",
                severity="warning",
                cut=_short(value[hash_at:]),
                kept=_short(value[:hash_at].rstrip()),
                fixed=_short(_q(value)),
            )
        self.plain = entry
        self.plain_lines = 0
        self.plain_blank = self.plain_gap = False

    def _quoted(self, n: int, col: int, value: str, quote: str) -> None:
        if _closes(value[1:], quote):
            return
        last = value.rstrip()[-1]
        if last in _CLOSING and _CLOSING[last] == quote:
            self.add(
                n,
                col + len(value.rstrip()) - 1,
                "kb_quote_mismatch",
                open=quote,
                close=last,
                fixed=_short(value.rstrip()[:-1] + quote),
            )
            return
        self.quoted = quote  # a quoted value that continues on the next lines
        self.quoted_at = (n, col)

    def _flow(self, n: int, col: int, value: str) -> None:
        if value[0] == "［" or "］" in value:
            fixed = value.replace("［", "[").replace("］", "]")
            self.add(n, col, "kb_flow_bracket", fixed=_short(fixed))
            value = fixed
        if "," in value:
            return  # items separated by ASCII commas may hold Chinese commas as text
        for i, ch in enumerate(value):
            if ch in "，、；":
                inner = value
                for bad in "，、；":
                    inner = inner.replace(bad, ", ")
                self.add(n, col + i, "kb_flow_comma", char=ch, fixed=_short(inner))
                return

    def _continuation(self, n: int, rest: str, spaces: int) -> None:
        assert self.plain is not None
        self.plain_lines += 1
        self.plain_blank = self.plain_blank or self.plain_gap
        if (_KEY_OK.match(rest) or _KEY.match(rest)) and not self.plain.dash:
            # "key: value" more indented than a key with a value: not text but a key
            # indented too far (typically "#" deleted without its space).
            self.plain = None
            self._structure(n, "", spaces, rest)
            return
        colon = re.search(r":(?:\s|$)", rest)
        if colon:
            self.add(n, spaces + colon.start() + 1, "kb_plain_colon", key=self.plain.key)
            self.plain = None
            return

    def _end_plain(self) -> None:
        if self.plain is not None and self.plain_blank:
            entry = self.plain
            self.add(
                entry.line,
                entry.indent + 1,
                "kb_paragraphs_merged",
                key=entry.key,
                severity="warning",
            )
        self.plain = None
        self.plain_blank = self.plain_gap = False
        self.plain_lines = 0

    def end(self) -> None:
        self._end_plain()
        if self.quoted is not None:
            line, col = self.quoted_at
            self.add(line, col, "kb_quote_unclosed", open=self.quoted)

    # ------------------------------------------------------------ indentation
    def _pop(self, indent: int, *, dash: bool) -> None:
        while self.stack and (
            self.stack[-1].indent > indent or (self.stack[-1].indent == indent and not dash)
        ):
            self.stack.pop()
        if dash:
            while self.stack and self.stack[-1].indent == indent and self.stack[-1].dash:
                self.stack.pop()

    def _check_aligned(self, n: int, indent: int, rest: str) -> bool:
        """A key indented deeper than the line above allows, or out of line with its
        siblings or with the keys of its list item.  Called before the stack is unwound
        for the line; True when the line was reported."""
        key = _KEY_OK.match(rest) or _KEY.match(rest)
        candidates = [o for o in self.stack if o.indent <= indent]
        if key is None or not candidates:
            return False
        name = key.group(1)
        top = candidates[-1]
        if top.dash:
            if indent < top.content and self._nested(top):
                self.add(n, indent + 1, "kb_item_align", key=name, row=top.line, count=top.content)
                return True
            return False
        if top.indent == indent:
            return False
        if top.has_value:
            self._indent_extra(n, indent, top)
            return False  # reported; the line still opens its level for the lines below
        first = top.child
        if first is not None and first.indent != indent:
            self.add(
                n,
                indent + 1,
                "kb_key_align",
                key=name,
                above=first.key,
                row=first.line,
                count=first.indent,
            )
            return True
        return False

    def _adopt(self) -> None:
        """Record the key just pushed as the first child of its parent key."""
        if len(self.stack) < 2:
            return
        new = self.stack[-1]
        for parent in reversed(self.stack[:-1]):
            if parent.indent < new.indent:
                if not parent.dash and parent.child is None:
                    parent.child = new
                return

    def _indent_extra(self, n: int, indent: int, top: _Open) -> None:
        self.add(
            n, indent + 1, "kb_indent_extra", count=indent - top.indent, above=top.key, row=top.line
        )

    def _nested(self, item: _Open) -> bool:
        """Whether the list of ``item`` is indented under its key (so a key at the
        dash's column cannot be a sibling of that key).  A list written at its key's
        column (``region:`` / ``- 江苏省`` one under the other) is not."""
        below = self.stack[: self.stack.index(item)] if item in self.stack else self.stack
        owner = next((o for o in reversed(below) if not o.dash), None)
        return owner is not None and owner.indent < item.indent


def _depth(text: str) -> int:
    """Brackets opened minus closed on a line (quoted text aside, roughly)."""
    text = _QUOTED.sub("", text)
    return sum(text.count(c) for c in "[{［") - sum(text.count(c) for c in "]}］")


def _odd(lead: str) -> bool:
    return any(ch in ODD_SPACES for ch in lead)


def _name(char: str) -> dict[str, str]:
    from ..messages import localized

    return localized(ODD_SPACES[char])


def _closes(text: str, quote: str) -> bool:
    """Whether ``text`` holds the closing ``quote`` (escapes and doubled quotes skipped)."""
    i = 0
    while i < len(text):
        ch = text[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return True
        i += 1
    return False


# ------------------------------------------------------------------ after parsing
def check_wrapped_quotes(doc: Doc, strings: Iterable[tuple[Loc, str]]) -> None:
    """A whole value wrapped in Chinese quotes (“蓝焰红心”): YAML keeps them, so the
    site shows them; a warning says so."""
    for loc, value in strings:
        text = value.strip()
        if len(text) < 2 or text[0] not in WRAPPING_QUOTES:
            continue
        close = WRAPPING_QUOTES[text[0]]
        if text.endswith(close) and text.find(close, 1) == len(text) - 1:
            doc.add(loc, "kb_wrapped_quotes", severity="warning", open=text[0], close=close)


def check_tag_commas(doc: Doc) -> None:
    """A tag holding a Chinese comma was meant as two tags (``[先锋岗, 智慧党建，云课堂]``)."""
    tags = doc.data.get("tags") if isinstance(doc.data, dict) else None
    if not isinstance(tags, list):
        return
    for i, tag in enumerate(tags):
        if isinstance(tag, str) and re.search("[，、；]", tag):
            parts = [t.strip() for t in re.split("[，、；]", tag) if t.strip()]
            doc.add(("tags", i), "kb_tag_comma", value=tag, fixed="[" + ", ".join(parts) + "]")


def unwrap_quotes(text: str) -> str:
    """``“蓝焰红心”`` -> ``蓝焰红心`` (for comparing names)."""
    text = text.strip()
    if len(text) >= 2 and text[0] in WRAPPING_QUOTES and text.endswith(WRAPPING_QUOTES[text[0]]):
        return text[1:-1].strip()
    return text


def drop_shadowed(problems: list[Problem]) -> list[Problem]:
    """In a file where the scan found an error, the parser's syntax error is a
    consequence (usually reported on a later line) and is dropped; so are other
    messages on a line the scan explained (a Chinese comma also makes "内容太长")."""
    scanned: dict[str, set[int]] = {}
    for p in problems:
        if p.code in PRESCAN_CODES and p.severity == "error":
            scanned.setdefault(p.path, set()).add(p.line)
    if not scanned:
        return problems
    return [
        p
        for p in problems
        if p.path not in scanned
        or p.code in PRESCAN_CODES
        or p.code == "kb_paragraphs_merged"
        or (p.code != "yaml_syntax" and p.line not in scanned[p.path])
    ]
