#!/usr/bin/env python3
"""Build benchmark: brandhall through MkDocs against plain MkDocs on the same Markdown.

    python benchmarks/bench_build.py --brands 1000 [--out DIR] [--keep] [--repeat R] [--profile]
    python benchmarks/bench_build.py --fit 250,500,1000   # and each stage's exponent k (t ∝ N^k)

1. Copies generator/brandhall into a temporary directory and measures that snapshot, so
   edits to the checkout during the run do not leak in.  Generates ``--brands``
   synthetic but valid brands (``--cases`` case studies each), deterministically from
   ``--seed``, and checks them with ``load_catalog``: any error stops the benchmark
   before anything is timed.
2. Run A ("brandhall"): ``mkdocs build`` with a copy of the repository's mkdocs.yml and
   docs/, the brandhall plugin pointed at the generated brands.  Inside that process
   ``load_catalog``, ``render_site`` and the plugin's hooks are wrapped with timers, so
   brandhall's share is measured in the very build it belongs to.
3. Run B ("baseline"): ``mkdocs build`` of the same pages without brandhall: the output of
   ``render_site(...).files()`` (what ``brandhall emit`` writes) plus docs/ and the
   plugin's CSS/JS, with the same mkdocs.yml minus the plugin, plus what the plugin's
   ``on_config`` adds (extra_css, extra_javascript, nav), read from the plugin itself.
4. Prints a side-by-side table and writes it as JSON (and text) to ``--out``.

Each run is a fresh ``python`` subprocess (this file re-executed with ``--child``), so
import time and peak memory are per run.  Peak RSS is the child's own VmHWM (Linux):
``ru_maxrss`` from ``wait4`` would include this parent's memory, which a forked child
carries until it execs.  CPU time comes from ``wait4``.  Each variant can be built
several times (``--repeat``), alternating, and the fastest build is reported.
Standard library only, apart from brandhall, MkDocs and PyYAML (an MkDocs dependency).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import functools
import hashlib
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "benchmarks" / "out"
TODAY = dt.date(2026, 12, 1)
LATEST = dt.date(2026, 11, 30)  # no generated date lies after this
EARLIEST = dt.date(2012, 1, 1)
DEFAULT_SEED = 20261201

F = TypeVar("F", bound=Callable[..., Any])


# =========================================================================== content
# Vocabularies for the synthetic text.  Everything is fictional; the sector, province,
# type, stage and level values come from brandhall.taxonomy so validation accepts them.

_PREFIXES = (
    "红色", "先锋", "初心", "同心", "连心", "暖心", "聚力", "领航", "星火", "旗帜", "铸魂",
    "赋能", "红帆", "红岩", "红韵", "青春", "匠心", "清风", "攻坚", "奋进", "薪火", "砺剑",
    "启航", "向阳", "守望", "强基", "融合", "善治", "惠民", "筑梦", "担当", "锋领", "丹心",
    "凝心", "润心", "红联", "金穗", "绿洲", "蓝盾", "银杏",
)  # fmt: skip
_CORES = (
    "引擎", "驿站", "工作室", "讲堂", "课堂", "先锋岗", "红管家", "服务队", "直通车", "加油站",
    "连心桥", "议事厅", "书屋", "e家", "党建港", "红色管家", "议事会", "微党课", "堡垒",
    "磁场", "学堂", "家园", "哨所", "方舟", "号角", "灯塔", "桥梁", "纽带", "阵地", "港湾",
    "矩阵", "工坊", "客厅", "前哨", "样板间", "共同体", "联盟", "云平台", "擂台", "先锋队",
)  # fmt: skip
_CITY = (
    "青禾", "澄江", "云岭", "松阳", "临川", "白沙", "金州", "南屏", "石门", "清河", "东陵",
    "西岭", "安平", "永宁", "长岚", "丰泽", "嘉禾", "宁远", "海澄", "瑞安", "鹤鸣", "兰溪",
    "柳城", "桐庐", "梅江", "杏坛", "枫桥", "沙洲", "霞浦", "龙泉",
)  # fmt: skip
_COUNTY = (
    "东城区", "西湖区", "高新区", "南山区", "北塘区", "澄江区", "开发区", "新城区", "老城区",
    "河西区", "江南区", "临港区", "清溪县", "石桥县", "平川县", "云水县", "长宁县", "安乐县",
)  # fmt: skip
_MUNICIPALITY_DISTRICTS = (
    "朝阳区",
    "海淀区",
    "和平区",
    "浦东新区",
    "徐汇区",
    "渝中区",
    "江北区",
    "南开区",
)
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_UNITS = {
    "党政机关": ("市发展和改革委员会机关", "区市场监督管理局", "县人民法院", "市税务局第一分局"),
    "国有企业": ("城市建设投资集团", "港务集团码头公司", "水务集团供水分公司", "钢铁集团炼钢厂"),
    "非公企业": ("智能装备有限公司", "食品股份有限公司", "电子科技有限公司", "物流有限公司"),
    "社会组织": ("社会工作服务中心", "志愿者协会", "律师协会", "行业商会"),
    "高等学校": ("师范学院文学院", "理工大学机械学院", "职业技术学院", "医科大学护理学院"),
    "中小学校": ("实验小学", "第一中学", "外国语学校", "育才初级中学"),
    "医疗卫生": ("第一人民医院", "中医院", "妇幼保健院", "疾病预防控制中心"),
    "科研院所": ("农业科学研究院", "环境科学研究所", "材料研究院", "水利科学研究院"),
    "农村": ("镇新塘村", "乡杏花村", "镇东岙村", "乡白云村"),
    "城市社区": ("街道幸福里社区", "街道和平社区", "街道锦绣社区", "街道春晖社区"),
    "消防救援": ("消防救援支队特勤站", "消防救援大队", "森林消防中队", "消防救援站"),
    "公安政法": ("公安局城西派出所", "司法局", "检察院第二检察部", "交警大队"),
    "金融": ("农商银行营业部", "人寿保险分公司", "城市商业银行支行", "信用合作联社"),
    "交通运输": ("公交集团第三车队", "高速公路管理处", "地铁运营分公司", "港航管理中心"),
    "能源电力": ("供电公司运维检修部", "燃气集团", "发电厂运行部", "光伏电站"),
    "其他": ("档案馆", "图书馆", "体育中心", "文化馆"),
}
_SUBJECTS = (
    "支部", "党小组", "党员先锋队", "支部委员会", "党员志愿服务队", "全体党员", "支部书记",
    "党员骨干", "青年党员", "老党员", "党员突击队", "驻村第一书记", "楼栋长", "网格员",
)  # fmt: skip
_ACTIONS = (
    "坚持党建引领、业务融合", "把党小组建在项目一线", "围绕中心工作设立党员责任区", "推行“三会一课”清单化管理",
    "开展“我为群众办实事”实践活动", "建立党员积分管理制度", "每月召开一次主题党日", "组建党员志愿服务队",
    "推行“一线工作法”", "深化“支部联建、资源共享”", "实行党员包片联户", "把群众意见收集到议事会上",
    "以问题清单倒逼工作落实", "推动党建与业务同部署同考核", "开展结对帮扶和技能传帮带",
    "运用线上平台开展学习教育", "建立“周调度、月讲评”机制", "把矛盾纠纷化解在基层",
    "常态化开展政策宣讲", "组织党员亮身份、亮承诺", "开设微党课和专题讲座", "建设党员活动阵地",
)  # fmt: skip
_RESULTS = (
    "群众满意度明显提升", "服务效率持续提高", "一批难题得到解决", "党员作用看得见、评得出",
    "基层治理更加有序", "支部凝聚力和战斗力不断增强", "业务指标连续三年保持前列", "形成了可复制的经验",
    "群众的获得感不断增强", "队伍面貌焕然一新", "安全生产保持零事故", "青年员工主动向党组织靠拢",
    "工作作风进一步转变", "各方资源有效整合", "办事时间明显缩短",
)  # fmt: skip
_PRACTICE_TITLES = (
    "设立党员先锋岗", "推行“支部+项目”模式", "建立党员积分制度", "开展结对共建", "打造线上学习平台",
    "实施书记领办项目", "建立群众议事机制", "开展志愿服务", "推行网格化管理", "抓实“三会一课”",
    "建设党员活动阵地", "开展技能比武", "实行联系服务群众制度", "推动党建带群建", "建立问题清单台账",
    "开展主题党日活动", "培养青年骨干", "组织政策宣讲", "推进党务公开", "健全考评激励机制",
)  # fmt: skip
_TAGS = (
    "党员先锋岗", "志愿服务", "基层治理", "智慧党建", "书记领办", "结对共建", "党员积分", "网格化",
    "乡村振兴", "主题党日", "三会一课", "微党课", "红色物业", "联建共建", "青年党员", "技能传承",
    "安全生产", "服务群众", "产业发展", "矛盾调解", "文明实践", "政策宣讲", "党建+业务", "一线工作法",
    "老党员", "流动党员", "双报到", "清廉建设", "科技创新", "医疗服务", "教书育人", "应急救援",
    "防汛防台", "疫情防控", "营商环境", "社区养老", "儿童关爱", "法律服务", "金融服务", "绿色发展",
    "交通保畅", "能源保供", "组织生活", "先锋示范", "党员教育", "人才培养", "数字化", "民生实事",
    "红色教育", "品牌创建", "群众路线", "作风建设", "共同富裕", "文化传承", "生态保护", "楼宇党建",
    "两新组织", "行业党建", "区域化党建", "党群服务",
)  # fmt: skip
_METRIC_LABELS = (
    ("开展志愿服务", "次"), ("服务群众", "人次"), ("解决难题", "件"), ("党员先锋岗", "个"),
    ("结对帮扶", "户"), ("微党课", "节"), ("群众满意度", "%"), ("带动增收", "万元"),
    ("培养入党积极分子", "名"), ("化解矛盾纠纷", "起"), ("技术攻关", "项"), ("线上学习时长", "小时"),
)  # fmt: skip
_HONORS = (
    "先进基层党组织", "五好党支部", "优秀党建品牌", "工人先锋号", "青年文明号", "文明单位",
    "三八红旗集体", "模范职工之家", "最美志愿服务组织", "党建工作示范点",
)  # fmt: skip
_SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高"
_GIVEN = "明华建国立军海峰红梅秀英志强丽娟文静伟东小燕春生德胜玉兰"
_CASE_EVENTS = (
    "一次暴雨夜的紧急转移", "老旧小区加装电梯的协商", "一场技能比武", "村里的第一家合作社",
    "一次群众议事会", "困难家庭的结对帮扶", "新员工入职第一课", "一次集中宣讲", "项目攻坚的一百天",
    "一次消防演练", "社区食堂开张", "矛盾纠纷的化解", "春耕时节的技术服务", "一次义诊进乡村",
    "夜间应急抢修", "校园安全守护行动",
)  # fmt: skip

# What makes one brand or case findable among thousands, as in real profiles: a coined
# name for the brand's signature practice (楼门议事会, 支部云课堂) and a case title naming
# a place and a deed with a number (台风夜里的党员先锋车：四小时转移被困群众37人).
# (工作日 was dropped from _COIN_B: 码头工作日 is 码头/工作/日 to the browser and 码头/工作日
# to jieba, and ranked below the top 5; see benchmarks/README.md, relevance.)
_COIN_A = (
    "田间", "楼门", "夜间", "码头", "指尖", "巷口", "炕头", "云端", "流动", "院落", "板凳",
    "屋场", "车间", "工地", "船头", "山头", "马背", "帐篷", "灶台", "树下", "桥头", "渡口",
    "窗口", "站台", "晒场", "茶馆", "书桌", "掌上", "门前", "田埂",
)  # fmt: skip
_COIN_B = (
    "议事会", "课堂", "服务车", "讲习所", "夜话", "调解室", "小分队", "红账本", "接力站",
    "会客厅", "微心愿", "信箱", "热线", "小喇叭", "研学社", "帮帮团", "说事点", "聊天室",
    "联络点", "诊疗所", "百宝箱", "便民台", "连心卡", "观察哨", "加油站", "点将台",
    "擂台赛", "暖心包", "传习所", "大讲台",
)  # fmt: skip
_PLACE_A = "桃柳杏枫梅竹松榆槐桂兰荷菱莲茶橘李枣栗桑杉柏樟棠葵蒲芦苇荻萍"
_PLACE_B = "源湾溪塘坪坝岭坡冲岗洲港桥渡浦湖泉洞屯铺"
_PLACE_KIND = ("村", "社区", "街道", "镇", "码头", "工区")
_CASE_DEEDS = (
    "{n}小时转移被困群众", "帮助{n}户家庭渡过难关", "{n}天建成便民服务点", "化解{n}起邻里纠纷",
    "带动{n}户群众增收", "为{n}名老人送去暖心服务", "完成{n}项技术攻关", "{n}名党员连夜抢修线路",
    "收集{n}条群众意见", "{n}位志愿者守护上学路",
)  # fmt: skip


def _unique(rng: random.Random, used: set[str], make: Callable[[], str], tries: int = 20) -> str:
    """A value of ``make()`` not in ``used`` (after ``tries`` draws, a repeat is accepted)."""
    value = make()
    for _ in range(tries):
        if value not in used:
            break
        value = make()
    used.add(value)
    return value


_SECTION_HEADINGS = ("## 背景与起因", "## 做法与经过", "## 成效及启示")


def _weights(rng: random.Random, n: int, skew: float = 1.0) -> list[float]:
    """Zipf-like weights in a shuffled order: a few values common, most rare."""
    ranks = list(range(1, n + 1))
    rng.shuffle(ranks)
    return [1.0 / r**skew for r in ranks]


def _sentence(rng: random.Random) -> str:
    subject = rng.choice(_SUBJECTS)
    actions = "，".join(rng.sample(_ACTIONS, rng.randint(1, 2)))
    return f"{subject}{actions}，{rng.choice(_RESULTS)}。"


def _text(rng: random.Random, target: int) -> str:
    """Chinese prose of at least ``target`` characters (±15 %), in whole sentences.

    A sentence is 20–55 characters, so the text is on average ~20 characters longer.
    """
    goal = int(target * rng.uniform(0.85, 1.15))
    out = ""
    while len(out) < goal:
        out += _sentence(rng)
    return out


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _month(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _block(value: str, indent: int) -> str:
    """A YAML literal block scalar holding ``value``."""
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line if line else "" for line in value.split("\n"))


def _logo_svg(rng: random.Random, char: str) -> str:
    hue = rng.randint(0, 359)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120">'
        f'<circle cx="60" cy="60" r="56" fill="hsl({hue},70%,45%)"/>'
        '<text x="60" y="78" font-size="52" text-anchor="middle" fill="#fff">'
        f"{char}</text></svg>\n"
    )


@dataclass
class Facets:
    """What the generator chose, to check the spread of facet values."""

    sectors: dict[str, int] = field(default_factory=dict)
    provinces: dict[str, int] = field(default_factory=dict)
    stages: dict[str, int] = field(default_factory=dict)
    tags: int = 0
    logos: int = 0

    def add(self, counter: dict[str, int], key: str) -> None:
        counter[key] = counter.get(key, 0) + 1


def generate_brands(
    root: Path, n: int, cases: int, seed: int, reserved: Sequence[str] = ()
) -> Facets:
    """Write ``n`` brand folders (``brand-0001`` …) with ``cases`` case studies each.

    ``reserved``: brand names already taken (other brands in the same folder)."""
    from brandhall.taxonomy import (
        HONOR_LEVELS,
        ORG_TYPES,
        PROVINCES,
        REVIEW_METHODS,
        SECTORS,
        STAGES,
    )

    rng = random.Random(seed)
    sector_w = _weights(rng, len(SECTORS), 0.6)
    province_w = _weights(rng, len(PROVINCES), 0.8)
    tag_w = _weights(rng, len(_TAGS), 1.0)
    stage_w = {"培育": 30, "命名": 45, "示范": 20, "摘牌": 5}
    level_w = {"国家级": 3, "省部级": 12, "市厅级": 35, "县处级": 35, "其他": 15}
    assert set(stage_w) == set(STAGES) and set(level_w) == set(HONOR_LEVELS)
    slugs = [f"brand-{i:04d}" for i in range(1, n + 1)]
    names: set[str] = set(reserved)
    coined_used: set[str] = set()
    titles_used: set[str] = set()
    facets = Facets()
    root.mkdir(parents=True, exist_ok=True)
    for i, slug in enumerate(slugs):
        city = rng.choice(_CITY)
        name = rng.choice(_PREFIXES) + rng.choice(_CORES)
        if name in names:
            name = city + name
        k = 2
        while name in names:
            name, k = f"{city}{rng.choice(_PREFIXES)}{rng.choice(_CORES)}{k}", k + 1
        names.add(name)
        assert 2 <= len(name) <= 30, name

        sector = rng.choices(SECTORS, sector_w)[0]
        province = rng.choices(PROVINCES, province_w)[0]
        if province in _MUNICIPALITIES:
            region = [province, rng.choice(_MUNICIPALITY_DISTRICTS)]
        elif rng.random() < 0.8:
            region = [province, f"{city}市", rng.choice(_COUNTY)]
        else:
            region = [province, f"{city}市"]
        org_type = rng.choices(ORG_TYPES, (15, 10, 60, 10, 5))[0]
        org_name = f"{city}市{rng.choice(_UNITS[sector])}{org_type}"
        stage = rng.choices(list(stage_w), list(stage_w.values()))[0]
        stars = rng.choice([None, 1, 2, 3, 3, 4, 4, 4, 5, 5])
        established = _date_between(rng, EARLIEST, dt.date(2025, 12, 31))
        tags = list(dict.fromkeys(rng.choices(_TAGS, tag_w, k=rng.randint(2, 5))))
        facets.add(facets.sectors, sector)
        facets.add(facets.provinces, province)
        facets.add(facets.stages, stage)
        facets.tags += len(tags)

        folder = root / slug
        (folder / "cases").mkdir(parents=True)
        y: list[str] = [
            "# Synthetic brand for benchmarks/bench_build.py",
            f"name: {_q(name)}",
        ]
        if rng.random() < 0.6:
            y.append(f"slogan: {_q(rng.choice(_RESULTS) + '，' + rng.choice(_RESULTS))}")
        summary = f"{org_name}以“{name}”为载体，" + _text(rng, 25)
        y += [
            f"summary: {_q(summary[:150])}",
            "organization:",
            f"  name: {_q(org_name)}",
            f"  type: {org_type}",
            f"  sector: {sector}",
            f"  region: [{', '.join(region)}]",
        ]
        if rng.random() < 0.7:
            y.append(f"  parent: {_q(city + '市' + rng.choice(_UNITS[sector]) + '党委')}")
        if rng.random() < 0.8:
            y.append(f"  members: {rng.randint(3, 400)}")
        y.append(
            f"established: {_month(established) if rng.random() < 0.5 else established.isoformat()}"
        )
        if rng.random() < 0.4:
            (folder / "logo.svg").write_text(_logo_svg(rng, name[0]), encoding="utf-8")
            facets.logos += 1
            y += [
                "logo:",
                "  file: logo.svg",
                f"  meaning: {_q('标识以党旗红为主色，' + _text(rng, 40))}",
            ]
        connotation = f"“{name}”寓意{_text(rng, 70)}\n\n{_text(rng, 85)}"
        y.append(f"connotation: {_block(connotation, 2)}")
        if rng.random() < 0.5:
            y += [
                "method:",
                f"  name: {_q('“' + str(rng.randint(1, 3)) + '+' + str(rng.randint(2, 5)) + '+N”工作法')}",
                "  items:",
            ]
            for title in rng.sample(_PRACTICE_TITLES, 3):
                y += [f"    - title: {_q(title)}", f"      body: {_q(_text(rng, 70))}"]
        y.append("practices:")
        coined = _unique(rng, coined_used, lambda: rng.choice(_COIN_A) + rng.choice(_COIN_B))
        for k, title in enumerate(rng.sample(_PRACTICE_TITLES, 3)):
            body = _text(rng, 130)
            if k == 0:  # the brand's signature practice, under its own coined name
                title = f"打造“{coined}”"
                body = f"{rng.choice(_SUBJECTS)}创办“{coined}”，" + body
            y += [f"  - title: {_q(title)}", f"    body: {_block(body, 6)}"]
        y += ["outcomes:", *(f"  - {_q(_text(rng, 45))}" for _ in range(2))]
        metrics = rng.sample(_METRIC_LABELS, rng.randint(0, 4))
        if metrics:
            y.append("metrics:")
            for label, unit in metrics:
                value = rng.randint(90, 100) if unit == "%" else rng.randint(3, 5000)
                y.append(f"  - {{label: {label}, value: {value}, unit: {_q(unit)}}}")
        honors = rng.randint(0, 3)
        if honors:
            y.append("honors:")
            for _ in range(honors):
                y += [
                    f"  - title: {_q(city + '市' + rng.choice(_HONORS))}",
                    f"    by: {_q(city + '市委组织部')}",
                    f"    year: {rng.randint(max(established.year, 2014), 2026)}",
                    f"    level: {rng.choices(list(level_w), list(level_w.values()))[0]}",
                ]
        y += ["lessons:", *(f"  - {_q(_text(rng, 50))}" for _ in range(2))]
        if rng.random() < 0.6:
            y.append(f"applicable_to: [{', '.join(rng.sample(SECTORS, rng.randint(1, 3)))}]")
        y.append(f"tags: [{', '.join(tags)}]")
        since = _date_between(rng, established, LATEST)
        y += ["status:", f"  stage: {stage}"]
        if stars:
            y.append(f"  stars: {stars}")
        if stage != "培育":
            y.append(f"  since: {since.isoformat()}")
        if stage in ("命名", "示范"):
            # Valid for three years, so the older ones have lapsed and show "待复评".
            until = since + dt.timedelta(days=3 * 365)
            y.append(f"  valid_until: {until.isoformat()}")
        reviews = rng.randint(0, 3)
        if reviews:
            y.append("reviews:")
            for d in sorted(_date_between(rng, established, LATEST) for _ in range(reviews)):
                y += [
                    f"  - date: {d.isoformat()}",
                    f"    method: {rng.choice(REVIEW_METHODS)}",
                    f"    score: {rng.randint(70, 99)}",
                ]
                if rng.random() < 0.6:
                    y += [
                        f"    by: {_q(city + '市委组织部')}",
                        f"    summary: {_q(_text(rng, 30))}",
                    ]
        if rng.random() < 0.7:
            person = rng.choice(_SURNAMES) + "".join(rng.sample(_GIVEN, rng.randint(1, 2)))
            y += [
                "contact:",
                f"  name: {person}",
                f"  phone: {_q(f'0{rng.randint(10, 999)}-8{rng.randint(0, 9999999):07d}')}",
                f"  email: {slug}@example.org",
            ]
        if n > 1 and rng.random() < 0.3:
            others = rng.sample(
                [s for s in slugs[max(0, i - 50) : i + 50] if s != slug], min(2, n - 1)
            )
            y.append(f"related: [{', '.join(others)}]")
        y.append(f"updated: {_date_between(rng, max(established, since), LATEST).isoformat()}")
        (folder / "brand.yml").write_text("\n".join(y) + "\n", encoding="utf-8")

        for j in range(cases):
            date = _date_between(rng, established, LATEST)
            event = rng.choice(_CASE_EVENTS)
            place = rng.choice(_PLACE_A) + rng.choice(_PLACE_B) + rng.choice(_PLACE_KIND)
            case_title = _unique(
                rng,
                titles_used,
                lambda place=place, event=event: (
                    f"{place}{event}：{rng.choice(_CASE_DEEDS).format(n=rng.randint(3, 300))}"
                ),
            )
            case_tags = list(dict.fromkeys(rng.choices(_TAGS, tag_w, k=rng.randint(1, 3))))
            front = [
                "---",
                f"title: {_q(case_title)}",
                f"date: {date.isoformat()}",
                f"summary: {_q(_text(rng, 70))}",
                f"tags: [{', '.join(case_tags)}]",
            ]
            if rng.random() < 0.7:
                front.append(f"author: {_q(org_name[:38])}")
            front.append("---")
            body = [
                _SECTION_HEADINGS[0], "", _text(rng, 115), "",
                _SECTION_HEADINGS[1], "", _text(rng, 85), "", _text(rng, 85), "",
                _SECTION_HEADINGS[2], "", _text(rng, 115),
            ]  # fmt: skip
            text = "\n".join(front) + "\n\n" + "\n".join(body) + "\n"
            (folder / "cases" / f"case-{j + 1}.md").write_text(text, encoding="utf-8")
    return facets


# =========================================================================== configs
def _read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (``!ENV`` resolved), as plain data."""
    from mkdocs.utils.yaml import yaml_load

    with path.open(encoding="utf-8") as f:
        data = yaml_load(f)
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: not a mapping")
    return data


def _write_config(path: Path, data: dict[str, Any]) -> None:
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _brandhall_index(plugins: list[Any]) -> int:
    for i, entry in enumerate(plugins):
        if entry == "brandhall" or (isinstance(entry, dict) and "brandhall" in entry):
            return i
    raise SystemExit("mkdocs.yml: plugins has no brandhall entry")


def brandhall_config(base: dict[str, Any], brands: Path) -> dict[str, Any]:
    """mkdocs.yml for run A: the repository's, brandhall pointed at ``brands``, date fixed."""
    cfg = copy.deepcopy(base)
    plugins = list(cfg.get("plugins") or [])
    i = _brandhall_index(plugins)
    entry = plugins[i]
    options = dict(entry["brandhall"] or {}) if isinstance(entry, dict) else {}
    options.update(brands_dir=str(brands), today=TODAY.isoformat())
    plugins[i] = {"brandhall": options}
    cfg["plugins"] = plugins
    return cfg


@dataclass
class PluginOutput:
    """What the brandhall plugin adds to a build: files and configuration."""

    files: dict[str, bytes]
    not_in_nav: set[str]  # src paths of the pages it keeps out of the navigation
    extra_css: list[Any]
    extra_javascript: list[Any]
    nav: Any
    extra: dict[str, Any]


def _script(value: Any) -> Any:
    """An extra_javascript entry as mkdocs.yml spells it."""
    if isinstance(value, str):
        return value
    attrs = {k: getattr(value, k) for k in ("type", "defer", "async") if getattr(value, k, None)}
    return {"path": str(value), **attrs} if attrs else str(value)


def plugin_output(config_file: Path, preloaded: Any) -> PluginOutput:
    """Run the plugin's on_config and on_files (nothing else) to see what it adds.

    ``preloaded`` is the LoadResult already checked, so the brands are not read again.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files, InclusionLevel

    cfg = load_config(str(config_file))
    cfg = cfg.plugins.on_config(cfg)
    plugin = cfg.plugins["brandhall"]
    del preloaded  # the plugin reuses the checked catalog (brandhall.cache)
    files = plugin.on_files(Files([]), config=cfg)
    assert files is not None
    return PluginOutput(
        files={f.src_uri: f.content_bytes for f in files},
        not_in_nav={
            f.src_uri
            for f in files
            if f.inclusion == InclusionLevel.NOT_IN_NAV and f.src_uri.endswith(".md")
        },
        extra_css=[str(x) for x in cfg.extra_css],
        extra_javascript=[_script(x) for x in cfg.extra_javascript],
        nav=cfg.nav,
        extra=dict(cfg.extra),
    )


def _not_in_nav_spec(hidden: set[str], listed: set[str]) -> str:
    """A short gitignore-style not_in_nav matching ``hidden`` and none of ``listed``."""
    dirs = {uri.split("/", 1)[0] for uri in hidden if "/" in uri}
    if all(uri.split("/", 1)[0] not in dirs for uri in listed) and all(
        "/" in uri for uri in hidden
    ):
        return "".join(f"/{d}/\n" for d in sorted(dirs))
    return "".join(f"/{uri}\n" for uri in sorted(hidden))  # slow with thousands, but exact


FINAL_PASS_HOOK = Path(__file__).with_name("final_pass_hook.py")


def baseline_config(base: dict[str, Any], added: PluginOutput) -> dict[str, Any]:
    """mkdocs.yml for run B: without brandhall, with what the plugin adds in on_config."""
    cfg = copy.deepcopy(base)
    plugins = list(cfg.get("plugins") or [])
    del plugins[_brandhall_index(plugins)]
    # The baseline is plain MkDocs + Material *with its own search* (what a site without
    # brandhall would use; brandhall replaces it by its own index), named explicitly.
    if not any(
        e in ("search", "material/search") or (isinstance(e, dict) and "search" in e)
        for e in plugins
    ):
        plugins.insert(0, "search")
    cfg["plugins"] = plugins
    cfg["extra_css"] = added.extra_css
    cfg["extra_javascript"] = added.extra_javascript
    # The same final allowlist pass as the plugin's on_page_content (a MkDocs hook), so
    # the two sites can be compared page for page; its cost is then in both runs.
    cfg["hooks"] = [str(FINAL_PASS_HOOK)]
    if added.nav is not None:
        cfg["nav"] = added.nav
    if added.extra:
        cfg["extra"] = added.extra
    # The theme templates the plugin ships (site footer, 404), as a custom_dir.
    from brandhall.plugin import OVERRIDES

    theme = cfg.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme}
    theme.setdefault("custom_dir", str(OVERRIDES))
    cfg["theme"] = theme
    # The plugin marks brand and case pages NOT_IN_NAV; not_in_nav is MkDocs' own way.
    listed = {uri for uri in added.files if uri.endswith(".md")} - added.not_in_nav
    cfg["not_in_nav"] = _not_in_nav_spec(added.not_in_nav, listed)
    return cfg


# =========================================================================== runs
@dataclass
class RunResult:
    name: str
    wall_s: float = 0.0  # the whole subprocess, interpreter start-up included
    cpu_s: float = 0.0  # user + system CPU time of that subprocess
    in_process_s: float = 0.0  # from the child's first line to the end of mkdocs build
    import_s: float | None = (
        None  # `import brandhall.plugin` (pydantic models, pypinyin), run A only
    )
    load_s: float | None = None  # load_catalog (read + validate), run A only
    render_s: float | None = None  # render_site, run A only
    on_files_s: float | None = None  # the plugin's whole on_files hook, run A only
    on_post_build_s: float | None = None  # the plugin's on_post_build hook, run A only
    load_cpu_s: float | None = None  # CPU time of load_catalog (time.process_time)
    render_cpu_s: float | None = None  # CPU time of render_site
    peak_rss_bytes: int = 0
    site_bytes: int = 0
    search_index_bytes: int = 0
    html_files: int = 0
    largest_brand_page_bytes: int = 0
    largest_brand_page: str = ""
    gallery_page_bytes: int = 0
    jieba_init_s: float | None = None  # jieba's one-off dictionary load, wherever it happens
    jieba_init_in: str = ""  # the timed call it happened in ("render_site" or "" = in MkDocs)
    warnings: int = 0
    log: str = ""
    tree_peak_rss_bytes: int = 0  # the child and its children together, sampled every 0.5 s
    children_peak_rss_bytes: int = 0  # the largest VmHWM of a child's child (the indexer), sampled
    children_hwm: dict[str, int] = field(default_factory=dict)  # per command name
    stages: dict[str, Any] = field(
        default_factory=dict
    )  # MkDocs' phases, the search index, RSS marks


def _tree_rss(root: int, hwm: dict[str, int] | None = None) -> int:
    """Resident memory of process ``root`` and all its descendants, in bytes (Linux).

    ``hwm``: the largest VmHWM seen per descendant's command name is kept there."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, todo = {root}, [root]
    while todo:
        pid = todo.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                todo.append(child)
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text(encoding="ascii").split()[1]) * page
            if hwm is not None and pid != root:
                status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
                fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
                name = fields["Name"].strip()
                kib = int(fields.get("VmHWM", "0 kB").split()[0])
                hwm[name] = max(hwm.get(name, 0), kib * 1024)
        except (OSError, ValueError, IndexError, KeyError):
            continue
    return total


class _TreeSampler:
    """The peak of _tree_rss(pid), sampled every ``interval`` seconds in a thread."""

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        import threading

        self.pid, self.interval, self.peak = pid, interval, 0
        self.children_hwm: dict[str, int] = {}  # command name -> largest VmHWM seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        if not Path("/proc/self/statm").exists():
            return
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, _tree_rss(self.pid, self.children_hwm))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _run(name: str, config_file: Path, log_file: Path, profile: Path | None) -> RunResult:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        name,
        "--config",
        str(config_file),
    ]
    result_file = log_file.with_suffix(".json")
    cmd += ["--result", str(result_file)]
    if profile is not None:
        cmd += ["--profile-to", str(profile)]
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    with log_file.open("w", encoding="utf-8") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=config_file.parent
        )
        sampler = _TreeSampler(proc.pid)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        tree_peak = sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log_file.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        sys.stderr.write(text[-4000:])
        raise SystemExit(f"run {name} failed with exit code {proc.returncode}; log: {log_file}")
    child = json.loads(result_file.read_text(encoding="utf-8"))
    result = RunResult(
        name=name,
        wall_s=wall,
        in_process_s=child["in_process_s"],
        import_s=child.get("import"),
        load_s=child.get("load_catalog"),
        render_s=child.get("render_site"),
        on_files_s=child.get("on_files"),
        on_post_build_s=child.get("on_post_build"),
        load_cpu_s=child.get("load_catalog_cpu"),
        render_cpu_s=child.get("render_site_cpu"),
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_bytes=child.get("peak_rss_bytes") or usage.ru_maxrss * 1024,
        jieba_init_s=child.get("jieba_init"),
        jieba_init_in=child.get("jieba_init_in", ""),
        warnings=sum(1 for line in text.splitlines() if line.startswith("WARNING")),
        log=str(log_file),
        tree_peak_rss_bytes=tree_peak,
        children_peak_rss_bytes=max(sampler.children_hwm.values(), default=0),
        children_hwm=sampler.children_hwm,
        stages={
            k: v
            for k, v in child.items()
            if k.startswith(
                ("mkdocs_", "search_index", "rss_", "on_files", "on_post_build", "on_page")
            )
        },
    )
    _measure_site(config_file.parent / "site", result)
    return result


def _measure_site(site: Path, result: RunResult) -> None:
    for path in site.rglob("*"):
        if path.is_file():
            result.site_bytes += path.stat().st_size
            result.html_files += path.suffix == ".html"
    index = site / "search" / "search_index.json"
    result.search_index_bytes = index.stat().st_size if index.is_file() else 0
    gallery = site / "gallery" / "index.html"
    result.gallery_page_bytes = gallery.stat().st_size if gallery.is_file() else 0
    for page in (site / "brands").glob("*/index.html"):
        size = page.stat().st_size
        if size > result.largest_brand_page_bytes:
            result.largest_brand_page_bytes = size
            result.largest_brand_page = page.parent.name


def _compare_html(a: Path, b: Path) -> tuple[int, int, list[str]]:
    """HTML files of site ``a`` byte-identical in site ``b``: (same, total, some that differ)."""
    same, total = 0, 0
    differ: list[str] = []
    for page in sorted(a.rglob("*.html")):
        rel = page.relative_to(a)
        total += 1
        other = b / rel
        if other.is_file() and other.read_bytes() == page.read_bytes():
            same += 1
        elif len(differ) < 5:
            differ.append(rel.as_posix())
    return same, total, differ


# =========================================================================== child
def _timed(name: str, fn: F, timings: dict[str, Any], profiler: Any = None) -> F:
    """``fn`` adding its wall and CPU time to ``timings[name]`` and ``timings[name_cpu]``."""
    stack: list[str] = timings.setdefault("_stack", [])

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        if stack and f"{name}_in" not in timings:
            timings[f"{name}_in"] = stack[-1]  # jieba: inside which brandhall call
        stack.append(name)
        if profiler is not None:
            profiler.enable()
        try:
            return fn(*args, **kwargs)
        finally:
            if profiler is not None:
                profiler.disable()
            stack.pop()
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
            timings[f"{name}_cpu"] = timings.get(f"{name}_cpu", 0.0) + time.process_time() - cpu

    return wrapper  # type: ignore[return-value]


def _peak_rss() -> int:
    """This process's peak resident set size, in bytes.

    VmHWM belongs to the address space created by exec, so unlike ``ru_maxrss`` it does
    not include the parent's memory, which a forked child carries until it execs.
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _wrap(owner: Any, attr: str, name: str, timings: dict[str, Any], profiler: Any = None) -> None:
    """Replace ``owner.attr`` by a timed version of itself."""
    setattr(owner, attr, _timed(name, getattr(owner, attr), timings, profiler))


def _rss() -> int:
    """This process's resident set size now, in bytes (Linux; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _mark_rss(owner: Any, attr: str, mark: str, timings: dict[str, Any]) -> None:
    """Record RSS and peak RSS under ``rss_<mark>`` the first time ``owner.attr`` is called."""
    fn = getattr(owner, attr)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = f"rss_{mark}"
        if key not in timings:
            timings[key] = {"rss": _rss(), "peak": _peak_rss()}
        return fn(*args, **kwargs)

    setattr(owner, attr, wrapper)


def _mark_rss_before_post_build(timings: dict[str, Any]) -> None:
    """RSS once every page is written: MkDocs' plugin collection, before on_post_build."""
    from mkdocs.plugins import PluginCollection

    fn = PluginCollection.on_post_build

    @functools.wraps(fn)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        timings.setdefault("rss_after_build_pages", {"rss": _rss(), "peak": _peak_rss()})
        return fn(self, *args, **kwargs)

    PluginCollection.on_post_build = wrapper  # type: ignore[method-assign]


def child_main(mode: str, config_file: Path, result_file: Path, profile_to: Path | None) -> int:
    """Inside the subprocess: time brandhall's calls (run A) and run `mkdocs build`."""
    start = time.perf_counter()
    timings: dict[str, Any] = {}
    profiler = None
    # Material's search and brandhall's renderer both segment Chinese with jieba; its
    # dictionary loads once per process, in whichever comes first.  Time it to know.
    import jieba

    _wrap(jieba.Tokenizer, "initialize", "jieba_init", timings)
    if mode == "brandhall":
        t = time.perf_counter()
        import brandhall.plugin as plugin

        timings["import"] = time.perf_counter() - t

        if profile_to is not None:
            import cProfile

            profiler = cProfile.Profile()
        # The plugin calls these through module globals, so patching them there is
        # enough; on_files is patched on the class before MkDocs instantiates it.
        from brandhall import cache

        _wrap(cache, "load_catalog", "load_catalog", timings, profiler)
        _wrap(plugin, "render_site", "render_site", timings, profiler)
        _wrap(plugin.BrandhallPlugin, "on_files", "on_files", timings)
        if hasattr(plugin.BrandhallPlugin, "on_post_build"):  # wraps() keeps its priority
            _wrap(plugin.BrandhallPlugin, "on_post_build", "on_post_build", timings)
        # The final pass over every page's HTML (inside MkDocs' _populate_page).
        _wrap(plugin.BrandhallPlugin, "on_page_content", "on_page_content", timings)
        # The search index, inside on_post_build: what the build still waits for there
        # (the pages were handed to the indexer's process as they were rendered,
        # sitesearch.LiveIndex).
        if hasattr(plugin, "LiveIndex"):
            _wrap(plugin.LiveIndex, "finish", "search_index", timings)
    # Where MkDocs' own time goes (both runs): build() calls these module globals.
    import mkdocs.commands.build as mkbuild
    from mkdocs.structure.files import Files

    _wrap(mkbuild, "_populate_page", "mkdocs_populate_pages", timings)
    _wrap(mkbuild, "_build_page", "mkdocs_build_pages", timings)
    _wrap(Files, "copy_static_files", "mkdocs_copy_static_files", timings)
    # Memory at the phase boundaries: after on_files (all pages generated), after every
    # page is read and rendered (on_env comes next), after every page is written.
    _mark_rss(mkbuild, "get_navigation", "after_on_files", timings)
    _mark_rss(mkbuild, "_build_theme_template", "after_populate_pages", timings)
    _mark_rss_before_post_build(timings)
    from mkdocs.__main__ import cli

    cli.main(
        ["build", "--config-file", str(config_file)], prog_name="mkdocs", standalone_mode=False
    )
    timings["in_process_s"] = time.perf_counter() - start
    timings.pop("_stack", None)
    timings["peak_rss_bytes"] = _peak_rss()
    if profiler is not None and profile_to is not None:
        profiler.dump_stats(str(profile_to))
    result_file.write_text(json.dumps(timings), encoding="utf-8")
    return 0


# =========================================================================== report
def _mib(n: int | float) -> str:
    return f"{n / 2**20:.1f}"


def _kib(n: int | float) -> str:
    return f"{n / 2**10:.1f}"


def _secs(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if not a or not b else f"{a / b:.2f}×"


def share(a: RunResult, everything: bool = False) -> float:
    """brandhall's own time as a percentage of run A's wall time.

    By default load_catalog + render_site; with ``everything`` the import of the plugin
    and its whole on_files (which also hands the pages to MkDocs) and on_post_build hooks.
    """
    if everything:
        own = (a.import_s or 0.0) + (a.on_files_s or 0.0) + (a.on_post_build_s or 0.0)
    else:
        own = (a.load_s or 0.0) + (a.render_s or 0.0)
    return 100.0 * own / a.wall_s


def share_without_jieba(a: RunResult) -> float:
    """As ``share``, less jieba's dictionary load when render_site triggered it.

    The baseline pays that load too, inside MkDocs' search plugin; in run A it merely
    happens earlier.
    """
    jieba = (a.jieba_init_s or 0.0) if a.jieba_init_in in ("load_catalog", "render_site") else 0.0
    return 100.0 * ((a.load_s or 0.0) + (a.render_s or 0.0) - jieba) / a.wall_s


def cpu_share(a: RunResult) -> float:
    """CPU time of load_catalog + render_site as a percentage of run A's CPU time."""
    return 100.0 * ((a.load_cpu_s or 0.0) + (a.render_cpu_s or 0.0)) / a.cpu_s if a.cpu_s else 0.0


def table(n: int, cases: int, a: RunResult, b: RunResult) -> str:
    rows: list[tuple[str, str, str, str]] = [
        ("wall time, s", _secs(a.wall_s), _secs(b.wall_s), _ratio(a.wall_s, b.wall_s)),
        ("CPU time (user + sys), s", _secs(a.cpu_s), _secs(b.cpu_s), _ratio(a.cpu_s, b.cpu_s)),
        ("  in-process (no interpreter start), s", _secs(a.in_process_s), _secs(b.in_process_s), _ratio(a.in_process_s, b.in_process_s)),
        ("  import brandhall.plugin, s", _secs(a.import_s), "—", ""),
        ("  load_catalog (load + validate), s", _secs(a.load_s), "—", ""),
        ("  render_site, s", _secs(a.render_s), "—", ""),
        ("  plugin on_files (incl. the two above), s", _secs(a.on_files_s), "—", ""),
        ("  plugin on_post_build, s", _secs(a.on_post_build_s), "—", ""),
        ("peak RSS, MiB", _mib(a.peak_rss_bytes), _mib(b.peak_rss_bytes), _ratio(a.peak_rss_bytes, b.peak_rss_bytes)),
        ("site size, MiB", _mib(a.site_bytes), _mib(b.site_bytes), _ratio(a.site_bytes, b.site_bytes)),
        ("search_index.json, MiB", _mib(a.search_index_bytes), _mib(b.search_index_bytes), _ratio(a.search_index_bytes, b.search_index_bytes)),
        ("HTML files", str(a.html_files), str(b.html_files), _ratio(a.html_files, b.html_files)),
        ("largest brand page, KiB", _kib(a.largest_brand_page_bytes), _kib(b.largest_brand_page_bytes), _ratio(a.largest_brand_page_bytes, b.largest_brand_page_bytes)),
        ("gallery page, KiB", _kib(a.gallery_page_bytes), _kib(b.gallery_page_bytes), _ratio(a.gallery_page_bytes, b.gallery_page_bytes)),
        ("jieba dictionary load, s" + (f" (A: in {a.jieba_init_in})" if a.jieba_init_in else ""), _secs(a.jieba_init_s), _secs(b.jieba_init_s), ""),
        ("MkDocs warnings", str(a.warnings), str(b.warnings), ""),
    ]  # fmt: skip
    w = max(len(r[0]) for r in rows)
    lines = [
        f"{n} brands, {n * cases} case studies",
        f"{'':<{w}}  {'brandhall':>10}  {'baseline':>10}  {'ratio':>7}",
        *(f"{r[0]:<{w}}  {r[1]:>10}  {r[2]:>10}  {r[3]:>7}" for r in rows),
        f"brandhall's share, load + validate + render: {share(a):.1f} % of wall time, "
        f"{cpu_share(a):.1f} % of CPU time",
        f"  without jieba's dictionary load (paid by both runs): {share_without_jieba(a):.1f} % of wall time",
        f"  with the plugin's import and all of on_files and on_post_build: {share(a, True):.1f} % of wall time",
    ]
    return "\n".join(lines)


def snapshot_package(work: Path) -> dict[str, str]:
    """Copy generator/brandhall into ``work/src`` and measure that copy, not the checkout.

    The repository may change while a benchmark runs (for minutes); every process of the
    benchmark imports this snapshot instead (sys.path here, PYTHONPATH in the children).
    Returns which brandhall that is: the commit, whether generator/ had uncommitted
    changes, and a hash of the copied files.
    """
    if "brandhall" in sys.modules:
        raise RuntimeError("brandhall was imported before the snapshot")
    src = work / "src"
    shutil.copytree(
        REPO / "generator" / "brandhall",
        src / "brandhall",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    sys.path.insert(0, str(src))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(src), os.environ.get("PYTHONPATH")])
    )
    digest = hashlib.sha256()
    for path in sorted((src / "brandhall").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(src).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "generator"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        head, dirty = "", ""
    return {
        "git_head": head,
        "generator_modified": "yes" if dirty else "no",
        "package_sha256": digest.hexdigest()[:16],
    }


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {
        pkg: version(pkg) for pkg in ("brandhall", "mkdocs", "mkdocs-material", "jieba", "pydantic")
    }


# =========================================================================== main
def benchmark(
    n: int, cases: int, seed: int, out: Path, keep: bool, profile: bool, repeat: int = 1
) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"brandhall-bench-{n}-"))
    try:
        source = snapshot_package(work)
        from brandhall.load import load_catalog
        from brandhall.render import render_site
        from brandhall.visibility import visible_catalog

        brands = work / "brands"
        t = time.perf_counter()
        facets = generate_brands(brands, n, cases, seed)
        print(f"generated {n} brands in {time.perf_counter() - t:.1f} s: {brands}", flush=True)
        result = load_catalog(brands, today=TODAY)
        if result.errors or len(result.catalog.brands) != n:
            for p in result.errors[:20]:
                print(p, file=sys.stderr)
            raise SystemExit(
                f"synthetic content is invalid: {len(result.errors)} errors, {len(result.catalog.brands)}/{n} brands loaded"
            )
        warnings = len(result.problems)
        base = _read_config(REPO / "mkdocs.yml")
        site_name = str(base.get("site_name") or "")
        docs_name = str(base.get("docs_dir") or "docs")

        # Run A: the repository's configuration and docs/, brandhall reading `brands`.
        run_a = work / "run-brandhall"
        shutil.copytree(REPO / docs_name, run_a / docs_name)
        _write_config(run_a / "mkdocs.yml", brandhall_config(base, brands))

        # Run B: the same pages as plain Markdown (what `brandhall emit` writes), plus the
        # CSS/JS and configuration the plugin adds, taken from the plugin itself.
        run_b = work / "run-baseline"
        shutil.copytree(REPO / docs_name, run_b / docs_name)
        emitted = render_site(
            visible_catalog(result.catalog, "intranet"), today=TODAY, site_name=site_name
        ).files()
        added = plugin_output(run_a / "mkdocs.yml", result)
        differ = [
            k
            for k, v in emitted.items()
            if added.files.get(k) != (v if isinstance(v, bytes) else v.encode())
        ]
        if differ:
            raise SystemExit(
                f"render_site().files() and the plugin's on_files differ: {differ[:5]}"
            )
        docs_b = run_b / docs_name
        for rel, content in {**added.files, **emitted}.items():
            target = docs_b / rel
            if target.exists():
                raise SystemExit(f"{docs_name}/{rel} exists and is also generated")
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        _write_config(run_b / "mkdocs.yml", baseline_config(base, added))
        extra_files = sorted(set(added.files) - set(emitted))
        del emitted, added, result

        out.mkdir(parents=True, exist_ok=True)
        prof = out / f"profile-{n}.prof" if profile else None
        runs: dict[str, list[RunResult]] = {"brandhall": [], "baseline": []}
        for r in range(repeat):
            # Alternate A and B so a slow spell on the machine hits both.
            for name, cfg in (
                ("brandhall", run_a / "mkdocs.yml"),
                ("baseline", run_b / "mkdocs.yml"),
            ):
                print(f"run {name} {r + 1}/{repeat}: mkdocs build …", end=" ", flush=True)
                done = _run(name, cfg, out / f"log-{n}-{name}.txt", None)
                print(f"{done.wall_s:.1f} s wall, {done.cpu_s:.1f} s CPU", flush=True)
                runs[name].append(done)
        if prof is not None:
            # A separate run: the profiler slows brandhall down, so it is not timed.
            print("profiling load_catalog + render_site (untimed run) …", flush=True)
            _run("brandhall", run_a / "mkdocs.yml", out / f"log-{n}-profile.txt", prof)
        # The fastest run of each is the least disturbed by everything else on the machine.
        a = min(runs["brandhall"], key=lambda x: x.wall_s)
        b = min(runs["baseline"], key=lambda x: x.wall_s)
        same, total, differ = _compare_html(run_a / "site", run_b / "site")

        text = table(n, cases, a, b)
        text += f"\nbyte-identical HTML pages between the two sites: {same} of {total}"
        if differ:
            text += " (differing, e.g.: " + ", ".join(differ) + ")"
        report: dict[str, Any] = {
            "brands": n,
            "cases": n * cases,
            "seed": seed,
            "today": TODAY.isoformat(),
            "load_warnings": warnings,
            "plugin_files_besides_pages": extra_files,
            "facets": {
                "sectors": len(facets.sectors),
                "provinces": len(facets.provinces),
                "stages": facets.stages,
                "tags_per_brand": round(facets.tags / n, 2),
                "brands_with_logo": facets.logos,
            },
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
                **_versions(),
            },
            "source": source,
            "repeat": repeat,
            "all_wall_s": {name: [x.wall_s for x in rs] for name, rs in runs.items()},
            "brandhall": asdict(a),
            "baseline": asdict(b),
            "ratios": {
                key: (getattr(a, key) / getattr(b, key)) if getattr(b, key) else None
                for key in (
                    "wall_s",
                    "in_process_s",
                    "peak_rss_bytes",
                    "site_bytes",
                    "search_index_bytes",
                    "html_files",
                    "largest_brand_page_bytes",
                    "gallery_page_bytes",
                )
            },  # fmt: skip
            "brandhall_share_pct": share(a),
            "brandhall_cpu_share_pct": cpu_share(a),
            "brandhall_share_without_jieba_init_pct": share_without_jieba(a),
            "brandhall_share_incl_import_and_on_files_pct": share(a, True),
            "per_brand": {
                "brandhall_wall_ms": 1000 * a.wall_s / n,
                "baseline_wall_ms": 1000 * b.wall_s / n,
                "brandhall_cpu_ms": 1000 * a.cpu_s / n,
                "baseline_cpu_ms": 1000 * b.cpu_s / n,
                "load_ms": 1000 * (a.load_s or 0) / n,
                "render_ms": 1000 * (a.render_s or 0) / n,
                "site_kib": a.site_bytes / 1024 / n,
                "search_index_kib": a.search_index_bytes / 1024 / n,
                "gallery_kib": a.gallery_page_bytes / 1024 / n,
            },
            "identical_html": {"same": same, "total": total, "differing_examples": differ},
            "table": text,
        }
        (out / f"bench-{n}.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (out / f"bench-{n}.txt").write_text(text + "\n", encoding="utf-8")
        print()
        print(text)
        if prof is not None:
            _print_profile(prof)
        print(f"\nwritten: {out / f'bench-{n}.json'}")
        return report
    finally:
        if keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def build_only(n: int, cases: int, seed: int, out: Path, work_dir: Path | None) -> dict[str, Any]:
    """Run A alone (no baseline, no pre-check): wall, CPU, memory and where the time goes.

    For sizes where the A/B comparison would take too long (10,000 brands): the
    brandhall build is timed exactly as in ``benchmark`` (same child, same wrappers);
    the build itself stops on any content error.  With ``work_dir`` the brands and the
    site stay there (``work_dir/run-brandhall/site``), e.g. for bench_search.py --site.
    """
    work = work_dir or Path(tempfile.mkdtemp(prefix=f"brandhall-buildonly-{n}-"))
    work.mkdir(parents=True, exist_ok=True)
    work.chmod(0o755)  # bench_search.py serves the kept site with nginx (www-data)
    try:
        source = snapshot_package(work)
        brands = work / "brands"
        t = time.perf_counter()
        generate_brands(brands, n, cases, seed)
        generate_s = time.perf_counter() - t
        print(f"generated {n} brands in {generate_s:.1f} s: {brands}", flush=True)
        base = _read_config(REPO / "mkdocs.yml")
        run_a = work / "run-brandhall"
        shutil.copytree(
            REPO / str(base.get("docs_dir") or "docs"), run_a / "docs", dirs_exist_ok=True
        )
        _write_config(run_a / "mkdocs.yml", brandhall_config(base, brands))
        out.mkdir(parents=True, exist_ok=True)
        load = os.getloadavg()
        print(f"run brandhall (build only), load average {load[0]:.1f} …", flush=True)
        a = _run("brandhall", run_a / "mkdocs.yml", out / f"log-{n}-buildonly.txt", None)
        st = a.stages
        where = {
            "import brandhall.plugin": a.import_s,
            "load_catalog": a.load_s,
            "render_site": a.render_s,
            "on_files, rest (handing files to MkDocs)": (a.on_files_s or 0)
            - (a.load_s or 0)
            - (a.render_s or 0),
            "MkDocs: read + render pages (_populate_page), without the next": (
                st.get("mkdocs_populate_pages") or 0
            )
            - (st.get("on_page_content") or 0),
            "brandhall's final pass over each page (on_page_content)": st.get("on_page_content"),
            "MkDocs: copy static files": st.get("mkdocs_copy_static_files"),
            "MkDocs: template + write pages (_build_page)": st.get("mkdocs_build_pages"),
            "search index (what the build still waits for at the end)": st.get("search_index"),
            "on_post_build, rest (gzip, checks)": (a.on_post_build_s or 0)
            - (st.get("search_index") or 0),
        }
        accounted = sum(v for v in where.values() if v)
        where["rest (start-up, config, nav, MkDocs' other work)"] = a.wall_s - accounted
        report: dict[str, Any] = {
            "brands": n,
            "cases": n * cases,
            "seed": seed,
            "generate_s": generate_s,
            "load_average_at_start": load,
            "load_average_at_end": os.getloadavg(),
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
                **_versions(),
            },
            "source": source,
            "brandhall": asdict(a),
            "where_the_time_goes_s": where,
            "site": str(run_a / "site"),
        }
        lines = [
            f"brandhall build only, N={n} brands, {n * cases} cases "
            f"(load average {load[0]:.1f} → {os.getloadavg()[0]:.1f})",
            f"  wall {a.wall_s:.1f} s, CPU {a.cpu_s:.1f} s (the build process and its children: the search indexer)",
            f"  peak RSS: build process {_mib(a.peak_rss_bytes)} MiB (VmHWM), its children "
            f"{', '.join(f'{k} {_mib(v)}' for k, v in a.children_hwm.items()) or '–'} MiB (VmHWM, sampled), "
            f"process tree (sampled) {_mib(a.tree_peak_rss_bytes)} MiB",
            f"  HTML files {a.html_files}, site {_mib(a.site_bytes)} MiB",
            "  where the time goes (wall s; CPU s of this process where measured):",
            *(f"    {k:<62} {_secs(v)}" for k, v in where.items()),
            *(
                f"    CPU {k:<58} {_secs(st.get(k + '_cpu'))}"
                for k in ("mkdocs_populate_pages", "on_page_content", "mkdocs_build_pages")
            ),
            f"    CPU {'load_catalog / render_site':<58} {_secs(a.load_cpu_s)} / {_secs(a.render_cpu_s)}",
            "  RSS at phase boundaries (MiB, now / peak so far):",
            *(
                f"    {k[4:]:<52} {_mib(v['rss'])} / {_mib(v['peak'])}"
                for k, v in st.items()
                if k.startswith("rss_")
            ),
        ]  # fmt: skip
        text = "\n".join(lines)
        report["table"] = text
        (out / f"buildonly-{n}.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (out / f"buildonly-{n}.txt").write_text(text + "\n", encoding="utf-8")
        print(text)
        print(f"written: {out / f'buildonly-{n}.json'}")
        return report
    finally:
        if work_dir is None:
            shutil.rmtree(work, ignore_errors=True)


# Stages of run A whose growth with N is fitted (``--fit``), as RunResult fields; the
# baseline's whole CPU time is fitted too, for comparison.
FIT_STAGES = (
    ("load_catalog CPU", "load_cpu_s"),
    ("render_site CPU", "render_cpu_s"),
    ("on_files (wall)", "on_files_s"),
    ("on_post_build: search index (wall)", "on_post_build_s"),
    ("whole build CPU", "cpu_s"),
)
SUPERLINEAR = 1.15  # an exponent above this is reported as growing faster than linearly


def fit_exponent(ns: Sequence[int], ts: Sequence[float]) -> float | None:
    """k of t = c·N^k, least squares on log t against log N; None without two points."""
    pts = [(math.log(n), math.log(t)) for n, t in zip(ns, ts, strict=True) if t and t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None


def fit_report(reports: Sequence[dict[str, Any]]) -> tuple[dict[str, Any], str]:
    """The exponent of every FIT_STAGES entry (and the baseline's CPU) over the runs."""
    ns = [int(r["brands"]) for r in reports]
    rows: dict[str, Any] = {}
    lines = ["", "growth with N (t = c·N^k, least squares over " + "/".join(map(str, ns)) + "):"]
    series = [(label, [r["brandhall"].get(key) for r in reports]) for label, key in FIT_STAGES]
    series.append(("baseline: whole build CPU", [r["baseline"]["cpu_s"] for r in reports]))
    for label, ts in series:
        k = fit_exponent(ns, [t or 0.0 for t in ts])
        faster = k is not None and k > SUPERLINEAR
        rows[label] = {"seconds": ts, "exponent": k, "faster_than_linear": faster}
        shown = "  ".join(_secs(t) for t in ts)
        flag = "  <-- grows faster than linearly" if faster else ""
        lines.append(f"  {label:<34} {shown}   k = {'–' if k is None else f'{k:.2f}'}{flag}")
    return {"brands": ns, "threshold": SUPERLINEAR, "stages": rows}, "\n".join(lines)


def _short_path(filename: str) -> str:
    """A profiled file's path as the repository (or site-packages) names it."""
    if "/src/brandhall/" in filename:  # the snapshot of generator/brandhall
        return "generator/brandhall/" + filename.split("/src/brandhall/", 1)[1]
    for marker in ("site-packages/", f"{REPO.as_posix()}/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def _print_profile(path: Path) -> None:
    """Top functions by own time, and brandhall's functions by cumulative time."""
    import pstats

    stats = pstats.Stats(str(path))
    rows = [
        (tt, ct, nc, f"{_short_path(f)}:{line}({fn})")
        for (f, line, fn), (_cc, nc, tt, ct, _callers) in stats.stats.items()  # type: ignore[attr-defined]
    ]
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"\ncProfile of load_catalog + render_site: {total:.2f} s profiled ({path})")
    print(f"\n{'own s':>8} {'cum s':>8} {'calls':>9}  top 20 by own time")
    for tt, ct, nc, where in sorted(rows, reverse=True)[:20]:
        print(f"{tt:8.2f} {ct:8.2f} {nc:9d}  {where}")
    print(
        f"\n{'own s':>8} {'cum s':>8} {'calls':>9}  brandhall functions, top 25 by cumulative time"
    )
    ours = [r for r in rows if r[3].startswith("generator/brandhall/")]
    for tt, ct, nc, where in sorted(ours, key=lambda r: -r[1])[:25]:
        print(f"{tt:8.2f} {ct:8.2f} {nc:9d}  {where}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--brands",
        type=int,
        default=100,
        metavar="N",
        help="number of synthetic brands (default 100)",
    )
    parser.add_argument(
        "--cases", type=int, default=3, metavar="K", help="case studies per brand (default 3)"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed for the content"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="where the JSON, table and logs go (default benchmarks/out/)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="R",
        help="build each variant R times, alternating, and report the fastest (default 1)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (brands and both sites)"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after the timed runs, one more run A with load_catalog + render_site under cProfile; print the hotspots",
    )
    parser.add_argument(
        "--fit",
        metavar="N,N,…",
        help="run the benchmark at each N (e.g. 250,500,1000) and fit each stage's exponent "
        "k of t = c·N^k; a stage above k = 1.15 is reported as growing faster than linearly",
    )
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="run only the brandhall build (no baseline, no pre-check): wall, CPU, peak RSS "
        "of the process tree and where the time goes; writes buildonly-N.json",
    )
    parser.add_argument(
        "--work",
        type=Path,
        metavar="DIR",
        help="with --build-only: write the brands and the site here and keep them",
    )
    parser.add_argument("--child", choices=["brandhall", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args.child, args.config, args.result, args.profile_to)
    if args.brands < 1 or args.cases < 0 or args.repeat < 1:
        parser.error("--brands and --repeat must be ≥ 1, --cases ≥ 0")
    if args.build_only:
        build_only(
            args.brands,
            args.cases,
            args.seed,
            args.out.resolve(),
            args.work.resolve() if args.work else None,
        )
        return 0
    if args.fit:
        ns = sorted({int(v) for v in args.fit.split(",") if v.strip()})
        if len(ns) < 2 or ns[0] < 1:
            parser.error("--fit needs at least two numbers of brands ≥ 1, e.g. 250,500,1000")
        out = args.out.resolve()
        reports = []
        for n in ns:  # one process per N: each snapshots and imports brandhall afresh
            cmd = [sys.executable, str(Path(__file__).resolve()), "--brands", str(n)]
            cmd += ["--cases", str(args.cases), "--seed", str(args.seed), "--out", str(out)]
            cmd += ["--repeat", str(args.repeat)] + (["--keep"] if args.keep else [])
            subprocess.run(cmd, check=True)
            reports.append(json.loads((out / f"bench-{n}.json").read_text(encoding="utf-8")))
        data, text = fit_report(reports)
        print(text)
        name = "fit-" + "-".join(map(str, ns))
        (out / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        (out / f"{name}.txt").write_text(text.lstrip() + "\n", encoding="utf-8")
        print(f"written: {out / f'{name}.json'}")
        return 0
    benchmark(
        args.brands, args.cases, args.seed, args.out.resolve(), args.keep, args.profile, args.repeat
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
