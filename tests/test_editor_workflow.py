"""The editor's workflow around `check`: scope (paths, --changed), the forge formats,
the CI templates and pre-commit hook a content repository gets from `brandhall init`,
and the preview build of only the changed brands."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from brandhall.init import starter_files

from .conftest import ROOT, TODAY, VALID

BIN = Path(sys.executable).parent
TODAY_ARGS = ["--today", TODAY.isoformat()]


def _run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "brandhall"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    ).stdout


def _brand(root: Path, slug: str, name: str, *edits: tuple[str, str]) -> None:
    target = root / "brands" / slug
    shutil.copytree(VALID, target)
    path = target / "brand.yml"
    text = path.read_text(encoding="utf-8").replace("name: 测试先锋", f"name: {name}")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def two_commits(tmp_path: Path) -> Path:
    """A content repository: commit 1 holds brands a (with an error) and b; commit 2
    adds c, with a full-width colon and the name of b.  ``main`` points at commit 1."""
    repo = tmp_path / "content"
    for rel, content in starter_files().items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_bytes(content)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "editor@example.org")
    _git(repo, "config", "user.name", "editor")
    _brand(repo, "a", "甲品牌", ("  stars: 4", "  stars: 9"))
    _brand(repo, "b", "乙品牌")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "one")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(repo, "checkout", "-qb", "feature")
    _brand(repo, "c", "“乙品牌”", ("slogan: 一句口号", "slogan： 一句口号"))
    _brand(repo, "d", "丁品牌")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "two")
    return repo


def test_check_changed_reports_only_the_changed_brands(two_commits: Path) -> None:
    proc = _run("check", "--changed", "origin/main", *TODAY_ARGS, cwd=two_commits)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("brands/c/brand.yml:3:7: 错误:") and "全角冒号" in lines[0]
    assert not any(line.startswith("brands/a/") for line in lines), lines  # a did not change
    assert lines[-1] == "检查了 2 个品牌、2 个案例：1 个错误，0 个警告"


def test_check_changed_keeps_cross_brand_problems(two_commits: Path) -> None:
    """c copies b's name in Chinese quotes: a duplicate, although b did not change."""
    path = two_commits / "brands/c/brand.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("slogan：", "slogan:"), "utf-8")
    proc = _run("check", "--changed", "origin/main", *TODAY_ARGS, cwd=two_commits)
    assert proc.returncode == 1
    assert (
        "brands/c/brand.yml:2:7: 错误: 品牌名称: 品牌名称““乙品牌””与 brands/b/brand.yml 重复"
        in proc.stdout
    )
    assert "brands/c/brand.yml:2:7: 警告: 品牌名称: 值两端是中文引号" in proc.stdout


def test_check_paths(two_commits: Path) -> None:
    proc = _run("check", "brands/a", *TODAY_ARGS, cwd=two_commits)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "brands/a/brand.yml:43:10: 错误: 品牌状态的星级: 数值太大（读到 9；应不大于 5）；应为 1–5 的整数",
        "检查了 1 个品牌、1 个案例：1 个错误，0 个警告",
    ]
    ok = _run(
        "check",
        "brands/b/brand.yml",
        "brands/d/cases/yici-jiuyuan.md",
        *TODAY_ARGS,
        cwd=two_commits,
    )
    assert ok.returncode == 0, ok.stdout
    outside = _run("check", "docs", *TODAY_ARGS, cwd=two_commits)
    assert outside.returncode == 2 and "不在品牌目录" in outside.stderr


def test_gitlab_code_quality_report(two_commits: Path) -> None:
    proc = _run("check", "--format", "gitlab", *TODAY_ARGS, cwd=two_commits)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)  # the summary goes to stderr
    assert isinstance(report, list) and report
    for entry in report:
        assert isinstance(entry["description"], str) and entry["description"]
        assert isinstance(entry["check_name"], str) and entry["check_name"]
        assert isinstance(entry["fingerprint"], str) and entry["fingerprint"]
        assert entry["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(entry["location"]["path"], str)
        begin = entry["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
    assert len({e["fingerprint"] for e in report}) == len(report)
    assert "全角冒号" in next(
        e["description"] for e in report if e["location"]["path"] == "brands/c/brand.yml"
    )


def test_github_format_line_by_line(two_commits: Path) -> None:
    proc = _run("check", "brands/a", "brands/c", "--format", "github", *TODAY_ARGS, cwd=two_commits)
    lines = proc.stdout.splitlines()
    assert lines[:2] == [
        "::error file=brands/a/brand.yml,line=43,col=10,title=品牌状态的星级::"
        "品牌状态的星级: 数值太大（读到 9；应不大于 5）；应为 1–5 的整数",
        "::error file=brands/c/brand.yml,line=3,col=7::“slogan”后面用了中文全角冒号“：”；"
        "请改成英文冒号“%3A”，后面加一个空格，应写成：slogan%3A 一句口号".replace("%3A", ":"),
    ]


def test_gitea_format_folds_per_file(two_commits: Path) -> None:
    proc = _run("check", "--format", "gitea", *TODAY_ARGS, cwd=two_commits)
    lines = proc.stdout.splitlines()
    assert lines[0] == "::group::brands/a/brand.yml：1 个错误，0 个警告"
    assert lines[1].startswith("brands/a/brand.yml:43:10: 错误: 品牌状态的星级:")
    assert lines[2] == "::endgroup::"


def test_json_keeps_the_path_and_adds_the_label(two_commits: Path) -> None:
    proc = _run("check", "brands/a", "--format", "json", *TODAY_ARGS, cwd=two_commits)
    [entry] = json.loads(proc.stdout)
    assert entry["field"] == "status.stars" and entry["label"] == "品牌状态的星级"


# ---------------------------------------------------------------- CI templates
def _commands(name: str, data: dict[str, Any]) -> list[str]:
    if name == ".gitlab-ci.yml":
        cmds = list(data["default"]["before_script"])
        for job in ("check", "preview"):
            cmds += data[job]["script"]
        return cmds
    return [step["run"] for job in data["jobs"].values() for step in job["steps"] if "run" in step]


TEMPLATES = [".github/workflows/brandhall.yml", ".gitea/workflows/brandhall.yml", ".gitlab-ci.yml"]


@pytest.mark.parametrize("name", TEMPLATES)
def test_ci_template_commands_run(name: str, two_commits: Path) -> None:
    """Each template parses, and its commands (all but installing brandhall and
    fetching) run in a content repository: the check, the report, the preview."""
    repo = two_commits
    path = repo / "brands/c/brand.yml"  # a green merge request
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("slogan：", "slogan:")
        .replace("“乙品牌”", "丙品牌"),
        encoding="utf-8",
    )
    data = yaml.safe_load((repo / name).read_text(encoding="utf-8"))
    commands = _commands(name, data)
    assert any("brandhall check" in c for c in commands)
    assert any("brandhall build --changed" in c for c in commands)
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_DEFAULT_BRANCH": "main",
    }
    script = ["set -e"]
    for command in commands:
        command = re.sub(r"\$\{\{\s*github\.base_ref \|\| 'main'\s*\}\}", "main", command)
        if command.startswith(("pip install", "git fetch")):
            continue
        if command.startswith("brandhall "):
            command = command.replace(
                "brandhall check", "brandhall check --today " + TODAY.isoformat()
            )
        script.append(command)
    proc = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    preview = repo / "preview"
    assert (preview / "index.html").is_file() and (preview / "gallery" / "index.html").is_file()
    assert sorted(p.name for p in (preview / "brands").iterdir() if p.is_dir()) == ["c", "d"]
    if name == ".gitlab-ci.yml":
        assert json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []
        assert data["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    else:
        assert json.loads((repo / "brandhall-report.json").read_text(encoding="utf-8")) == []


def test_init_output_checks_and_builds_green(tmp_path: Path) -> None:
    repo = tmp_path / "showcase"
    proc = _run("init", str(repo), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for rel in (
        "mkdocs.yml",
        "brands/.gitkeep",
        "docs/contribute.md",
        "README.md",
        ".gitlab-ci.yml",
        ".github/workflows/brandhall.yml",
        ".gitea/workflows/brandhall.yml",
        ".pre-commit-config.yaml",
        "requirements.txt",
    ):
        assert (repo / rel).is_file(), rel
    assert _run("check", *TODAY_ARGS, cwd=repo).returncode == 0
    new = _run(
        "new", "--name", "蓝焰红心", "--sector", "消防救援", "--region", "江苏省/苏州市", cwd=repo
    )
    assert new.returncode == 0, new.stderr
    again = _run("new", "lanyan-2", "--name", "“蓝焰红心”", cwd=repo)
    assert again.returncode == 1 and "已经被" in again.stderr
    shutil.rmtree(repo / "brands" / "lanyan-hongxin")
    build = _run("build", *TODAY_ARGS, cwd=repo)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (repo / "site" / "index.html").is_file()
    assert _run("init", str(repo), cwd=tmp_path).returncode == 2  # never over a repository


def test_starter_guide_is_the_sites_guide() -> None:
    assert starter_files()["docs/contribute.md"] == (ROOT / "docs/contribute.md").read_bytes()


def _timed_build(repo: Path, *args: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `brandhall build` in ``repo``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = _run("build", *args, "--site-dir", "preview", *TODAY_ARGS, cwd=repo)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def test_preview_of_one_brand_among_a_thousand(tmp_path: Path) -> None:
    """The preview of one brand costs what a one-brand site costs, whatever the size of
    the catalog: under 10 s of CPU (the wall clock on a shared machine is compared with
    a one-brand build, since most of either is MkDocs and loading jieba)."""
    small, big = tmp_path / "small", tmp_path / "big"
    for repo in (small, big):
        for rel, content in starter_files().items():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            (repo / rel).write_bytes(content)
    _brand(small, "b0500", "品牌0500")
    for i in range(1000):
        _brand(big, f"b{i:04d}", f"品牌{i:04d}")
    base_wall, _ = _timed_build(small)
    wall, cpu = _timed_build(big, "--only", "b0500")
    assert [p.name for p in (big / "preview/brands").iterdir() if p.is_dir()] == ["b0500"]
    assert cpu < 10, cpu
    assert wall < base_wall * 1.5 + 2, (wall, base_wall)


# ---------------------------------------------------------------- pre-commit
def test_pre_commit_hook_with_the_real_tool(tmp_path: Path) -> None:
    """.pre-commit-hooks.yaml, installed by pre-commit from a copy of this repository,
    checks the brand files of a commit (pre-commit installs brandhall with pip)."""
    hook_repo = tmp_path / "brandhall"
    hook_repo.mkdir()
    for rel in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / rel, hook_repo / rel)
    shutil.copytree(
        ROOT / "generator",
        hook_repo / "generator",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    _git(hook_repo, "init", "-q")
    _git(hook_repo, "add", "-A")
    _git(hook_repo, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "hook")
    rev = _git(hook_repo, "rev-parse", "HEAD").strip()
    content = tmp_path / "content"
    _brand(content, "a", "甲品牌", ("slogan: 一句口号", "slogan：一句口号"))
    (content / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: brandhall-check\n",
        encoding="utf-8",
    )
    _git(content, "init", "-q")
    _git(content, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    run = [str(BIN / "pre-commit"), "run", "--all-files"]
    proc = subprocess.run(run, cwd=content, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "brands/a/brand.yml:3:7: 错误:" in proc.stdout and "全角冒号" in proc.stdout
    fixed = content / "brands/a/brand.yml"
    fixed.write_text(fixed.read_text(encoding="utf-8").replace("slogan：", "slogan: "), "utf-8")
    proc = subprocess.run(run, cwd=content, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ---------------------------------------------------------------- the guide
def test_guide_writes_out_every_vocabulary() -> None:
    from brandhall.taxonomy import (
        HONOR_LEVELS,
        ORG_TYPES,
        PROVINCES,
        REVIEW_METHODS,
        SECTORS,
        STAGES,
    )

    guide = (ROOT / "docs/contribute.md").read_text(encoding="utf-8")
    for vocabulary in (SECTORS, PROVINCES, ORG_TYPES, STAGES, HONOR_LEVELS, REVIEW_METHODS):
        assert "、".join(vocabulary) in guide


def test_guide_template_needs_only_its_placeholders(tmp_path: Path) -> None:
    """The template editors paste in the browser reads as YAML with no keyboard
    finding; once the placeholders are filled in, it checks green."""
    guide = (ROOT / "docs/contribute.md").read_text(encoding="utf-8")
    template = guide.split("## 档案模板")[1].split("```yaml\n")[1].split("```")[0]
    folder = tmp_path / "brands" / "lanyan-hongxin"
    folder.mkdir(parents=True)
    (folder / "brand.yml").write_text(template, encoding="utf-8")
    proc = _run("check", *TODAY_ARGS, cwd=tmp_path)
    codes = {
        p["code"]
        for p in json.loads(_run("check", "--format", "json", *TODAY_ARGS, cwd=tmp_path).stdout)
    }
    assert codes == {"placeholder"}, proc.stdout
    filled = (
        template.replace("【待填写】品牌名称", "蓝焰红心")
        .replace("【待填写】行业领域", "消防救援")
        .replace("【待填写】省级行政区全称", "江苏省")
        .replace("【待填写】市", "苏州市")
        .replace("【待填写】YYYY-MM", "2021-05")
        .replace("【待填写】", "大队党委坚持把支部建在连上，书记抓、抓书记，党员先锋岗车哨全覆盖，")
    )
    (folder / "brand.yml").write_text(filled, encoding="utf-8")
    proc = _run("check", *TODAY_ARGS, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
