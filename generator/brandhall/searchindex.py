"""brandhall's site search index: Chinese by character pairs, split into small files.

A query loads only the files of its own terms, so what a query costs does not grow with
the site (issue 10: Pagefind's index at 10,000 brands made every cold query fetch a
464 KB list of its chunks and its indexer needed 7.7 GB). The reader's side is
assets/bhsearch.js; the two must cut text into terms and hash them the same way
(tests/test_searchindex.py runs both over the same strings).

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

import re
import unicodedata

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
