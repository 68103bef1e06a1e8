"""Checks on the text values of a document: raw HTML, link schemes, placeholders,
invisible characters, duplicate tags."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..textcheck import check_text
from .located import Doc, Loc, visible
from .yamlsrc import CONTROL_CHARS, char_name

# Characters that make text display differently from what it is (Trojan Source).
BIDI_CHARS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters a key may hold without anyone seeing them.
KEY_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def walk_strings(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from walk_strings(v, (*loc, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk_strings(v, (*loc, i))


def walk_keys(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield (*loc, k), str(k)
            yield from walk_keys(v, (*loc, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk_keys(v, (*loc, i))


def _check_duplicate_tags(doc: Doc) -> None:
    """Duplicate tags, found on the raw data so they are reported even when another
    tag of the same list is invalid (the model's own check then does not run)."""
    tags = doc.data.get("tags") if isinstance(doc.data, dict) else None
    if not isinstance(tags, list):
        return
    seen: set[str] = set()
    for i, tag in enumerate(tags):
        if not isinstance(tag, str):
            continue
        key = tag.strip()
        if key in seen:
            doc.add(("tags", i), "tags_duplicate", value=key)
        seen.add(key)


def check_texts(doc: Doc) -> None:
    """Every check on the strings of ``doc``, each problem at its line."""
    _check_duplicate_tags(doc)
    for loc, key in walk_keys(doc.data):
        m = KEY_INVISIBLE.search(key) or CONTROL_CHARS.search(key)
        if m:
            doc.add(
                loc, "key_invisible_char", at="key", key=visible(key), char=char_name(m.group())
            )
    for loc, text in walk_strings(doc.data):
        for finding in check_text(text):
            line, col = doc.positions.text(loc, text, finding.index)
            doc.add(loc, finding.code, line=line, column=col, **finding.params)
        for pattern, code in ((CONTROL_CHARS, "control_char"), (BIDI_CHARS, "bidi_char")):
            m = pattern.search(text)
            if m:
                line, col = doc.positions.text(loc, text, m.start())
                doc.add(loc, code, line=line, column=col, char=char_name(m.group()))
