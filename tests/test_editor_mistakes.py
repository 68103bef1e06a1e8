"""Every mistake of the editor trial (docs: research/editor-trial.md) and more: what an
editor sees in Chinese, on which line and column, and the exit code.

Each row changes the valid fixture brand in one place.  No row may pass silently (exit
0 with no message), and no Chinese message may carry the YAML parser's English.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from brandhall.load import load_catalog

from .conftest import TODAY, VALID

BRAND = "brands/a/brand.yml"
CASE = "brands/a/cases/yici-jiuyuan.md"
# (id, file, old, new, expected line, column, severity, words the message must hold)
ROWS: list[tuple[str, str, str, str, int, int, str, tuple[str, ...]]] = [
    # --- A. YAML syntax: the Chinese-keyboard mistakes ------------------------
    (
        "A1 full-width colon",
        BRAND,
        "slogan: 一句口号",
        "slogan： 一句口号",
        3,
        7,
        "error",
        ("全角冒号", "slogan: 一句口号"),
    ),
    (
        "A1b nested full-width colon",
        BRAND,
        "  type: 党支部",
        '  type："党支部"',
        7,
        7,
        "error",
        ("全角冒号", 'type: "党支部"'),
    ),
    (
        "A1c case front matter colon",
        CASE,
        "title: 一次夜间救援",
        "title：一次夜间救援",
        2,
        6,
        "error",
        ("全角冒号", "title: 一次夜间救援"),
    ),
    ("A2 tab indentation", BRAND, "  type: 党支部", "\ttype: 党支部", 7, 1, "error", ("Tab",)),
    (
        "A2b full-width space indentation",
        BRAND,
        "  sector: 消防救援",
        "\u3000sector: 消防救援",
        8,
        1,
        "error",
        ("全角空格", "U+3000"),
    ),
    (
        "A2c NBSP indentation",
        BRAND,
        "  sector: 消防救援",
        " \u00a0sector: 消防救援",
        8,
        2,
        "error",
        ("不换行空格", "U+00A0"),
    ),
    (
        "A2d zero-width space before a key",
        BRAND,
        "slogan: 一句口号",
        "\u200bslogan: 一句口号",
        3,
        1,
        "error",
        ("零宽字符", "U+200B"),
    ),
    (
        "A3 no space after colon",
        BRAND,
        "slogan: 一句口号",
        'slogan:"一句口号"',
        3,
        8,
        "error",
        ("少了一个空格", 'slogan: "一句口号"'),
    ),
    (
        "A3b no space, nested",
        BRAND,
        "  members: 12",
        "  parent:某市党委\n  members: 12",
        10,
        10,
        "error",
        ("少了一个空格", "parent: 某市党委"),
    ),
    (
        "A4 Chinese quotes around a value",
        BRAND,
        "slogan: 一句口号",
        "slogan: “一句口号”",
        3,
        9,
        "warning",
        ("中文引号", "原样显示"),
    ),
    (
        "A5 Word single quotes around a name",
        BRAND,
        "name: 测试先锋",
        "name: ‘测试先锋’",
        2,
        7,
        "warning",
        ("中文引号",),
    ),
    (
        'A5b opened with " closed with ”',
        BRAND,
        "slogan: 一句口号",
        'slogan: "一句口号”',
        3,
        14,
        "error",
        ("中文引号 ”", 'slogan: "一句口号"'.split(": ")[1]),
    ),
    (
        "A5c quote never closed",
        BRAND,
        "slogan: 一句口号",
        'slogan: "一句口号',
        3,
        9,
        "error",
        ("没有闭合",),
    ),
    (
        "A6 Markdown bold at the start",
        BRAND,
        "  - 党建与业务要一起考核。",
        "  - **零事故**党建与业务",
        38,
        5,
        "error",
        ("“*”", '"**零事故**党建与业务"'),
    ),
    (
        "A6b *NEW*",
        BRAND,
        "slogan: 一句口号",
        "slogan: *NEW* 红心向党",
        3,
        9,
        "error",
        ('"*NEW* 红心向党"',),
    ),
    (
        "A6c @ at the start",
        BRAND,
        "slogan: 一句口号",
        "slogan: @全体党员 红心",
        3,
        9,
        "error",
        ("“@”", '"@全体党员 红心"'),
    ),
    (
        "A6d % at the start",
        BRAND,
        "  - 党建与业务要一起考核。",
        "  - %100的党员冲锋在前",
        38,
        5,
        "error",
        ("“%”",),
    ),
    ("A6e backquote", BRAND, "slogan: 一句口号", "slogan: `口号`", 3, 9, "error", ("“`”",)),
    (
        "B0 a required value left blank",
        BRAND,
        "summary: 这是一个用于测试的品牌简介，长度超过二十个字，用来验证加载器。",
        "summary:",
        4,
        9,
        "error",
        ("没有填写内容", "品牌简介"),
    ),
    (
        "A9 hashtag after a space is cut as a comment",
        BRAND,
        "slogan: 一句口号",
        "slogan: 一句口号 #党建引领#",
        3,
        14,
        "warning",
        ("注释", "“一句口号”", '"一句口号 #党建引领#"'),
    ),
    (
        "A6f ! at the start",
        BRAND,
        "slogan: 一句口号",
        "slogan: !重要 口号",
        3,
        9,
        "error",
        ("“!”",),
    ),
    ("A6g text after |", BRAND, "slogan: 一句口号", "slogan: | 红心向党", 3, 9, "error", ("“|”",)),
    (
        "A6h > quote at the start",
        BRAND,
        "slogan: 一句口号",
        "slogan: >> 红心",
        3,
        9,
        "error",
        ("“>”",),
    ),
    (
        "A7 paragraphs without |",
        BRAND,
        "connotation: |\n  品牌内涵需要至少五十个字，这里写一段足够长的文字来满足要求。\n",
        "connotation: 品牌内涵需要至少五十个字，这里写一段足够长的文字来满足要求。\n\n",
        15,
        1,
        "warning",
        ("没有用“|”", "connotation: |"),
    ),
    (
        "A7b paragraphs without | holding ': '",
        BRAND,
        "connotation: |\n  品牌内涵需要至少五十个字，这里写一段足够长的文字来满足要求。\n  第二行继续说明",
        "connotation: 品牌内涵需要至少五十个字，这里写一段足够长的文字来满足要求。\n  第二行: 继续说明",
        16,
        6,
        "error",
        ("connotation: |",),
    ),
    (
        "A8 no space after -",
        BRAND,
        "  - 党建与业务要一起考核。",
        '  -"党建与业务要一起考核。"',
        38,
        4,
        "error",
        ("“-”后面要有一个空格",),
    ),
    (
        "A8b full-width dash",
        BRAND,
        "  - 党建与业务要一起考核。",
        "  － 党建与业务要一起考核。",
        38,
        3,
        "error",
        ("英文减号",),
    ),
    (
        "A8c uncommented with one space left",
        BRAND,
        "logo:\n  file: logo.svg\n  meaning: 标识释义。",
        " logo:\n   file: logo.svg\n   meaning: 标识释义。",
        12,
        2,
        "error",
        ("多缩进了 1 格", "# "),
    ),
    (
        "A8d body not under title",
        BRAND,
        "    body: 在每个班组设立党员先锋岗。",
        "  body: 在每个班组设立党员先锋岗。",
        25,
        3,
        "error",
        ("左对齐", "第 24 行"),
    ),
    (
        "A8e sibling out of line",
        BRAND,
        "  meaning: 标识释义。",
        " meaning: 标识释义。",
        14,
        2,
        "error",
        ("“file”左对齐",),
    ),
    # --- B. Values --------------------------------------------------------------
    (
        "B1 2023年5月",
        BRAND,
        "established: 2020-05",
        "established: 2023年5月",
        11,
        14,
        "error",
        ("日期格式不对", "2023-05"),
    ),
    (
        "B1b 2023.5 is a date, not a number",
        BRAND,
        "established: 2020-05",
        "established: 2023.5",
        11,
        14,
        "error",
        ("日期格式不对", "2023-05"),
    ),
    (
        "B1c 2023/05/01",
        BRAND,
        "established: 2020-05",
        "established: 2023/05/01",
        11,
        14,
        "error",
        ("2023-05-01",),
    ),
    (
        "B1d review date label",
        BRAND,
        "  - date: 2024-12-20",
        "  - date: 2025年12月20日",
        47,
        11,
        "error",
        ("评估记录第 1 条的评估日期", "2025-12-20"),
    ),
    (
        "B1e future date",
        BRAND,
        "established: 2020-05",
        "established: 2027-03",
        11,
        14,
        "error",
        ("日期在未来",),
    ),
    (
        "B2 province without 省",
        BRAND,
        "  region: [浙江省, 某市]",
        "  region: [江苏, 苏州市]",
        9,
        12,
        "error",
        ("江苏省",),
    ),
    (
        "B2b region as one string",
        BRAND,
        "  region: [浙江省, 某市]",
        "  region: 江苏省苏州市吴中区",
        9,
        11,
        "error",
        ("[江苏省, 苏州市, 吴中区]",),
    ),
    (
        "B2c region as one item keeps the city",
        BRAND,
        "  region: [浙江省, 某市]",
        "  region: [江苏省苏州市]",
        9,
        12,
        "error",
        ("[江苏省, 苏州市]",),
    ),
    (
        "B3 stars as ★★★",
        BRAND,
        "  stars: 4",
        "  stars: ★★★",
        43,
        10,
        "error",
        ("1–5 的整数", "是否应为 3"),
    ),
    (
        "B3b stars as 三星",
        BRAND,
        "  stars: 4",
        "  stars: 三星",
        43,
        10,
        "error",
        ("1–5 的整数", "是否应为 3"),
    ),
    ("B3c stars out of range", BRAND, "  stars: 4", "  stars: 9", 43, 10, "error", ("1–5 的整数",)),
    (
        "B9 Chinese comma in a flow list",
        BRAND,
        "tags: [先锋岗, 智慧党建]",
        "tags: [先锋岗，智慧党建]",
        40,
        11,
        "error",
        ("中文标点“，”", "[先锋岗, 智慧党建]"),
    ),
    (
        "B9b Chinese comma in a case's tags",
        CASE,
        "tags: [应急救援]",
        "tags: [应急救援，智慧党建]",
        5,
        12,
        "error",
        ("[应急救援, 智慧党建]",),
    ),
    (
        "B9c enumeration comma",
        BRAND,
        "tags: [先锋岗, 智慧党建]",
        "tags: [先锋岗、智慧党建]",
        40,
        11,
        "error",
        ("“、”",),
    ),
    (
        "B9d full-width brackets",
        BRAND,
        "tags: [先锋岗, 智慧党建]",
        "tags: ［先锋岗, 智慧党建］",
        40,
        7,
        "error",
        ("中文方括号",),
    ),
    (
        "B10 labels in the editor's words",
        BRAND,
        "    body: 在每个班组设立党员先锋岗。",
        "    body: <b>x</b>",
        25,
        11,
        "error",
        ("主要做法第 1 条的内容",),
    ),
]


def _mutate(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(VALID, tmp_path / "brands" / "a")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_mistake_is_named(repo: Path, row: tuple) -> None:  # type: ignore[type-arg]
    _id, rel, old, new, line, column, severity, words = row
    _mutate(repo, rel, old, new)
    result = load_catalog(Path("brands"), today=TODAY)
    problems = [p for p in result.problems if p.path == rel]
    assert problems, "passed silently"
    first = (
        problems[0]
        if len(problems) == 1
        else next((p for p in problems if p.line == line), problems[0])
    )
    shown = [p.format_text("zh") for p in problems]
    assert (first.line, first.column, first.severity) == (line, column, severity), shown
    text = first.format_text("zh")
    for word in words:
        assert word in text, (word, text)
    for p in problems:  # no message in Chinese carries the parser's English
        assert not re.search(r"[A-Za-z]{4,} [a-z]{2,} [a-z]{2,}", p.message("zh")), p.message("zh")
    errors = [p for p in result.problems if p.severity == "error"]
    exit_code = 1 if errors else 0
    assert exit_code == (1 if severity == "error" else 0)


def test_the_valid_fixture_has_no_findings(repo: Path) -> None:
    assert load_catalog(Path("brands"), today=TODAY).problems == ()


def test_case_word_file_is_an_error(repo: Path) -> None:
    (repo / "brands/a/cases/peixun.docx").write_bytes(b"PK\x03\x04")
    (repo / "brands/a/cases/yunketang.md.txt").write_text("---\n", encoding="utf-8")
    result = load_catalog(Path("brands"), today=TODAY)
    texts = {p.path: p.format_text("zh") for p in result.problems}
    assert "peixun.md" in texts["brands/a/cases/peixun.docx"]
    assert "改名为 yunketang.md" in texts["brands/a/cases/yunketang.md.txt"]
    assert all(p.severity == "error" for p in result.problems)


def test_logo_present_but_commented_out(repo: Path) -> None:
    _mutate(
        repo,
        BRAND,
        "logo:\n  file: logo.svg\n  meaning: 标识释义。",
        "# logo:\n#   file: logo.svg\n#   meaning: 标识释义。",
    )
    [problem] = load_catalog(Path("brands"), today=TODAY).problems
    assert problem.severity == "warning" and problem.line == 12
    assert "logo.svg" in problem.message("zh") and "12–14" in problem.message("zh")


def test_quoted_copy_of_a_name_is_a_duplicate(repo: Path) -> None:
    shutil.copytree(repo / "brands/a", repo / "brands/b")
    _mutate(repo, "brands/b/brand.yml", "name: 测试先锋", "name: “测试先锋”")
    codes = {p.code for p in load_catalog(Path("brands"), today=TODAY).problems}
    assert {"name_duplicate", "kb_wrapped_quotes"} <= codes


def test_phone_digits_are_text(repo: Path) -> None:
    _mutate(repo, BRAND, "  phone: 0571-88880000", "  phone: 13912345678")
    result = load_catalog(Path("brands"), today=TODAY)
    assert result.problems == ()
    assert result.catalog.brands[0].profile.contact.phone == "13912345678"  # type: ignore[union-attr]


def test_block_text_is_content_not_structure(repo: Path) -> None:
    """Inside | text, a full-width colon, ** and a Chinese comma are just text."""
    _mutate(repo, BRAND, "  第二行继续说明", "  **重点：**第二行，继续说明")
    assert load_catalog(Path("brands"), today=TODAY).problems == ()


def test_mixed_commas_in_tags(repo: Path) -> None:
    """ASCII commas between tags, a Chinese one inside: still two tags meant as one."""
    _mutate(repo, BRAND, "tags: [先锋岗, 智慧党建]", "tags: [先锋岗, 智慧党建，云课堂]")
    [problem] = load_catalog(Path("brands"), today=TODAY).problems
    assert problem.code == "kb_tag_comma" and problem.line == 40
    assert "[智慧党建, 云课堂]" in problem.message("zh")


def test_no_finding_on_yaml_a_machine_wrote() -> None:
    """Every sample brand and case, written out by PyYAML in block and flow style at
    several widths and indents: valid YAML, so the pre-scan must find no error."""
    import yaml

    from brandhall.load.prescan import prescan

    from .conftest import ROOT

    sources = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("brands/*/brand.yml"))]
    sources += [
        p.read_text(encoding="utf-8").split("---")[1]
        for p in sorted(ROOT.glob("brands/*/cases/*.md"))
    ]
    assert len(sources) > 30
    for source in sources:
        data = yaml.safe_load(source)
        assert [p for p in prescan(source, "x") if p.severity == "error"] == []
        for style in (None, False, True):
            for indent in (2, 4):
                for width in (40, 80, 1000):
                    text = yaml.safe_dump(
                        data,
                        allow_unicode=True,
                        default_flow_style=style,
                        sort_keys=False,
                        width=width,
                        indent=indent,
                    )
                    found = [p for p in prescan(text, "x") if p.severity == "error"]
                    assert found == [], (found, text)
