"""brandhall's site search index: Chinese by character pairs, split into small files.

A query loads only the files of its own terms, so what a query costs does not grow with
the site (issue 10: Pagefind's index at 10,000 brands made every cold query fetch a
464 KB list of its chunks and its indexer needed 7.7 GB). The reader's side is
assets/bhsearch.js; the two must cut text into terms and hash them the same way
(tests/test_bhsearch_engine.py runs both over the same strings).

**Terms.** Text is NFKC-normalised and lower-cased. In a run of Chinese characters every
character and every pair of neighbours is a term (so any part of a name, a title or a
phrase is found, whatever a word segmenter would have cut: no dictionary to keep in step
between the build and the browser). In a run of Latin letters and digits every prefix
(up to :data:`PREFIX_MAX` characters) is a term, so ``hyl`` finds ``hylxf`` as it is typed.
A query keeps a Chinese run's pairs (its one character when it is one long) and each
Latin run whole (cut to :data:`PREFIX_MAX`).

**Files** (under ``site/bhsearch/``; everything but ``index.json`` is under a directory
named by a hash of the whole index, so it can be cached for good):

- ``index.json``: ``{"version", "build", "docs", "shards", "weights"}``.
- ``<build>/t/<k>.json``: the terms whose hash is ``k`` modulo ``shards``, each with its
  postings: ``{"term": [n, …]}``, one number a page in page order,
  ``n = (page - previous page - 1) * 4 + class`` (the first previous page is -1). The
  class says where on the page the term is at its strongest: 3 the title or the name
  (weight ≥ 7), 2 headings and slogans (4–6), 1 other names (2–3), 0 the text.
- ``<build>/d/<page>.json``: a page's record: ``url`` (relative to the site root),
  ``meta`` (``title`` and the ``data-pagefind-meta`` values), ``filters``, ``content``
  (its text, for excerpts and for checking a phrase).
- ``<build>/filters.json``: ``{name: {value: [n, …]}}``, pages as gaps (``page -
  previous page - 1``).
- ``<build>/sorts.json``: ``{name: [page, …]}``, the pages that have the sort, in
  ascending order of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

VERSION = 1
#: Longest Latin prefix indexed (and longest Latin query term).
PREFIX_MAX = 24
#: Score of a term by its class (see the module's docstring).
WEIGHTS = (1, 3, 5, 10)
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(f"([{CJK}]+)|([a-z0-9]+)")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def index_terms(text: str) -> set[str]:
    """The terms a page's text is found by."""
    out: set[str] = set()
    for m in _RUNS.finditer(normalize(text)):
        run = m.group(1)
        if run:
            out.update(run)
            out.update(run[i : i + 2] for i in range(len(run) - 1))
        else:
            word = m.group(2)
            out.update(word[:k] for k in range(1, min(len(word), PREFIX_MAX) + 1))
    return out


def query_terms(query: str) -> list[str]:
    """The terms a query looks up, in order, each once."""
    out: list[str] = []
    for m in _RUNS.finditer(normalize(query)):
        run = m.group(1)
        if run:
            out += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
        else:
            out.append(m.group(2)[:PREFIX_MAX])
    return list(dict.fromkeys(out))


def term_hash(term: str) -> int:
    """32-bit FNV-1a over the term's UTF-16 code units (what JavaScript's charCodeAt
    gives)."""
    h = 0x811C9DC5
    data = term.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | data[i + 1] << 8
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def shard_of(term: str, shards: int) -> int:
    return term_hash(term) % shards


# --- reading a page -----------------------------------------------------------------------

#: What marks a page's searchable part (the plugin writes it on brand and case pages); the
#: ``data-pagefind-*`` names are kept from the Pagefind days: they are the pages' contract.
BODY = "data-pagefind-body"
_IGNORE = "data-pagefind-ignore"
_WEIGHT = "data-pagefind-weight"
_META = "data-pagefind-meta"
_FILTER = "data-pagefind-filter"
_SORT = "data-pagefind-sort"
#: Headings weigh as in Pagefind (h1 7 … h6 2) unless the markup says otherwise.
_HEADING_WEIGHT = {"h1": 7.0, "h2": 6.0, "h3": 5.0, "h4": 4.0, "h5": 3.0, "h6": 2.0}
#: Elements that end a run of text: no pair of characters is made across them.
_BLOCKS = frozenset(
    "address article aside blockquote br dd details dialog div dl dt figcaption figure footer"
    " form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td"
    " tfoot th thead tr ul".split()
)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def weight_class(weight: float) -> int:
    """A weight as Pagefind's markup gives it, as one of the four classes."""
    if weight >= 7:
        return 3
    if weight >= 4:
        return 2
    if weight >= 2:
        return 1
    return 0


def _pair(value: str) -> tuple[str, str] | None:
    key, sep, rest = value.partition(":")
    return (key.strip(), rest.strip()) if sep and key.strip() else None


class _Page(HTMLParser):
    """One page's searchable part: its text by class, title, meta, filters and sorts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # Open elements: (tag, in body, ignored, weight, capturing h1)
        self._stack: list[tuple[str, bool, bool, float, bool]] = [("", False, False, 1.0, False)]
        self._run: list[tuple[str, int]] = []  # the current run of text and its classes
        self.runs: list[list[tuple[str, int]]] = []
        self.text: list[str] = []
        self.title: list[str] = []
        self.title_done = False
        self.meta: dict[str, str] = {}
        self.filters: dict[str, list[str]] = {}
        self.sorts: dict[str, str] = {}
        self.found = False

    def _end_run(self) -> None:
        if self._run:
            self.runs.append(self._run)
            self._run = []
            self.text.append(" ")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        _, body, ignored, weight, in_h1 = self._stack[-1]
        a = {k: (v or "") for k, v in attrs}
        if BODY in a:
            body = self.found = True
        if _IGNORE in a or "headerlink" in a.get("class", "").split():
            ignored = True
        if tag in _HEADING_WEIGHT:
            weight = _HEADING_WEIGHT[tag]
        if _WEIGHT in a:
            try:
                weight = float(a[_WEIGHT])
            except ValueError:
                pass
        if body and not ignored:
            for attr, into in ((_META, self.meta), (_SORT, self.sorts)):
                if (kv := _pair(a.get(attr, ""))) is not None:
                    into[kv[0]] = kv[1]
            if (kv := _pair(a.get(_FILTER, ""))) is not None:
                values = self.filters.setdefault(kv[0], [])
                if kv[1] not in values:
                    values.append(kv[1])
        if tag in _BLOCKS:
            self._end_run()
        if tag in _VOID:
            return
        in_h1 = in_h1 or (tag == "h1" and body and not self.title_done)
        self._stack.append((tag, body, ignored, weight, in_h1))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        for i in range(len(self._stack) - 1, 0, -1):
            if self._stack[i][0] == tag:
                if tag == "h1" and self._stack[i][4] and not self._stack[i - 1][4]:
                    self.title_done = True
                del self._stack[i:]
                break
        if tag in _BLOCKS:
            self._end_run()

    def handle_data(self, data: str) -> None:
        _, body, ignored, weight, in_h1 = self._stack[-1]
        if not body or ignored:
            return
        self._run.append((data, weight_class(weight)))
        self.text.append(data)
        if in_h1:
            self.title.append(data)


def _add_terms(into: dict[str, int], text: str, cls: int) -> None:
    for term in index_terms(text):
        if into.get(term, -1) < cls:
            into[term] = cls


def page_terms(runs: list[list[tuple[str, int]]]) -> dict[str, int]:
    """Every term of a page with its strongest class. A run of text joins its inline
    pieces (``白<span>沙市</span>`` holds 白沙); a pair across two classes takes the
    stronger."""
    terms: dict[str, int] = {}
    for run in runs:
        classes = {cls for _, cls in run}
        if len(classes) == 1:
            _add_terms(terms, "".join(t for t, _ in run), classes.pop())
            continue
        for i, (text, cls) in enumerate(run):
            _add_terms(terms, text, cls)
            if i and text and run[i - 1][0]:
                _add_terms(terms, run[i - 1][0][-1:] + text[:1], max(cls, run[i - 1][1]))
    return terms


def read_page(html: str) -> dict[str, Any] | None:
    """A page's searchable part, or None when it has none (no ``data-pagefind-body``)."""
    if BODY not in html:
        return None
    parser = _Page()
    parser.feed(html)
    parser.close()
    parser._end_run()
    if not parser.found:
        return None
    meta = dict(parser.meta)
    title = " ".join("".join(parser.title).split())
    if title:
        meta.setdefault("title", title)
    return {
        "terms": page_terms(parser.runs),
        "meta": meta,
        "filters": parser.filters,
        "sorts": parser.sorts,
        "content": " ".join("".join(parser.text).split()),
    }


# --- writing the index ----------------------------------------------------------------------

#: Postings per shard file, about (a shard of 4,000 numbers is ~10 KB of JSON, ~3 KB gzip).
SHARD_POSTINGS = 4000
MAX_SHARDS = 1 << 16


def staging_dir(out: Path, pid: int) -> Path:
    """Where the writer in process ``pid`` puts an index until it is whole."""
    return out / f".staging-{pid}"


def _sort_key(value: str) -> tuple[int, float, str]:
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


class IndexWriter:
    """Pages in, index files out. A page's record is written as it comes (into a staging
    directory under ``out``); its terms are kept as the JSON text of their postings, so
    memory grows with the postings (a few bytes each), not with the pages' text."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.staging = staging_dir(out, os.getpid())
        if self.staging.exists():
            shutil.rmtree(self.staging)
        (self.staging / "d").mkdir(parents=True)
        self.pages = 0
        self.postings: dict[str, bytearray] = {}
        self.last: dict[str, int] = {}
        self.count = 0
        self.filters: dict[str, dict[str, list[int]]] = {}
        self.sorts: dict[str, list[tuple[tuple[int, float, str], int]]] = {}
        self.digest = hashlib.blake2b(digest_size=8)

    def add(self, url: str, html: str) -> bool:
        """Index one page (``url`` relative to the site root); False if it has no
        searchable part."""
        page = read_page(html)
        if page is None:
            return False
        doc = self.pages
        self.pages += 1
        record = json.dumps(
            {
                "url": url,
                "meta": page["meta"],
                "filters": page["filters"],
                "content": page["content"],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        (self.staging / "d" / f"{doc}.json").write_bytes(record)
        self.digest.update(record)
        postings, last = self.postings, self.last
        for term, cls in page["terms"].items():
            buf = postings.get(term)
            if buf is None:
                postings[term] = bytearray(b"%d" % (doc * 4 + cls))
            else:
                buf += b",%d" % ((doc - last[term] - 1) * 4 + cls)
            last[term] = doc
        self.count += len(page["terms"])
        for name, values in page["filters"].items():
            by_value = self.filters.setdefault(name, {})
            for value in values:
                by_value.setdefault(value, []).append(doc)
        for name, value in page["sorts"].items():
            self.sorts.setdefault(name, []).append((_sort_key(value), doc))
        return True

    def write(self) -> dict[str, Any]:
        """Write the index into ``out`` (replacing an earlier one); returns index.json."""
        shards = 1
        while shards < MAX_SHARDS and shards * SHARD_POSTINGS < self.count:
            shards *= 2
        groups: list[list[str]] = [[] for _ in range(shards)]
        for term in self.postings:
            groups[term_hash(term) % shards].append(term)
        (self.staging / "t").mkdir()
        for k, terms in enumerate(groups):
            if not terms:
                continue
            terms.sort()
            body = bytearray(b"{")
            for i, term in enumerate(terms):
                if i:
                    body += b","
                body += json.dumps(term, ensure_ascii=False).encode()
                body += b":["
                body += self.postings[term]
                body += b"]"
            body += b"}"
            self.digest.update(body)
            (self.staging / "t" / f"{k}.json").write_bytes(body)
        self.postings.clear()
        self.last.clear()
        gaps = {
            name: {value: _gaps(docs) for value, docs in sorted(by_value.items())}
            for name, by_value in self.filters.items()
        }
        sorts = {name: [doc for _, doc in sorted(keyed)] for name, keyed in self.sorts.items()}
        for name, data in (("filters.json", gaps), ("sorts.json", sorts)):
            raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
            self.digest.update(raw)
            (self.staging / name).write_bytes(raw)
        build = self.digest.hexdigest()
        index = {
            "version": VERSION,
            "build": build,
            "docs": self.pages,
            "shards": shards,
            "weights": list(WEIGHTS),
        }
        for old in self.out.iterdir():  # an index written before into the same place
            if old.is_dir() and old != self.staging:
                shutil.rmtree(old)
        self.staging.rename(self.out / build)
        (self.out / "index.json").write_text(json.dumps(index), encoding="utf-8")
        return index

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _gaps(docs: list[int]) -> list[int]:
    out, prev = [], -1
    for doc in docs:
        out.append(doc - prev - 1)
        prev = doc
    return out
