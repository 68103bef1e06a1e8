"""`brandhall book`: the compilation (汇编) of selected brands as one PDF, via WeasyPrint.

1. The content is checked as `brandhall check` does; any error stops the book.
2. Brands are selected by sector, province and stage (each filter takes several values,
   any of which matches; different filters must all match) and put in the gallery's order.
3. ``visible_catalog(catalog, edition)`` is applied once: the public book is rendered from
   a catalog whose types have no intranet-only fields (render/book.py builds the HTML).
4. WeasyPrint lays it out; its URL fetcher serves the brand files the book shows (SVG as
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .catalog import Brand, Catalog
from .errors import BuildError, ContentError, UsageError
from .leakcheck import find_leaks
from .load import load_catalog, load_taxonomy
from .options import Edition, Lang
from .problems import count, format_problems, summary_line
from .render.book import BookHtml, book_css, book_order, render_book
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
    document = _layout(book)
    if edition == "public":
        leaks = book_leaks(catalog, book.html, laid_out_text(document))
        if leaks:
            raise BuildError("book_leak", count=len(leaks), detail="\n".join(leaks))
    _write(document, output)
    return BookResult(output, [b.slug for b in brands], len(document.pages), book.html)


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


def _layout(book: BookHtml) -> Document:
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as exc:  # OSError: Pango is not installed
        raise BuildError("book_no_weasyprint", detail=str(exc).splitlines()[0]) from None
    files = _BrandFiles(book.assets)
    fetcher = files.fetcher()
    # WeasyPrint warns about every CSS property it ignores and every refused URL; the
    # refusals are the point, and the rest is not for editors.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = HTML(string=book.html, base_url=BOOK_BASE, url_fetcher=fetcher)
    css = CSS(string=book_css(), base_url=BOOK_BASE, url_fetcher=fetcher)
    return html.render(stylesheets=[css])


def _write(document: Document, output: Path) -> None:
    """The PDF at ``output``, complete or not at all (a temporary file renamed)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent)
    os.close(fd)
    try:
        document.write_pdf(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    except OSError as exc:
        raise BuildError("book_io", path=str(output), detail=exc.strerror or exc) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
