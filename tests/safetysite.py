"""The hostile Markdown corpus planted into real brands and built with `brandhall build`.

Shared by tests/test_safety_site.py and benchmarks/safety_figures.py (the figures for IT
staff in docs/publishing.md).  Every vector of tests/hostile/markdown.yml goes into a
brand.yml Markdown field (one ``practices`` item each) AND into a case body (one case
file each), spread over a few brands so one build covers them all.  `brandhall check`
runs once over everything; a vector it rejects (an error located on the vector's own
lines) is taken out, and the rest is built once.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

from .conftest import TODAY, VALID
from .sitetools import build_site

HOSTILE = Path(__file__).resolve().parent / "hostile"
MARKDOWN_CORPUS: list[dict[str, Any]] = yaml.safe_load(
    (HOSTILE / "markdown.yml").read_text(encoding="utf-8")
)
VECTORS: list[dict[str, Any]] = [v for group in MARKDOWN_CORPUS for v in group["vectors"]]
ATTACK_BRANDS = 3

# Plain-text fields: never Markdown, never raw. Each value passes `check` (no tag, no link)
# and holds what breaks out of an attribute or a template that does not escape.
PLAIN_NAME = "甲&乙\"丙'丁>戊<己 &lt;i&gt;"
PLAIN_FIELDS: dict[str, str] = {
    "name": PLAIN_NAME,
    "slogan": '口号" onclick="alert(1)" {: onclick=x }',
    "summary": (
        '简介"><x onfocus=alert(1) autofocus '
        "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;引号&#34; 与 & 符号，足够长。"
    ),
    "org": "某单位&lt;img src=x onerror=alert(1)&gt;党支部 {: onclick=x }",
}
PLAIN_TAGS = ['a"b', "&lt;i&gt;", "c'>d"]
PLAIN_CASE_TITLE = '标题" onfocus="alert(1)" &amp; {: onclick=alert(1) } </title'
PLAIN_CASE_SUMMARY = '摘要"> onfocus=alert(1) &#106;avascript:alert(1) 这段摘要足够二十个字。'


@dataclass
class Plant:
    """One vector in one place."""

    vector: dict[str, Any]
    where: str  # "yml" or "case"
    brand: str
    file: str  # path relative to the work directory, as `check` prints it
    first: int  # first and last line of the vector in that file
    last: int
    case_slug: str = ""
    rejected: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.where}:{self.vector['id']}"

    @property
    def page(self) -> str:
        """The built page (site-relative) that shows the vector."""
        if self.where == "yml":
            return f"brands/{self.brand}/index.html"
        return f"brands/{self.brand}/cases/{self.case_slug}/index.html"


@dataclass
class PlantedSite:
    work: Path
    site: Path
    plants: list[Plant]
    check_output: list[dict[str, Any]]
    build: subprocess.CompletedProcess[str]

    @property
    def rejected(self) -> list[Plant]:
        return [p for p in self.plants if p.rejected]

    @property
    def built(self) -> list[Plant]:
        return [p for p in self.plants if not p.rejected]


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (198, 40, 40)).save(buf, "PNG")
    return buf.getvalue()


def _block(text: str, indent: int) -> list[str]:
    """``text`` as the lines of a YAML literal block scalar at ``indent`` spaces."""
    pad = " " * indent
    return [pad + line if line else "" for line in text.split("\n")]


def _brand_yml(
    name: str, practices: list[tuple[str, str]], base: str
) -> tuple[str, dict[int, tuple[int, int]]]:
    """brand.yml text with ``practices`` (title, body) and the line range of each body."""
    head, rest = base.split("practices:\n", 1)
    rest = rest.split("outcomes:", 1)[1]
    lines = head.replace("name: 测试先锋", f"name: {name}").split("\n")
    lines[-1:] = ["practices:"]
    lines += ["  - title: 基本做法", "    body: 在每个班组设立党员先锋岗。"]
    ranges: dict[int, tuple[int, int]] = {}
    for i, (title, body) in enumerate(practices):
        lines += [f"  - title: {title}", "    body: |-"]
        first = len(lines) + 1
        lines += _block(body, 6)
        ranges[i] = (first, len(lines))
    text = "\n".join(lines) + "\noutcomes:" + rest
    return text, ranges


def _case(title: str, summary: str, body: str, tags: list[str] | None = None) -> str:
    front = {"title": title, "date": "2024-08-16", "summary": summary}
    if tags:
        front["tags"] = tags  # type: ignore[assignment]
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n\n{body}\n"


def _case_body_first_line(text: str) -> int:
    return text.split("\n").index("---", 1) + 3


def plant(work: Path, skip: set[str] = frozenset()) -> list[Plant]:  # type: ignore[assignment]
    """Write brands/ under ``work``: control (the valid fixture), attack-1…N with the
    vectors (minus the plant ids in ``skip``), and plain-text (hostile plain fields)."""
    brands = work / "brands"
    if brands.exists():
        shutil.rmtree(brands)
    brands.mkdir(parents=True)
    base = (VALID / "brand.yml").read_text(encoding="utf-8")
    png = png_bytes()

    # control: the valid fixture, plus links and an image that the prose pass must map.
    control = brands / "control"
    shutil.copytree(VALID, control)
    (control / "images").mkdir()
    (control / "images" / "a.png").write_bytes(png)
    (control / "cases" / "links.md").write_text(
        _case(
            "链接与图片",
            "案例正文里的相对链接和图片在网站上都能打开，这句摘要足够长。",
            "## 图片\n\n![现场照片](../images/a.png)\n\n## 链接\n\n"
            "[别的品牌](../../attack-1/index.md)、[另一篇案例](yici-jiuyuan.md#_2)、"
            "[投稿指南](../../../contribute.md)和[外链](https://example.org/a?b=1)。\n\n"
            "```\n第一行\n\n<b>第三行</b>\n```\n",
        ),
        encoding="utf-8",
    )

    plants: list[Plant] = []
    per = -(-len(VECTORS) // ATTACK_BRANDS)
    for k in range(ATTACK_BRANDS):
        slug = f"attack-{k + 1}"
        folder = brands / slug
        (folder / "cases").mkdir(parents=True)
        (folder / "images").mkdir()
        (folder / "images" / "a.png").write_bytes(png)
        shutil.copy(VALID / "logo.svg", folder / "logo.svg")
        chunk = VECTORS[k * per : (k + 1) * per]
        in_yml = [v for v in chunk if f"yml:{v['id']}" not in skip]
        text, ranges = _brand_yml(
            f"攻击样本{k + 1}", [(f"向量{i + 1}", v["text"]) for i, v in enumerate(in_yml)], base
        )
        (folder / "brand.yml").write_text(text, encoding="utf-8")
        loaded = yaml.safe_load(text)
        for i, v in enumerate(in_yml):
            assert loaded["practices"][i + 1]["body"] == v["text"], v["id"]
            first, last = ranges[i]
            plants.append(Plant(v, "yml", slug, f"brands/{slug}/brand.yml", first, last))
        for v in chunk:
            if f"case:{v['id']}" in skip:
                continue
            # Case bodies resolve images from cases/: the same picture, one folder up.
            body = v["text"].replace("images/a.png", "../images/a.png")
            case_text = _case(f"案例 {v['id']}", "安全测试用的案例摘要，长度超过二十个字。", body)
            (folder / "cases" / f"{v['id']}.md").write_text(case_text, encoding="utf-8")
            first = _case_body_first_line(case_text)
            plants.append(
                Plant(
                    v,
                    "case",
                    slug,
                    f"brands/{slug}/cases/{v['id']}.md",
                    first,
                    first + body.count("\n"),
                    case_slug=v["id"],
                )
            )

    # plain-text: names, slogans, summaries, titles, tags, org names.
    plain = brands / "plain-text"
    shutil.copytree(VALID, plain)
    data = (plain / "brand.yml").read_text(encoding="utf-8")
    data = (
        data.replace("name: 测试先锋", f"name: {json.dumps(PLAIN_FIELDS['name'])}")
        .replace("slogan: 一句口号", f"slogan: {json.dumps(PLAIN_FIELDS['slogan'])}")
        .replace(
            "summary: 这是一个用于测试的品牌简介，长度超过二十个字，用来验证加载器。",
            f"summary: {json.dumps(PLAIN_FIELDS['summary'], ensure_ascii=False)}",
        )
        .replace("  name: 某市测试单位党支部", f"  name: {json.dumps(PLAIN_FIELDS['org'])}")
        .replace("tags: [先锋岗, 智慧党建]", f"tags: {json.dumps(PLAIN_TAGS)}")
    )
    (plain / "brand.yml").write_text(data, encoding="utf-8")
    (plain / "cases" / "yici-jiuyuan.md").write_text(
        _case(PLAIN_CASE_TITLE, PLAIN_CASE_SUMMARY, "## 经过\n\n正文。", tags=PLAIN_TAGS[:2]),
        encoding="utf-8",
    )
    return plants


def run_check(work: Path) -> list[dict[str, Any]]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "brandhall.cli", "check", "--brands", "brands"]
        + ["--format", "json", "--today", TODAY.isoformat()],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return list(json.loads(proc.stdout or "[]"))


def attribute(plants: list[Plant], problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each error to the plant whose lines it names; return errors nobody owns."""
    orphans = []
    for problem in problems:
        if problem["severity"] != "error":
            continue
        owners = [
            p for p in plants if p.file == problem["path"] and p.first <= problem["line"] <= p.last
        ]
        for owner in owners:
            owner.rejected.append(problem)
        if not owners:
            orphans.append(problem)
    return orphans


def build_planted(work: Path) -> PlantedSite:
    """Plant everything, check once, take out what check rejects, build once."""
    plants = plant(work)
    problems = run_check(work)
    orphans = attribute(plants, problems)
    assert orphans == [], orphans
    skip = {p.id for p in plants if p.rejected}
    kept = plant(work, skip)
    # The second planting moved yml lines; re-check: what is left must pass.
    leftover = [p for p in run_check(work) if p["severity"] == "error"]
    assert leftover == [], leftover
    assert {p.id for p in kept} == {p.id for p in plants} - skip
    site = work / "site"
    proc = build_site(site, work / "brands")
    return PlantedSite(work, site, plants, problems, proc)
