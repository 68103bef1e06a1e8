"""`brandhall book`: the PDF compilation of the sample brands, read back with poppler's
pdftotext (an independent PDF text tool), checked against the catalog."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from brandhall import cli
from brandhall.book import BOOK_BASE, _BrandFiles
from brandhall.leakcheck import public_text
from brandhall.load import load_catalog
from brandhall.pinyin import pinyin_key
from brandhall.render.common import brand_sort_key
from brandhall.visibility import intranet_only_values, visible_catalog

from .conftest import ROOT, TODAY, VALID
from .sitetools import run_cli

BRANDS = ROOT / "brands"
CATALOG = load_catalog(BRANDS, today=TODAY).catalog
# A brand name or title wider than the line wraps; the samples' fit on one line.
TOC_ENTRY = re.compile(r"^\s*(\d+)\s+(\S.*?)\s*·{3,}\s*(\d+)\s*$")
CASE_ENTRY = re.compile(r"^\s+(\S.*?)\s*·{3,}\s*(\d+)\s*$")


@functools.cache
def _pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext -layout), in order."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split("\f")[:-1]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _toc(pages: list[str]) -> tuple[list[tuple[int, str, int]], list[tuple[str, int]]]:
    """Brand entries (number, name, page) and case entries (title, page) of the contents."""
    brands: list[tuple[int, str, int]] = []
    cases: list[tuple[str, int]] = []
    for text in pages:
        if "目录" not in _squeezed(text.split("\n", 3)[0]):  # the running header of the TOC
            continue
        for line in text.splitlines():
            if m := TOC_ENTRY.match(line):
                brands.append((int(m.group(1)), m.group(2), int(m.group(3))))
            elif m := CASE_ENTRY.match(line):
                cases.append((m.group(1), int(m.group(2))))
    return brands, cases


def _gallery_order(brands):  # type: ignore[no-untyped-def]
    return sorted(brands, key=lambda b: brand_sort_key(b, pinyin_key(b.profile.name)))


def _book(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("book", "--brands", str(BRANDS), "--today", TODAY.isoformat(), *args, cwd=ROOT)


@pytest.fixture(scope="module")
def intranet_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = tmp_path_factory.mktemp("book") / "汇编.pdf"
    proc = _book(pdf.parent, "-o", str(pdf))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"汇编已写入 {pdf}：{len(CATALOG.brands)} 个品牌" in proc.stdout
    return pdf


@pytest.fixture(scope="module")
def public_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = tmp_path_factory.mktemp("book") / "public.pdf"
    proc = _book(pdf.parent, "--profile", "public", "-o", str(pdf))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return pdf


def test_the_contents_list_every_brand_in_gallery_order_with_true_page_numbers(
    intranet_book: Path,
) -> None:
    pages = _pages(intranet_book)
    brands, cases = _toc(pages)
    expected = _gallery_order(CATALOG.brands)
    assert [name for _n, name, _p in brands] == [b.profile.name for b in expected]
    assert [n for n, _name, _p in brands] == list(range(1, len(expected) + 1))
    assert len(cases) == len(CATALOG.cases)
    # Each number leads to the page where that chapter (its heading) or case begins.
    # (The running header names the brand on every page of its chapter: the number must
    # lead to the page with the chapter's own heading, 第 N 篇, and not to a later one.)
    for n, name, page in brands:
        assert f"第{n}篇" in _squeezed(pages[page - 1]), name
        assert f"第{n}篇" not in _squeezed(pages[page - 2]), name
        assert _squeezed(name) in _squeezed(pages[page - 1].split("\n", 1)[0]), name
    for title, page in cases:
        assert _squeezed(title) in _squeezed(pages[page - 1]), title
    # A cover, the contents, and at least one page per brand and per case.
    assert len(pages) >= 2 + len(CATALOG.brands) + len(CATALOG.cases)
    assert len(pages) < 10 * (len(CATALOG.brands) + len(CATALOG.cases))


def test_contents_entries_and_bookmarks_lead_to_their_pages(intranet_book: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(intranet_book)
    brands, cases = _toc(_pages(intranet_book))
    # Every link in the book leads to a page the contents name, and every entry has one.
    targets = {
        reader.get_page_number(annot.get_object()["/Dest"][0].get_object()) + 1
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if "/Dest" in annot.get_object()
    }
    assert targets == {p for _n, _name, p in brands} | {p for _title, p in cases}
    # The bookmarks: the contents, then each brand (its cases below it) at its page.
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [item.title for item in top[1:]] == [name for _n, name, _p in brands]
    assert [reader.get_destination_page_number(item) + 1 for item in top[1:]] == [
        p for _n, _name, p in brands
    ]
    assert sum(len(item) for item in outline if isinstance(item, list)) == len(cases)


def test_every_brand_and_case_is_in_the_text(intranet_book: Path) -> None:
    text = _squeezed("".join(_pages(intranet_book)))
    for brand in CATALOG.brands:
        p = brand.profile
        assert _squeezed(p.name) in text
        if p.slogan:
            assert _squeezed(p.slogan) in text, p.slogan
        assert _squeezed(p.summary) in text, brand.slug
        for item in p.practices:
            assert _squeezed(item.title) in text
        for case in brand.cases:
            assert _squeezed(case.meta.summary) in text, case.slug
    # The intranet book carries the contacts.
    contact = next(b.profile.contact for b in CATALOG.brands if b.profile.contact)
    assert contact is not None and _squeezed(contact.name) in text


def test_cover_names_the_site_the_selection_and_the_date(intranet_book: Path) -> None:
    cover = _squeezed(_pages(intranet_book)[0])
    assert "党建品牌展示馆" in cover and "党建品牌汇编" in cover
    assert "全部品牌" in cover and "2026年12月1日" in cover
    assert f"共收录{len(CATALOG.brands)}个党建品牌" in cover


def test_chinese_fonts_are_embedded(intranet_book: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(intranet_book)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert any("CJK" in row[0] for row in rows)
    # name type… emb sub uni: every font embedded and subset.
    assert all(row[-5] == "yes" and row[-4] == "yes" for row in rows), fonts


def test_public_book_has_no_intranet_only_value(public_book: Path) -> None:
    text = "".join(_pages(public_book))
    squeezed = _squeezed(text)
    # A value some public field shows too (a contact who is also a case's author) is
    # published on purpose; every other intranet-only value must be absent.
    shared = _squeezed(public_text(visible_catalog(CATALOG, "public")))
    secrets = [
        (b.slug, field, value)
        for b in CATALOG.brands
        for field, value in intranet_only_values(b.profile)
        if _squeezed(value) not in shared
    ]
    assert secrets
    for slug, field, value in secrets:
        assert _squeezed(value) not in squeezed, (slug, field)
    assert "联系方式" not in squeezed and "党员人数" not in squeezed
    assert "公开版" in _squeezed(_pages(public_book)[0])


def test_filters_select_the_matching_brands(tmp_path: Path) -> None:
    sectors, stages = {"农村", "金融", "城市社区"}, {"命名"}
    pdf = tmp_path / "book.pdf"
    args = [f"--sector={s}" for s in sorted(sectors)] + ["--stage", "命名", "-o", str(pdf)]
    proc = _book(tmp_path, *args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    expected = _gallery_order(
        [
            b
            for b in CATALOG.brands
            if b.profile.organization.sector in sectors and b.profile.status.stage in stages
        ]
    )
    assert len(expected) >= 2
    pages = _pages(pdf)
    brands, _cases = _toc(pages)
    assert [name for _n, name, _p in brands] == [b.profile.name for b in expected]
    others = {b.profile.name for b in CATALOG.brands} - {b.profile.name for b in expected}
    text = "".join(pages)
    assert not [name for name in others if name in text]
    assert "行业领域：农村、城市社区、金融；品牌阶段：命名" in _squeezed(pages[0])


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--sector", "消防", "--sector 的值“消防”不在可选范围内；可选：党政机关"),
        ("--stage", "优秀", "--stage 的值“优秀”不在可选范围内；可选：培育、命名、示范、摘牌"),
        ("--region", "浙江", "是不是“浙江省”"),
    ],
)
def test_a_bad_filter_value_is_a_usage_error_in_chinese(
    tmp_path: Path, option: str, value: str, words: str
) -> None:
    pdf = tmp_path / "book.pdf"
    proc = _book(tmp_path, option, value, "-o", str(pdf))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert words in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not pdf.exists()


def test_no_matching_brand_is_an_error(tmp_path: Path) -> None:
    pdf = tmp_path / "book.pdf"
    proc = _book(tmp_path, "--sector", "消防救援", "--stage", "培育", "-o", str(pdf))
    assert proc.returncode == 1
    assert "没有符合筛选条件的品牌（--sector 消防救援 --stage 培育）" in proc.stderr
    assert not pdf.exists()


def test_content_errors_stop_the_book_with_located_messages(tmp_path: Path) -> None:
    brands = tmp_path / "brands"
    shutil.copytree(VALID, brands / "valid")
    yml = brands / "valid" / "brand.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace("stage: 命名", "stage: 优秀"), encoding="utf-8"
    )
    pdf = tmp_path / "book.pdf"
    pdf.write_bytes(b"%PDF old")
    proc = run_cli(
        "book", "--brands", str(brands), "--today", TODAY.isoformat(), "-o", str(pdf), cwd=tmp_path
    )
    assert proc.returncode == 1
    assert re.search(r"brands/valid/brand\.yml:\d+:\d+: 错误: 品牌状态的品牌阶段", proc.stdout)
    assert "未生成汇编" in proc.stderr
    assert pdf.read_bytes() == b"%PDF old"  # the old file is untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_leaking_public_book_fails_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Simulate a renderer bug: the public book is rendered from the intranet catalog.
    monkeypatch.setattr("brandhall.book.visible_catalog", lambda catalog, edition: catalog)
    shutil.copytree(VALID, tmp_path / "brands" / "valid")
    monkeypatch.chdir(tmp_path)
    pdf = tmp_path / "book.pdf"
    code = cli.main(["book", "--profile", "public", "--today", TODAY.isoformat(), "-o", str(pdf)])
    err = capsys.readouterr().err
    assert code == 1
    assert "公开版汇编中发现" in err and "contact.phone（brands/valid）" in err
    assert not pdf.exists()
    assert list(tmp_path.glob(".book.pdf.*")) == []


def test_the_pdf_step_fetches_only_the_books_brand_files(tmp_path: Path) -> None:
    from weasyprint.urls import URLFetcherResponse

    logo = VALID / "logo.svg"
    files = _BrandFiles({"brands/valid/logo.svg": logo} if logo.exists() else {})
    for url in (
        "http://example.org/x.png",
        "https://intranet.example/logo.svg",
        "file:///etc/passwd",
        f"{BOOK_BASE}brands/valid/brand.yml",
        f"{BOOK_BASE}../etc/passwd",
        "data:image/svg+xml,<svg/>",
    ):
        with pytest.raises(ValueError):
            files.fetch(url, URLFetcherResponse)
    if logo.exists():
        served = files.fetch(f"{BOOK_BASE}brands/valid/logo.svg", URLFetcherResponse)
        assert served.read().lstrip().startswith(b"<svg")


def test_chapters_are_cut_into_ordered_chunks_that_shrink_towards_the_end() -> None:
    from brandhall.book import _chunks

    chapters = [f'<article id="c{i}">{"字" * (500 + 37 * (i % 5))}</article>' for i in range(300)]
    parts = _chunks(chapters, 2)
    assert [c for part in parts for c in part] == chapters  # every chapter once, in order
    assert len(parts) >= 4
    assert len(parts[0]) > len(parts[-2])  # the workers finish on small chunks
    assert _chunks(chapters, 1) == [chapters]
