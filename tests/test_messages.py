"""Every word a user reads comes from messages.py, in Chinese or, with --lang en, English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from brandhall.messages import MESSAGES
from brandhall.taxonomy import (
    HONOR_LEVELS,
    ORG_TYPES,
    PROVINCES,
    REVIEW_METHODS,
    SECTORS,
    STAGES,
)

from .conftest import ROOT, TODAY
from .sitetools import run_cli

PACKAGE = ROOT / "generator" / "brandhall"
# Chinese words; punctuation alone (a full-width comma the parser accepts) is no message.
CJK = re.compile(r"[\u4e00-\u9fff]")

# Modules whose Chinese is content, not messages: the content model's labels (the JSON
# Schema's titles), vocabularies, the scaffold's template, and the pages themselves.
CONTENT_MODULES = {"messages.py", "model.py", "taxonomy.py", "scaffold.py", "textcheck.py"}
CONTENT_PACKAGES = {"render"}
# How a value is shown on a page (the leak check looks for it), and the range of Chinese
# characters the search index pairs: not messages.
CONTENT_CONSTANTS = {("visibility.py", "_SHOWN_AS"), ("searchindex.py", "CJK")}


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
        # Attribute docstrings (a string right after an assignment).
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for before, after in zip(body, body[1:], strict=False):
                if (
                    isinstance(before, ast.Assign | ast.AnnAssign)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                ):
                    ids.add(id(after.value))
    return ids


def _cjk_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstring_nodes(tree)
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and (path.name, target.id) in CONTENT_CONSTANTS:
                    exempt |= {id(n) for n in ast.walk(node.value)}
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings | exempt
            and len(node.value) > 1  # a single character is a bound or a separator
            and CJK.search(node.value)
        ):
            found.append(f"{path.name}:{node.lineno}: {node.value[:40]!r}")
    return found


def test_no_user_facing_string_outside_messages() -> None:
    offending = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.name in CONTENT_MODULES and len(rel.parts) == 1:
            continue
        if rel.parts[0] in CONTENT_PACKAGES:
            continue
        offending += _cjk_strings(path)
    assert offending == []


def test_the_scan_finds_a_planted_message(tmp_path: Path) -> None:
    planted = tmp_path / "publish.py"
    planted.write_text('def f():\n    """说明"""\n    raise ValueError("发布失败")\n')
    assert _cjk_strings(planted) == ["publish.py:3: '发布失败'"]


def test_every_message_has_both_languages() -> None:
    for code, (zh, en) in MESSAGES.items():
        assert zh.strip() and en.strip(), code
        assert _english(en) == [], code


VOCABULARY = sorted(
    {*SECTORS, *PROVINCES, *ORG_TYPES, *STAGES, *HONOR_LEVELS, *REVIEW_METHODS},
    key=len,
    reverse=True,
)


def _english(text: str) -> list[str]:
    """Lines of ``text`` with Chinese outside quoted values and vocabulary (content)."""
    unquoted = re.sub(r"'[^']*'|“[^”]*”", "", text)
    for word in VOCABULARY:
        unquoted = unquoted.replace(word, "")
    return [line for line in unquoted.splitlines() if CJK.search(line)]


def test_lang_en_turns_every_message_english(project: Path) -> None:
    brand = project / "brands" / "valid" / "brand.yml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace("stage: 命名", "stage: best"), encoding="utf-8"
    )
    today = ["--today", TODAY.isoformat()]
    runs = {
        "check": run_cli("check", "--lang", "en", *today, cwd=project),
        "build": run_cli("build", "--lang", "en", *today, cwd=project),
        "usage": run_cli("build", "--lang", "en", "--edition", "secret", cwd=project),
        "site-dir": run_cli("build", "--lang", "en", "--site-dir", "brands", *today, cwd=project),
        "new": run_cli("new", "--lang", "en", "--name", "x", cwd=project),
        "rollback": run_cli("rollback", "--lang", "en", str(project / "nowhere"), cwd=project),
    }
    expected = {"check": 1, "build": 1, "usage": 2, "site-dir": 2, "new": 2, "rollback": 1}
    for name, proc in runs.items():
        assert proc.returncode == expected[name], (name, proc.stdout, proc.stderr)
        out = proc.stdout + proc.stderr
        assert "Traceback" not in out, name
        assert _english(out) == [], (name, out)
    assert "brands/valid/brand.yml:42:10: error: status.stage:" in runs["check"].stdout
    assert "the site was not built" in runs["build"].stderr
    # ... and the same in Chinese by default.
    zh = run_cli("build", *today, cwd=project)
    assert "未构建网站" in zh.stderr and "错误: 品牌状态的品牌阶段:" in zh.stdout
