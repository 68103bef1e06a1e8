"""The content model (v1): the single definition behind validation and the JSON Schemas.

Every field carries its Chinese title, a description and examples; ``schema.py`` turns
these models into ``schema/*.schema.json`` and the loader validates with them.  Checks
that need the vocabularies or today's date read them from the validation context, so a
``brands/taxonomy.yml`` override and a fixed "today" in tests both work.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from .taxonomy import (
    DEFAULT_TAXONOMY,
    HONOR_LEVELS,
    ORG_TYPES,
    REVIEW_METHODS,
    STAGES,
    Taxonomy,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 64
DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
DATE_PATTERN = r"^\d{4}-\d{2}(-\d{2})?$"
FULL_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
LOGO_EXTENSIONS = (".svg", ".png", ".jpg", ".jpeg", ".webp")
# The address rule browsers apply to <input type="email"> (WHATWG HTML): no display
# names, quotes or spaces; a domain may be a single intranet host name.
EMAIL_RE = re.compile(
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)


def _ctx(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


def _today(info: ValidationInfo) -> dt.date:
    today = _ctx(info).get("today")
    return today if isinstance(today, dt.date) else dt.date.today()


def _taxonomy(info: ValidationInfo) -> Taxonomy:
    tax = _ctx(info).get("taxonomy")
    return tax if isinstance(tax, Taxonomy) else DEFAULT_TAXONOMY


def parse_date(value: str) -> tuple[int, int, int | None]:
    """``2024-05`` -> (2024, 5, None); raises PydanticCustomError with a message key."""
    m = DATE_RE.match(value.strip())
    if not m:
        raise PydanticCustomError("date_format", "bad date", {"value": value})
    year, month = int(m.group(1)), int(m.group(2))
    day = int(m.group(3)) if m.group(3) else None
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        raise PydanticCustomError("date_invalid", "no such date", {"value": value}) from None
    return year, month, day


def _check_date(value: str, info: ValidationInfo, *, full: bool) -> str:
    year, month, day = parse_date(value)
    if full and day is None:
        raise PydanticCustomError("date_full_required", "full date", {"value": value})
    today = _today(info)
    if dt.date(year, month, day or 1) > today:
        raise PydanticCustomError(
            "date_future", "future", {"value": value, "today": today.isoformat()}
        )
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _date(value: str, info: ValidationInfo) -> str:
    return _check_date(value, info, full=False)


def _full_date(value: str, info: ValidationInfo) -> str:
    return _check_date(value, info, full=True)


def _any_date(value: str, info: ValidationInfo) -> str:
    """A date that may lie in the future (``valid_until``)."""
    year, month, day = parse_date(value)
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _vocab(allowed: tuple[str, ...]) -> Any:
    def check(value: str) -> str:
        if value not in allowed:
            raise PydanticCustomError(
                "not_in_vocab", "not allowed", {"value": value, "allowed": list(allowed)}
            )
        return value

    return AfterValidator(check)


def _sector(value: str, info: ValidationInfo) -> str:
    allowed = _taxonomy(info).sectors
    if value not in allowed:
        raise PydanticCustomError(
            "not_in_vocab", "not allowed", {"value": value, "allowed": list(allowed)}
        )
    return value


def _region(value: list[str], info: ValidationInfo) -> list[str]:
    tax = _taxonomy(info)
    if value and value[0] not in tax.regions:
        guess = tax.province_hint(value[0])
        hint = {"zh": f"，是否应为“{guess}”", "en": f", did you mean '{guess}'"} if guess else ""
        raise PydanticCustomError(
            "region_province", "not a province", {"value": value[0], "hint": hint}
        )
    return value


def _unique_tags(value: list[str]) -> list[str]:
    seen: set[str] = set()
    for tag in value:
        if tag in seen:
            raise PydanticCustomError("tags_duplicate", "duplicate", {"value": tag})
        seen.add(tag)
    return value


def _slug(value: str) -> str:
    if not SLUG_RE.match(value) or len(value) > SLUG_MAX:
        raise PydanticCustomError("slug_invalid", "bad slug", {"value": value})
    return value


def _email(value: str) -> str:
    if not EMAIL_RE.fullmatch(value):
        raise PydanticCustomError("email_invalid", "not an address", {"value": value})
    return value


def _past_year(value: int, info: ValidationInfo) -> int:
    year = _today(info).year
    if value > year:
        raise PydanticCustomError("year_future", "future", {"value": value, "year": year})
    return value


def req(title: str, description: str, examples: list[Any], **kwargs: Any) -> Any:
    """A field with the Chinese title, description and examples the schema needs."""
    return Field(title=title, description=description, examples=examples, **kwargs)


def opt(title: str, description: str, examples: list[Any], **kwargs: Any) -> Any:
    """An optional field: absent and empty (``key:``) both mean "not given"."""
    return req(title, description, examples, default=None, **kwargs)


def _enum(values: tuple[str, ...]) -> dict[str, Any]:
    return {"enum": list(values)}


# Numbers must be written as numbers: strict, so `true` or "5" is a type error, not 1 or 5.
Int = Annotated[int, Field(strict=True)]
Number = Annotated[float, Field(strict=True)]
Date = Annotated[str, AfterValidator(_date)]
FullDate = Annotated[str, AfterValidator(_full_date)]
AnyDate = Annotated[str, AfterValidator(_any_date)]
Text = Annotated[str, Field(min_length=1)]
Tag = Annotated[str, Field(min_length=1, max_length=12)]
Tags = Annotated[
    list[Tag], AfterValidator(_unique_tags), Field(json_schema_extra={"uniqueItems": True})
]
Sector = Annotated[str, AfterValidator(_sector)]
Slug = Annotated[str, AfterValidator(_slug)]
Email = Annotated[str, Field(min_length=1), AfterValidator(_email)]

_DATE_EXTRA = {"pattern": DATE_PATTERN}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Organization(Model):
    model_config = ConfigDict(title="创建单位信息")

    name: Text = req(
        "创建单位", "创建品牌的党组织全称。", ["某市消防救援支队特勤站党支部"], max_length=60
    )
    type: Annotated[str, _vocab(ORG_TYPES)] = req(
        "组织类型", "党组织的类型。", ["党支部"], json_schema_extra=_enum(ORG_TYPES)
    )
    sector: Sector = req(
        "行业领域",
        "所属行业领域，取值见 brands/taxonomy.yml 或默认词表。",
        ["消防救援"],
        json_schema_extra=_enum(DEFAULT_TAXONOMY.sectors),
    )
    region: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=20)]], AfterValidator(_region)
    ] = req(
        "所在地区",
        "1–3 项：省级行政区全称在前，然后是市、区县；直辖市第二项写区。",
        [["浙江省", "杭州市", "西湖区"], ["北京市", "朝阳区"]],
        min_length=1,
        max_length=3,
        json_schema_extra={"prefixItems": [_enum(DEFAULT_TAXONOMY.regions)]},
    )
    parent: Text | None = opt("上级党组织", "上级党组织的名称（可选）。", ["某市消防救援支队党委"])
    members: Annotated[Int, Field(ge=1)] | None = opt(
        "党员人数", "党员人数（可选，仅内网显示）。", [28]
    )


class Logo(Model):
    model_config = ConfigDict(title="品牌标识")

    file: Text = req(
        "标识文件",
        "标识图片，相对于品牌文件夹，支持 .svg .png .jpg .webp，不超过 1 MB。",
        ["logo.svg"],
        pattern=r"(?i)\.(svg|png|jpe?g|webp)$",
    )
    meaning: Text | None = opt(
        "标识释义", "标识的设计含义，可用 Markdown。", ["标识以火焰和党旗为主体……"]
    )


class Item(Model):
    model_config = ConfigDict(title="条目")

    title: Text = req("标题", "这一条的标题，简短有力。", ["党员先锋岗"], max_length=40)
    body: Text = req("内容", "具体内容，可用 Markdown。", ["在每个班组设立党员先锋岗……"])


class Method(Model):
    model_config = ConfigDict(title="工作法")

    name: Text | None = opt("工作法名称", "工作法的名称。", ["“1+3+N”工作法"], max_length=40)
    items: list[Item] = req(
        "工作法要点",
        "工作法的要点，每条有标题和内容。",
        [[{"title": "1个核心", "body": "……"}]],
        default_factory=list,
    )


class Metric(Model):
    model_config = ConfigDict(title="量化指标")

    label: Text = req("指标", "指标名称。", ["开展志愿服务"], max_length=24)
    value: Number = req("数值", "数字，不带单位。", [126])
    unit: Text | None = opt("单位", "数值的单位（可选）。", ["次"], max_length=8)


class Honor(Model):
    model_config = ConfigDict(title="荣誉")

    title: Text = req(
        "荣誉名称", "荣誉或表彰的名称。", ["全省消防救援队伍先进基层党组织"], max_length=80
    )
    by: Text | None = opt(
        "授予单位", "授予荣誉的单位（可选）。", ["某省消防救援总队党委"], max_length=60
    )
    year: Annotated[Int, AfterValidator(_past_year)] = req(
        "年份", "获得荣誉的年份，不能在未来。", [2023], ge=1921
    )
    level: Annotated[str, _vocab(HONOR_LEVELS)] = req(
        "荣誉级别", "荣誉的级别。", ["省部级"], json_schema_extra=_enum(HONOR_LEVELS)
    )


class Status(Model):
    model_config = ConfigDict(title="品牌状态")

    stage: Annotated[str, _vocab(STAGES)] = req(
        "品牌阶段",
        "培育 → 命名 → 示范；被撤销的为摘牌。",
        ["命名"],
        json_schema_extra=_enum(STAGES),
    )
    stars: Annotated[Int, Field(ge=1, le=5)] | None = opt("星级", "星级评定，1–5 星（可选）。", [4])
    since: Date | None = opt(
        "命名时间",
        "进入当前阶段的日期，YYYY-MM-DD 或 YYYY-MM。",
        ["2023-06"],
        json_schema_extra=_DATE_EXTRA,
    )
    valid_until: AnyDate | None = opt(
        "有效期至",
        "有效期截止日期；过期后显示为“待复评”。",
        ["2026-06-30"],
        json_schema_extra=_DATE_EXTRA,
    )


class Review(Model):
    model_config = ConfigDict(title="评估记录")

    date: Date = req("评估日期", "评估的日期。", ["2024-12-20"], json_schema_extra=_DATE_EXTRA)
    method: Annotated[str, _vocab(REVIEW_METHODS)] = req(
        "评估方式", "评估的方式。", ["上级考评"], json_schema_extra=_enum(REVIEW_METHODS)
    )
    score: Number = req("得分", "百分制得分，0–100。", [92], ge=0, le=100)
    by: Text | None = opt(
        "评估单位", "组织评估的单位（可选，仅内网显示）。", ["某市消防救援支队党委"]
    )
    summary: Text | None = opt(
        "评语", "评估意见（可选，仅内网显示）。", ["特色鲜明，建议推荐为示范品牌。"]
    )


class Contact(Model):
    model_config = ConfigDict(title="联系人")

    name: Text = req("联系人", "联系人姓名（仅内网显示）。", ["王明"], max_length=20)
    phone: Text | None = opt("电话", "联系电话（仅内网显示）。", ["0571-88880000"], max_length=30)
    email: Email | None = opt(
        "电子邮箱",
        "电子邮箱地址（仅内网显示）。",
        ["dangjian@example.org"],
        max_length=80,
        json_schema_extra={"format": "email"},
    )


class LearnedFrom(Model):
    model_config = ConfigDict(title="借鉴记录")

    brand: Slug = req(
        "借鉴的品牌",
        "被借鉴品牌的文件夹名（slug），须是 brands/ 下已有的其他品牌。",
        ["huoyanlan-xianfeng"],
    )
    what: Text = req(
        "借鉴内容",
        "从这个品牌学习借鉴了什么做法，不超过 80 字。",
        ["借鉴“党员先锋车”做法，在每个班组设立党员先锋岗"],
        max_length=80,
    )
    date: Date = req(
        "借鉴时间",
        "开始借鉴的时间，YYYY-MM-DD 或 YYYY-MM，不能在未来。",
        ["2024-03"],
        json_schema_extra=_DATE_EXTRA,
    )


class BrandProfile(Model):
    """品牌档案 brand.yml"""

    model_config = ConfigDict(title="党建品牌档案（brand.yml）")

    name: str = req(
        "品牌名称", "品牌名称，2–30 字，全库唯一。", ["火焰蓝先锋"], min_length=2, max_length=30
    )
    slogan: Text | None = opt(
        "品牌口号", "一句话口号，不超过 40 字。", ["党旗所指，火焰蓝所向"], max_length=40
    )
    summary: str = req(
        "品牌简介",
        "20–160 字的简介，用于卡片、搜索结果和页面描述。",
        ["以“党员先锋车”为载体，把党建工作落到每一次出警。"],
        min_length=20,
        max_length=160,
    )
    organization: Organization = req(
        "创建单位信息",
        "创建品牌的党组织。",
        [
            {
                "name": "某市消防救援支队特勤站党支部",
                "type": "党支部",
                "sector": "消防救援",
                "region": ["浙江省", "杭州市"],
            }
        ],
    )
    established: Date = req(
        "创建时间",
        "品牌创建的时间，YYYY-MM-DD 或 YYYY-MM，不能在未来。",
        ["2021-07"],
        json_schema_extra=_DATE_EXTRA,
    )
    logo: Logo | None = opt(
        "品牌标识", "品牌标识及其释义（可选）。", [{"file": "logo.svg", "meaning": "……"}]
    )
    connotation: str = req(
        "品牌内涵", "品牌的内涵，至少 50 字，可用 Markdown。", ["“火焰蓝先锋”寓意……"], min_length=50
    )
    method: Method | None = opt(
        "工作法", "品牌的工作法（可选）。", [{"name": "“1+3+N”工作法", "items": []}]
    )
    practices: list[Item] = req(
        "主要做法",
        "主要做法，至少 1 条，每条有标题和内容。",
        [[{"title": "设立党员先锋车", "body": "……"}]],
        min_length=1,
    )
    outcomes: list[Text] = req(
        "工作成效", "工作成效，至少 1 条，可用 Markdown。", [["三年来零责任事故。"]], min_length=1
    )
    metrics: list[Metric] = req(
        "量化指标",
        "用数字说明成效（可选）。",
        [[{"label": "出警", "value": 1260, "unit": "次"}]],
        default_factory=list,
    )
    honors: list[Honor] = req(
        "荣誉表彰",
        "获得的荣誉（可选）。",
        [[{"title": "先进基层党组织", "year": 2023, "level": "省部级"}]],
        default_factory=list,
    )
    lessons: list[Text] = req(
        "经验启示",
        "其他单位可以借鉴的经验，至少 1 条。",
        [["党建与业务要在同一张清单上考核。"]],
        min_length=1,
    )
    applicable_to: list[Sector] = req(
        "适用领域",
        "哪些行业的组织可以借鉴（可选）。",
        [["消防救援", "公安政法"]],
        default_factory=list,
        json_schema_extra={"items": _enum(DEFAULT_TAXONOMY.sectors)},
    )
    tags: Tags = req(
        "标签",
        "标签，每个 1–12 字，不重复（可选）。",
        [["先锋岗", "智慧党建"]],
        default_factory=list,
    )
    status: Status = req("品牌状态", "品牌所处阶段与星级。", [{"stage": "命名", "stars": 4}])
    reviews: list[Review] = req(
        "评估记录",
        "历次评估（可选）。",
        [[{"date": "2024-12-20", "method": "上级考评", "score": 92}]],
        default_factory=list,
    )
    contact: Contact | None = opt(
        "联系人",
        "联系方式（可选，仅内网显示，公开版不含）。",
        [{"name": "王明", "phone": "0571-88880000"}],
    )
    related: list[Slug] = req(
        "相关品牌",
        "相关品牌的文件夹名（slug），不能是自己。",
        [["hongse-yinqing"]],
        default_factory=list,
    )
    learned_from: list[LearnedFrom] = req(
        "借鉴了",
        "本品牌学习借鉴了哪些品牌的做法（可选）：品牌文件夹名、借鉴内容和时间；不能是自己。",
        [[{"brand": "huoyanlan-xianfeng", "what": "党员先锋岗", "date": "2024-03"}]],
        default_factory=list,
    )
    updated: Date | None = opt(
        "更新时间",
        "最后更新日期（可选；默认取 git 提交日期）。",
        ["2025-03-01"],
        json_schema_extra=_DATE_EXTRA,
    )


class CaseFrontMatter(Model):
    """案例信息块（cases/*.md 开头的 YAML）"""

    model_config = ConfigDict(title="典型案例信息块（cases/*.md）")

    title: Text = req(
        "案例标题", "案例标题，不超过 60 字。", ["一次夜间救援中的党员先锋车"], max_length=60
    )
    date: FullDate = req(
        "日期",
        "案例发生或成稿的日期，YYYY-MM-DD，不能在未来。",
        ["2024-08-16"],
        json_schema_extra={"pattern": FULL_DATE_PATTERN},
    )
    summary: str = req(
        "摘要",
        "20–200 字的摘要。",
        ["暴雨夜，党员先锋车第一时间出动……"],
        min_length=20,
        max_length=200,
    )
    tags: Tags = req(
        "标签", "标签，每个 1–12 字，不重复（可选）。", [["应急救援"]], default_factory=list
    )
    author: Text | None = opt("供稿", "供稿人或单位（可选）。", ["特勤站党支部"], max_length=40)


class TaxonomyFile(Model):
    """brands/taxonomy.yml: replaces the default vocabularies."""

    model_config = ConfigDict(title="词表（brands/taxonomy.yml）")

    sectors: list[Annotated[str, Field(min_length=1, max_length=12)]] | None = opt(
        "行业领域词表", "替换默认的行业领域词表。", [["消防救援", "医疗卫生"]], min_length=1
    )
    regions: list[Annotated[str, Field(min_length=1, max_length=20)]] | None = opt(
        "地区词表", "替换默认的省级行政区词表。", [["浙江省", "江苏省"]], min_length=1
    )
