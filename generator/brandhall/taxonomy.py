"""Controlled vocabularies. Sectors and regions may be overridden in brands/taxonomy.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTORS: tuple[str, ...] = (
    "党政机关", "国有企业", "非公企业", "社会组织", "高等学校", "中小学校", "医疗卫生",
    "科研院所", "农村", "城市社区", "消防救援", "公安政法", "金融", "交通运输", "能源电力",
    "其他",
)  # fmt: skip

PROVINCES: tuple[str, ...] = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
    "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省",
    "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省",
    "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
    "台湾省", "香港特别行政区", "澳门特别行政区",
)  # fmt: skip

ORG_TYPES: tuple[str, ...] = ("党委", "党总支", "党支部", "联合党支部", "临时党支部")
STAGES: tuple[str, ...] = ("培育", "命名", "示范", "摘牌")
HONOR_LEVELS: tuple[str, ...] = ("国家级", "省部级", "市厅级", "县处级", "其他")
REVIEW_METHODS: tuple[str, ...] = ("自评", "上级考评", "群众评议", "专家评审")


@dataclass(frozen=True)
class Taxonomy:
    sectors: tuple[str, ...] = SECTORS
    regions: tuple[str, ...] = PROVINCES

    def province_hint(self, value: str) -> str | None:
        """The full name an editor probably meant (``广东`` -> ``广东省``)."""
        for name in self.regions:
            if value and (name.startswith(value) or value.startswith(name[:2])):
                return name
        return None


DEFAULT_TAXONOMY = Taxonomy()


# Where one Chinese place name ends: 江苏省苏州市吴中区 -> 江苏省 / 苏州市 / 吴中区.
_PLACE = re.compile(r".+?(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟)")


def split_region(text: str) -> list[str]:
    """``江苏省苏州市吴中区`` -> ``[江苏省, 苏州市, 吴中区]``; one item when it cannot split."""
    text = "".join(text.split())
    parts = _PLACE.findall(text)
    if not parts or "".join(parts) != text:
        return [text]
    return parts


# How people write dates and small numbers, for the "did you mean" of a message.
_DATE_GUESS = re.compile(
    r"\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(\d{1,2})\s*[日号]?|月)?\s*"
)
_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九十")}


def date_guess(text: str) -> str | None:
    """``2023.5`` -> ``2023-05``; ``2023年5月1日`` -> ``2023-05-01``; None when unclear."""
    m = _DATE_GUESS.fullmatch(text)
    if not m:
        return None
    year, month, day = m.group(1), int(m.group(2)), m.group(3)
    if not 1 <= month <= 12:
        return None
    return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def int_guess(text: str) -> int | None:
    """``★★★`` / ``三星`` / ``3星`` -> 3; None when no one number is meant."""
    text = text.strip()
    if text and set(text) <= {"★", "☆"}:
        return text.count("★") or None
    core = text.rstrip("星颗级分 ")
    if core.isdigit():
        return int(core)
    if len(core) == 1 and core in _DIGITS:
        return _DIGITS[core]
    return None
