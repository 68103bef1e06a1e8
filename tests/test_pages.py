"""The reader's pages (issue 11): home, index pages, related brands, 申请交流学习 /
复制链接, and the Atom feed. Pages are rendered to HTML the way the site's Markdown
does (attr_list, md_in_html), so the tests read what a reader's browser gets."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import lxml.etree as ET
import lxml.html
import markdown
import pytest
import yaml

from brandhall.catalog import Catalog
from brandhall.load import load_catalog
from brandhall.pinyin import pinyin_key
from brandhall.render import render_site
from brandhall.render.feed import FEED_LIMIT, FEED_PATH, page_path
from brandhall.render.listing import title_md
from brandhall.visibility import intranet_only_values, visible_catalog

from .conftest import ROOT, TODAY
from .sitetools import run_cli
from .test_render import _catalog

ATOM = "{http://www.w3.org/2005/Atom}"
SAMPLE = load_catalog(ROOT / "brands", today=TODAY).catalog


def html_of(page: str) -> lxml.html.HtmlElement:
    """A generated page's content as the site renders it (front matter dropped)."""
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
    rendered = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc"])
    return lxml.html.fromstring(f"<div>{rendered}</div>")


def text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def css(el: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """Descendants matching a small CSS subset: ``tag.class[attr]`` steps, descendant
    combinators and ``,`` alternatives (enough for these pages; no cssselect needed)."""
    found: list[lxml.html.HtmlElement] = []
    for alternative in selector.split(","):
        nodes = [el]
        for step in alternative.split():
            m = re.fullmatch(r"(\w*)(?:\.([\w-]+))?(?:\[([\w-]+)\])?", step)
            assert m, step
            tag, klass, attr = m.group(1) or "*", m.group(2), m.group(3)
            cond = []
            if klass:
                cond.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {klass} ')")
            if attr:
                cond.append(f"@{attr}")
            path = f".//{tag}" + (f"[{' and '.join(cond)}]" if cond else "")
            nodes = [n for node in nodes for n in node.xpath(path)]
        found += [n for n in nodes if n not in found]
    return found


def front(page: str) -> dict[str, Any]:
    return dict(yaml.safe_load(page.split("---\n", 2)[1]))


def gallery_query(href: str) -> dict[str, list[str]]:
    parts = urlsplit(href)
    assert parts.path.endswith("gallery/index.md"), href
    return parse_qs(parts.query)


# --- home --------------------------------------------------------------------------------


def test_home_banner_figures_featured_and_latest_cases() -> None:
    pages = render_site(SAMPLE, TODAY, site_name="党建品牌展示馆").pages
    home = html_of(pages["index.md"])
    banner = css(home, ".bh-banner")[0]
    assert text(css(banner, "h1")[0]) == "党建品牌展示馆"
    assert "学习借鉴" in text(css(banner, ".bh-banner-lead")[0])
    assert not home.xpath("//img[starts-with(@src, 'http')]")  # nothing from elsewhere

    figures = {
        text(css(f, "span")[0]): int(text(css(f, "strong")[0])) for f in css(home, ".bh-figure")
    }
    demo = [b for b in SAMPLE.brands if b.profile.status.stage == "示范"]
    assert figures == {
        "个党建品牌": len(SAMPLE.brands),
        "个典型案例": len(SAMPLE.cases),
        "个示范品牌": len(demo),
        "个行业领域": len({b.profile.organization.sector for b in SAMPLE.brands}),
    }

    featured = [text(a) for a in css(home, ".bh-card h3 a")]
    assert featured and set(featured) <= {b.profile.name for b in demo}
    more = home.xpath("//a[contains(., '查看全部') and contains(., '示范品牌')]")[0]
    assert gallery_query(more.get("href")) == {"stage": ["示范"]}

    # Latest cases as cards, newest first, each with its brand and date.
    cards = css(home, ".bh-case-card")
    assert 0 < len(cards) <= 6
    newest = sorted(SAMPLE.cases, key=lambda c: c.meta.date, reverse=True)[0]
    assert text(css(cards[0], "h3")[0]) == newest.title
    assert css(cards[0], ".bh-case-card-meta .bh-date")  # a date that never breaks


def test_home_entries_open_the_gallery_filtered_in_pinyin_order() -> None:
    home = html_of(render_site(SAMPLE, TODAY).pages["index.md"])
    for key, heading in (("sector", "by-sector"), ("region", "by-region")):
        entries = home.xpath(f"//h2[@id='{heading}']/following-sibling::p[1]//a")
        values = [gallery_query(a.get("href"))[key][0] for a in entries]
        expected = {
            (b.profile.organization.sector if key == "sector" else b.profile.organization.region[0])
            for b in SAMPLE.brands
        }
        assert set(values) == expected
        assert values == sorted(values, key=pinyin_key)
        # The count next to each value is the number of brands it opens.
        first = entries[0]
        n = int(text(css(first, ".bh-entry-count")[0]))
        assert n == sum(
            1
            for b in SAMPLE.brands
            if values[0] in (b.profile.organization.sector, b.profile.organization.region[0])
        )
    feed = home.xpath("//a[@href='feed.xml']")
    assert feed and "订阅" in text(feed[0])


def test_home_without_brands_says_so(tmp_path: Path) -> None:
    (tmp_path / "brands").mkdir()
    empty = load_catalog(tmp_path / "brands", today=TODAY).catalog
    home = html_of(render_site(empty, TODAY).pages["index.md"])
    empties = [text(p) for p in css(home, ".bh-empty")]
    assert "暂时还没有示范品牌。" in empties and "还没有典型案例。" in empties
    assert [int(text(s)) for s in css(home, ".bh-figure strong")] == [0, 0, 0, 0]


# --- index pages -------------------------------------------------------------------------


def _tag_catalog(tmp_path: Path) -> Catalog:
    return _catalog(
        tmp_path,
        {
            "a": {"name": "甲品牌", "tags": ["志愿服务", "安全", "乡村"]},
            "b": {"name": "乙品牌", "tags": ["志愿服务", "安全"], "organization.sector": "农村"},
            "c": {"name": "丙品牌", "tags": ["百姓"], "organization.region": ["云南省"]},
        },
    )


def test_tag_index_pinyin_sections_and_single_brand_tags_collapsed(tmp_path: Path) -> None:
    catalog = _tag_catalog(tmp_path)
    page = html_of(render_site(catalog, TODAY).pages["browse/tags.md"])
    sections = [re.sub(r"（\d+）$", "", text(h)) for h in page.xpath("//h2")]
    # Tags shared by two brands get a section each, in pinyin order (安全 before 志愿服务);
    # the one-brand tags are together under 其他标签, last.
    assert sections == ["安全", "志愿服务", "其他标签"]
    others = page.xpath("//h2[@id='tag-other']/following-sibling::div[1]")[0]
    assert {text(a) for a in css(others, "a.bh-tag")} == {"乡村", "百姓"}
    # Still each with its own anchor (brand pages link to it) and a gallery filter.
    for a in css(others, "a.bh-tag"):
        assert a.get("id", "").startswith("tag-")
        assert gallery_query(a.get("href")) == {"tag": [text(a)]}
    # Every section offers the gallery pre-filtered, and its brands as compact cards.
    link = page.xpath("//h2[starts-with(., '安全')]/following-sibling::p[1]//a")[0]
    assert gallery_query(link.get("href")) == {"tag": ["安全"]}
    cards = page.xpath("//h2[starts-with(., '安全')]/following-sibling::div[1]//article")
    assert [text(css(c, "a.bh-mini-name")[0]) for c in cards] == ["甲品牌", "乙品牌"]
    for card in cards:
        assert css(card, ".bh-mini-logo img, .bh-mini-logo .bh-monogram")
        assert text(css(card, ".bh-stage")[0]) == "命名品牌"


def test_brand_page_tag_links_land_on_an_anchor_of_the_tag_index(tmp_path: Path) -> None:
    pages = render_site(_tag_catalog(tmp_path), TODAY).pages
    ids = set(html_of(pages["browse/tags.md"]).xpath("//@id"))
    for slug in "abc":
        brand = html_of(pages[f"brands/{slug}/index.md"])
        for a in css(brand, ".bh-tags a"):
            path, _, anchor = a.get("href").partition("#")
            assert path.endswith("browse/tags.md") and anchor in ids


def test_sector_and_region_index_in_pinyin_order_linking_the_gallery(tmp_path: Path) -> None:
    pages = render_site(SAMPLE, TODAY).pages
    for src, key in (("browse/sectors.md", "sector"), ("browse/regions.md", "region")):
        page = html_of(pages[src])
        values = [re.sub(r"（\d+）$", "", text(h)) for h in page.xpath("//h2")]
        assert values == sorted(values, key=pinyin_key)
        links = css(page, ".bh-filter-link a")
        assert [gallery_query(a.get("href"))[key][0] for a in links] == values
    browse = html_of(pages["browse/index.md"])
    first = browse.xpath("//h2[1]/following-sibling::p[1]//a")[0]
    assert "sector" in gallery_query(first.get("href"))


# --- brand pages: related brands and actions ----------------------------------------------


def test_related_brands_are_cards_with_reasons(tmp_path: Path) -> None:
    catalog = _catalog(
        tmp_path,
        {
            "a": {"name": "甲品牌", "related": ["d"]},
            "b": {"name": "乙品牌"},  # same sector, tags and region as a
            "d": {
                "name": "丁品牌",
                "organization.sector": "金融",
                "tags": ["无关"],
                "organization.region": ["河南省"],
            },
        },
    )
    page = html_of(render_site(catalog, TODAY).pages["brands/a/index.md"])
    cards = page.xpath("//h2[@id='related']/following-sibling::div[1]//article")
    got = [
        (text(css(c, "a.bh-mini-name")[0]), [text(r) for r in css(c, ".bh-reason")]) for c in cards
    ]
    assert got == [
        ("丁品牌", ["本品牌推荐参考"]),
        ("乙品牌", ["同行业：消防救援", "共同标签：先锋岗、智慧党建", "同地区：浙江省"]),
    ]
    assert "编辑推荐" not in text(page)


def _action(page: str) -> str | None:
    found = html_of(page).xpath("//a[normalize-space(.)='申请交流学习']")
    return found[0].get("href") if found else None


def test_exchange_is_a_mailto_with_a_subject_on_the_intranet(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, {"a": {"name": "甲品牌"}})
    href = _action(render_site(catalog, TODAY, site_name="展示馆").pages["brands/a/index.md"])
    assert href is not None
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == "test@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["申请交流学习：甲品牌"]
    assert "甲品牌" in query["body"][0] and "展示馆" in query["body"][0]


def test_exchange_url_option_replaces_the_mailto(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, {"a": {"name": "甲品牌"}})
    pages = render_site(
        catalog, TODAY, exchange_url="https://oa.example/apply?brand={slug}&name={name}"
    ).pages
    assert _action(pages["brands/a/index.md"]) == (
        f"https://oa.example/apply?brand=a&name={quote('甲品牌')}"
    )


def test_no_exchange_without_contact_email(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, {"a": {"name": "甲品牌", "contact.email": None}})
    page = render_site(catalog, TODAY).pages["brands/a/index.md"]
    assert _action(page) is None
    assert css(html_of(page), "button[data-bh-copy]")  # 复制链接 is still there


def test_public_edition_has_no_exchange_no_contact_no_mailto(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, {"a": {"name": "甲品牌"}})
    site = render_site(
        visible_catalog(catalog, "public"),
        TODAY,
        edition="public",
        exchange_url="https://oa.example/apply?brand={slug}",
    )
    page = site.pages["brands/a/index.md"]
    assert _action(page) is None
    assert "mailto:" not in page and "oa.example" not in page
    assert "test@example.org" not in page and "王明" not in page
    assert css(html_of(page), "button[data-bh-copy]")


def test_copy_link_is_on_brand_and_case_pages_hidden_until_its_script_runs() -> None:
    pages = render_site(SAMPLE, TODAY).pages
    brand = SAMPLE.brands[0]
    for src in (
        f"brands/{brand.slug}/index.md",
        f"brands/{brand.slug}/cases/{brand.cases[0].slug}.md",
    ):
        assert front(pages[src])["scripts"] == ["copylink"]
        button = css(html_of(pages[src]), "button[data-bh-copy]")[0]
        assert button.get("type") == "button" and button.get("hidden") is not None
        assert text(button) == "复制链接"
    assert front(pages["gallery/index.md"])["scripts"] == ["cardlist"]
    assert front(pages["cases/index.md"])["scripts"] == ["cardlist"]
    assert "scripts" not in front(pages["index.md"])


# --- the Atom feed -----------------------------------------------------------------------


def _feed(xml: bytes) -> ET._Element:
    root = ET.fromstring(xml)  # well-formed, or this raises
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        node = root.find(f"{ATOM}{name}")
        assert node is not None and (node.text or "").strip(), name
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated"):
            node = entry.find(f"{ATOM}{name}")
            assert node is not None and (node.text or "").strip(), name
        assert entry.find(f"{ATOM}link").get("href")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    return root


def test_feed_is_atom_with_absolute_urls_when_site_url_is_set() -> None:
    site = render_site(SAMPLE, TODAY, site_url="https://intranet.example/dangjian/")
    root = _feed(site.static[FEED_PATH])
    assert site.files()[FEED_PATH] == site.static[FEED_PATH]
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "https://intranet.example/dangjian/feed.xml"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == min(FEED_LIMIT, len(SAMPLE.brands) + len(SAMPLE.cases))
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert all(h.startswith("https://intranet.example/dangjian/brands/") for h in links)
    assert [e.findtext(f"{ATOM}id") for e in entries] == links
    # Newest first, and the feed's own date is its newest entry's.
    dates = [e.findtext(f"{ATOM}updated") for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert root.findtext(f"{ATOM}updated") == dates[0]
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    newest_case = max(SAMPLE.cases, key=lambda c: c.meta.date)
    assert f"案例：{newest_case.title}" in titles
    assert any(t.startswith("品牌：") for t in titles)


def test_feed_without_site_url_has_relative_links_and_stable_ids() -> None:
    one = render_site(SAMPLE, TODAY).static[FEED_PATH]
    root = _feed(one)
    assert root.find(f"{ATOM}link[@rel='self']") is None
    for entry in root.findall(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith("brands/") and href.endswith("/")
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry.findtext(f"{ATOM}id"))
    assert render_site(SAMPLE, TODAY).static[FEED_PATH] == one  # same ids every build


def test_feed_links_follow_use_directory_urls() -> None:
    assert page_path("brands/a/index.md") == "brands/a/"
    assert page_path("brands/a/cases/b.md") == "brands/a/cases/b/"
    assert page_path("brands/a/cases/b.md", directory_urls=False) == "brands/a/cases/b.html"
    feed = _feed(render_site(SAMPLE, TODAY, directory_urls=False).static[FEED_PATH])
    assert all(
        e.find(f"{ATOM}link").get("href").endswith(".html") for e in feed.findall(f"{ATOM}entry")
    )


@pytest.mark.parametrize("slug", ["huoyanlan-xianfeng", "dianliang-wanjia"])
def test_public_feed_holds_no_intranet_only_value(slug: str) -> None:
    # Contact, member count and review remarks (a reviewing unit's name may also be the
    # brand's own unit, which the public edition shows).
    secrets = [
        (f, v) for f, v in intranet_only_values(SAMPLE.brand(slug).profile) if not f.endswith(".by")
    ]
    assert any(f.startswith("contact") for f, _ in secrets)
    public = render_site(visible_catalog(SAMPLE, "public"), TODAY, edition="public")
    feed = unquote(public.static[FEED_PATH].decode("utf-8"))
    for field, value in secrets:
        assert str(value) not in feed, field


# --- the built site ----------------------------------------------------------------------


def _scripts(page: Path) -> set[str]:
    """brandhall's scripts by name, and "material" for Material's bundle."""
    text = page.read_text("utf-8")
    found = set(re.findall(r'<script src="[^"]*assets/brandhall/(\w+)\.[0-9a-f]{8}\.js"', text))
    if re.search(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js"', text):
        found.add("material")
    return found


def test_each_page_loads_only_the_scripts_it_uses(sample_site: Path) -> None:
    brand = SAMPLE.brand("huoyanlan-xianfeng")
    case = sorted(brand.cases, key=lambda c: c.slug)[0]
    # The pages readers land on leave Material's bundle out (100–200 ms of a phone's main
    # thread at load); its CSS does the rest, and search.js wraps the tables.
    assert _scripts(sample_site / "index.html") == {"search"}
    assert _scripts(sample_site / "gallery" / "index.html") == {"search", "cardlist"}
    assert _scripts(sample_site / "cases" / "index.html") == {"search", "cardlist"}
    for page in (
        sample_site / "brands" / brand.slug / "index.html",
        sample_site / "brands" / brand.slug / "cases" / case.slug / "index.html",
    ):
        assert _scripts(page) == {"search", "copylink"}
    for page in ("browse/tags/index.html", "about/index.html", "404.html"):
        assert _scripts(sample_site / page) == {"material", "search"}, page


def test_feed_is_at_the_site_root_and_linked_from_every_head(sample_site: Path) -> None:
    _feed((sample_site / FEED_PATH).read_bytes())
    for rel in ("index.html", "gallery/index.html", "brands/huoyanlan-xianfeng/index.html"):
        page = sample_site / rel
        head = page.read_text("utf-8").split("</head>")[0]
        link = re.search(
            r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', head
        )
        assert link, rel
        assert (page.parent / link.group(1)).resolve() == (sample_site / FEED_PATH).resolve()
    home = (sample_site / "index.html").read_text("utf-8")
    assert 'href="feed.xml"' in home


def _build(project: Path, *extra: str) -> Path:
    site = project / "site"
    proc = run_cli("build", "--site-dir", str(site), *extra, cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def test_exchange_url_and_site_url_from_mkdocs_yml(project: Path) -> None:
    config = project / "mkdocs.yml"
    text_ = config.read_text("utf-8").replace(
        "  - brandhall:\n",
        "  - brandhall:\n      exchange_url: https://oa.example/jiaoliu?brand={slug}\n",
    )
    config.write_text("site_url: https://intranet.example/dangjian/\n" + text_, "utf-8")
    site = _build(project)
    page = (site / "brands" / "valid" / "index.html").read_text("utf-8")
    assert 'href="https://oa.example/jiaoliu?brand=valid"' in page and "申请交流学习" in page
    feed = _feed((site / FEED_PATH).read_bytes())
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith("https://intranet.example/dangjian/")

    public = _build(project, "--edition", "public")
    page = (public / "brands" / "valid" / "index.html").read_text("utf-8")
    assert "申请交流学习" not in page and "oa.example" not in page and "mailto:" not in page
    assert "复制链接" in page
    feed_text = (public / FEED_PATH).read_text("utf-8")
    assert "test@example.org" not in feed_text and "0571-88880000" not in feed_text


def test_case_card_titles_never_break_a_number_from_its_unit() -> None:
    title = title_md("守住一位老人的十二万元养老钱 用时 48 小时")
    words = re.findall(r'<span class="bh-w">(.*?)</span>', title)
    assert "十二万元" in words and "养老" in words
    # Nothing added or lost: the reader sees the title as written.
    assert re.sub(r"<[^>]+>", "", title) == "守住一位老人的十二万元养老钱 用时 48 小时"
    assert title_md("a*b [x]") == r"a\*b \[x\]"
