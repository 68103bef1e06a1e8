"""`brandhall new`: a brand folder whose brand.yml explains every field in Chinese."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import BrandhallError, UsageError
from .model import SLUG_MAX, SLUG_RE
from .taxonomy import DEFAULT_TAXONOMY
from .textcheck import PLACEHOLDER

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/brand.schema.json"


def _q(value: str) -> str:
    # JSON strings are valid YAML double-quoted scalars and escape everything needed.
    return json.dumps(value, ensure_ascii=False)


def render_brand_template(name: str, sector: str | None, region: list[str] | None) -> str:
    p = PLACEHOLDER
    sectors = "、".join(DEFAULT_TAXONOMY.sectors)
    sector_line = _q(sector) if sector else _q(f"{p}行业领域")
    region_line = (
        "[" + ", ".join(_q(r) for r in region) + "]"
        if region
        else "[" + _q(f"{p}省级行政区全称") + "]"
    )
    return f"""{SCHEMA_COMMENT}
# 品牌档案：把每个“{p}”换成真实内容，然后运行 brandhall check 检查。
# 带“#”的行是说明，可以保留。可选字段不需要时可以整段删除。
# 要用某个可选字段时“取消注释”：把那几行开头的“# ”（井号和它后面的一个空格）一起删掉。
# 冒号、逗号、引号都用英文（半角）的；冒号和“-”后面各加一个空格；缩进只用空格。
# 值一般不用加引号；以 * @ % & ! ` | > [ {{ 开头的文字（如 **加粗**）要整句加英文双引号 "…"。

# 品牌名称：2–30 字，全库唯一。
name: {_q(name)}

# 品牌口号（可选）：不超过 40 字。
slogan: {_q(f"{p}一句话口号")}

# 品牌简介：20–160 字，显示在卡片、搜索结果里。
summary: {_q(f"{p}用一两句话说明这个品牌是什么、做成了什么。")}

# 创建单位信息
organization:
  # 创建单位：党组织全称，如“某市消防救援支队特勤站党支部”。
  name: {_q(f"{p}党组织全称")}
  # 组织类型：党委、党总支、党支部、联合党支部、临时党支部 之一。
  type: {_q(f"{p}党支部")}
  # 行业领域：{sectors} 之一。
  sector: {sector_line}
  # 所在地区：省级行政区全称在前，再写市、区县；直辖市第二项写区，如 [北京市, 朝阳区]。
  region: {region_line}
  # 上级党组织（可选）
  # parent: 某市消防救援支队党委
  # 党员人数（可选，仅内网显示）
  # members: 20

# 创建时间：YYYY-MM-DD 或 YYYY-MM，不能在未来。
established: {_q(f"{p}YYYY-MM")}

# 品牌标识（可选）：把 logo.svg 或 logo.png 放在本文件夹，再取消下面三行的注释（删掉行首的“# ”）。
# logo:
#   file: logo.svg
#   meaning: 标识释义，说明图形和颜色的含义。

# 品牌内涵：至少 50 字。“|”表示下面是多段文字：每行缩进两个空格，段与段之间空一行。
# 不写“|”时空行会消失、几段合成一段。
connotation: |
  {p}说明品牌名称的来历、核心理念，以及它和本单位中心工作的关系。

# 工作法（可选）
# method:
#   name: “1+3+N”工作法
#   items:
#     - title: 1个核心
#       body: 说明这一条怎么做。

# 主要做法：至少 1 条，每条有标题（title）和内容（body）。
practices:
  - title: {_q(f"{p}做法标题")}
    body: {_q(f"{p}具体怎么做、谁来做、多久做一次。")}

# 工作成效：至少 1 条。
outcomes:
  - {_q(f"{p}取得了哪些看得见的变化。")}

# 量化指标（可选）：value 只写数字，单位写在 unit。
# metrics:
#   - label: 开展志愿服务
#     value: 120
#     unit: 次

# 荣誉表彰（可选）：level 为 国家级、省部级、市厅级、县处级、其他 之一。
# honors:
#   - title: 先进基层党组织
#     by: 某市委
#     year: 2024
#     level: 市厅级

# 经验启示：至少 1 条，写其他单位可以借鉴什么。
lessons:
  - {_q(f"{p}别的单位可以学什么。")}

# 适用领域（可选）：哪些行业可以借鉴，取值同“行业领域”。
# applicable_to: [城市社区, 农村]

# 标签（可选）：每个 1–12 字，不要重复。
# tags: [志愿服务, 智慧党建]

# 品牌状态：stage 为 培育、命名、示范、摘牌 之一；stars 为 1–5（可选）。
status:
  stage: 培育
  # stars: 3
  # since: 2024-06
  # valid_until: 2027-06-30

# 评估记录（可选）：method 为 自评、上级考评、群众评议、专家评审 之一，score 为 0–100。
# reviews:
#   - date: 2025-12-20
#     method: 上级考评
#     score: 90
#     by: 某市委组织部
#     summary: 评语（仅内网显示）。

# 联系人（可选，仅内网显示，公开版不会出现）。
# contact:
#   name: 王明
#   phone: 0571-88880000
#   email: dangjian@example.org

# 相关品牌（可选）：写其他品牌的文件夹名。
# related: [another-brand]

# 借鉴了（可选）：本品牌学习借鉴了哪些品牌。brand 写对方的文件夹名（不能是自己），
# what 写借鉴了什么做法（不超过 80 字），date 写开始借鉴的时间（YYYY-MM 或 YYYY-MM-DD）。
# learned_from:
#   - brand: another-brand
#     what: 借鉴“党员先锋岗”做法，在每个班组设岗定责
#     date: 2024-03
"""


def create_brand(
    brands_dir: Path, slug: str, name: str, sector: str | None, region: list[str] | None
) -> Path:
    """Create brands/SLUG/ with brand.yml and an empty cases/; refuse to overwrite."""
    if not SLUG_RE.match(slug) or len(slug) > SLUG_MAX:
        raise UsageError("new_bad_slug", slug=slug, limit=SLUG_MAX)
    folder = brands_dir / slug
    if folder.exists():
        # Not a usage mistake: the folder is there (exit 1, like any conflict).
        raise BrandhallError("new_exists", path=str(folder))
    (folder / "cases").mkdir(parents=True)
    (folder / "cases" / ".gitkeep").write_text("", encoding="utf-8")
    (folder / "brand.yml").write_text(render_brand_template(name, sector, region), encoding="utf-8")
    return folder


def brand_name(text: str) -> str | None:
    """The ``name:`` of a brand.yml, read leniently (the file may have other errors)."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("name"), str):
        return str(data["name"])
    for line in text.split("\n"):
        if line.startswith("name:"):
            return line[5:].strip().strip("\"'") or None
    return None
