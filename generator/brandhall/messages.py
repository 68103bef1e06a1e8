"""Message catalog: one entry per problem code, in Chinese and English.

Messages say what is wrong, quote what was found and say what is expected, so an
editor who is not a programmer can fix the file without asking anyone.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    # --- files and encodings -------------------------------------------------
    "file_too_large": (
        "文件过大（{size} 字节），上限 {limit} 字节；图片请压缩，文字请精简或拆分到案例中",
        "file is too large ({size} bytes); the limit is {limit} bytes",
    ),
    "file_empty": ("文件是空的；请填写内容或删除该文件", "the file is empty"),
    "not_utf8": (
        "文件不是 UTF-8 编码（第 {offset} 个字节无法解码）；请用 UTF-8 编码另存",
        "the file is not UTF-8 (byte {offset} cannot be decoded); save it as UTF-8",
    ),
    "not_utf8_gbk": (
        "文件是 GBK/GB18030 编码（Windows 记事本等常见），不是 UTF-8；"
        "请在编辑器中选择“UTF-8”编码另存（读到的开头：{sample}）",
        "the file is encoded as GBK/GB18030, not UTF-8; re-save it as UTF-8 (starts: {sample})",
    ),
    "yaml_syntax": (
        "YAML 格式错误：{detail}",
        "YAML syntax error: {detail}",
    ),
    "yaml_anchor": (
        "不允许使用 YAML 锚点（&{anchor}）；请把内容直接写出来",
        "YAML anchors are not allowed (&{anchor}); write the content out",
    ),
    "yaml_alias": (
        "不允许使用 YAML 别名（*{anchor}）；请把内容直接写出来",
        "YAML aliases are not allowed (*{anchor}); write the content out",
    ),
    "yaml_merge": (
        "不允许使用 YAML 合并键（<<）；请把内容直接写出来",
        "YAML merge keys (<<) are not allowed",
    ),
    "yaml_multi_doc": (
        "一个文件只能有一个 YAML 文档（发现了多余的“---”）",
        "a file may hold only one YAML document (found an extra '---')",
    ),
    "yaml_too_deep": (
        "嵌套层次过深（超过 {limit} 层）",
        "nesting is too deep (more than {limit} levels)",
    ),
    "yaml_tag": (
        "不支持的 YAML 标签 {tag}；请去掉它",
        "unsupported YAML tag {tag}; remove it",
    ),
    "yaml_complex_key": (
        "字段名必须是简单文字，不能是列表或映射",
        "keys must be plain text, not lists or mappings",
    ),
    "yaml_not_mapping": (
        "文件内容应是“字段: 值”形式的映射，实际是{got}",
        "the document must be a mapping of 'key: value', got {got}",
    ),
    "duplicate_key": (
        "字段“{key}”重复出现（第一次在第 {first_line} 行）；只保留一个",
        "key '{key}' appears twice (first on line {first_line}); keep one",
    ),
    # --- schema ---------------------------------------------------------------
    "unknown_key": (
        "未知字段“{key}”{hint}；允许的字段：{allowed}",
        "unknown key '{key}'{hint}; allowed keys: {allowed}",
    ),
    "missing": ("缺少必填字段“{key}”", "required key '{key}' is missing"),
    "wrong_type": (
        "类型不对（读到的是{got}：{value}；应为{expected}）",
        "wrong type (got {got}: {value}; expected {expected})",
    ),
    "too_short": (
        "内容太短（{actual} 个字；至少 {min} 个字）",
        "text is too short ({actual} characters; at least {min})",
    ),
    "too_long": (
        "内容太长（{actual} 个字；最多 {max} 个字）",
        "text is too long ({actual} characters; at most {max})",
    ),
    "list_too_short": (
        "至少需要 {min} 项（现有 {actual} 项）",
        "needs at least {min} item(s) (has {actual})",
    ),
    "list_too_long": (
        "最多 {max} 项（现有 {actual} 项）",
        "at most {max} item(s) (has {actual})",
    ),
    "too_small": (
        "数值太小（读到 {value}；应不小于 {min}）",
        "too small (got {value}; minimum {min})",
    ),
    "too_big": (
        "数值太大（读到 {value}；应不大于 {max}）",
        "too large (got {value}; maximum {max})",
    ),
    "not_in_vocab": (
        "“{value}”不在可选范围内；可选：{allowed}",
        "'{value}' is not an allowed value; expected one of: {allowed}",
    ),
    "date_format": (
        "日期格式不对（读到 {value}；应为 YYYY-MM-DD 或 YYYY-MM，如 2023-06-01）",
        "bad date format (got {value}; expected YYYY-MM-DD or YYYY-MM)",
    ),
    "date_full_required": (
        "这里需要完整日期（读到 {value}；应为 YYYY-MM-DD）",
        "a full date is required here (got {value}; expected YYYY-MM-DD)",
    ),
    "date_invalid": (
        "日期不存在（读到 {value}）；请核对月份和日子",
        "no such date (got {value})",
    ),
    "date_future": (
        "日期在未来（读到 {value}；今天是 {today}）",
        "date is in the future (got {value}; today is {today})",
    ),
    "year_future": (
        "年份在未来（读到 {value}；今年是 {year}）",
        "year is in the future (got {value}; this year is {year})",
    ),
    "date_order": (
        "有效期（{until}）早于命名时间（{since}）",
        "valid_until ({until}) is before since ({since})",
    ),
    "tags_duplicate": ("标签“{value}”重复了", "tag '{value}' is listed twice"),
    "region_province": (
        "第一项须为省级行政区的全称（读到“{value}”{hint}）；例如：北京市、广东省、内蒙古自治区",
        "the first entry must be the full name of a provincial-level division "
        "(got '{value}'{hint})",
    ),
    "placeholder": (
        "这里还是模板里的占位文字（{value}）；请填写真实内容",
        "this is still the scaffold placeholder ({value}); fill it in",
    ),
    # --- files named by a profile ---------------------------------------------
    "file_missing": (
        "引用的文件“{file}”不存在（相对于品牌文件夹）",
        "the file '{file}' does not exist (relative to the brand folder)",
    ),
    "path_outside": (
        "路径“{file}”超出了品牌文件夹；只能引用本文件夹内的文件，如 logo.svg、images/a.png",
        "the path '{file}' leaves the brand folder; only files inside it may be used",
    ),
    "file_ext": (
        "文件“{file}”的类型不支持；可用：{allowed}",
        "file '{file}' has an unsupported type; allowed: {allowed}",
    ),
    # --- across files -----------------------------------------------------------
    "name_duplicate": (
        "品牌名称“{value}”与 {other} 重复；品牌名称须唯一",
        "brand name '{value}' is already used by {other}",
    ),
    "related_missing": (
        "相关品牌“{value}”不存在（brands/ 下没有这个文件夹）{hint}",
        "related brand '{value}' does not exist (no such folder in brands/){hint}",
    ),
    "related_self": (
        "相关品牌不能是自己（{value}）",
        "a brand cannot be related to itself ({value})",
    ),
    "slug_invalid": (
        "名称“{value}”不合规：只能用小写英文字母、数字和连字符（如 xiaofang-tqz），不超过 64 个字符",
        "'{value}' is not a valid slug: use a-z, 0-9 and single hyphens, at most 64 characters",
    ),
    "brand_yml_missing": (
        "品牌文件夹里没有 brand.yml{hint}",
        "the brand folder has no brand.yml{hint}",
    ),
    "stray_file": (
        "“{value}”不是品牌文件夹，已忽略；如不需要请删除，或以 _ 开头命名",
        "'{value}' is not a brand folder and is ignored",
    ),
    # --- text -------------------------------------------------------------------
    "raw_html": (
        "不允许使用 HTML 标签（{value}）；请改用 Markdown 写法",
        "raw HTML is not allowed ({value}); use Markdown instead",
    ),
    "link_scheme": (
        "不允许的链接类型“{scheme}:”（{value}）；只能用相对路径、http(s): 或 mailto:",
        "link scheme '{scheme}:' is not allowed ({value}); use relative, http(s): or mailto:",
    ),
    "case_ignored": (
        "“{value}”不是案例文件，已忽略；案例须是 cases/ 下以 .md 结尾的文件（小写扩展名）",
        "'{value}' is not a case study and is ignored; cases are .md files directly in cases/",
    ),
    "cases_not_dir": (
        "cases 应是一个文件夹，里面放 .md 案例文件；现在它是一个文件，已忽略",
        "cases must be a folder of .md files; it is a file and is ignored",
    ),
    "binary_file": (
        "文件里有 NUL 字符（第 {offset} 个字符），像是二进制文件；请用文本编辑器另存为 UTF-8 文本",
        "the file contains a NUL character (character {offset}); is it binary? save it as UTF-8 text",
    ),
    "brands_dir_missing": (
        "找不到品牌目录“{value}”；请在仓库根目录运行，或用 --brands 指定目录",
        "brands directory '{value}' not found; run from the repository root or pass --brands",
    ),
    "svg_unsafe": (
        "SVG 标识里有脚本、事件属性或外部链接（{value}）；请导出为不含脚本和外链的纯图形 SVG",
        "the SVG logo contains a script, event handler or external reference ({value})",
    ),
    "absolute_link": (
        "以 / 开头的链接（{value}）在网站放在子路径下时会失效；请用相对链接",
        "a link starting with / ({value}) breaks when the site is hosted under a sub-path; use a relative link",
    ),
    "case_no_front_matter": (
        "案例文件缺少开头的 YAML 信息块（以 --- 开始、以 --- 结束，含 title、date、summary）",
        "the case study has no YAML front matter (between '---' lines: title, date, summary)",
    ),
    "case_front_matter_unclosed": (
        "开头的 YAML 信息块没有结束的“---”行",
        "the front matter has no closing '---' line",
    ),
    # --- build ------------------------------------------------------------------
    "build_failed": ("站点构建失败：{detail}", "site build failed: {detail}"),
    "build_disk_full": (
        "构建时磁盘空间不足（{path}）；原有网站保持不变，未完成的构建已删除。请清理磁盘后重试",
        "the disk is full ({path}); the existing site is unchanged and the partial build was removed",
    ),
    "build_io": (
        "构建时读写 {path} 失败（{detail}）；原有网站保持不变，未完成的构建已删除",
        "reading or writing {path} failed ({detail}); the existing site is unchanged",
    ),
    # --- publish and rollback ------------------------------------------------------
    "publish_locked": (
        "{dest} 正在被另一个发布或回滚占用（{lock}）；请等它完成后再试，或用 --wait 秒数 让本次等待",
        "{dest} is being published or rolled back by another process ({lock}); "
        "try again later, or wait with --wait SECONDS",
    ),
    "publish_keep": (
        "--keep 至少为 2：要保留上一个版本才能回滚",
        "--keep must be at least 2: the previous release is needed for a rollback",
    ),
    "publish_not_site": (
        "{site} 不是构建好的网站（没有 index.html）；请先运行 brandhall build",
        "{site} is not a built site (no index.html); run brandhall build first",
    ),
    "publish_count_mismatch": (
        "复制后的文件数（{copied}）与网站（{expected}）不一致；current 未改动",
        "the copy has {copied} files, the site {expected}; current is unchanged",
    ),
    "publish_checksum_mismatch": (
        "复制后的文件校验和不一致（{first} 等 {count} 个）；current 未改动",
        "checksums of the copy differ ({first} and {count} in all); current is unchanged",
    ),
    "publish_current_not_link": (
        "{path} 是一个普通目录或文件，不是 brandhall publish 维护的链接；为免覆盖，未发布。"
        "请把它移走（例如改名为 {path}.bak）后重试，网站根目录应指向 {path}",
        "{path} is a real directory or file, not the link brandhall publish maintains; "
        "nothing was published. Move it away (e.g. to {path}.bak) and try again",
    ),
    "publish_disk_full": (
        "磁盘空间不足（{path}），发布未完成；current 未改动，未完成的副本已删除。"
        "请清理磁盘或减小 --keep 后重试",
        "the disk is full ({path}); nothing was published, current is unchanged and the "
        "partial copy was removed. Free some space or lower --keep and try again",
    ),
    "publish_read_only": (
        "{path} 不可写（只读挂载或没有写权限），无法发布；current 未改动",
        "{path} is not writable (read-only mount or no permission); current is unchanged",
    ),
    "publish_io": (
        "发布时读写 {path} 失败（{detail}）；current 未改动，未完成的副本已删除",
        "reading or writing {path} failed ({detail}); current is unchanged",
    ),
    "rollback_no_current": (
        "{path} 不存在或指向的版本已不在；无法回滚",
        "{path} does not exist or names a release that is gone; cannot roll back",
    ),
    "rollback_oldest": (
        "{current} 已是保留的最早版本，没有可回滚的上一个版本",
        "{current} is the oldest release kept; there is no earlier release to roll back to",
    ),
}

_TYPE_WORDS: dict[str, tuple[str, str]] = {
    "text": ("文字", "text"),
    "integer": ("整数", "an integer"),
    "number": ("数字", "a number"),
    "boolean": ("是/否", "true/false"),
    "list": ("列表", "a list"),
    "mapping": ("映射（字段: 值）", "a mapping"),
    "empty": ("空值", "nothing"),
    "date": ("日期", "a date"),
}


def type_word(kind: str, lang: str) -> str:
    zh, en = _TYPE_WORDS.get(kind, (kind, kind))
    return zh if lang == "zh" else en


def render_message(code: str, lang: str, params: dict[str, Any]) -> str:
    zh, en = MESSAGES.get(code, (code, code))
    template = zh if lang == "zh" else en
    values: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, (list, tuple)):
            value = ("、" if lang == "zh" else ", ").join(str(v) for v in value)
        elif isinstance(value, dict) and "zh" in value:
            value = value["zh"] if lang == "zh" else value["en"]
        values[key] = value
    for kind_key in ("got", "expected"):
        if kind_key in values and str(values[kind_key]) in _TYPE_WORDS:
            values[kind_key] = type_word(str(values[kind_key]), lang)
    values.setdefault("hint", "")
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
