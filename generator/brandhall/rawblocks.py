"""Brandhall's own finished HTML blocks kept out of the site's Markdown engine (speed).

A generated page carries blocks of HTML that brandhall has already rendered and cleaned:
editor prose (render/prose.py), the print card, the search data, the lead, the page
actions. Python-Markdown passes such a top-level raw HTML block through unchanged, but
only after reading it twice with an HTML parser (MkDocs' anchor scan and the raw-HTML /
``md_in_html`` preprocessor): about half of the time a brand page takes to convert.

:func:`stash_blocks` swaps each such block of a page's Markdown for a placeholder
paragraph (``bhraw<nonce>x<n>``), which Markdown renders as ``<p>…</p>`` exactly where it
would have put the raw block, and :meth:`Stash.restore` puts the HTML back as the last
step of the conversion (plugin.py), before every plugin's ``on_page_content`` and the
final allowlist pass (finalpass.py), which still reads the whole page. Headings, links and
everything else that is Markdown stay Markdown: the table of contents, anchors and link
resolution are the engine's. The output is byte-identical (checked on a whole site).

Blocks taken: a top-level multi-line ``<div class="bh-prose">`` block, and any line that
is one whole element (``<p …>…</p>``, ``<div …>…</div>``, ``<section …>``, ``<details …>``…)
without a ``markdown`` attribute and with blank lines around it, at the top level or
inside brandhall's ``markdown`` containers (cards: ``md_in_html`` keeps such a child as
written). A top-level raw block's text keeps its line end (as Python-Markdown's own stash
does), a nested one not.

The nonce is random for every build (``secrets``, 128 bits): text an editor writes cannot
name a block, so it stays text; each block is put back once.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

_PROSE_OPEN = '<div class="bh-prose">'
# One line that opens a block element (no `markdown` attribute) and closes the same
# element at its end.
_ONE_LINE = re.compile(
    r"<(p|div|section|figure|ul|ol|nav|details|form|table|aside|header|footer)(?:\s[^>]*)?>.*</\1>"
)
_MARKDOWN_ATTR = re.compile(r"\smarkdown(?:=(?:\"1\"|'1'|1|\"block\"|\"span\"))?[\s>/]")
# A line that opens an md_in_html container left open on that line.
_CONTAINER = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\smarkdown\b[^>]*>")
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


@dataclass
class Stash:
    """One build's placeholders: a random nonce, and the blocks not yet put back."""

    nonce: str = field(default_factory=lambda: secrets.token_hex(16))
    pending: dict[str, str] = field(default_factory=dict)
    _count: int = 0

    def token(self) -> str:
        self._count += 1
        return f"bhraw{self.nonce}x{self._count}"

    def take(self, markdown: str) -> tuple[str, dict[str, str]]:
        """:func:`stash_blocks`, the blocks kept until :meth:`restore`."""
        markdown, blocks = stash_blocks(markdown, self)
        self.pending.update(blocks)
        return markdown, blocks

    def restore(self, html: str) -> str:
        """Every placeholder paragraph of this build in ``html`` replaced by its block
        (each block once; a token that is not pending stays as it is)."""
        if not self.pending:
            return html
        return _PLACEHOLDER.sub(self._one, html) if f"bhraw{self.nonce}x" in html else html

    def _one(self, m: re.Match[str]) -> str:
        if m.group(1) != self.nonce:
            return m.group(0)
        block = self.pending.pop(f"bhraw{self.nonce}x{m.group(2)}", None)
        return m.group(0) if block is None else block

    def lost(self, tokens: list[str]) -> list[str]:
        """Those of ``tokens`` never put back (dropped from the page); forgotten now."""
        return [t for t in tokens if self.pending.pop(t, None) is not None]


_PLACEHOLDER = re.compile(r"<p>bhraw([0-9a-f]{32})x(\d+)</p>")


def _opening_tag(line: str) -> str:
    end = line.find(">")
    return line[: end + 1] if end >= 0 else line


def stash_blocks(markdown: str, stash: Stash) -> tuple[str, dict[str, str]]:
    """The page Markdown with its top-level finished HTML blocks replaced by placeholder
    paragraphs, and the blocks by placeholder."""
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: dict[str, str] = {}
    open_containers: list[str] = []
    fence = False
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.startswith(("```", "~~~")):
            fence = not fence
        if fence or not line.startswith("<"):
            if not fence:
                _track(line, open_containers)
            out.append(line)
            i += 1
            continue
        blank_before = i == 0 or not lines[i - 1].strip()
        if blank_before and not open_containers and line == _PROSE_OPEN:
            # Editor prose: the allowlist emits no <div>, so the first </div> line ends it.
            j = i + 1
            while j < n and lines[j] != "</div>":
                j += 1
            if j < n and (j + 1 == n or not lines[j + 1].strip()):
                token = stash.token()
                blocks[token] = "\n".join(lines[i : j + 1]) + "\n"
                out.append(token)
                i = j + 1
                continue
        elif (
            blank_before
            and (i + 1 == n or not lines[i + 1].strip())
            and _ONE_LINE.fullmatch(line)
            and not _MARKDOWN_ATTR.search(_opening_tag(line))
        ):
            token = stash.token()
            blocks[token] = line if open_containers else line + "\n"
            out.append(token)
            i += 1
            continue
        _track(line, open_containers)
        out.append(line)
        i += 1
    return "\n".join(out), blocks


def _track(line: str, open_containers: list[str]) -> None:
    """Follow the md_in_html containers a line opens or closes (brandhall writes a
    container's closing tag alone on its line)."""
    stripped = line.strip()
    if open_containers and stripped == f"</{open_containers[-1]}>":
        open_containers.pop()
        return
    m = _CONTAINER.match(stripped)
    if m and not stripped.endswith(f"</{m.group(1)}>"):
        open_containers.append(m.group(1))


def block_ids(blocks: dict[str, str]) -> set[str]:
    """The ids inside the blocks (MkDocs counts them as the page's anchors)."""
    return {m.group(1) for block in blocks.values() for m in _ID.finditer(block)}
