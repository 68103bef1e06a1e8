"""Publishing variants: public build and its leak check, reproducible output, the
offline copy from file://, sub-path hosting, and deploy/nginx.conf on a real nginx."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from brandhall import cli, csp
from brandhall.leakcheck import find_leaks, public_text
from brandhall.load import load_catalog
from brandhall.localnginx import NGINX, local_nginx
from brandhall.visibility import intranet_only_values, visible_catalog

from .conftest import ROOT, TODAY, VALID
from .sitetools import build_site, follow, search_records, serve

CATALOG = load_catalog(ROOT / "brands", today=TODAY).catalog


def _require(path: Path, package: str) -> None:
    if not path.exists():
        message = f"{path} is missing (apt-get install {package})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- public build ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("public") / "site"
    proc = build_site(site, None, "--profile", "public")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def _contact_values() -> list[tuple[str, str]]:
    """Contact values that appear in no public field (a contact who also signs a case
    study as its author is public there, and not a leak)."""
    shared = public_text(visible_catalog(CATALOG, "public"))
    values = []
    for brand in CATALOG.brands:
        if brand.profile.contact:
            c = brand.profile.contact
            values += [(brand.slug, v) for v in (c.name, c.phone, c.email) if v and v not in shared]
    return values


def test_public_build_contains_no_contact_values(public_site: Path, sample_site: Path) -> None:
    values = _contact_values()
    assert len(values) >= 10
    intranet_text = "\n".join(
        (sample_site / "brands" / s / "index.html").read_text(encoding="utf-8") for s, _ in values
    )
    public_files = [
        p
        for p in public_site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml", ".js")
    ]
    public_text = "\n".join(p.read_text(encoding="utf-8") for p in public_files)
    index_text = json.dumps(search_records(public_site), ensure_ascii=False)
    for _slug, value in values:
        assert value in intranet_text  # the intranet build does show them
        assert value not in public_text
        assert value not in index_text
    assert find_leaks(public_site, CATALOG) == []


def test_leak_check_names_the_file_and_field(public_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(public_site, site)
    brand = next(b for b in CATALOG.brands if b.profile.contact and b.profile.contact.phone)
    (site / "feed.xml").write_text(f"<item>{brand.profile.contact.phone}</item>", encoding="utf-8")  # type: ignore[union-attr]
    leaks = find_leaks(site, CATALOG)
    assert [(leak.file, leak.field, leak.brand) for leak in leaks] == [
        ("feed.xml", "contact.phone", brand.slug)
    ]


def test_a_leaking_public_build_fails_and_writes_no_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Simulate a renderer bug: the public build shows every field.
    monkeypatch.setattr("brandhall.plugin.visible_catalog", lambda catalog, edition: catalog)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(VALID, tmp_path / "brands" / "valid")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["build", "--profile", "public", "--today", TODAY.isoformat()])
    err = capsys.readouterr().err
    assert code == 1
    assert "公开版中发现" in err
    assert "brands/valid/index.html: contact.phone（brands/valid）" in err
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def _secret(field: str) -> tuple[str, str]:
    """(brand, value) of an intranet-only value that no public field shows."""
    shared = public_text(visible_catalog(CATALOG, "public"))
    return next(
        (b.slug, value)
        for b in CATALOG.brands
        for f, value in intranet_only_values(b.profile)
        if f == field and value not in shared
    )


def _planted(site: Path, value: str) -> dict[str, bytes]:
    """A value written into output files of every kind a site could carry."""
    escaped = json.dumps({"v": "".join(f"\\u{ord(c):04x}" for c in value)}).replace("\\\\", "\\")
    assert json.loads(escaped) == {"v": value}
    return {
        "downloads/brand.yml": f"contact:\n  name: {value}\n".encode(),
        "downloads/list.csv": f"单位,联系人\n某单位,{value}\n".encode(),
        "robots.txt": f"# {value}\n".encode(),
        "assets/images/logo-x.svg": f'<svg xmlns="http://www.w3.org/2000/svg"><title>{value}</title></svg>'.encode(),
        "search/extra.json": escaped.encode(),
        "feed.xml.gz": gzip.compress(f"<item>{value}</item>".encode()),
        "brands/x/index.html": f"<p>{value[:1]}&#{ord(value[1])};{value[2:]}</p>".encode(),
        "no-extension": f"{value[:1]}\u200b{value[1:]}".encode(),
    }


@pytest.mark.parametrize("field", ["contact.name", "contact.phone", "reviews[0].summary"])
def test_leak_check_reads_every_kind_of_output_file(
    public_site: Path, tmp_path: Path, field: str
) -> None:
    site = tmp_path / "site"
    shutil.copytree(public_site, site)
    slug, value = _secret(field)
    files = _planted(site, value)
    for rel, data in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
    found = {(leak.file, leak.brand, leak.field) for leak in find_leaks(site, CATALOG)}
    assert found == {(rel, slug, field) for rel in files}


def test_values_published_on_purpose_are_not_leaks(public_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(public_site, site)
    # A contact who also signs a case study as its author: public there.
    shared = public_text(visible_catalog(CATALOG, "public"))
    public_name = next(
        value
        for b in CATALOG.brands
        for f, value in intranet_only_values(b.profile)
        if f == "contact.name" and value in shared
    )
    # A phone number an editor also wrote into a hand-written page (docs/).
    _slug, phone = _secret("contact.phone")
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    with (docs / "about.md").open("a", encoding="utf-8") as f:
        f.write(f"\n值班电话：{phone}\n")
    (site / "about.txt").write_text(f"{public_name} {phone}", encoding="utf-8")
    assert find_leaks(site, CATALOG, docs_dir=docs) == []
    # Without the hand-written pages the phone is a leak, and the public name never is.
    assert [(leak.file, leak.value) for leak in find_leaks(site, CATALOG)] == [("about.txt", phone)]


# --- reproducible output ---------------------------------------------------------------
def test_two_builds_of_the_same_commit_are_byte_identical(
    tmp_path: Path, sample_site: Path
) -> None:
    again = tmp_path / "again"
    proc = build_site(again)
    assert proc.returncode == 0, proc.stderr
    # Every file, the search index's included, is identical.
    first, second = _tree(sample_site), _tree(again)
    assert "bhsearch/index.json" in first
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_offline_search_index_is_precompressed(offline_site: Path) -> None:
    index = offline_site / "search" / "search_index.json"
    packed = index.with_name("search_index.json.gz")
    assert gzip.decompress(packed.read_bytes()) == index.read_bytes()
    assert packed.read_bytes()[4:8] == b"\0\0\0\0"  # no timestamp in the gzip header


# --- offline copy ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("offline") / "site"
    proc = build_site(site, None, "--offline")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def test_offline_copy_has_no_directory_urls_and_a_local_shim(offline_site: Path) -> None:
    assert (offline_site / "gallery" / "index.html").is_file()
    assert (offline_site / "search" / "search_index.js").is_file()
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'href="gallery/index.html"' in home
    assert "unpkg.com" not in home and "iframe-worker-shim." in home
    # Its search is Material's: every page keeps Material's bundle, the home page included.
    for rel in ("index.html", "gallery/index.html", "cases/index.html"):
        assert "assets/javascripts/bundle." in (offline_site / rel).read_text(encoding="utf-8")


def _blocking_context(browser: Any, allowed: str) -> tuple[Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return context, blocked


def _search(page: Any, query: str) -> list[str]:
    from .test_browser import search

    return search(page, query)


def _material_search(page: Any, query: str) -> list[str]:
    from .test_browser import material_search

    return material_search(page, query)


def test_offline_copy_searches_in_chinese_from_file_urls(browser: Any, offline_site: Path) -> None:
    context, blocked = _blocking_context(browser, "file://")
    page = context.new_page()
    page.goto((offline_site / "index.html").as_uri())
    page.wait_for_load_state("load")
    assert page.locator(".bh-search-open").count() == 0  # the site search needs http(s)
    hrefs = _material_search(page, "绿道")
    assert hrefs[0].startswith("file://") and "brands/shengming-lvdao/index.html" in hrefs[0]
    page.goto((offline_site / "gallery" / "index.html").as_uri() + "?sector=消防救援")
    assert page.locator(".bh-card:not([hidden])").count() == sum(
        1 for b in CATALOG.brands if b.profile.organization.sector == "消防救援"
    )
    context.close()
    assert blocked == []


# --- sub-path hosting ----------------------------------------------------------------------
def test_site_works_under_a_sub_path(browser: Any, tmp_path: Path) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "# site_url: https://intranet.example/dangjian/", "site_url: http://127.0.0.1/dangjian/"
    )
    assert "site_url: http://127.0.0.1/dangjian/" in config
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    proc = build_site(
        tmp_path / "www" / "dangjian", ROOT / "brands", "-f", str(project / "mkdocs.yml")
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    not_found = (tmp_path / "www" / "dangjian" / "404.html").read_text(encoding="utf-8")
    assert 'href="/dangjian/assets/' in not_found  # 404 is served at any depth: absolute links
    with serve(tmp_path / "www") as base:
        context, blocked = _blocking_context(browser, base)
        failed: list[str] = []
        page = context.new_page()
        page.on(
            "response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None
        )
        page.goto(f"{base}/dangjian/")
        page.wait_for_load_state("networkidle")
        page.click("text=进入品牌库")
        page.wait_for_load_state("networkidle")
        assert page.url == f"{base}/dangjian/gallery/"
        page.select_option("#bh-f-stage", "示范")
        assert "stage=" in page.url and page.url.startswith(f"{base}/dangjian/gallery/")
        follow(page, page.locator(".bh-card:not([hidden]) a").first)
        assert page.url.startswith(f"{base}/dangjian/brands/")
        hrefs = _search(page, "绿道")
        assert hrefs[0].startswith("/dangjian/brands/shengming-lvdao/")
        follow(page, page.locator(".bh-search .bh-results a").first)
        assert page.url == f"{base}/dangjian/brands/shengming-lvdao/"
        context.close()
    assert failed == []
    assert blocked == []


# --- nginx -----------------------------------------------------------------------------------
# What an admin or an editor's tools might leave in the web root; nginx must not serve it.
HIDDEN = (
    ".git/config",
    ".env",
    ".htpasswd",
    "brands/.DS_Store",
    "index.html~",
    "index.html.bak",
    "gallery/.index.html.swp",
    "about/index.html.orig",
    "search/search_index.json.old",
)


@pytest.fixture(scope="module")
def published(sample_site: Path) -> Iterator[Path]:
    """sample_site published as root by `brandhall publish`, with a umask of 077, to a
    destination www-data can reach (pytest's own tmp dirs are private to root)."""
    outside = Path(tempfile.mkdtemp(prefix="brandhall-nginx-"))
    outside.chmod(0o755)
    dest = outside / "srv" / "dangjian"
    try:
        proc = subprocess.run(
            [sys.executable, "-c", "import os,sys; os.umask(0o077); from brandhall.cli import main;"
             f" sys.exit(main(['publish', '--site-dir', {str(sample_site)!r}, {str(dest)!r}]))"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        for rel in HIDDEN:
            path = dest / "current" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("secret", encoding="utf-8")
            path.chmod(0o644)
            path.parent.chmod(0o755)
        yield dest
    finally:
        shutil.rmtree(outside, ignore_errors=True)


@pytest.fixture(scope="module")
def nginx(published: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require(NGINX, "nginx-light")
    # deploy/nginx.conf in a test-only main config; the workers run as www-data, as on a
    # Debian server (the same helper serves scripts/lighthouse.py).
    work = tmp_path_factory.mktemp("nginx")
    with local_nginx(ROOT / "deploy" / "nginx.conf", published / "current", work) as base:
        yield base


def _fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:  # noqa: S310 - loopback only
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


IMMUTABLE = "public, max-age=31536000, immutable"
SECURITY_HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
    "permissions-policy",
)


# The search index's files: fetched by the search, never a document; no CSP (nginx.conf).
SEARCH_DATA = re.compile(r"(^|/)bhsearch/.+\.json$")


def _assert_security_headers(headers: dict[str, str], what: str) -> None:
    if SEARCH_DATA.search(str(what)):
        assert "content-security-policy" not in headers, what
        headers = {**headers, "content-security-policy": "default-src 'self'"}
    missing = [h for h in SECURITY_HEADERS if h not in headers]
    assert missing == [], what
    assert headers["x-content-type-options"] == "nosniff", what
    assert headers["referrer-policy"] == "same-origin", what
    assert headers["x-frame-options"] == "SAMEORIGIN", what
    assert "camera=()" in headers["permissions-policy"], what
    csp = headers["content-security-policy"]
    if str(what).lstrip("/").startswith("admin/"):
        # The browser editor talks to the forge (its placeholder in deploy/nginx.conf).
        csp = csp.replace("https://git.example.org", "")
    assert "http" not in csp and "'unsafe-inline'" not in csp.split("script-src")[-1].split(";")[0]


def _url(rel: str) -> str:
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def test_nginx_as_www_data_serves_every_file_of_the_published_site(
    nginx: str, sample_site: Path
) -> None:
    rels = sorted(
        p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*") if p.is_file()
    )
    assert len(rels) > 100
    failed = []
    for rel in rels:
        status, headers, _ = _fetch(nginx + quote(_url(rel)))
        if rel == "404.html":
            assert status == 404  # internal: only ever the answer to a missing page
        elif status != 200:
            failed.append(f"{status} {rel}")
        _assert_security_headers(headers, rel)
    assert failed == []


def test_nginx_serves_pages_with_security_headers_and_short_cache(nginx: str) -> None:
    for path in ("/", "/gallery/", "/brands/huoyanlan-xianfeng/", "/bhsearch/bhsearch.js"):
        status, headers, _body = _fetch(nginx + path)
        assert status == 200, path
        _assert_security_headers(headers, path)
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["cache-control"] == "public, max-age=300, must-revalidate"


def test_nginx_never_serves_dotfiles_or_backup_files(nginx: str) -> None:
    for rel in HIDDEN:
        status, headers, body = _fetch(nginx + "/" + quote(rel))
        assert status == 404, rel
        assert b"secret" not in body and "党建品牌展示馆" in body.decode("utf-8"), rel
        _assert_security_headers(headers, rel)


def test_nginx_serves_svg_with_a_sandboxing_csp(nginx: str, sample_site: Path) -> None:
    logo = next(sample_site.glob("brands/*/logo.svg")).relative_to(sample_site).as_posix()
    status, headers, _ = _fetch(f"{nginx}/{logo}")
    assert status == 200
    assert headers["content-type"].startswith("image/svg+xml")
    assert headers["content-security-policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    _assert_security_headers(headers, logo)


def test_nginx_script_src_allows_exactly_the_inline_scripts_of_a_build(
    sample_site: Path, public_site: Path
) -> None:
    config = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    script_src = re.search(r"script-src ('self'[^;]*);", config)
    assert script_src is not None
    allowed = set(script_src.group(1).split())
    built = csp.script_hashes(sample_site) | csp.script_hashes(public_site)
    assert "'unsafe-inline'" not in allowed
    # Every inline script of a build runs; when Material changes one, this fails:
    # run `python -m brandhall.csp site/` and paste its output into deploy/nginx.conf.
    assert built - allowed == set()
    assert allowed - {"'self'"} == built


def test_nginx_caches_fingerprinted_assets_for_a_year(nginx: str, sample_site: Path) -> None:
    assets = [
        next((sample_site / "assets" / "stylesheets").glob("main.*.min.css")),
        next((sample_site / "assets" / "javascripts").glob("bundle.*.min.js")),
        next((sample_site / "assets" / "brandhall").glob("brandhall.*.css")),
    ]
    for asset in assets:
        status, headers, _ = _fetch(f"{nginx}/{asset.relative_to(sample_site).as_posix()}")
        assert status == 200
        assert headers["cache-control"] == IMMUTABLE, asset.name
        assert headers["x-content-type-options"] == "nosniff"


def test_nginx_serves_the_search_index_as_built(nginx: str, sample_site: Path) -> None:
    """The index's files are JSON, gzipped on the way when the browser takes gzip. The
    files a query fetches carry no policy of their own (each would add ~1.2 KB); those
    under the index's hash directory are cached for a year, the entry file (naming that
    directory) is revalidated, so a new build is seen within five minutes."""
    entry = sample_site / "bhsearch" / "index.json"
    build = sample_site / "bhsearch" / json.loads(entry.read_text(encoding="utf-8"))["build"]
    hashed = [
        next((build / "t").glob("*.json")),
        build / "d" / "0.json",
        build / "filters.json",
        build / "sorts.json",
    ]
    for path in (entry, *hashed):
        rel = path.relative_to(sample_site).as_posix()
        status, headers, body = _fetch(f"{nginx}/{rel}")
        assert status == 200
        assert body == path.read_bytes()
        assert "content-security-policy" not in headers, rel
        assert headers["x-content-type-options"] == "nosniff", rel
        assert headers["content-type"].startswith("application/json"), rel
        expected = "public, max-age=300, must-revalidate" if path == entry else IMMUTABLE
        assert headers["cache-control"] == expected, rel
    big = max(hashed, key=lambda p: p.stat().st_size).relative_to(sample_site).as_posix()
    _status, headers, body = _fetch(f"{nginx}/{big}", **{"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip", big
    # The engine is a script: it carries the site's policy and is revalidated.
    _status, headers, _ = _fetch(f"{nginx}/bhsearch/bhsearch.js")
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["cache-control"] == "public, max-age=300, must-revalidate"


def test_nginx_answers_unknown_paths_with_the_site_404_page(nginx: str) -> None:
    for path in ("/no/such/page/", "/assets/missing.12345678.min.css", "/brands/x/logo.svg"):
        status, headers, body = _fetch(nginx + path)
        assert status == 404, path
        assert "党建品牌展示馆" in body.decode("utf-8")
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["cache-control"] == "no-cache"
        _assert_security_headers(headers, path)


def test_pages_through_nginx_raise_no_csp_violations(
    nginx: str, browser: Any, sample_site: Path
) -> None:
    context, blocked = _blocking_context(browser, nginx)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    case = next(sample_site.glob("brands/*/cases/*/index.html")).parent.relative_to(sample_site)
    for path in (
        "/",
        "/gallery/?stage=示范",
        "/brands/huoyanlan-xianfeng/",
        f"/{case.as_posix()}/",  # the deepest pages: their own inline-script hash
        "/about/",
        "/no/such/page/",  # the 404 page: absolute base, its own hash
    ):
        page.goto(nginx + path)
        page.wait_for_load_state("networkidle")
    hrefs = _search(page, "绿道")
    assert "shengming-lvdao" in hrefs[0]
    context.close()
    assert [m for m in messages if "Content Security Policy" in m] == []
    assert blocked == []
    assert sys.platform.startswith("linux")
