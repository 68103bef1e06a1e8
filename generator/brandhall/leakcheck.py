"""After a public build: make sure no intranet-only value reached any output file.

Every file under the site is read, whatever its name: gzip content (found by its magic
bytes, not by ``.gz``) is opened; JSON/JavaScript ``\\uXXXX`` escapes, HTML entities
and ``%XX`` escapes are decoded and zero-width characters removed; the result is
compared as UTF-8 bytes, so an ASCII value is found even inside a binary file.  All
secrets of all brands are then looked for at once with one Aho-Corasick automaton
(``ahocorasick_rs``, Rust's aho-corasick crate), so the check is linear in the size of
the site, whatever the number of brands.

A value is a secret only if it appears nowhere the public build may show it: in any
brand's public fields, its case studies, or the hand-written pages (``docs/``).  Those
values are published on purpose, and finding them is not a leak.
"""

from __future__ import annotations

import functools
import html
import os
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import ahocorasick_rs

from .catalog import Catalog
from .visibility import intranet_only_values, visible_catalog

# Removed before comparing: search indexes put U+200B between words, and the others are
# invisible in a browser (a value split by one is still a leak).
_INVISIBLE = tuple(c.encode() for c in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"))
_GZIP_MAGIC = b"\x1f\x8b"
# A decompressed file larger than this is not expanded further (a site never has one).
_MAX_INFLATED = 1 << 30
# Lines of a multi-line value (a review summary) are looked for one by one; a line
# shorter than this is too common to mean anything.
_MIN_LINE = 4
_MIN_VALUE = 2
# Each starts with a literal, so that re jumps from one occurrence to the next; the text
# is never decoded as a whole (a site is mostly ASCII markup around a little text).
_ESCAPES = re.compile(rb"\\u[0-9a-fA-F]{4}(?:\\u[0-9a-fA-F]{4})*")  # JSON, JavaScript
_ENTITY = re.compile(rb"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")  # HTML
_PERCENT = re.compile(rb"%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*")  # URLs: ?q=…, mailto:…


def _join_pairs(text: str) -> str:
    # A character outside the BMP is two escapes (a surrogate pair): make it one.
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _has_pairs(data: bytes) -> bool:
    return b"\\ud" in data or b"\\uD" in data


# Cached: every page repeats the same few (the theme's inline config, "&para;").
@functools.lru_cache(maxsize=4096)
def _unescaped_run(run: bytes) -> bytes:
    text = run.decode("raw_unicode_escape")
    return (_join_pairs(text) if _has_pairs(run) else text).encode()


def _unescape_run(match: re.Match[bytes]) -> bytes:
    return _unescaped_run(match.group())


def _unescape_all(data: bytes) -> bytes:
    """Every escape at once, in C: for a file that is mostly escapes (a search index)."""
    try:
        if data.isascii():  # MkDocs writes JSON with ensure_ascii
            text = data.decode("raw_unicode_escape")
        else:
            raw = data.decode("utf-8", "replace").encode("raw_unicode_escape")
            text = raw.decode("raw_unicode_escape")
    except UnicodeError:  # a malformed escape: decode the well-formed ones one by one
        return _ESCAPES.sub(_unescape_run, data)
    return (_join_pairs(text) if _has_pairs(data) else text).encode("utf-8", "replace")


@functools.lru_cache(maxsize=4096)
def _unescaped_entity(entity: bytes) -> bytes:
    return html.unescape(entity.decode("utf-8", "replace")).encode("utf-8", "replace")


def _unescape_entity(match: re.Match[bytes]) -> bytes:
    return _unescaped_entity(match.group())


def _normalise(data: bytes) -> bytes:
    """UTF-8 text as a reader would see it: escapes, entities and %XX decoded, invisible
    characters removed.  Bytes that are not UTF-8 are kept (ASCII in a binary counts)."""
    escapes = data.count(b"\\u")
    if escapes > len(data) // 100:
        data = _unescape_all(data)
    elif escapes:
        data = _ESCAPES.sub(_unescape_run, data)
    if b"&" in data:
        data = _ENTITY.sub(_unescape_entity, data)
    if b"%" in data:
        data = _PERCENT.sub(lambda m: unquote_to_bytes(m.group()), data)
    for char in _INVISIBLE:
        if char in data:
            data = data.replace(char, b"")
    return data


@dataclass(frozen=True)
class Leak:
    file: str
    brand: str
    field: str
    value: str


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def public_text(visible: Catalog) -> str:
    """Everything the public edition may show (``visible`` is its visible catalog), to
    tell a secret from a value the brand published on purpose."""
    parts: list[str] = []
    for brand in visible.brands:
        parts += _strings(brand.profile.model_dump())
        for case in brand.cases:
            parts += _strings(case.meta.model_dump())
            parts.append(case.body)
    return "\n".join(parts)


def _hand_written_bytes(docs_dir: Path | None) -> bytes:
    if docs_dir is None or not docs_dir.is_dir():
        return b""
    parts = []
    for path in sorted(docs_dir.rglob("*")):
        if path.is_file() and not path.is_symlink():
            parts.append(_normalise(_payload(path.read_bytes())))
    return b"\n".join(parts)


def _payload(data: bytes) -> bytes:
    """The bytes a reader gets: gzip content (by its magic bytes, any name) inflated."""
    if data[:2] == _GZIP_MAGIC:
        try:
            return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(data, _MAX_INFLATED)
        except zlib.error:
            pass  # not really gzip: scan the bytes as they are
    return data


def _secrets(catalog: Catalog) -> dict[str, list[tuple[str, str, str]]]:
    """Text to look for -> (brand, field, value) it comes from."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for brand in catalog.brands:
        for field, value in intranet_only_values(brand.profile):
            shown = _normalise(value.encode()).decode("utf-8", "replace")
            lines = [line.strip() for line in shown.strip().splitlines()]
            minimum = _MIN_LINE if len(lines) > 1 else _MIN_VALUE
            for line in lines:
                if len(line) >= minimum:
                    found.setdefault(line, []).append((brand.slug, field, value.strip()))
    return found


class _Needles:
    """All secrets at once: one pass over a text finds every one that occurs in it."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = list(words)
        self._automaton = ahocorasick_rs.BytesAhoCorasick([w.encode() for w in self.words])

    def found_in(self, data: bytes) -> set[str]:
        hits = self._automaton.find_matches_as_indexes(data, overlapping=True)
        return {self.words[index] for index, _start, _end in hits}


def _files(root: str) -> list[str]:
    """Regular files under ``root``, relative and sorted; symbolic links are skipped."""
    found = []
    stack = [""]
    while stack:
        rel = stack.pop()
        with os.scandir(os.path.join(root, rel)) as entries:
            for entry in entries:
                name = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append(name)
                elif entry.is_file(follow_symlinks=False):
                    found.append(name)
    return sorted(found)


def _read(root: str, rel: str) -> bytes:
    with open(os.path.join(root, rel), "rb") as handle:
        return handle.read()


def find_leaks(site_dir: Path, catalog: Catalog, *, docs_dir: Path | None = None) -> list[Leak]:
    """Every (file, brand, field) where an intranet-only value of ``catalog`` occurs in
    ``site_dir``.

    What the public edition may show comes from ``visible_catalog(catalog, "public")``,
    the function the renderers' catalog came from, applied here on its own: the check
    does not trust the value the build handed to the renderers, so a build that rendered
    from the wrong catalog is caught (tests/test_deploy.py).
    ``docs_dir``: the hand-written pages; a value written there is public on purpose.
    Time is linear in the size of the site plus the size of the catalog.
    """
    secrets = _secrets(catalog)
    if not secrets:
        return []
    public = (
        _normalise(public_text(visible_catalog(catalog, "public")).encode())
        + b"\n"
        + _hand_written_bytes(docs_dir)
    )
    for word in _Needles(secrets).found_in(public):
        del secrets[word]
    if not secrets:
        return []
    needles = _Needles(secrets)
    leaks: set[Leak] = set()
    found: dict[str, set[str]] = {}
    root = str(site_dir)
    for rel in _files(root):
        raw = _read(root, rel)
        payload = _payload(raw)
        twin = rel.rpartition(".")[0]  # x.json for x.json.gz: the same content, scanned once
        if payload is not raw and twin in found and _read(root, twin) == payload:
            found[rel] = found[twin]
        else:
            found[rel] = needles.found_in(_normalise(payload))
        for word in found[rel]:
            for slug, field, value in secrets[word]:
                leaks.add(Leak(rel, slug, field, value))
    return sorted(leaks, key=lambda leak: (leak.file, leak.brand, leak.field, leak.value))
