"""`brandhall book`: the compilation (汇编) of selected brands as one PDF, via WeasyPrint.

1. The content is checked as `brandhall check` does; any error stops the book.
2. Brands are selected by sector, province and stage (each filter takes several values,
   any of which matches; different filters must all match) and put in the gallery's order.
3. ``visible_catalog(catalog, edition)`` is applied once: the public book is rendered from
   a catalog whose types have no intranet-only fields (render/book.py builds the HTML).
4. WeasyPrint lays it out, in parallel (``_lay_out``): the chapters are cut into chunks laid
   out in worker processes (one per CPU) without margin boxes; their page counts and anchors
   then give a "skeleton" book laid out in the main process: the cover, the contents (its
   page numbers, links and the bookmarks now resolve) and one empty page per body page,
   carrying only the running header and the page number. pypdf lays each chunk page on
   its skeleton page as a form XObject (no content stream is parsed). Its URL fetcher serves the brand files the book shows (SVG as
   rebuilt from the allowlist, as on the site) and refuses every other URL, so nothing is
   fetched from another machine, nor any other local file.
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
from concurrent.futures import ProcessPoolExecutor
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
    with tempfile.TemporaryDirectory(prefix="brandhall-book-", dir=output.parent) as tmp:
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
#: case carries its anchor (for the contents' target-counter and links), the running
#: header's brand name and its bookmark.
SKELETON_CSS = """
.bk-skel { break-before: page; height: 0; margin: 0; }
.bk-skel-brand { string-set: chapter attr(data-label); bookmark-level: 1;
  bookmark-label: attr(data-label); }
.bk-skel-case { bookmark-level: 2; bookmark-label: attr(data-label); }
"""
#: Chunks per worker: each chunk embeds its own font subsets, so more chunks make a larger
#: PDF; the chapters are of similar length, so one chunk per worker balances well enough.
CHUNKS_PER_WORKER = 1


@dataclass
class _Chunk:
    """A chunk laid out and written: its PDF, its page count, on which of its pages each
    anchor stands (0-based), and the text on its pages (public edition only)."""

    pdf: Path
    pages: int
    anchors: dict[str, int]
    text: str


@dataclass
class _LaidOut:
    skeleton: Path
    front_pages: int
    chunks: list[_Chunk]
    pages: int
    text: str


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango is not installed
        raise BuildError("book_no_weasyprint", detail=str(exc).splitlines()[0]) from None
    # WeasyPrint warns about every CSS property it ignores and every refused URL; the
    # refusals are the point, and the rest is not for editors.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint


def _render(html: str, assets: dict[str, Path], extra_css: str) -> Document:
    weasyprint = _weasyprint()
    fetcher = _BrandFiles(assets).fetcher()
    doc = weasyprint.HTML(string=html, base_url=BOOK_BASE, url_fetcher=fetcher)
    css = weasyprint.CSS(string=book_css() + extra_css, base_url=BOOK_BASE, url_fetcher=fetcher)
    return doc.render(stylesheets=[css])


def _lay_out_chunk(html: str, assets: dict[str, Path], pdf: Path, want_text: bool) -> _Chunk:
    """In a worker process: lay out and write one chunk of chapters."""
    document = _render(html, assets, CHUNK_CSS)
    anchors: dict[str, int] = {}
    for i, page in enumerate(document.pages):
        for name in page.anchors:  # a box split across pages is anchored on each
            anchors.setdefault(name, i)
    document.write_pdf(pdf)
    text = laid_out_text(document) if want_text else ""
    return _Chunk(pdf, len(document.pages), anchors, text)


def _chunks(chapters: list[str], workers: int) -> list[list[str]]:
    size = max(1, -(-len(chapters) // (workers * CHUNKS_PER_WORKER)))
    return [chapters[i : i + size] for i in range(0, len(chapters), size)]


def _skeleton_pages(book: BookHtml, chunks: list[_Chunk]) -> str:
    """One empty block per body page; a chapter's or case's first page carries its
    anchor, label and (for a brand) the running header's name."""
    labels: dict[str, tuple[str, str]] = {}
    for brand in book.brands:
        labels[brand_anchor(brand.slug)] = ("bk-skel-brand", brand.profile.name)
        for case in brand.cases:
            labels[case_anchor(brand.slug, case.slug)] = ("bk-skel-case", case.title)
    out: list[str] = []
    for chunk in chunks:
        on_page: dict[int, list[str]] = {}
        for name, page in chunk.anchors.items():
            if name in labels:
                on_page.setdefault(page, []).append(name)
        for page in range(chunk.pages):
            marks = "".join(
                f'<div class="{labels[name][0]}" id="{h(name)}" data-label="{h(labels[name][1])}">'
                "</div>"
                for name in sorted(on_page.get(page, []), key=lambda n: not n.startswith("brand-"))
            )
            out.append(f'<div class="bk-skel">{marks}</div>')
    return "".join(out)


def _lay_out(book: BookHtml, work: Path, *, want_text: bool) -> _LaidOut:
    """The book laid out and written in parts under ``work`` (see the module's notes)."""
    _weasyprint()  # BuildError now, not in a worker, when WeasyPrint cannot load
    workers = max(1, os.cpu_count() or 1)
    parts = _chunks(book.chapters, workers)
    jobs = [
        (book.document("".join(part)), book.assets, work / f"chunk-{i:03d}.pdf", want_text)
        for i, part in enumerate(parts)
    ]
    if workers == 1 or len(jobs) == 1:
        chunks = [_lay_out_chunk(*job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            futures = [pool.submit(_lay_out_chunk, *job) for job in jobs]
            chunks = [f.result() for f in futures]
    skeleton = _render(
        book.document(book.front + _skeleton_pages(book, chunks)), book.assets, SKELETON_CSS
    )
    body = sum(c.pages for c in chunks)
    front_pages = len(skeleton.pages) - body
    path = work / "skeleton.pdf"
    skeleton.write_pdf(path)
    text = "\n".join([laid_out_text(skeleton), *(c.text for c in chunks)]) if want_text else ""
    return _LaidOut(path, front_pages, chunks, len(skeleton.pages), text)


def _merged(laid: _LaidOut) -> Any:
    """The skeleton with each chunk page drawn on its body page, as a pypdf writer."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
    )

    writer = PdfWriter(clone_from=laid.skeleton)
    index = laid.front_pages
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
