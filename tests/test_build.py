"""`brandhall build`, `emit` and `serve`, and plain `mkdocs build`, as a publisher runs them."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from brandhall.load import load_catalog
from brandhall.render import render_site

from .conftest import TODAY, VALID
from .sitetools import build_site, run_cli


def test_errors_stop_the_build_and_keep_the_old_site(project: Path) -> None:
    assert run_cli("build", cwd=project).returncode == 0
    site = project / "site"
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    brand = project / "brands" / "valid" / "brand.yml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace("stage: 命名", "stage: 优秀"), encoding="utf-8"
    )
    proc = run_cli("build", cwd=project)
    assert proc.returncode == 1
    assert "brands/valid/brand.yml:42:10: 错误: 品牌状态的品牌阶段:" in proc.stdout
    assert "未构建网站" in proc.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_a_failing_mkdocs_build_leaves_no_half_written_site(project: Path) -> None:
    assert run_cli("build", cwd=project).returncode == 0
    marker = (project / "site" / "index.html").read_bytes()
    (project / "docs" / "gallery").mkdir()
    (project / "docs" / "gallery" / "index.md").write_text("# 冲突\n", encoding="utf-8")
    proc = run_cli("build", cwd=project)
    assert proc.returncode == 1
    assert "docs/gallery/index.md 与 brandhall 生成的页面同名" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (project / "site" / "index.html").read_bytes() == marker
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_build_replaces_the_site_and_takes_brands_and_config_options(
    project: Path, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere" / "brands"
    shutil.copytree(VALID, other / "zhi-dui")
    out = tmp_path / "out" / "public_html"
    proc = run_cli(
        "build",
        "--brands",
        str(other),
        "--site-dir",
        str(out),
        "-f",
        "mkdocs.yml",
        "--strict",
        cwd=project,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / "brands" / "zhi-dui" / "index.html").is_file()
    assert not (out / "brands" / "valid").exists()
    assert (out / "brands" / "zhi-dui" / "logo.svg").is_file()


def _pin_today(project: Path, **more: str) -> None:
    """Write today (and ``more``) into the brandhall entry of the project's mkdocs.yml."""
    options = {"today": f"'{TODAY.isoformat()}'", **more}
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    lines = "".join(f"      {k}: {v}\n" for k, v in options.items())
    config = config.replace("      brands_dir: brands\n", "      brands_dir: brands\n" + lines)
    assert lines in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def test_plain_mkdocs_build_uses_the_plugin(project: Path) -> None:
    _pin_today(project)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "built"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (
        project / "built" / "brands" / "valid" / "cases" / "yici-jiuyuan" / "index.html"
    ).is_file()
    assert not list((project / "docs").rglob("brands"))  # nothing generated into docs/


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("edition", ["intranet", "public"])
def test_brandhall_build_and_mkdocs_build_make_the_same_site(project: Path, edition: str) -> None:
    """The options `brandhall build` takes on its command line, written into mkdocs.yml,
    give plain `mkdocs build` the very same site, byte for byte."""
    built = run_cli(
        "build", "--edition", edition, "--today", TODAY.isoformat(), "--site-dir", "a", cwd=project
    )
    assert built.returncode == 0, built.stderr
    _pin_today(project, edition=edition)
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", "b"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert plain.returncode == 0, plain.stderr
    # Every file, the search index's included, is identical.
    a, b = _tree(project / "a"), _tree(project / "b")
    assert "bhsearch/index.json" in a
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    page = (project / "a" / "brands" / "valid" / "index.html").read_text(encoding="utf-8")
    assert ("0571-88880000" in page) == (edition == "intranet")


HOOK_DROPPING_BLOCKS = """
import re
from mkdocs.plugins import event_priority

@event_priority(-200)  # after brandhall's own on_page_markdown (-100) took the blocks out
def on_page_markdown(markdown, page, **kwargs):
    return re.sub(r"^bhraw\\w+$", "", markdown, flags=re.M)
"""


def test_a_plugin_that_drops_brandhalls_html_blocks_stops_the_build(project: Path) -> None:
    # Another plugin or hook in mkdocs.yml that loses a finished HTML block (rawblocks.py)
    # would publish a page with a hole in it: the build stops and names the page.
    assert run_cli("build", cwd=project).returncode == 0
    marker = (project / "site" / "index.html").read_bytes()
    (project / "drop.py").write_text(HOOK_DROPPING_BLOCKS, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\nhooks:\n  - drop.py\n", encoding="utf-8")
    proc = run_cli("build", cwd=project)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    # The page is named (the first generated page built: the home page).
    assert "brandhall build: index.md：brandhall 生成的 HTML 块在 Markdown 转换后找不到了" in (
        proc.stderr
    )
    assert "Traceback" not in proc.stderr
    assert (project / "site" / "index.html").read_bytes() == marker
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_plain_mkdocs_build_reports_content_errors_without_a_traceback(project: Path) -> None:
    brand = project / "brands" / "valid" / "brand.yml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace("sector: 消防救援", "sector: 消防"),
        encoding="utf-8",
    )
    _pin_today(project)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1
    assert "brands/valid/brand.yml:8:11: 错误: 创建单位信息的行业领域" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_emit_writes_the_same_pages_as_plain_files(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "emitted"
    proc = run_cli("emit", str(out), "--today", TODAY.isoformat(), cwd=project)
    assert proc.returncode == 0, proc.stderr
    catalog = load_catalog(project / "brands", today=TODAY).catalog
    expected = render_site(catalog, TODAY, site_name="党建品牌展示馆").files()
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    css_js = {w for w in written if w.startswith("assets/brandhall/")}
    assert written - css_js == set(expected)
    assert {Path(w).suffix for w in css_js} == {".css", ".js"}
    for rel in css_js:
        assert f"[{rel}]" in proc.stdout  # told which lines another engine's config needs
    assert (out / "index.md").read_text(encoding="utf-8") == expected["index.md"]
    assert (
        (out / "brands" / "valid" / "index.md")
        .read_text(encoding="utf-8")
        .startswith('---\ntitle: "测试先锋"')
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_a_brand_changes(project: Path) -> None:
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    log = (project / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "brandhall.cli",
            "serve",
            "-a",
            f"127.0.0.1:{port}",
            "--today",
            TODAY.isoformat(),
        ],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/brands/valid/"
    try:
        deadline = time.monotonic() + 90
        page = ""
        while time.monotonic() < deadline:
            try:
                page = _get(url)
                break
            except OSError:
                time.sleep(0.5)
        assert "测试先锋" in page
        assert "livereload" in page  # the browser is told to reload after a rebuild
        # A preview builds no search index: the search box says why instead of failing.
        search = _get(f"http://127.0.0.1:{port}/bhsearch/bhsearch.js")
        assert "预览不含站内搜索" in search
        with pytest.raises(OSError):
            _get(f"http://127.0.0.1:{port}/bhsearch/index.json")
        brand = project / "brands" / "valid" / "brand.yml"
        brand.write_text(
            brand.read_text(encoding="utf-8").replace("name: 测试先锋", "name: 改过的名字"),
            encoding="utf-8",
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "改过的名字" not in page:
            time.sleep(0.5)
            try:
                page = _get(url)
            except OSError:
                continue
        assert "改过的名字" in page, (project / "serve.log").read_text(encoding="utf-8")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_build_of_the_sample_is_clean_in_strict_mode(tmp_path: Path) -> None:
    proc = build_site(tmp_path / "site", None, "--strict")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr


@pytest.mark.parametrize("site_dir", ["brands", ".", "brands/valid", "docs", "/", "mkdocs.yml"])
def test_build_refuses_an_output_directory_it_would_destroy(project: Path, site_dir: str) -> None:
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    proc = run_cli("build", "--site-dir", site_dir, cwd=project)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "请换一个" in proc.stderr or "不能是根目录" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_a_preview_of_some_brands_does_not_read_the_others(project: Path) -> None:
    other = project / "brands" / "other"
    shutil.copytree(project / "brands" / "valid", other)
    (other / "brand.yml").write_text("name: [不是名字\n", encoding="utf-8")
    (other / "notes.md").symlink_to("/etc/passwd")
    everything = load_catalog(project / "brands", today=TODAY)
    bad = {Path(p.path).relative_to(project).as_posix() for p in everything.errors}
    assert bad >= {"brands/other/brand.yml", "brands/other/notes.md"}
    preview = load_catalog(project / "brands", today=TODAY, only=("valid",))
    assert preview.problems == ()
    assert [b.slug for b in preview.catalog.brands] == ["valid"]
