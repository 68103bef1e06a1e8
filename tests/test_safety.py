"""Editor content is inert (issue 8): the HTML allowlist, SVG rebuild and raster checks,
tried with a hostile corpus kept as data in tests/hostile/."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from brandhall.messages import MESSAGES, render_message
from brandhall.safety import check_image, clean_html, clean_svg, render_editor_markdown
from brandhall.safety.audit import hostile_features
from brandhall.safety.images import IMAGE_MAX_BYTES, LOGO_MAX_BYTES, check_logo

from .conftest import ROOT

HOSTILE = Path(__file__).resolve().parent / "hostile"
MARKDOWN_CORPUS: list[dict[str, Any]] = yaml.safe_load(
    (HOSTILE / "markdown.yml").read_text(encoding="utf-8")
)
MD_VECTORS = [(group["class"], v) for group in MARKDOWN_CORPUS for v in group["vectors"]]
SVG_VECTORS = sorted((HOSTILE / "svg").glob("*.svg"))


def unsafe_render(text: str) -> str:
    """What MkDocs does with page Markdown (the extensions of mkdocs.yml, attr_list and
    md_in_html included): a renderer that does NOT sanitize."""
    md = markdown.Markdown(
        extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"],
        extension_configs={"toc": {"permalink": True}},
    )
    return md.convert(text)


BASELINE = hostile_features(render_editor_markdown("段落"))


# --- the checker itself can fail ---------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<img src="x" onerror="alert(1)">', "handler:onerror"),
        ("<script>alert(1)</script>", "element:script"),
        ('<a href="java&#10;script:alert(1)">x</a>', "script-url:href"),
        ('<a href="data:text/html,x">x</a>', "data-url:href"),
        ('<p style="background:url(//evil.example/x)">x</p>', "style-url"),
        ("<style>@import 'x.css';</style>", "style-active"),
        ('<img src="//evil.example/x.png">', "off-origin:img.src"),
        ('<img src="https://evil.example/x.png">', "off-origin:img.src"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><use href="http://x/y#a"/></svg>',
            "svg-external:href",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><s:script/></svg>', "foreign:s:script"),
        ("<p><svg><circle/></svg></p>", "foreign:circle"),
        ("<p><svg><foreignObject><p>x</p></foreignObject></svg></p>", "foreign:foreignobject"),
        ("<p><svg><g><image href=x.png /></g></svg></p>", "foreign:image"),
        ('<p><svg><path d="M0 0h1"/><script>alert(1)</script></svg></p>', "element:script"),
        ('<p><svg><path d="M0 0h1" onclick="alert(1)"/></svg></p>', "handler:onclick"),
    ],
)
def test_hostile_features_names_what_it_finds(markup: str, expected: str) -> None:
    assert expected in hostile_features(markup)


def test_structure_allowlist_keeps_qr_paths_and_drops_svg_scripts() -> None:
    """The print card's QR code (an SVG path, render/printcard.py) survives the final
    pass; a script or handler in the same SVG does not."""
    from brandhall.render.printcard import qr_svg

    qr = qr_svg("https://intra.example/brands/a/")
    kept = clean_html(f"<figure>{qr}</figure>", allow_structure=True)
    assert re.search(r'<path[^>]* d="M', kept) and 'viewBox="' in kept
    assert hostile_features(kept) == set()
    hostile = qr.replace(
        "<path ", '<script>alert(1)</script><path onclick="alert(1)" style="x:url(//e/x)" '
    )
    assert hostile_features(hostile) >= {"element:script", "handler:onclick"}
    cleaned = clean_html(hostile, allow_structure=True)
    assert hostile_features(cleaned) == set() and "alert" not in cleaned
    assert re.search(r'<path[^>]* d="M', cleaned)


def test_hostile_features_accepts_plain_pages() -> None:
    page = (
        '<p>正文 <a href="https://example.org/">外链</a> <a href="mailto:a@b.cn">信</a>'
        ' <img src="images/a.png" alt="图"></p><table><td style="text-align: left">1</td></table>'
    )
    assert hostile_features(page) == set()
    assert BASELINE == set()


# --- the Markdown corpus -----------------------------------------------------------------


def test_corpus_size_and_bite() -> None:
    """At least 80 vectors in all, and most of them are live when rendered unsanitized
    (so the corpus and the checker are not toothless)."""
    svg = len(SVG_VECTORS)
    assert len(MD_VECTORS) + svg >= 80 + 40
    live = [v["id"] for _c, v in MD_VECTORS if hostile_features(unsafe_render(v["text"]))]
    assert len(live) >= 40, live


@pytest.mark.parametrize(("cls", "vector"), MD_VECTORS, ids=[v["id"] for _c, v in MD_VECTORS])
def test_editor_markdown_is_inert(cls: str, vector: dict[str, Any]) -> None:
    html = render_editor_markdown(vector["text"])
    assert hostile_features(html) - BASELINE == set(), html
    assert not re.search(r"<[^>]*\s(id|class)=", html), html
    assert all(s == "text-align" for s in re.findall(r'<[^>]*\sstyle="([a-z-]+)', html))
    if "keep" in vector:
        assert vector["keep"] in html


@pytest.mark.parametrize(("cls", "vector"), MD_VECTORS, ids=[v["id"] for _c, v in MD_VECTORS])
def test_final_pass_neutralizes_an_unsafe_renderer(cls: str, vector: dict[str, Any]) -> None:
    """Even editor text that reached MkDocs' own Markdown (attr_list, md_in_html) is inert
    after the page pass clean_html(allow_structure=True)."""
    html = clean_html(unsafe_render(vector["text"]), allow_structure=True)
    assert hostile_features(html) - BASELINE == set(), html


def test_raw_html_is_shown_as_text() -> None:
    html = render_editor_markdown("用 <b>加粗</b> 和 <img src=x onerror=alert(1)> 写")
    assert "&lt;b&gt;加粗&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>" not in html and "<img" not in html


def test_attribute_lists_stay_text() -> None:
    html = render_editor_markdown('段落\n{: onfocus="alert(1)" }')
    assert "{: onfocus=" in html and "<p " not in html


def test_ordinary_markdown_still_renders() -> None:
    text = (
        "## 做法\n\n**一是**抓学习。*二是*抓服务，见[投稿指南](../contribute.md)"
        "和[官网](https://www.example.gov.cn/a?b=1)，联系 <mailto:dj@example.cn>。\n\n"
        "- 第一\n- 第二\n\n3. 三\n4. 四\n\n> 引用\n\n`代码`\n\n"
        '![照片](images/a.png "说明")\n\n| 指标 | 数值 |\n|:---|---:|\n| 人数 | 30 |\n'
    )
    html = render_editor_markdown(text)
    for fragment in (
        "<h2>做法</h2>",
        "<strong>一是</strong>",
        "<em>二是</em>",
        'href="../contribute.md"',
        'href="https://www.example.gov.cn/a?b=1"',
        'rel="noopener noreferrer"',
        'href="mailto:dj@example.cn"',
        "<li>第一</li>",
        '<ol start="3">',
        "<blockquote>",
        "<code>代码</code>",
        'src="images/a.png"',
        'title="说明"',
        '<th style="text-align: left">指标</th>',
        '<td style="text-align: right">30</td>',
    ):
        assert fragment in html, fragment


@pytest.mark.parametrize(
    "src",
    [
        "https://x.example/a.png",
        "//x.example/a.png",
        "/a.png",
        "\\\\x\\a.png",
        "data:image/png;base64,AA",
    ],
)
def test_only_relative_images_survive(src: str) -> None:
    html = render_editor_markdown(f"![图]({src})")
    assert "src=" not in html and 'alt="图"' in html


# --- Hypothesis: random Markdown with HTML and attribute fragments -----------------------

FRAGMENTS = [
    "文字",
    "段落",
    " ",
    "\n",
    "\n\n",
    "`",
    "``",
    "\\",
    "*",
    "_",
    "#",
    "## ",
    "- ",
    "1. ",
    "> ",
    "|",
    "|---|",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "!",
    '"',
    "'",
    "=",
    "{: ",
    " }",
    "{: onfocus=alert(1) autofocus tabindex=0 }",
    '{: style="background:url(//e.example/x)" }',
    '{: src="https://e.example/x.png" }',
    '{: href="javascript:alert(1)" }',
    "onerror=alert(1)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "<x_ onfocus=alert(1)>",
    "<svg:x onload=alert(1)>",
    '<a href="javascript:alert(1)">',
    "<style>@import url(//e.example/x.css)</style>",
    "<iframe src=//e.example>",
    "javascript:alert(1)",
    "java\nscript:",
    "&#106;avascript:",
    "&#x6A;",
    "&colon;",
    "data:text/html,",
    "vbscript:",
    "https://e.example/x.png",
    "//e.example/x.png",
    "](",
    "![x](",
    "[x](",
    "[x]: ",
    "<https://e.example/>",
    "<javascript:alert(1)>",
    "<!--",
    "-->",
    "<![CDATA[",
    '<div markdown="1">',
    "</div>",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_random_hostile_markdown_is_inert(parts: list[str]) -> None:
    text = "".join(parts)
    assert hostile_features(render_editor_markdown(text)) == set()
    assert hostile_features(clean_html(unsafe_render(text), allow_structure=True)) == set()


# --- the structure allowlist keeps brandhall's pages intact ------------------------------


@pytest.fixture(scope="module")
def page_contents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every page's content HTML of the sample site, as MkDocs hands it to plugins."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    class Capture(BasePlugin):  # type: ignore[type-arg]
        def __init__(self) -> None:
            super().__init__()
            self.pages: dict[str, str] = {}

        def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
            self.pages[page.file.src_uri] = html
            return html

    config = load_config(
        config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path_factory.mktemp("pages"))
    )
    capture = Capture()
    config.plugins["capture"] = capture
    build(config)
    return capture.pages


def _shape(html: str) -> list[tuple[str, ...]]:
    """Elements with their attributes (minus the rel the sanitizer adds) and the text."""
    from html.parser import HTMLParser

    out: list[tuple[str, ...]] = []

    class P(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            # The sanitizer rewrites style declarations without the final ";".
            kept = sorted(
                (k, (v or "").rstrip(";") if k == "style" else v or "")
                for k, v in attrs
                if k != "rel"
            )
            out.append((tag, *(f"{k}={v}" for k, v in kept)))

        def handle_endtag(self, tag: str) -> None:
            out.append(("/" + tag,))

        def handle_data(self, data: str) -> None:
            if data.strip():
                out.append(("#text", data.strip()))

    parser = P(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    # <br> and <img> have no end tag in either serialization; void elements compare equal.
    return [t for t in out if t[0] not in ("/br", "/img", "/input", "/hr", "/col")]


def test_structure_pass_leaves_generated_pages_unchanged(page_contents: dict[str, str]) -> None:
    assert len(page_contents) > 30
    assert any(uri.startswith("gallery/") for uri in page_contents)
    for uri, html in page_contents.items():
        cleaned = clean_html(html, allow_structure=True)
        assert _shape(cleaned) == _shape(html), uri
        assert hostile_features(cleaned) == hostile_features(html) == set(), uri


def test_structure_pass_strips_what_attr_list_added() -> None:
    html = unsafe_render(
        "## 标题 {: onmouseover=alert(1) }\n\n"
        '[x](https://e.example/){: href="javascript:alert(1)" }\n\n'
        '![y](images/a.png){: src="https://e.example/p.png" style="background:url(//e)" }'
    )
    assert hostile_features(html)  # live before the pass
    cleaned = clean_html(html, allow_structure=True)
    assert hostile_features(cleaned) == set()
    assert '<h2 id="' in cleaned and "headerlink" in cleaned  # the toc's own ids stay


# --- SVG logos ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", SVG_VECTORS, ids=[p.stem for p in SVG_VECTORS])
def test_hostile_svg_is_rejected_or_inert(path: Path) -> None:
    expected = path.stem.split("__")[0]
    result = clean_svg(path.read_bytes())
    assert (result.reason or "clean") == expected, (result.reason, result.detail)
    if result.ok:
        assert result.svg is not None
        assert hostile_features(result.svg) == set(), result.svg
        ET.fromstring(result.svg)  # well-formed
    else:
        assert result.svg is None
        assert result.line >= 1 or expected == "svg_dtd"
        zh = render_message(result.reason or "", "zh", result.params())
        assert "{" not in zh and zh != result.reason


def _elements(svg: bytes) -> list[tuple[str, dict[str, str], str]]:
    return [(el.tag, dict(el.attrib), (el.text or "").strip()) for el in ET.fromstring(svg).iter()]


LOGOS = sorted(ROOT.glob("brands/*/logo.svg"))


@pytest.mark.parametrize("logo", LOGOS, ids=[p.parent.name for p in LOGOS])
def test_sample_logos_round_trip(logo: Path) -> None:
    result = clean_svg(logo.read_bytes())
    assert result.ok and result.svg is not None, result
    assert result.removed == ()
    assert _elements(result.svg) == _elements(logo.read_bytes())


def test_editor_exports_survive_with_their_drawing() -> None:
    result = clean_svg((HOSTILE / "svg" / "clean__illustrator-doctype.svg").read_bytes())
    assert result.svg is not None
    tags = [t.split("}")[1] for t, _a, _x in _elements(result.svg)]
    assert tags.count("stop") == 2 and "linearGradient" in tags and "text" in tags
    assert b"fill:url(#SVGID_1_)" in result.svg and "先锋".encode() in result.svg
    inkscape = clean_svg((HOSTILE / "svg" / "clean__inkscape-metadata.svg").read_bytes())
    assert inkscape.svg is not None and b'<circle id="c"' in inkscape.svg
    assert b"inkscape" not in inkscape.svg and b"metadata" not in inkscape.svg


def test_svg_size_limit_is_in_mb() -> None:
    big = b'<svg xmlns="http://www.w3.org/2000/svg">' + b" " * LOGO_MAX_BYTES + b"</svg>"
    result = clean_svg(big)
    assert result.reason == "svg_too_large"
    assert "上限 1 MB" in render_message("svg_too_large", "zh", result.params())


# --- raster images -----------------------------------------------------------------------


def _image(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (198, 40, 40)).save(buf, fmt)
    return buf.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_bomb(width: int, height: int) -> bytes:
    """A tiny file that claims width × height pixels (1-bit grey, all zero)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4096, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "a.png"), ("JPEG", "a.jpg"), ("WEBP", "a.webp")])
def test_real_pictures_pass(fmt: str, name: str) -> None:
    result = check_image(_image(fmt), name=name)
    assert result.ok, result
    assert (result.format, result.width, result.height) == (fmt, 64, 48)


def _png_with_text(text: bytes) -> bytes:
    png = _image("PNG")
    end = png.rindex(b"IEND") - 4
    return png[:end] + _png_chunk(b"tEXt", b"Comment\x00" + text) + png[end:]


RASTER_VECTORS: list[tuple[str, str, bytes, str]] = [
    ("html-as-png", "a.png", b"<!DOCTYPE html><script>alert(1)</script>", "image_type"),
    (
        "svg-as-png",
        "a.png",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "image_type",
    ),
    ("zip-as-png", "a.png", b"PK\x03\x04" + b"\x00" * 64, "image_type"),
    ("gif-as-png", "a.png", b"GIF89a" + b"\x00" * 64, "image_type"),
    ("pdf-as-jpg", "a.jpg", b"%PDF-1.7\n" + b"\x00" * 64, "image_type"),
    ("empty", "a.png", b"", "image_type"),
    (
        "png-magic-then-html",
        "a.png",
        b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>",
        "image_markup",
    ),
    (
        "png-plus-html-polyglot",
        "a.png",
        _image("PNG") + b"<html><script>alert(1)</script></html>",
        "image_markup",
    ),
    ("png-trailing-zip", "a.png", _image("PNG") + b"PK\x03\x04" + b"\x00" * 32, "image_markup"),
    (
        "png-text-chunk-script",
        "a.png",
        _png_with_text(b"<script>alert(1)</script>"),
        "image_markup",
    ),
    (
        "jpeg-comment-svg",
        "a.jpg",
        _image("JPEG")[:2] + b"\xff\xfe\x00\x10<svg onload=x>" + _image("JPEG")[2:],
        "image_markup",
    ),
    ("truncated-png", "a.png", _image("PNG")[:60], "image_broken"),
    ("truncated-jpeg", "a.jpg", _image("JPEG")[:80], "image_broken"),
    ("jpeg-named-png", "a.png", _image("JPEG"), "image_ext"),
    ("png-named-jpg", "a.jpg", _image("PNG"), "image_ext"),
    ("bomb-100k-square", "a.png", _png_bomb(100_000, 100_000), "image_pixels"),
    ("bomb-just-over", "a.png", _png_bomb(8000, 5001), "image_pixels"),
    (
        "oversize",
        "a.png",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * (IMAGE_MAX_BYTES + 1),
        "image_too_large",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [(n, d, r) for _i, n, d, r in RASTER_VECTORS],
    ids=[i for i, *_ in RASTER_VECTORS],
)
def test_hostile_rasters_are_rejected(name: str, data: bytes, reason: str) -> None:
    result = check_image(data, name=name)
    assert result.reason == reason, result
    zh = render_message(reason, "zh", result.params())
    assert "{" not in zh


def test_limits_are_stated_in_mb() -> None:
    data = _image("PNG", (600, 600))
    logo = check_logo(data + b"\x00" * 0, name="logo.png")
    assert logo.ok
    big = check_logo(b"\x89PNG\r\n\x1a\n" + b"\x00" * LOGO_MAX_BYTES, name="logo.png")
    assert big.reason == "image_too_large"
    assert "上限 1 MB" in render_message(big.reason, "zh", big.params())
    huge = check_image(b"\x89PNG\r\n\x1a\n" + b"\x00" * (3 * 1024 * 1024), name="a.png")
    assert "（3 MB），上限 2 MB" in render_message("image_too_large", "zh", huge.params())
    bomb = check_image(_png_bomb(100_000, 100_000), name="a.png")
    assert "40 百万像素" in render_message("image_pixels", "zh", bomb.params())


# --- messages ----------------------------------------------------------------------------

REASONS = [
    "svg_not_xml",
    "svg_dtd",
    "svg_not_svg",
    "svg_script",
    "svg_external",
    "svg_too_large",
    "image_too_large",
    "image_type",
    "image_ext",
    "image_broken",
    "image_pixels",
    "image_markup",
]


@pytest.mark.parametrize("code", REASONS)
def test_every_reason_has_both_messages(code: str) -> None:
    zh, en = MESSAGES[code]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
    assert en.isascii()
