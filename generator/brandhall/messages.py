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
    # --- files under brands/ (symlinks, references, images) ---------------------
    "symlink": (
        "这是符号链接（指向 {target}）；brands/ 下不允许符号链接，请换成真实的文件或文件夹，它指向的内容不会被读取",
        "this is a symbolic link (to {target}); no symlinks are allowed under brands/: "
        "replace it by the real file or folder (nothing behind it is read)",
    ),
    "ref_missing": (
        "引用的文件“{file}”不存在（路径从 {base} 算起）{hint}",
        "the file '{file}' does not exist (the path is relative to {base}){hint}",
    ),
    "ref_not_published": (
        "不能链接“{file}”：网站只发布标识和 images/ 里的图片，不发布 brand.yml、案例源文件或其他文件"
        "（路径从 {base} 算起）；链接案例请写 cases/文件名.md，图片请放进 images/",
        "'{file}' cannot be linked: the site publishes only the logo and pictures in images/, "
        "never brand.yml, case sources or other files (the path is relative to {base})",
    ),
    "image_too_large": (
        "图片“{file}”过大（{size} MB），上限 {limit} MB；请压缩后再提交",
        "the picture '{file}' is too large ({size} MB); the limit is {limit} MB",
    ),
    # --- values -----------------------------------------------------------------
    "control_char": (
        "有看不见的控制字符 {char}；请删除它（除换行和 Tab 外不允许控制字符）",
        "contains the invisible control character {char}; remove it "
        "(only newline and tab are allowed)",
    ),
    "bidi_char": (
        "有改变文字方向的隐藏字符 {char}，会让显示的内容与实际不同；请删除它",
        "contains the hidden text-direction character {char}, which makes the text "
        "display differently from what it is; remove it",
    ),
    "key_invisible_char": (
        "字段名“{key}”里有看不见的字符 {char}；请删掉这个字段名重新输入",
        "the key '{key}' contains the invisible character {char}; retype the key",
    ),
    "number_not_finite": (
        "数值必须是普通的有限数字（读到 {value}）",
        "the value must be an ordinary finite number (got {value})",
    ),
    "number_notation": (
        "数字“{value}”的写法不规范{read}；请直接写十进制数字，不带前导 0、正号、下划线或 0x、0o、0b 前缀",
        "the number '{value}' is written in a special notation{read}; "
        "write it as a plain decimal number, without a leading 0, +, _ or a 0x/0o/0b prefix",
    ),
    "email_invalid": (
        "“{value}”不是有效的电子邮箱地址；应形如 dangjian@example.org",
        "'{value}' is not a valid e-mail address (expected e.g. dangjian@example.org)",
    ),
    # --- pieces of messages (hints), rendered into the params of the ones above ----
    "hint_did_you_mean": ("，是否应为“{value}”", ", did you mean '{value}'"),
    "hint_did_you_mean_semi": ("；是否应为“{value}”", "; did you mean '{value}'"),
    "hint_rename_brand_yml": (
        "（发现了 {value}，请改名为 brand.yml）",
        " (found {value}; rename it)",
    ),
    "hint_ref_from_folder": (
        "；文件在品牌文件夹里，从这里引用应写 {value}",
        "; the file is in the brand folder, from here write {value}",
    ),
    "hint_yaml_reads_as": ("（YAML 会把它读成 {value}）", " (YAML reads it as {value})"),
    "yaml_tab": ("不能用 Tab 键缩进，请改用空格", "a tab cannot indent YAML; use spaces"),
    "yaml_explained": ("{explained}（{detail}）", "{detail}"),
    "yaml_starting_line": ("{detail}（从第 {line} 行开始）", "{detail} (starting on line {line})"),
    # --- build ------------------------------------------------------------------
    "build_failed": ("站点构建失败：{detail}", "site build failed: {detail}"),
}

# PyYAML's messages, said the way an editor can act on them (needle -> Chinese).
YAML_EXPLAINED: tuple[tuple[str, str], ...] = (
    ("found character '\\t'", "不能用 Tab 键缩进，请改用空格"),
    ("found a tab character", "不能用 Tab 键缩进，请改用空格"),
    ("mapping values are not allowed", "这里不能出现“字段: 值”：检查缩进，或给含“: ”的文字加引号"),
    ("could not find expected ':'", "缺少“:”，或上一行的引号没有闭合"),
    ("did not find expected key", "缩进不一致，或这一行缺少“:”：同一层的字段要对齐"),
    ("did not find expected ',' or ']'", "方括号 [ ] 列表没有正确结束，或缺少逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有正确结束，或缺少逗号"),
    ("did not find expected '-' indicator", "列表项“-”的缩进与上面不一致"),
    ("did not find expected node content", "这里缺少内容，或有多余的符号"),
    ("expected ',' or ']'", "方括号 [ ] 列表没有正确结束，或缺少逗号"),
    ("expected ',' or '}'", "花括号 { } 没有正确结束，或缺少逗号"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("found unexpected end of stream", "文件意外结束：引号或括号没有闭合"),
    ("expected <block end>, but found '-'", "列表项“-”的缩进与上面不一致"),
    ("expected <block end>", "缩进不一致：同一层的字段要对齐"),
    ("while scanning a simple key", "这一行缺少“:”"),
    ("found undefined alias", "用了未定义的别名“*”"),
    (
        "found character that cannot start any token",
        "有无法识别的字符（如 @、` 开头的文字要加引号）",
    ),
    ("while scanning a block scalar", "多行文字（| 或 >）的写法不对"),
)


def localized(code: str, **params: Any) -> dict[str, str]:
    """A message piece (a hint) rendered in both languages, to pass as a parameter."""
    return {"zh": render_message(code, "zh", params), "en": render_message(code, "en", params)}


def yaml_error_detail(detail: str, *, tab: bool = False, start_line: int = 0) -> dict[str, str]:
    """The ``detail`` of a ``yaml_syntax`` problem: PyYAML's words, explained in Chinese."""
    if tab:
        out = localized("yaml_tab")
    else:
        explained = next((zh for needle, zh in YAML_EXPLAINED if needle in detail), None)
        out = (
            localized("yaml_explained", explained=explained, detail=detail)
            if explained
            else {"zh": detail, "en": detail}
        )
    if start_line:
        out = {
            lang: render_message("yaml_starting_line", lang, {"detail": text, "line": start_line})
            for lang, text in out.items()
        }
    return out


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
