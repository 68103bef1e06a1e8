"""`brandhall book`: the compilation (汇编) of selected brands as one PDF, via WeasyPrint.

1. The content is checked as `brandhall check` does; any error stops the book.
2. Brands are selected by sector, province and stage (each filter takes several values,
   any of which matches; different filters must all match) and put in the gallery's order.
3. ``visible_catalog(catalog, edition)`` is applied once: the public book is rendered from
   a catalog whose types have no intranet-only fields (render/book.py builds the HTML).
4. WeasyPrint lays it out in worker processes, one per CPU (``_lay_out``): the chapters
   are cut into chunks laid out without margin boxes; with their page counts and anchors
   known, the cover and contents are laid out with the true page numbers, and for each chunk
   a "skeleton" of empty pages carrying only the running header and the page number (the
   page counter starting where the chunk starts). pypdf joins them: each chunk page is
   drawn on its skeleton page as a form XObject (no content stream is parsed), and the
   bookmarks and links are re-made (``_merged``). WeasyPrint's URL fetcher serves the brand files the
   book shows (SVG as rebuilt from the allowlist, as on the site) and refuses every other
   URL, so nothing is fetched from another machine, nor any other local file.
5. The leak check (leakcheck.find_leaks, the public build's own check) reads the HTML and
   the text WeasyPrint laid out on the pages; a public book with an intranet-only value
   fails.
6. The PDF is written to a temporary file next to the target and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .catalog import Brand, Catalog
from .errors import BuildError, ContentError, UsageError
from .leakcheck import find_leaks
from .load import load_catalog, load_taxonomy
from .options import Edition, Lang
from .problems import count, format_problems, summary_line
from .render.book import (
    BookHtml,
    book_css,
    book_order,
    brand_anchor,
    case_anchor,
    render_book,
)
from .render.common import h
from .render.site import published_bytes
from .taxonomy import DEFAULT_TAXONOMY, STAGES, Taxonomy
from .visibility import visible_catalog

if TYPE_CHECKING:
    from weasyprint import Document

#: The document's base URL: a directory that does not exist. Brand files are served under
#: it by site path (``brands/<slug>/logo.svg``); nothing else is.
BOOK_BASE = "file:///brandhall-book/"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class BookFilters:
    """Which brands go into the book: empty tuples select everything."""

    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()

    def validate(self, taxonomy: Taxonomy) -> None:
        """A value outside its vocabulary is a usage error (exit 2), named with the choices."""
        for option, values, allowed in (
            ("--sector", self.sectors, taxonomy.sectors),
            ("--region", self.regions, taxonomy.regions),
            ("--stage", self.stages, STAGES),
        ):
            for value in values:
                if value not in allowed:
                    guess = taxonomy.province_hint(value) if option == "--region" else None
                    if guess:
                        raise UsageError(
                            "book_bad_region_guess", option=option, value=value, guess=guess
                        )
                    raise UsageError(
                        "book_bad_filter", option=option, value=value, allowed=list(allowed)
                    )

    def matches(self, brand: Brand) -> bool:
        p = brand.profile
        return (
            (not self.sectors or p.organization.sector in self.sectors)
            and (not self.regions or p.organization.region[0] in self.regions)
            and (not self.stages or p.status.stage in self.stages)
        )

    def described(self) -> dict[str, list[str]]:
        return {
            "sector": list(self.sectors),
            "region": list(self.regions),
            "stage": list(self.stages),
        }


@dataclass
class BookResult:
    path: Path
    brands: list[str]
    pages: int
    html: str = field(repr=False, default="")


class _BrandFiles:
    """WeasyPrint's URL fetcher: the brand files of the book, and nothing else."""

    def __init__(self, assets: dict[str, Path]) -> None:
        self.assets = assets
        self.refused: list[str] = []

    def fetcher(self) -> Any:
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        files = self

        class Fetcher(URLFetcher):  # type: ignore[misc]
            def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
                return files.fetch(url, URLFetcherResponse)

        return Fetcher(allowed_protocols=("file",))

    def fetch(self, url: str, response: Any) -> Any:
        rel = (
            url.removeprefix(BOOK_BASE).split("?")[0].split("#")[0]
            if url.startswith(BOOK_BASE)
            else None
        )
        if rel is None or rel not in self.assets:
            self.refused.append(url)
            raise ValueError(f"refused: {url}")  # WeasyPrint logs it and leaves it out
        data = published_bytes(self.assets[rel])
        kind = "image/svg+xml" if rel.lower().endswith(".svg") else "application/octet-stream"
        return response(url, body=data, headers={"Content-Type": kind})


def select_brands(catalog: Catalog, filters: BookFilters) -> list[Brand]:
    return book_order([b for b in catalog.brands if filters.matches(b)])


def _check_content(brands_dir: Path, today: dt.date, lang: Lang) -> Catalog:
    """The content as `brandhall check` reports it; ContentError on any error."""
    result = load_catalog(brands_dir, today=today)
    if any(p.code == "brands_dir_missing" for p in result.problems):
        raise UsageError("book_brands_missing", brands=str(brands_dir))
    if result.problems:
        print(format_problems(result.problems, "text", lang))
    print(summary_line(result.brand_count, result.case_count, result.problems, lang))
    errors, _warnings = count(result.problems)
    if errors:
        raise ContentError(result.problems, "book_content_errors", errors=errors)
    return result.catalog


def laid_out_text(document: Document) -> str:
    """Every piece of text WeasyPrint put on the pages (running headers included)."""
    from weasyprint.formatting_structure.boxes import TextBox

    parts: list[str] = []
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, TextBox):
                parts.append(box.text)
    return "\n".join(parts)


def book_leaks(catalog: Catalog, book_html: str, page_text: str) -> list[str]:
    """Where an intranet-only value of ``catalog`` occurs in the book: the HTML fed to
    WeasyPrint, the text on its pages, and that text with every space and line break
    removed (a name the layout broke across two lines)."""
    with tempfile.TemporaryDirectory(prefix="brandhall-book-check-") as tmp:
        root = Path(tmp)
        (root / "book.html").write_text(book_html, encoding="utf-8")
        (root / "pages.txt").write_text(page_text, encoding="utf-8")
        (root / "pages-joined.txt").write_text(_SPACE.sub("", page_text), encoding="utf-8")
        leaks = find_leaks(root, catalog)
    return sorted({f"  {leak.field}（brands/{leak.brand}）" for leak in leaks})


def make_book(
    *,
    brands_dir: Path,
    output: Path,
    edition: Edition,
    filters: BookFilters,
    today: dt.date,
    site_name: str,
    lang: Lang = "zh",
) -> BookResult:
    """Check, select, render, leak-check and write the book; returns what was written."""
    output = Path(output)
    if output.is_dir():
        raise UsageError("book_output_is_dir", path=str(output))
    if not output.parent.resolve().is_dir():
        raise UsageError("book_output_dir_missing", path=str(output.parent))
    if brands_dir.is_dir():
        filters.validate(load_taxonomy(brands_dir, [], today) or DEFAULT_TAXONOMY)
    catalog = _check_content(brands_dir, today, lang)
    visible = visible_catalog(catalog, edition)
    brands = select_brands(visible, filters)
    if not brands:
        raise BuildError(
            "book_no_match",
            selection=_selection(filters, lang),
            total=len(catalog.brands),
        )
    book = render_book(
        visible,
        brands,
        site_name=site_name,
        edition=edition,
        filters=filters.described(),
        today=today,
    )
    with tempfile.TemporaryDirectory(prefix="brandhall-book-") as tmp:
        laid = _lay_out(book, Path(tmp), want_text=edition == "public")
        if edition == "public":
            leaks = book_leaks(catalog, book.html, laid.text)
            if leaks:
                raise BuildError("book_leak", count=len(leaks), detail="\n".join(leaks))
        _write(laid, output)
    return BookResult(output, [b.slug for b in brands], laid.pages, book.html)


def _selection(filters: BookFilters, lang: Lang) -> str:
    from .messages import text

    parts = [
        f"{option} {'/'.join(values)}"
        for option, values in (
            ("--sector", filters.sectors),
            ("--region", filters.regions),
            ("--stage", filters.stages),
        )
        if values
    ]
    return " ".join(parts) or text("none_word", lang)


#: Chunks are laid out without margin boxes: the skeleton carries them.
CHUNK_CSS = (
    "@page { @top-left { content: none } @top-right { content: none } "
    "@bottom-center { content: none } }"
)
#: The skeleton's body pages: one empty block per page; the first page of a chapter or
#: case carries its label for the running header and the bookmarks (added by pypdf).
SKELETON_CSS = """
.bk-skel { break-before: page; height: 0; margin: 0; }
.bk-skel-site { string-set: site attr(data-label); }
.bk-skel-brand { string-set: chapter attr(data-label); }
"""
#: The cover and contents, laid out once the page numbers are known: written as numbers.
FRONT_CSS = """
.bk-toc a::after { content: leader("···") attr(data-page); }
"""
#: How the chapters are cut into chunks (``_chunks``): each chunk embeds its own font
#: subsets and has a skeleton of its own, so every chunk costs a little; small chunks at
#: the end keep the workers finishing together. A chunk takes about ``1 / (CHUNK_SHARE *
#: workers)`` of what is left, and never less than ``MIN_CHUNK_SHARE`` of the whole.
CHUNK_SHARE = 1.5
MIN_CHUNK_SHARE = 0.05
_TOC_LINK = re.compile(r'<a href="#((?:brand|case)-[^"]*)"')
_TAG = re.compile(r"<[^>]*>")
#: A chapter's or case's first page (``break-before: page``) counts for this many
#: characters of text in the estimate of a chapter's length.
_PAGE_START_CHARS = 600


@dataclass
class _Chunk:
    """A document laid out (and written, unless only its page count was wanted): its PDF,
    its page count, on which of its pages each anchor stands (0-based), and the text on
    its pages (public edition only)."""

    pdf: Path
    pages: int
    anchors: dict[str, int]
    text: str
    #: Its links (page, "internal" or "external", anchor or URL, (x0, y0, x1, y1) in
    #: points from the bottom left, as in the PDF): the joined book has them re-made.
    links: list[tuple[int, str, str, tuple[float, float, float, float]]] = field(
        default_factory=list
    )


@dataclass
class _LaidOut:
    front: _Chunk
    skeletons: list[_Chunk]
    chunks: list[_Chunk]
    pages: int
    text: str
    #: (title, 0-based page, level) of each bookmark, in order.
    bookmarks: list[tuple[str, int, int]]
    #: Each chapter's and case's first page (1-based).
    numbers: dict[str, int]


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango is not installed
        raise BuildError("book_no_weasyprint", detail=str(exc).splitlines()[0]) from None
    # WeasyPrint warns about every CSS property it ignores and every refused URL; the
    # refusals are the point, and the rest is not for editors.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint


def _lay_out_doc(
    html: str,
    assets: dict[str, Path],
    extra_css: str,
    pdf: Path,
    want_text: bool,
    write: bool = True,
) -> _Chunk:
    """In a worker process: lay out one document and write it (``write``), or only
    count its pages."""
    weasyprint = _weasyprint()
    fetcher = _BrandFiles(assets).fetcher()
    doc = weasyprint.HTML(string=html, base_url=BOOK_BASE, url_fetcher=fetcher)
    css = weasyprint.CSS(string=book_css() + extra_css, base_url=BOOK_BASE, url_fetcher=fetcher)
    document = doc.render(stylesheets=[css])
    anchors: dict[str, int] = {}
    for i, page in enumerate(document.pages):
        for name in page.anchors:  # a box split across pages is anchored on each
            anchors.setdefault(name, i)
    if not write:
        return _Chunk(pdf, len(document.pages), anchors, "")
    links = []
    for i, page in enumerate(document.pages):
        for kind, target, (x0, y0, x1, y1), _box in page.links:
            if kind in ("internal", "external"):
                pt = 0.75  # CSS px -> PDF points, y from the bottom
                rect = (x0 * pt, (page.height - y1) * pt, x1 * pt, (page.height - y0) * pt)
                links.append((i, kind, target, rect))
    document.write_pdf(pdf)
    text = laid_out_text(document) if want_text else ""
    return _Chunk(pdf, len(document.pages), anchors, text, links)


def _chapter_weight(chapter: str) -> int:
    """A chapter's estimated length: its text, and a page start for it and each case."""
    return len(_TAG.sub("", chapter)) + _PAGE_START_CHARS * chapter.count("<article")


def _chunks(chapters: list[str], workers: int) -> list[list[str]]:
    """The chapters in order, cut into chunks of decreasing estimated length: each takes
    ``1 / (CHUNK_SHARE * workers)`` of the length still left (at least ``MIN_CHUNK_SHARE``
    of the whole), so the workers take them as they come and finish close together."""
    if workers < 2:
        return [chapters] if chapters else []
    weights = [_chapter_weight(c) for c in chapters]
    total = sum(weights) or 1
    left = total
    out: list[list[str]] = []
    current: list[str] = []
    size = 0.0
    target = max(left / (CHUNK_SHARE * workers), MIN_CHUNK_SHARE * total)
    for chapter, weight in zip(chapters, weights, strict=True):
        current.append(chapter)
        size += weight
        left -= weight
        if size >= target and left > 0:
            out.append(current)
            current, size = [], 0.0
            target = max(left / (CHUNK_SHARE * workers), MIN_CHUNK_SHARE * total)
    if current:
        out.append(current)
    return out


def _labels(book: BookHtml) -> dict[str, tuple[int, str]]:
    """Anchor -> (bookmark level, label) of every chapter and case."""
    labels: dict[str, tuple[int, str]] = {}
    for brand in book.brands:
        labels[brand_anchor(brand.slug)] = (1, brand.profile.name)
        for case in brand.cases:
            labels[case_anchor(brand.slug, case.slug)] = (2, case.title)
    return labels


def _skeleton(book: BookHtml, chunk: _Chunk, labels: dict[str, tuple[int, str]]) -> str:
    """One empty block per page of ``chunk``; a chapter's first page names its brand for
    the running header, and the first page names the site."""
    chapter_on = {
        page: labels[name][1]
        for name, page in chunk.anchors.items()
        if name in labels and labels[name][0] == 1
    }
    out = []
    for page in range(chunk.pages):
        mark = (
            f'<div class="bk-skel-site" data-label="{h(book.site_name)}"></div>'
            if page == 0
            else ""
        )
        if page in chapter_on:
            mark += f'<div class="bk-skel-brand" data-label="{h(chapter_on[page])}"></div>'
        out.append(f'<div class="bk-skel">{mark}</div>')
    return "".join(out)


class _Runner:
    """Runs jobs in worker processes (one per CPU), or here, at once, on a single CPU."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None

    def submit(self, job: tuple[Any, ...]) -> Future[_Chunk]:
        if self.pool is not None:
            return self.pool.submit(_lay_out_doc, *job)
        future: Future[_Chunk] = Future()
        future.set_result(_lay_out_doc(*job))
        return future

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _lay_out(book: BookHtml, work: Path, *, want_text: bool) -> _LaidOut:
    """The book laid out and written in parts under ``work`` (see the module's notes).

    Jobs go to the workers as soon as what they need is known, in this order: the cover
    and contents with placeholder page numbers, only counted (how many pages come before
    the chapters); the chunks of chapters, without margin boxes; each chunk's skeleton
    (the running header and page number, the page counter starting at the chunk's first
    page) once the chunks before it are counted; last, with every chunk's anchors known,
    the cover and contents with the true page numbers. A contents longer or shorter than
    the counted one repeats the skeletons."""
    _weasyprint()  # BuildError now, not in a worker, when WeasyPrint cannot load
    workers = max(1, os.cpu_count() or 1)
    parts = _chunks(book.chapters, workers)
    labels = _labels(book)
    runner = _Runner(min(workers, len(parts) + 1))

    def front_job(numbers: dict[str, int], name: str, write: bool = True) -> tuple[Any, ...]:
        html = _TOC_LINK.sub(
            lambda m: f'{m.group(0)} data-page="{numbers.get(m.group(1), "")}"', book.front
        )
        return (book.document(html), book.assets, FRONT_CSS, work / name, want_text, write)

    def skeleton_job(k: int, chunk: _Chunk, first: int, attempt: int) -> tuple[Any, ...]:
        css = SKELETON_CSS + f"@page :first {{ counter-reset: page {first} }}"
        html = book.document(_skeleton(book, chunk, labels))
        return (html, book.assets, css, work / f"skeleton-{attempt}-{k:03d}.pdf", False)

    try:
        placeholder = 10 ** len(str(10 * (len(book.brands) + len(labels)))) - 1
        # At most one job per worker is handed out, the most urgent first: the count, then
        # the cover and contents (once every chunk is counted), the chunks in order, and
        # the skeletons, which fill the time a worker would otherwise wait.
        count_job = front_job(dict.fromkeys(labels, placeholder), "front-0.pdf", write=False)
        chunk_jobs = [
            (
                book.document("".join(part)),
                book.assets,
                CHUNK_CSS,
                work / f"chunk-{i:03d}.pdf",
                want_text,
            )
            for i, part in enumerate(parts)
        ]
        running: dict[Future[_Chunk], tuple[str, int, int]] = {}
        front_pages = -1
        chunks: list[_Chunk | None] = [None] * len(parts)
        skeletons: list[_Chunk | None] = [None] * len(parts)
        skeleton_queue: list[int] = []
        next_chunk = next_skeleton = 0
        attempt = 1
        front: _Chunk | None = None
        front_running = False
        numbers: dict[str, int] = {}
        offsets: list[int] = []

        def start(job: tuple[Any, ...], kind: str, k: int = 0) -> None:
            running[runner.submit(job)] = (kind, k, attempt)

        start(count_job, "count")
        while True:
            while len(running) < runner.workers:
                if front is None and not front_running and all(chunks) and front_pages >= 0:
                    offsets = [front_pages]
                    for chunk in cast(list[_Chunk], chunks):
                        offsets.append(offsets[-1] + chunk.pages)
                    numbers = {
                        name: offsets[k] + page + 1
                        for k, chunk in enumerate(cast(list[_Chunk], chunks))
                        for name, page in chunk.anchors.items()
                        if name in labels
                    }
                    start(front_job(numbers, f"front-{attempt}.pdf"), "front")
                    front_running = True
                elif next_chunk < len(parts):
                    start(chunk_jobs[next_chunk], "chunk", next_chunk)
                    next_chunk += 1
                elif skeleton_queue:
                    k = skeleton_queue.pop(0)
                    chunk = cast(_Chunk, chunks[k])
                    first = front_pages + 1 + sum(c.pages for c in chunks[:k] if c is not None)
                    start(skeleton_job(k, chunk, first, attempt), "skeleton", k)
                else:
                    break
            if not running:
                break
            done, _pending = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                kind, k, made_for = running.pop(future)
                result = future.result()
                if kind == "count":
                    front_pages = result.pages
                elif kind == "chunk":
                    chunks[k] = result
                elif kind == "skeleton":
                    if made_for == attempt:  # not one of the contents' earlier length
                        skeletons[k] = result
                elif result.pages == front_pages or attempt == 3:
                    front, front_running = result, False
                else:  # the contents came out longer or shorter: the skeletons again
                    front_pages, front_running, attempt = result.pages, False, attempt + 1
                    skeletons = [None] * len(parts)
                    skeleton_queue, next_skeleton = [], 0
            # A chunk's skeleton can be made once the chunks before it are counted.
            while (
                front_pages >= 0 and next_skeleton < len(parts) and all(chunks[: next_skeleton + 1])
            ):
                skeleton_queue.append(next_skeleton)
                next_skeleton += 1
    finally:
        runner.close()
    assert front is not None and all(skeletons)
    # (The contents' own bookmark comes with the cover and contents' PDF.)
    bookmarks = sorted(
        ((labels[name][1], page - 1, labels[name][0]) for name, page in numbers.items()),
        key=lambda b: b[1],
    )
    done_chunks = cast(list[_Chunk], chunks)
    text = "\n".join([front.text, *(c.text for c in done_chunks)]) if want_text else ""
    return _LaidOut(
        front,
        cast(list[_Chunk], skeletons),
        done_chunks,
        offsets[-1],
        text,
        bookmarks,
        numbers,
    )


def _merged(laid: _LaidOut) -> Any:
    """The cover and contents, then the skeleton pages with each chunk page drawn on its
    own, and the bookmarks, as a pypdf writer."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
    )

    writer = PdfWriter(clone_from=laid.front.pdf)
    for skeleton in laid.skeletons:
        for page in PdfReader(skeleton.pdf).pages:
            writer.add_page(page)
    parent: Any = None
    for title, page_index, level in laid.bookmarks:
        if level == 1:
            parent = writer.add_outline_item(title=title, page_number=page_index)
        else:
            writer.add_outline_item(title=title, page_number=page_index, parent=parent)
    # The contents' entries lead to other parts: their links are made here. A chunk's
    # page is drawn as an XObject, without its annotations: its links are made here too.
    index = laid.front.pages
    for base, links in [(0, laid.front.links)] + [
        (index + sum(c.pages for c in laid.chunks[:k]), c.links) for k, c in enumerate(laid.chunks)
    ]:
        for page_index, kind, dest, rect in links:
            if kind == "internal" and dest in laid.numbers:
                link = Link(rect=rect, target_page_index=laid.numbers[dest] - 1)
            elif kind == "external" and base:
                link = Link(rect=rect, url=dest)
            else:
                continue
            writer.add_annotation(base + page_index, link)
    for chunk in laid.chunks:
        reader = PdfReader(chunk.pdf)
        for page in reader.pages:
            target = writer.pages[index]
            index += 1
            form = DecodedStreamObject()
            contents = page.get_contents()  # a dict: empty (falsy) even with data
            form.set_data(contents.get_data() if contents is not None else b"")
            form.update(
                {
                    NameObject("/Type"): NameObject("/XObject"),
                    NameObject("/Subtype"): NameObject("/Form"),
                    NameObject("/BBox"): page.mediabox,
                    NameObject("/Resources"): page["/Resources"].clone(writer),
                }
            )
            if "/Group" in page:
                form[NameObject("/Group")] = page["/Group"].clone(writer)
            ref = writer._add_object(form.flate_encode())
            # The skeleton's pages share one resource dictionary: each gets its own copy.
            resources = DictionaryObject()
            resources.update(cast(Any, target["/Resources"]).get_object())
            existing: Any = resources.get("/XObject")
            xobjects = DictionaryObject()
            if existing is not None:
                xobjects.update(existing.get_object())
            xobjects[NameObject("/BhBody")] = ref
            resources[NameObject("/XObject")] = xobjects
            target[NameObject("/Resources")] = resources
            draw = DecodedStreamObject()
            draw.set_data(b"q /BhBody Do Q")
            # Body first, then the skeleton's own drawing (margin boxes) on top.
            raw = target.raw_get("/Contents")
            if not isinstance(raw, IndirectObject):
                raw = writer._add_object(raw)
            own = raw.get_object()
            streams = list(own) if isinstance(own, ArrayObject) else [raw]
            target[NameObject("/Contents")] = ArrayObject([writer._add_object(draw), *streams])
    return writer


def _write(laid: _LaidOut, output: Path) -> None:
    """The PDF at ``output``, complete or not at all (a temporary file renamed)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent)
    os.close(fd)
    try:
        _merged(laid).write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    except OSError as exc:
        raise BuildError("book_io", path=str(output), detail=exc.strerror or exc) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
