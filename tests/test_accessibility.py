"""Accessibility of the built sample site: axe-core (vendored, tests/vendor/) in Debian's
Chromium on every page type, at the desktop and phone sizes readers use, and the
contrast of the palette Material applies.

Page types are discovered from the built site, not listed by hand: a page the
generator adds later is checked without editing this file (see ``page_types``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .sitetools import AXE, axe_violations, build_site, format_violations, serve

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}


def _url(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return "/" + rel.removesuffix("index.html")


def page_types(site: Path) -> dict[str, str]:
    """One URL per kind of page in a built site: its path with every brand and case slug
    (and any directory with many sibling pages) replaced by ``*``. The representative of
    a kind is its largest page, the one most likely to use every feature of its
    template."""
    # Readers' pages: not the assets, nor the editors' /admin/ app (a vendored CMS with
    # its own interface, configured per forge; tests/test_cms_browser.py drives it).
    pages = [
        p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("assets", "admin")
    ]
    siblings: dict[Path, int] = {}
    for page in pages:
        if page.name == "index.html":
            siblings[page.parent.parent] = siblings.get(page.parent.parent, 0) + 1
    groups: dict[str, list[Path]] = {}
    for page in pages:
        parts = list(page.relative_to(site).parts)
        key = []
        for depth, part in enumerate(parts[:-1]):
            parent = site.joinpath(*parts[:depth])
            many = depth > 0 and siblings.get(parent, 0) > 6
            key.append("*" if many or (depth and parts[depth - 1] in ("brands", "cases")) else part)
        key.append(parts[-1])
        groups.setdefault("/".join(key), []).append(page)
    return {
        kind: _url(site, max(members, key=lambda p: (p.stat().st_size, str(p))))
        for kind, members in sorted(groups.items())
    }


def test_page_types_cover_every_kind_of_page(sample_site: Path) -> None:
    kinds = page_types(sample_site)
    # What the reader of issue 11 walked; the generator may add more, never fewer.
    for kind in (
        "index.html",
        "404.html",
        "gallery/index.html",
        "brands/*/index.html",
        "brands/*/cases/*/index.html",
        "browse/index.html",
        "browse/sectors/index.html",
        "stats/index.html",
        "search/index.html",
        "about/index.html",
        "cases/index.html",
    ):
        assert kind in kinds, sorted(kinds)
    assert re.fullmatch(
        r"/brands/[a-z0-9-]+/cases/[a-z0-9-]+/", kinds["brands/*/cases/*/index.html"]
    )


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("a11y-public") / "site"
    proc = build_site(site, None, "--profile", "public")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


@pytest.fixture(scope="module")
def intranet_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def public_url(public_site: Path) -> Iterator[str]:
    with serve(public_site) as url:
        yield url


def _walk(browser: Any, base: str, paths: dict[str, str]) -> list[str]:
    failures = []
    for label, size in VIEWPORTS.items():
        for kind, path in paths.items():
            violations = axe_violations(browser, base + path, size)
            if violations:
                failures.append(
                    f"{path} ({kind}, {label} {size[0]}x{size[1]}):\n{format_violations(violations)}"
                )
    return failures


def test_axe_finds_no_violation_on_any_page_type(
    browser: Any, sample_site: Path, intranet_url: str
) -> None:
    paths = page_types(sample_site)
    # Pages in a state a reader reaches: a filtered gallery, an empty one, search results.
    paths["gallery, filtered"] = (
        paths["gallery/index.html"] + "?sector=" + _first_sector(sample_site)
    )
    paths["gallery, nothing found"] = paths["gallery/index.html"] + "?q=" + "无此品牌名称"
    paths["search results"] = paths["search/index.html"] + "?q=党建"
    failures = _walk(browser, intranet_url, paths)
    assert failures == [], "axe violations:\n" + "\n".join(failures)


def test_axe_finds_no_violation_on_the_public_edition(
    browser: Any, public_site: Path, public_url: str
) -> None:
    kinds = page_types(public_site)
    paths = {
        k: kinds[k] for k in ("index.html", "brands/*/index.html", "brands/*/cases/*/index.html")
    }
    failures = _walk(browser, public_url, paths)
    assert failures == [], "axe violations:\n" + "\n".join(failures)


def test_axe_reports_a_contrast_failure_when_there_is_one(
    browser: Any, sample_site: Path, intranet_url: str, tmp_path: Path
) -> None:
    # The measurement can fail: light grey text on white is reported as color-contrast.
    page = browser.new_page()
    try:
        page.goto(intranet_url + "/")
        page.add_style_tag(content=".md-typeset a { color: #bbbbbb !important; }")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("() => axe.run(document, {runOnly: ['color-contrast']})")
    finally:
        page.close()
    assert [v["id"] for v in result["violations"]] == ["color-contrast"]


def _first_sector(site: Path) -> str:
    from urllib.parse import quote

    html = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'data-sector="([^"]+)"', html) or re.search(
        r'<option value="([^"]+)"[^>]*>', html
    )
    return quote(match.group(1) if match else "国有企业")


# --- the palette Material applies -------------------------------------------------------
# Text colour and its background as CSS custom properties applied on a page; a background
# given as several layers is drawn top first, over white.
PALETTE_PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("--md-primary-bg-color", ("--md-primary-fg-color",)),  # header title and icons
    ("--md-primary-bg-color--light", ("--md-primary-fg-color",)),  # header secondary text
    ("--md-primary-bg-color", ("--md-primary-fg-color--dark",)),
    ("--md-typeset-a-color", ("--md-default-bg-color",)),  # links
    ("--md-accent-fg-color", ("--md-default-bg-color",)),  # links on hover and focus
    ("--md-primary-fg-color", ("--md-default-bg-color",)),  # active nav entry
    ("--md-default-fg-color", ("--md-default-bg-color",)),
    ("--md-default-fg-color--light", ("--md-default-bg-color",)),  # labels, captions
    ("--md-default-fg-color--light", ("--md-code-bg-color",)),  # labels on filter panels
    ("--md-typeset-color", ("--md-default-bg-color",)),
    ("--md-typeset-a-color", ("--md-code-bg-color",)),
    ("--md-footer-fg-color", ("--md-footer-bg-color",)),
    ("--md-footer-fg-color--light", ("--md-footer-bg-color",)),
    ("--md-footer-fg-color--light", ("--md-footer-bg-color--dark", "--md-footer-bg-color")),
)

RESOLVE = """names => {
  const probe = document.createElement('div');
  document.body.appendChild(probe);
  const out = {};
  for (const name of names) {
    probe.style.color = `var(${name})`;
    out[name] = getComputedStyle(probe).color;
    probe.style.color = '';
  }
  probe.remove();
  return out;
}"""


def _rgba(css: str) -> tuple[float, float, float, float]:
    nums = [float(n) for n in re.findall(r"[\d.]+", css)]
    assert len(nums) in (3, 4), css
    return (nums[0], nums[1], nums[2], nums[3] if len(nums) == 4 else 1.0)


def _over(fg: tuple[float, ...], bg: tuple[float, ...]) -> tuple[float, float, float]:
    a = fg[3]
    return (fg[0] * a + bg[0] * (1 - a), fg[1] * a + bg[1] * (1 - a), fg[2] * a + bg[2] * (1 - a))


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, *background: str) -> float:
    """WCAG contrast ratio of CSS colour ``fg`` drawn over the ``background`` layers (top
    first), which are drawn over white."""
    back: tuple[float, float, float] = (255, 255, 255)
    for layer in reversed(background):
        back = _over(_rgba(layer), (*back, 1))
    front = _over(_rgba(fg), (*back, 1))
    hi, lo = sorted((_luminance(front), _luminance(back)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_helper_agrees_with_wcag() -> None:
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)"), 2) == 4.54  # #767676
    assert 4.47 < contrast("rgb(113, 113, 113)", "rgb(245, 245, 245)") < 4.5  # issue 11
    # translucent text and layered backgrounds are composited first
    assert contrast("rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)") == contrast(
        "rgb(127.5, 127.5, 127.5)", "rgb(255, 255, 255)"
    )
    assert contrast("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)", "rgb(0, 0, 0)") > 20


def test_palette_variables_meet_4_5_to_1(browser: Any, intranet_url: str) -> None:
    names = sorted({n for fg, bg in PALETTE_PAIRS for n in (fg, *bg)})
    page = browser.new_page()
    try:
        page.goto(intranet_url + "/")
        colors = page.evaluate(RESOLVE, names)
    finally:
        page.close()
    ratios = {
        f"{fg} on {' over '.join(bg)}": round(contrast(colors[fg], *(colors[b] for b in bg)), 2)
        for fg, bg in PALETTE_PAIRS
    }
    low = {pair: ratio for pair, ratio in ratios.items() if ratio < 4.5}
    assert low == {}, json.dumps(colors, indent=1)
