"""The site search: a Pagefind index of the built site, written into ``site/pagefind/``.

Pagefind (the ``pagefind[extended]`` wheel: the binary with Chinese segmentation, no
download at run time) reads the built HTML and writes a chunked index, so a query loads
only the pieces it needs.  Only brand and case pages are indexed: the plugin marks their
content ``data-pagefind-body`` (plugin.on_page_content); render/searchdata.py writes
their filters, sorts and meta.  The reader's side is assets/search.js.

:class:`LiveIndex` runs Pagefind's indexer as a service (``pagefind --service``, the
protocol its own Python package speaks) and is handed each page's content as soon as
MkDocs has rendered it, so the indexing runs on the other core while MkDocs renders and
writes the rest; at the end it only writes the bundle.  (Pagefind's Python package is
not used: its reader waits 0.1 s between two answers, ten pages a second.)
:func:`index_site` runs the command-line indexer over a finished site instead.

The offline edition (file://) cannot fetch the index; it keeps Material's own search.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from .errors import BuildError

BUNDLE_DIR = "pagefind"
# Pagefind's own UI bundles are not used (assets/search.js drives its JS API).
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
_PAGES = re.compile(r"Indexed (\d+) pages?")
# The pages say lang="zh"; one language means one index and one segmenter. The ¶
# permalinks of headings are not words of a title.
_CONFIG = {"force_language": "zh", "exclude_selectors": [".headerlink"]}
BODY = "data-pagefind-body"
"""What marks a page to index (plugin.on_page_content writes it on brand and case pages)."""
# Pages handed over but not yet indexed, at most: MkDocs waits beyond that (memory).
_IN_FLIGHT = 256


def index_site(site: Path) -> tuple[int, float]:
    """Index ``site`` in place; returns (pages indexed, seconds). Raises BuildError."""
    start = time.perf_counter()
    cmd = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE_DIR,
        "--force-language",
        str(_CONFIG["force_language"]),
        "--exclude-selectors",
        ",".join(_CONFIG["exclude_selectors"]),
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError("search_index_failed", detail=str(exc)) from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip()[-2000:]
        raise BuildError("search_index_failed", detail=detail)
    _drop_unused(site)
    found = _PAGES.search(proc.stdout)
    return (int(found.group(1)) if found else 0), time.perf_counter() - start


def _drop_unused(site: Path) -> None:
    for name in _UNUSED:
        (site / BUNDLE_DIR / name).unlink(missing_ok=True)


def page_url(dest_uri: str) -> str:
    """The address Pagefind gives a built file: ``brands/a/index.html`` -> ``/brands/a/``."""
    if dest_uri == "index.html" or dest_uri.endswith("/index.html"):
        dest_uri = dest_uri[: -len("index.html")]
    return "/" + dest_uri


def _executable() -> str:
    """The binary ``python -m pagefind`` runs: PAGEFIND_BINARY_PATH if set, else the
    wheel's (pagefind[extended])."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise BuildError("search_index_failed", detail="pagefind[extended] is not installed")
    return str(found)


class LiveIndex:
    """Pagefind's indexer, fed page by page while the site is built (see the module).

    ``add`` returns at once (it waits only when ``_IN_FLIGHT`` pages are queued);
    ``write`` starts writing the bundle once every page is in; ``finish`` waits for it;
    ``close`` stops the indexer without writing (a failed build). Errors surface as
    BuildError from ``write`` or ``finish``."""

    def __init__(self) -> None:
        self._stderr = tempfile.TemporaryFile()
        try:
            self._proc = subprocess.Popen(
                [_executable(), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )
        except OSError as exc:
            self._stderr.close()
            raise BuildError("search_index_failed", detail=str(exc)) from None
        self._lock = threading.Lock()  # the answers awaited
        self._write_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(_IN_FLIGHT)
        self._waiting: dict[int, Future[dict[str, Any]]] = {}
        self._next = 0
        self._pages: list[Future[dict[str, Any]]] = []
        self._writing: Future[dict[str, Any]] | None = None
        self._reader = threading.Thread(target=self._read, name="pagefind", daemon=True)
        self._reader.start()
        try:
            self._index_id: int = self._call({"type": "NewIndex", "config": _CONFIG})["index_id"]
        except BaseException:
            self.close()
            raise

    # -- protocol: base64 of a JSON message, then a comma, each way --------------------
    def _send(self, payload: dict[str, Any]) -> Future[dict[str, Any]]:
        future: Future[dict[str, Any]] = Future()
        with self._lock:
            self._next += 1
            ident = self._next
            self._waiting[ident] = future
        message = {"message_id": ident, "payload": payload}
        data = base64.b64encode(json.dumps(message).encode("utf-8")) + b","
        # A write waits while the indexer's input is full; the reader never takes this
        # lock, so the indexer can always hand its answers back meanwhile.
        with self._write_lock:
            assert self._proc.stdin is not None
            try:
                self._proc.stdin.write(data)
                self._proc.stdin.flush()
            except (BrokenPipeError, ValueError):
                with self._lock:
                    self._waiting.pop(ident, None)
                if not future.done():
                    future.set_exception(BuildError("search_index_failed", detail=self._gone()))
        return future

    def _call(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._result(self._send(payload))

    def _result(self, future: Future[dict[str, Any]]) -> dict[str, Any]:
        try:
            return future.result(timeout=3600)
        except BuildError:
            raise
        except Exception as exc:  # the indexer's own error message, or a timeout
            raise BuildError("search_index_failed", detail=str(exc) or repr(exc)) from None

    def _read(self) -> None:
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        pending = b""
        while chunk := os.read(fd, 1 << 16):
            pending += chunk
            *messages, pending = pending.split(b",")
            for raw in messages:
                self._answer(json.loads(base64.b64decode(raw)))
        # The indexer has gone: nothing more will be answered.
        with self._lock:
            waiting, self._waiting = self._waiting, {}
        for future in waiting.values():
            future.set_exception(BuildError("search_index_failed", detail=self._gone()))

    def _answer(self, message: dict[str, Any]) -> None:
        payload = message.get("payload") or {}
        ident = message.get("message_id")
        if ident is None and payload.get("original_message"):
            ident = json.loads(payload["original_message"]).get("message_id")
        with self._lock:
            future = self._waiting.pop(ident, None) if ident is not None else None
        if future is None:
            return
        if payload.get("type") == "Error":
            future.set_exception(RuntimeError(payload.get("message", "error")))
        else:
            future.set_result(payload)

    def _gone(self) -> str:
        code = self._proc.poll()
        self._stderr.seek(0)
        said = self._stderr.read().decode("utf-8", "replace").strip()[-2000:]
        return said or f"pagefind exited ({code})"

    # -- the build's side ---------------------------------------------------------------
    def add(self, dest_uri: str, html: str) -> None:
        """One page to index (its path in the site and its HTML, with a ``BODY``
        element: the caller leaves the others out, as the command-line indexer does)."""
        self._slots.acquire()
        future = self._send(
            {
                "type": "AddFile",
                "index_id": self._index_id,
                "url": page_url(dest_uri),
                "file_path": None,
                "file_contents": html,
            }
        )
        future.add_done_callback(lambda _f: self._slots.release())
        self._pages.append(future)

    def write(self, site: Path) -> None:
        """Every page is in: have the bundle written into ``site`` (without waiting for
        it, so the writing overlaps MkDocs writing the pages)."""
        if self._writing is not None:
            return
        try:
            for future in self._pages:  # answered by now, or nearly: it keeps pace
                self._result(future)
        except BaseException:
            self.close()
            raise
        self._writing = self._send(
            {
                "type": "WriteFiles",
                "index_id": self._index_id,
                "output_path": str((site / BUNDLE_DIR).resolve()),
            }
        )

    def finish(self, site: Path) -> tuple[int, float]:
        """Wait for every page and the bundle in ``site``; (pages, seconds waited)."""
        start = time.perf_counter()
        try:
            self.write(site)
            assert self._writing is not None
            self._result(self._writing)
        finally:
            self.close()
        _drop_unused(site)
        return len(self._pages), time.perf_counter() - start

    def close(self) -> None:
        """Stop the indexer (written or not) and let go of its pipes."""
        with self._write_lock:
            if self._proc.stdin is not None and not self._proc.stdin.closed:
                try:
                    self._proc.stdin.close()
                except BrokenPipeError:
                    pass
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._reader.join(timeout=10)
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._stderr.close()
