"""The printed brand card: Chromium prints a brand page as exactly one A4 page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import segno
import yaml
from PIL import Image
from pypdf import PdfReader

from brandhall.render.printcard import page_url

from .conftest import ROOT
from .sitetools import build_site, serve

SITE_URL = "https://内网主机:8443/dangjian/"
SITE_NAME = "党建品牌展示馆"


def _brand_data(slug: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "brands" / slug / "brand.yml").read_text(encoding="utf-8"))


# The sample brand with the most text: the one most likely to spill onto a second page.
LONGEST = max(
    (p.parent.name for p in (ROOT / "brands").glob("*/brand.yml")),
    key=lambda slug: len((ROOT / "brands" / slug / "brand.yml").read_text(encoding="utf-8")),
)
ALL_BRANDS = sorted(p.parent.name for p in (ROOT / "brands").glob("*/brand.yml"))


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples as the public edition, with site_url set in mkdocs.yml."""
    work = tmp_path_factory.mktemp("print-public")
    shutil.copytree(ROOT / "docs", work / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^# site_url:.*$", f"site_url: {SITE_URL}", config)
    assert f"site_url: {SITE_URL}" in config
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = work / "site"
    proc = build_site(site, ROOT / "brands", "-f", str(work / "mkdocs.yml"), "--edition", "public")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def print_pdf(browser, base: str, slug: str) -> bytes:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    try:
        page.goto(f"{base}/brands/{slug}/", wait_until="networkidle")
        return bytes(page.pdf(format="A4", print_background=True))
    finally:
        page.close()


def flat(text: str) -> str:
    """Text without spaces, NFKC-normalized: the CJK font maps some glyphs to Kangxi
    radicals in the PDF (⽕ for 火), which NFKC maps back."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


_RADICAL = re.compile("[\u2e80-\u2eff]")  # CJK Radicals Supplement: no NFKC mapping


def printed(needle: str, text: str) -> bool:
    """Whether ``needle`` is in the PDF text, any CJK character of it possibly written as
    a radical of the supplement block (⺠ for 民, ⻋ for 车)."""
    pattern = "".join(
        f"(?:{re.escape(c)}|\x00)" if "\u4e00" <= c <= "\u9fff" else re.escape(c)
        for c in flat(needle)
    )
    return re.search(pattern, _RADICAL.sub("\x00", text)) is not None


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), flat("\n".join(p.extract_text() or "" for p in reader.pages))


def to_png(pdf: bytes, out: Path) -> Path:
    """The first page as a PNG (poppler's pdftoppm, scripts/system-deps.sh)."""
    pdf_path = out.with_suffix(".pdf")
    pdf_path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf_path), str(out.with_suffix(""))],
        check=True,
        timeout=60,
    )
    return out.with_suffix(".png")


@pytest.mark.browser
def test_every_sample_brand_prints_on_one_a4_page(browser, sample_site: Path) -> None:  # type: ignore[no-untyped-def]
    with serve(sample_site) as base:
        cards = {slug: pdf_text(print_pdf(browser, base, slug)) for slug in ALL_BRANDS}
    assert {slug: pages for slug, (pages, _) in cards.items()} == dict.fromkeys(ALL_BRANDS, 1)
    for slug, (_, text) in cards.items():
        # The top and the foot of every card are on the page, not clipped.
        assert printed(_brand_data(slug)["name"], text), slug
        assert printed(SITE_NAME, text) and f"brands/{slug}/" in text, slug


@pytest.mark.browser
def test_longest_brand_card_intranet(browser, sample_site: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _brand_data(LONGEST)
    with serve(sample_site) as base:
        pdf = print_pdf(browser, base, LONGEST)
    pages, text = pdf_text(pdf)
    assert pages == 1
    for expected in (data["name"], data["slogan"], data["contact"]["name"], data["method"]["name"]):
        assert printed(expected, text), expected
    # No site_url in the repository's mkdocs.yml: the page's path instead of a QR code,
    # and the site name and build date at the foot.
    assert f"brands/{LONGEST}/" in text
    assert printed(SITE_NAME, text) and printed("2026年12月1日生成", text)
    # Not the rest of the page: the long sections of the brand page are not printed.
    assert not printed("经验启示", text) and not printed("评估记录", text)
    html = (sample_site / "brands" / LONGEST / "index.html").read_text(encoding="utf-8")
    card = html[html.index('class="bh-print-card"') :]
    assert "<svg" not in card[: card.index("</section>")]
    png = to_png(pdf, tmp_path / "card.png")
    with Image.open(png) as img:
        assert abs(img.height / img.width - 297 / 210) < 0.01  # A4 portrait


@pytest.mark.browser
def test_public_card_has_qr_code_and_no_contact(browser, public_site: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _brand_data(LONGEST)
    with serve(public_site) as base:
        pdf = print_pdf(browser, base, LONGEST)
    pages, text = pdf_text(pdf)
    assert pages == 1
    assert printed(data["name"], text) and printed(data["slogan"], text)
    assert not printed(data["contact"]["name"], text) and not printed("联系方式", text)
    assert printed(f"{SITE_URL}brands/{LONGEST}/", text)
    # The QR code holds the absolute address in ASCII (IDNA host), made at build time.
    html = (public_site / "brands" / LONGEST / "index.html").read_text(encoding="utf-8")
    card = html[html.index('class="bh-print-card"') :]
    card = card[: card.index("</section>")]
    drawn = re.search(r'<path[^>]* d="([^"]+)"', card)
    assert drawn is not None
    expected = "https://xn--tiqy3fm80a06v:8443/dangjian/brands/" + LONGEST + "/"
    svg = segno.make(expected, error="m", micro=False).svg_inline(scale=1, border=2)
    assert f'd="{drawn.group(1)}"' in svg
    png = to_png(pdf, tmp_path / "public.png")
    with Image.open(png) as img:
        assert abs(img.height / img.width - 297 / 210) < 0.01


@pytest.mark.browser
def test_card_is_hidden_on_screen(browser, sample_site: Path) -> None:  # type: ignore[no-untyped-def]
    with serve(sample_site) as base:
        page = browser.new_page()
        try:
            page.goto(f"{base}/brands/{LONGEST}/")
            assert page.locator(".bh-print-card").is_hidden()
            assert page.locator("h2", has_text="经验启示").is_visible()
        finally:
            page.close()


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        (None, None),
        ("", None),
        ("https://intra.example/dj", "https://intra.example/dj/brands/a-b/"),
        ("https://内网主机/党建/", "https://xn--tiqy3fm80a06v/%E5%85%9A%E5%BB%BA/brands/a-b/"),
        ("http://10.0.0.5:8080/", "http://10.0.0.5:8080/brands/a-b/"),
    ],
)
def test_page_url_is_ascii_and_absolute(site_url: str | None, expected: str | None) -> None:
    assert page_url(site_url, "a-b") == expected
