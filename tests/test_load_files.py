"""What the loader reads and what the site may publish from a brand folder."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

from PIL import Image

from brandhall.load import load_catalog
from brandhall.render import render_site

from .conftest import TODAY, VALID


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(out, format="PNG")
    return out.getvalue()


PNG = _png()


def _brand(root: Path) -> Path:
    folder = root / "a"
    shutil.copytree(VALID, folder)
    (folder / "images").mkdir()
    (folder / "images" / "shown.png").write_bytes(PNG)
    (folder / "images" / "unused.png").write_bytes(PNG)
    (folder / "notes.txt").write_text("内部备注", encoding="utf-8")
    case = folder / "cases" / "yici-jiuyuan.md"
    case.write_text(
        case.read_text(encoding="utf-8") + "\n![现场](../images/shown.png)\n", encoding="utf-8"
    )
    return folder


def test_only_the_logo_and_shown_images_are_published(tmp_path: Path) -> None:
    root = tmp_path / "brands"
    _brand(root)
    result = load_catalog(root, today=TODAY)
    assert result.problems == ()
    (brand,) = result.catalog.brands
    assert brand.assets == ("images/shown.png", "logo.svg")
    site = render_site(result.catalog, TODAY)
    assert sorted(site.assets) == ["brands/a/images/shown.png", "brands/a/logo.svg"]


def test_a_link_to_brand_yml_is_an_error_and_nothing_more_is_published(tmp_path: Path) -> None:
    root = tmp_path / "brands"
    folder = _brand(root)
    case = folder / "cases" / "yici-jiuyuan.md"
    case.write_text(case.read_text(encoding="utf-8") + "\n[档案](../brand.yml)\n", encoding="utf-8")
    result = load_catalog(root, today=TODAY)
    (error,) = result.errors
    assert error.code == "ref_not_published"
    assert error.path.endswith("brands/a/cases/yici-jiuyuan.md")
    assert result.catalog.brands == ()


def test_a_symlinked_brand_folder_is_never_read(tmp_path: Path) -> None:
    root = tmp_path / "brands"
    root.mkdir()
    outside = tmp_path / "outside"
    shutil.copytree(VALID, outside)
    # A FIFO behind the link: reading it would block the check forever.
    os.remove(outside / "brand.yml")
    os.mkfifo(outside / "brand.yml")
    (root / "a").symlink_to(outside)
    result = load_catalog(root, today=TODAY)
    (problem,) = result.problems
    assert problem.code == "symlink"
    assert problem.path.endswith("brands/a")
    assert result.catalog.brands == ()


def test_a_fifo_as_a_case_is_ignored_not_read(tmp_path: Path) -> None:
    root = tmp_path / "brands"
    folder = _brand(root)
    os.mkfifo(folder / "cases" / "stuck.md")
    result = load_catalog(root, today=TODAY)
    assert [p.code for p in result.problems] == ["case_ignored"]
