"""The site search index, written into ``site/bhsearch/`` while the site is built.

The index itself is :mod:`brandhall.searchindex` (terms, files); the reader's side is
assets/bhsearch.js (the engine) and assets/search.js (the header box and the search
page). Only brand and case pages are indexed: the plugin marks their content
``data-pagefind-body`` (plugin.on_page_content); render/searchdata.py writes their
filters, sorts and meta.

:class:`LiveIndex` runs the indexer in a process of its own and hands it each page's
finished content as soon as MkDocs has rendered it, so the indexing runs on the other
core while MkDocs renders the rest; when every page is in, the indexer writes the files
while MkDocs writes the pages.

The offline edition (file://) cannot fetch the index; it keeps Material's own search.
"""

from __future__ import annotations

import multiprocessing
import shutil
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .errors import BuildError
from .searchindex import BODY, IndexWriter, staging_dir

__all__ = ["BODY", "BUNDLE_DIR", "LiveIndex", "page_url", "write_index"]

BUNDLE_DIR = "bhsearch"


def page_url(dest_uri: str) -> str:
    """A built file's address from the site root: ``brands/a/index.html`` -> ``brands/a/``."""
    if dest_uri == "index.html" or dest_uri.endswith("/index.html"):
        dest_uri = dest_uri[: -len("index.html")]
    return dest_uri


def write_index(site: Path, pages: list[tuple[str, str]]) -> int:
    """Index ``pages`` (built file, content HTML) into ``site`` in this process; the
    number indexed. (An empty catalog, and tests.)"""
    out = site / BUNDLE_DIR
    out.mkdir(parents=True, exist_ok=True)
    writer = IndexWriter(out)
    try:
        n = sum(writer.add(page_url(dest), html) for dest, html in pages)
        writer.write()
    except BaseException:
        writer.discard()
        raise
    return n


def _describe(exc: BaseException) -> str:
    """An error as a publisher reads it: no traceback; a file error names the file."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return f"{type(exc).__name__}: {exc}"


def _serve(conn: Connection, out: str) -> None:
    """The indexer's process: ``("add", url, html)`` until ``("write",)``, then answers
    ``("done", pages)`` or ``("error", detail)``; ``("discard",)`` drops everything."""
    writer = None
    failed = ""
    indexed = 0
    try:
        Path(out).mkdir(parents=True, exist_ok=True)
        writer = IndexWriter(Path(out))
        while True:
            message = conn.recv()
            if message[0] == "add":
                if not failed:
                    try:
                        indexed += writer.add(message[1], message[2])
                    except Exception as exc:  # noqa: BLE001  (said at the end, by the build)
                        failed = f"{message[1] or '/'}: {_describe(exc)}"
            elif message[0] == "write" and not failed:
                writer.write()
                _answer(conn, ("done", indexed))
                return
            else:  # ("discard",), or "write" after a page failed
                raise EOFError
    except EOFError:  # the build has gone, asked to discard, or a page failed
        pass
    except Exception as exc:  # noqa: BLE001
        failed = failed or _describe(exc)
    if writer is not None:
        writer.discard()
    if failed:
        _answer(conn, ("error", failed))


def _answer(conn: Connection, message: tuple[str, Any]) -> None:
    try:
        conn.send(message)
    except (BrokenPipeError, OSError):  # the build stopped waiting (it failed)
        pass


class LiveIndex:
    """The indexer, fed page by page while the site is built (see the module)."""

    def __init__(self, site: Path) -> None:
        context = multiprocessing.get_context("spawn")  # not a fork of a big build
        self._conn, child = context.Pipe()
        self._out = site / BUNDLE_DIR
        self._proc = context.Process(
            target=_serve, args=(child, str(self._out)), name="brandhall-search"
        )
        self._proc.daemon = True
        self._proc.start()
        child.close()
        self._written = False

    def _gone(self, what: str) -> BuildError:
        self.close()
        code = self._proc.exitcode
        if code == -9:
            what += " (killed: often for lack of memory)"
        elif code:
            what += f" (exit code {code})"
        return BuildError("search_index_failed", detail=what)

    def add(self, dest_uri: str, html: str) -> None:
        """Hand a rendered page over (its file under the site, its content HTML)."""
        try:
            self._conn.send(("add", page_url(dest_uri), html))
        except (BrokenPipeError, OSError):
            raise self._gone("the search indexer stopped") from None

    def write(self) -> None:
        """Every page is in: have the files written (without waiting for them, so the
        writing overlaps MkDocs writing the pages)."""
        if self._written:
            return
        self._written = True
        try:
            self._conn.send(("write",))
        except (BrokenPipeError, OSError):
            raise self._gone("the search indexer stopped") from None

    def finish(self) -> tuple[int, float]:
        """Wait for the files; (pages indexed, seconds waited)."""
        start = time.perf_counter()
        self.write()
        try:
            answer: Any = self._conn.recv()
        except (EOFError, OSError):
            raise self._gone("the search indexer stopped") from None
        self.close()
        if answer[0] != "done":  # the indexer has discarded what it wrote
            raise BuildError("search_index_failed", detail=str(answer[1]))
        return int(answer[1]), time.perf_counter() - start

    def close(self) -> None:
        """Stop the indexer (written or not)."""
        if self._proc.is_alive() and not self._written:
            try:
                self._conn.send(("discard",))
            except (BrokenPipeError, OSError):
                pass
        self._conn.close()
        self._proc.join(timeout=30)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
        pid = self._proc.pid
        if pid is not None and (not self._written or self._proc.exitcode):  # half-written
            shutil.rmtree(staging_dir(self._out, pid), ignore_errors=True)
