"""Message catalog: one entry per problem code, in Chinese and English.

Messages say what is wrong, quote what was found and say what is expected, so an
editor who is not a programmer can fix the file without asking anyone.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

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
    # --- the Chinese-keyboard pre-scan (load/prescan.py) ---------------------------
    "kb_fullwidth_colon": (
        "“{key}”后面用了中文全角冒号“：”；请改成英文冒号“:”，后面加一个空格，应写成：{fixed}",
        "'{key}' is followed by a full-width colon '：'; use an ASCII ':' and a space: {fixed}",
    ),
    "kb_colon_space": (
        "“{key}”的冒号后面少了一个空格；应写成：{fixed}",
        "the colon after '{key}' needs a space after it: {fixed}",
    ),
    "kb_odd_space": (
        "行首有看不见的{name}（{char}），YAML 不把它当空格；请删掉这一行开头的空白，用普通的半角空格重新缩进",
        "the line starts with an invisible {name} ({char}), which YAML does not read as a "
        "space; delete the leading blanks and indent with ordinary spaces",
    ),
    "kb_tab": (
        "行首用了 Tab 键缩进，YAML 不允许；请删掉这一行开头的空白，改用空格（同一层的字段左对齐）",
        "the line is indented with a tab, which YAML does not allow; indent with spaces",
    ),
    "space_fullwidth": ("全角空格", "full-width space"),
    "space_nbsp": ("不换行空格（常从 Word 或网页复制而来）", "non-breaking space"),
    "space_zero_width": ("零宽字符", "zero-width character"),
    "space_other": ("特殊空格", "special space"),
    "kb_dash_space": (
        "列表项的“-”后面要有一个空格；应写成：{fixed}",
        "a list item's '-' needs a space after it: {fixed}",
    ),
    "kb_fullwidth_dash": (
        "列表项用了中文的“{char}”；请改成英文减号“-”，后面加一个空格",
        "the list item starts with '{char}'; use an ASCII '-' followed by a space",
    ),
    "kb_flow_comma": (
        "方括号列表里用了中文标点“{char}”，整个列表会被当成一项；请改用英文逗号，应写成：{fixed}",
        "the [...] list uses '{char}' as a separator, which makes it one item; "
        "use ASCII commas: {fixed}",
    ),
    "kb_tag_comma": (
        "标签“{value}”里有中文标点，像是几个标签写在了一起；标签之间请用英文逗号分开，如 {fixed}",
        "the tag '{value}' holds Chinese punctuation, as if several tags were written as one; "
        "separate tags with ASCII commas, e.g. {fixed}",
    ),
    "kb_flow_bracket": (
        "列表用了中文方括号“［ ］”；请改成英文方括号，应写成：{fixed}",
        "the list uses full-width brackets '［ ］'; use ASCII brackets: {fixed}",
    ),
    "kb_quote_mismatch": (
        "这段文字以英文引号 {open} 开头，结尾却是中文引号 {close}；请把结尾也改成英文引号，应写成：{fixed}",
        "the text opens with {open} but ends with the curly quote {close}; "
        "close it with {open}: {fixed}",
    ),
    "kb_quote_unclosed": (
        "这里的英文引号 {open} 一直没有闭合（到文件末尾都没有找到另一个 {open}）；请在这段文字末尾补上 {open}",
        "the quote {open} opened here is never closed; add {open} at the end of the text",
    ),
    "kb_indicator": (
        "以“{char}”开头的文字 YAML 读不懂（如 Markdown 加粗 **…**、@、%）；请把整句用英文双引号括起来，应写成：{fixed}",
        "text starting with '{char}' is YAML syntax (e.g. Markdown bold **…**); "
        "put the whole text in double quotes: {fixed}",
    ),
    "kb_comment_cut": (
        "“#”前面有空格，YAML 会把“{cut}”当作注释删掉，网站上只显示“{kept}”；"
        "如果它是正文的一部分，请把整句用英文双引号括起来：{fixed}",
        "YAML reads everything from ' #' on ('{cut}') as a comment, so only '{kept}' is shown; "
        "if it belongs to the text, put the whole text in double quotes: {fixed}",
    ),
    "kb_block_inline": (
        "“{char}”后面不能接文字：多段文字请写成“字段: {char}”，文字从下一行开始并多缩进两个空格；"
        "如果“{char}”是文字的一部分，应写成：{fixed}",
        "text cannot follow '{char}' on the same line: start the text on the next line, "
        "indented two more spaces; if '{char}' is part of the text, write {fixed}",
    ),
    "kb_indent_extra": (
        "这一行比第 {row} 行的“{above}”多缩进了 {count} 格；同一层的字段要左对齐。"
        "取消注释时，请把行首的“# ”（井号和它后面的一个空格）一起删掉",
        "this line is indented {count} more than '{above}' on line {row}; keys of one level "
        "line up. When uncommenting, delete the '# ' (hash and its space) together",
    ),
    "kb_item_align": (
        "“{key}”要和第 {row} 行“-”后面的字段左对齐（前面 {count} 个空格）",
        "'{key}' must line up with the key after the '-' on line {row} ({count} spaces)",
    ),
    "kb_key_align": (
        "“{key}”要和第 {row} 行的“{above}”左对齐（前面 {count} 个空格）；同一层的字段缩进必须相同",
        "'{key}' must line up with '{above}' on line {row} ({count} spaces)",
    ),
    "kb_plain_colon": (
        "“{key}”的文字换了行，而且其中有“: ”，YAML 会把它当成新字段；"
        "多段文字请写成“{key}: |”，文字从下一行开始并多缩进两个空格",
        "the text of '{key}' continues over lines and holds ': ', which YAML reads as a key; "
        "write '{key}: |' and start the text on the next line, indented two more spaces",
    ),
    "kb_paragraphs_merged": (
        "“{key}”有多段文字但没有用“|”，网站上空行会消失、几段合成一段；"
        "请写成“{key}: |”，文字从下一行开始并多缩进两个空格",
        "'{key}' has several paragraphs without '|', so they are merged into one; "
        "write '{key}: |' and start the text on the next line, indented two more spaces",
    ),
    "kb_wrapped_quotes": (
        "值两端是中文引号 {open}{close}，会原样显示在网站上；不需要引号就删掉，"
        '需要引号时用英文引号 "…"',
        "the value is wrapped in the curly quotes {open}{close}, which the site shows as "
        'they are; remove them, or use ASCII quotes "…"',
    ),
    "yaml_unknown": (
        "这一行 YAML 读不懂：请检查这一行和上一行的冒号（英文“:”加空格）、引号是否成对、缩进是否对齐",
        "{detail}",
    ),
    # --- field labels (labels.py): practices[1].body -> 主要做法第 2 条的内容 ---------
    "label_entry": ("{parent}第 {n} 条", "{parent}[{n}]"),
    "label_item": ("{parent}第 {n} 项", "{parent}[{n}]"),
    "label_child": ("{parent}的{child}", "{parent}.{child}"),
    "group_header": (
        "{path}：{errors} 个错误，{warnings} 个警告",
        "{path}: {errors} error(s), {warnings} warning(s)",
    ),
    # --- schema ---------------------------------------------------------------
    "unknown_key": (
        "未知字段“{key}”{hint}；允许的字段：{allowed}",
        "unknown key '{key}'{hint}; allowed keys: {allowed}",
    ),
    "missing": ("缺少必填字段“{key}”", "required key '{key}' is missing"),
    "wrong_type": (
        "类型不对（读到的是{got}：{value}；应为{expected}）{hint}",
        "wrong type (got {got}: {value}; expected {expected}){hint}",
    ),
    "value_blank": (
        "冒号后面没有填写内容；请填写{expected}，或者（可选字段）把这一行删掉",
        "nothing is written after the colon; write {expected} or (optional fields) remove the line",
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
        "数值太小（读到 {value}；应不小于 {min}）{hint}",
        "too small (got {value}; minimum {min}){hint}",
    ),
    "too_big": (
        "数值太大（读到 {value}；应不大于 {max}）{hint}",
        "too large (got {value}; maximum {max}){hint}",
    ),
    "not_in_vocab": (
        "“{value}”不在可选范围内；可选：{allowed}",
        "'{value}' is not an allowed value; expected one of: {allowed}",
    ),
    "date_format": (
        "日期格式不对（读到 {value}；应为 YYYY-MM-DD 或 YYYY-MM，如 2023-06-01）{hint}",
        "bad date format (got {value}; expected YYYY-MM-DD or YYYY-MM){hint}",
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
    "learned_from_missing": (
        "借鉴的品牌“{value}”不存在（brands/ 下没有这个文件夹）{hint}",
        "learned-from brand '{value}' does not exist (no such folder in brands/){hint}",
    ),
    "learned_from_self": (
        "品牌不能借鉴自己（{value}）；learned_from 只写其他品牌",
        "a brand cannot have learned from itself ({value}); list other brands only",
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
    "case_word_file": (
        "“{value}”是 Word/WPS 等文档，网站读不了，这个案例不会出现；请新建文本文件 {target}，"
        "把文字复制进去（开头加 --- 信息块，见投稿指南），再删掉 {value}",
        "'{value}' is a word-processor document the site cannot read, so the case is missing; "
        "create the text file {target}, copy the text into it and delete {value}",
    ),
    "case_rename": (
        "“{value}”的文件名不对，这个案例不会出现；请改名为 {target}"
        "（Windows 默认隐藏扩展名：在资源管理器“查看”里勾选“文件扩展名”后再改）",
        "'{value}' has the wrong name, so the case is missing; rename it to {target}",
    ),
    "logo_commented": (
        "文件夹里有 {file}，但 brand.yml 第 {lines} 行的 logo 还是注释，网站会显示占位图；"
        "请删掉这几行开头的“# ”（井号和它后面的一个空格），并把 file: 改成 {file}",
        "{file} is in the folder but the logo block on line(s) {lines} of brand.yml is still "
        "commented out, so the site shows a placeholder; delete the '# ' at the start of "
        "those lines and set file: {file}",
    ),
    "logo_unused": (
        "文件夹里有 {file}，但 brand.yml 没有 logo 字段，网站会显示占位图；请在 brand.yml 里加上：logo: 下一行缩进两个空格写 file: {file}",
        "{file} is in the folder but brand.yml has no logo, so the site shows a placeholder; "
        "add 'logo:' with 'file: {file}' under it",
    ),
    "new_name_exists": (
        "品牌名称“{name}”已经被 {path} 使用；品牌名称须全库唯一，请换一个名称，或直接编辑那个品牌",
        "the brand name '{name}' is already used by {path}; choose another name",
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
    # --- logos and images (brandhall.safety) ---------------------------------------
    "svg_not_xml": (
        "SVG 文件无法读取（第 {svg_line} 行：{value}）；请用绘图软件重新导出为 SVG",
        "the SVG file cannot be read (line {svg_line}: {value}); export it again as SVG",
    ),
    "svg_dtd": (
        "SVG 文件里有 DOCTYPE 实体声明（{value}）；请导出为不含 DOCTYPE 的普通 SVG",
        "the SVG file declares a DOCTYPE with entities ({value}); export a plain SVG without one",
    ),
    "svg_not_svg": (
        '文件不是 SVG 图形（最外层是“{value}”，应为 <svg xmlns="http://www.w3.org/2000/svg">）；请重新导出为 SVG',
        "the file is not an SVG drawing (outermost element '{value}'); export it as SVG",
    ),
    "svg_script": (
        "SVG 标识第 {svg_line} 行有脚本或可执行内容（{value}），网站不会发布它；"
        "请在绘图软件中导出为“纯图形”SVG（不含脚本、交互和嵌入网页）",
        "line {svg_line} of the SVG logo holds script or active content ({value}); "
        "export a plain drawing without scripts or interactivity",
    ),
    "svg_external": (
        "SVG 标识第 {svg_line} 行引用了其他文件或网址（{value}），内网打不开；"
        "请把图形直接画在 SVG 里（不要链接或嵌入图片、字体、样式表），或改用 PNG 标识",
        "line {svg_line} of the SVG logo refers to another file or address ({value}); "
        "draw everything inside the SVG, or use a PNG logo",
    ),
    "svg_too_large": (
        "SVG 标识文件太大（{value}），上限 {limit} MB；请简化图形或改用 PNG",
        "the SVG logo is too large ({value}); the limit is {limit} MB",
    ),
    "image_too_large": (
        "图片太大（{value} MB），上限 {limit} MB；请压缩图片（如用画图软件另存为较小的 JPEG）",
        "the image is too large ({value} MB); the limit is {limit} MB; compress it",
    ),
    "image_type": (
        "这个文件实际上不是图片（看起来是 {value}）；只能用 {allowed} 图片",
        "this file is not a picture (it looks like {value}); use {allowed} images only",
    ),
    "image_ext": (
        "图片实际是 {value} 格式，但文件扩展名不符；请把扩展名改为 {limit}",
        "the image is really {value}; rename it to end in {limit}",
    ),
    "image_broken": (
        "图片已损坏或无法打开（{value}）；请用画图软件重新另存一次",
        "the image is damaged or cannot be opened ({value}); save it again",
    ),
    "image_pixels": (
        "图片像素太多（{value}），上限 {limit} 百万像素；请缩小尺寸后再提交",
        "the image has too many pixels ({value}); the limit is {limit} megapixels; scale it down",
    ),
    "image_markup": (
        "{value} 图片里夹带了网页代码或多余的数据，网站不会发布它；请用画图软件打开后重新另存",
        "the {value} image carries web markup or extra data; open it and save it again",
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
    "hint_region_split": (
        "；省、市、区县要分开写成几项，应写成：{fixed}",
        "; write the province, city and county as separate items: {fixed}",
    ),
    "hint_list_write": ("；应写成：{fixed}", "; write: {fixed}"),
    "hint_range": ("；应为 {min}–{max} 的整数", "; expected a whole number from {min} to {max}"),
    "hint_range_guess": (
        "；应为 {min}–{max} 的整数，是否应为 {value}",
        "; expected a whole number from {min} to {max}, did you mean {value}",
    ),
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
    "yaml_explained": ("{explained}", "{detail}"),
    "yaml_starting_line": ("{detail}（从第 {line} 行开始）", "{detail} (starting on line {line})"),
    # --- build and configuration -------------------------------------------------
    "build_failed": ("站点构建失败：{detail}", "site build failed: {detail}"),
    "build_aborted": (
        "站点构建失败（原因见上方信息），原有网站保持不变",
        "the site build failed (see the messages above); the existing site is unchanged",
    ),
    "serve_failed": ("预览失败：{detail}", "preview failed: {detail}"),
    "strict_warnings": (
        "严格模式：有 {count} 个警告，构建失败，原有网站保持不变",
        "strict mode: {count} warning(s), so the build failed; the existing site is unchanged",
    ),
    "content_errors": (
        "品牌内容有 {errors} 个错误，未构建网站（原有网站保持不变）{detail}",
        "the brand content has {errors} error(s); the site was not built (the existing site is unchanged){detail}",
    ),
    "public_leak": (
        "公开版中发现 {count} 处仅限内网的内容，构建失败：\n{detail}",
        "the public edition contains {count} intranet-only value(s); the build failed:\n{detail}",
    ),
    "site_written": ("网站已生成：{path}", "site written to {path}"),
    "config_missing": (
        "找不到配置文件 {file}；请在仓库根目录运行，或用 -f 指定 mkdocs.yml",
        "configuration file {file} not found; run from the repository root or pass -f mkdocs.yml",
    ),
    "config_no_plugin": (
        "{file}：plugins 里没有 brandhall；请在 mkdocs.yml 的 plugins 下加上 - brandhall",
        "{file}: 'brandhall' is not among the plugins; add '- brandhall' under plugins in mkdocs.yml",
    ),
    "config_invalid": (
        "{file} 有配置错误（详见上方信息）：{detail}",
        "{file} has configuration errors (see the messages above): {detail}",
    ),
    "config_bad_today": (
        "mkdocs.yml：brandhall 的 today 应为 YYYY-MM-DD，读到“{value}”",
        "mkdocs.yml: brandhall's today must be YYYY-MM-DD, got '{value}'",
    ),
    "config_language": (
        "mkdocs.yml：theme.language 必须是 zh，否则中文搜索什么也找不到"
        "（Material 的中文分词和分隔符只在 zh 下启用）",
        "mkdocs.yml: theme.language must be zh, or Chinese search finds nothing",
    ),
    "config_no_jieba": (
        "没有安装 jieba：中文搜索会什么也找不到。请运行 pip install -e . 重新安装依赖",
        "jieba is not installed, so Chinese search would find nothing; reinstall with pip install -e .",
    ),
    "config_font": (
        "mkdocs.yml：theme.font 不是 false，页面会请求 Google Fonts；内网无法访问，"
        "请在 theme 下写 font: false",
        "mkdocs.yml: theme.font is not false, so pages would load Google Fonts; set font: false",
    ),
    "docs_page_clash": (
        "{path} 与 brandhall 生成的页面同名；请删除或改名 {path}",
        "{path} has the same name as a page brandhall generates; remove or rename it",
    ),
    "prose_link_missing": (
        "{page}：链接 {link} 指向的页面或文件不在网站里，链接保持原样（会打不开）",
        "{page}: the link {link} names no page or file of the site; it is left as written (broken)",
    ),
    "raw_block_lost": (
        "{page}：brandhall 生成的 HTML 块在 Markdown 转换后找不到了（可能是 mkdocs.yml 里的某个"
        "插件或扩展改动了页面）；请报告给维护人员",
        "{page}: an HTML block brandhall generated was lost in the Markdown conversion "
        "(a plugin or extension in mkdocs.yml may have changed the page); please report it",
    ),
    "search_index_failed": (
        "生成站内搜索索引失败：{detail}",
        "building the site search index failed: {detail}",
    ),
    "search_index_done": (
        "站内搜索：已为 {pages} 个品牌和案例页面建立索引（{seconds} 秒）",
        "site search: indexed {pages} brand and case pages ({seconds} s)",
    ),
    "search_preview": (
        "预览不含站内搜索：搜索只在 brandhall build 构建的网站中可用",
        "the preview has no site search: search works in a site built with brandhall build",
    ),
    "search_preview_skipped": (
        "预览：不建立站内搜索索引（搜索框会提示“预览不含站内搜索”）",
        "preview: no site search index is built (the search box says so)",
    ),
    "search_patch_missing": (
        "Material 的搜索脚本与预期不同，未能修正中文查询的分词；"
        "请检查 mkdocs-material 版本（本项目固定 9.8.x）",
        "Material's search worker is not what brandhall expects; Chinese queries are not "
        "fixed. Check the mkdocs-material version (9.8.x is pinned)",
    ),
    "site_dir_root": (
        "--site-dir {site_dir} 不能是根目录或主目录；请指定一个专门的输出目录，如 site",
        "--site-dir {site_dir} must not be the root or home directory; use a directory of its own, such as site",
    ),
    "site_dir_file": (
        "--site-dir {site_dir} 是一个文件，不是目录；请换一个输出目录",
        "--site-dir {site_dir} is a file, not a directory; choose another output directory",
    ),
    "site_dir_in_brands": (
        "--site-dir {site_dir} 在品牌目录里面，会被当成一个品牌；请换一个输出目录，如 site",
        "--site-dir {site_dir} is inside the brands directory; choose another, such as site",
    ),
    "site_dir_contains_brands": (
        "--site-dir {site_dir} 包含品牌目录 {path}，构建会删除它；请换一个输出目录，如 site",
        "--site-dir {site_dir} contains the brands directory {path}, which the build would delete; choose another, such as site",
    ),
    "site_dir_contains_config": (
        "--site-dir {site_dir} 包含配置文件 {path}，构建会删除它；请换一个输出目录，如 site",
        "--site-dir {site_dir} contains the configuration file {path}, which the build would delete; choose another, such as site",
    ),
    "site_dir_contains_docs": (
        "--site-dir {site_dir} 包含docs 目录 {path}，构建会删除它；请换一个输出目录，如 site",
        "--site-dir {site_dir} contains the docs directory {path}, which the build would delete; choose another, such as site",
    ),
    "site_dir_not_a_site": (
        "--site-dir {site_dir} 已有内容，但不像是之前构建的网站；为免误删，请换一个空目录或先手动清理",
        "--site-dir {site_dir} holds files that do not look like a previous build; to be safe, "
        "use an empty directory or clean it by hand",
    ),
    # --- the command line ---------------------------------------------------------
    "severity_error": ("错误", "error"),
    "severity_warning": ("警告", "warning"),
    "check_summary": (
        "检查了 {brands} 个品牌、{cases} 个案例：{errors} 个错误，{warnings} 个警告",
        "checked {brands} brand(s), {cases} case(s): {errors} error(s), {warnings} warning(s)",
    ),
    "command_failed": ("brandhall {command}: {message}", "brandhall {command}: {message}"),
    "usage_error": ("brandhall: 用法错误：{detail}", "brandhall: usage error: {detail}"),
    "bad_date_arg": ("日期应为 YYYY-MM-DD，读到 {value!r}", "dates are YYYY-MM-DD, got {value!r}"),
    "new_name_length": (
        "品牌名称应为 2–30 个字（现在是 {actual} 个字）",
        "the brand name must be 2–30 characters (it has {actual})",
    ),
    "new_bad_slug": (
        "文件夹名“{slug}”不合规：只能用小写英文字母、数字和连字符，不超过 {limit} 个字符",
        "folder name '{slug}' is not valid: lower-case letters, digits and hyphens, at most {limit} characters",
    ),
    "new_bad_sector": (
        "行业领域“{value}”不在可选范围内；可选：{allowed}",
        "sector '{value}' is not in the vocabulary; allowed: {allowed}",
    ),
    "new_bad_region": (
        "地区第一项须为省级行政区全称（读到“{value}”）",
        "the first region entry must be a province's full name (got '{value}')",
    ),
    "new_bad_region_guess": (
        "地区第一项须为省级行政区全称（读到“{value}”，是否应为“{guess}”）",
        "the first region entry must be a province's full name (got '{value}'; did you mean '{guess}'?)",
    ),
    "check_path_outside": (
        "{path} 不在品牌目录 {brands} 里；请写品牌文件夹（如 brands/huoyan-lan）或其中的文件",
        "{path} is not inside the brands directory {brands}; name a brand folder or a file in it",
    ),
    "check_path_missing": ("找不到 {path}", "{path} does not exist"),
    "check_not_git": (
        "--changed 需要在 git 仓库里运行",
        "--changed needs to run inside a git repository",
    ),
    "check_bad_base": (
        "git 找不到比较基准“{base}”；请写一个分支名或提交号，如 origin/main",
        "git does not know the base '{base}'; give a branch or commit, e.g. origin/main",
    ),
    "new_exists": (
        "{path} 已存在，不会覆盖；请换一个文件夹名",
        "{path} already exists and is not overwritten; choose another folder name",
    ),
    "new_created": ("已创建 {brand_file} 和 {cases}/", "created {brand_file} and {cases}/"),
    "new_next": (
        "下一步：把其中的“【待填写】”换成真实内容，然后运行 brandhall check {folder}"
        "（没有激活虚拟环境时写 .venv/bin/brandhall；写法见投稿指南 docs/contribute.md）",
        "next: replace every “【待填写】” with real content, then run brandhall check {folder}",
    ),
    "schema_stale": (
        "{path}: 已过期，请运行 brandhall schema 重新生成",
        "{path}: out of date; run brandhall schema to regenerate it",
    ),
    "schema_written": ("已写入 {path}", "wrote {path}"),
    "emit_written": ("已写出 {count} 个文件到 {path}/", "wrote {count} file(s) to {path}/"),
    "emit_hint": (
        "用其他引擎构建时，在配置里加上这些样式和脚本（brandhall 插件会自动加）：",
        "when building with another engine, add these styles and scripts to its configuration "
        "(the brandhall plugin adds them itself):",
    ),
    "publish_done": (
        "已发布 {path}，current 已切换到该版本",
        "published {path}; current now points to it",
    ),
    "rollback_done": (
        "已回滚：current 从 {old} 切换到 {new}",
        "rolled back: current moved from {old} to {new}",
    ),
    # --- command-line help ----------------------------------------------------------
    "help_brandhall": ("党建品牌展示网站生成器", "party-building brand showcase generator"),
    "help_brands": (
        "品牌文件夹所在目录（默认 brands）",
        "folder of brand folders (default: brands)",
    ),
    "help_lang": ("提示语言（默认 zh）", "language of messages (default: zh)"),
    "help_today": (
        "按这一天判断日期（待复评标记、不能晚于今天的检查）",
        "judge dates as of this day (due-for-review badges, not-in-the-future checks)",
    ),
    "help_edition": (
        "intranet（默认，含联系人等）或 public（公开版，不含仅限内网的字段）；--profile 为旧名",
        "intranet (default, with contacts…) or public (without intranet-only fields); --profile is the former name",
    ),
    "help_cmd_check": (
        "检查 brands/ 中的所有档案和案例",
        "check every profile and case in brands/",
    ),
    "help_cmd_new": (
        "新建一个品牌文件夹（含带说明的 brand.yml）",
        "create a brand folder (brand.yml with explanations)",
    ),
    "help_cmd_schema": (
        "生成 JSON Schema（供编辑器自动补全）",
        "write the JSON Schemas (for editor completion)",
    ),
    "help_cmd_emit": (
        "把生成的页面写成普通 Markdown 文件",
        "write the generated pages as plain Markdown files",
    ),
    "help_cmd_build": ("检查并构建网站", "check the content and build the site"),
    "help_cmd_publish": (
        "把构建好的网站发布为新版本，并原子切换 current",
        "publish the built site as a new release and switch current atomically",
    ),
    "help_cmd_rollback": (
        "把 current 切回上一个版本",
        "switch current back to the previous release",
    ),
    "help_cmd_serve": (
        "本地预览（修改 brands/ 后自动刷新）",
        "preview locally (reloads when brands/ changes)",
    ),
    "help_new_slug": (
        "文件夹名（小写字母、数字、连字符）；不填则按名称拼音生成",
        "folder name (lower-case letters, digits, hyphens); default: from the name's pinyin",
    ),
    "help_build_changed": (
        "只构建 git 里相对 BASE 改过的品牌（加首页和品牌库），用于合并请求的预览",
        "build only the brands git says changed against BASE (plus home and gallery)",
    ),
    "only_changed": (
        "预览只包含改动过的品牌：{brands}",
        "the preview holds the changed brands: {brands}",
    ),
    "none_word": ("（无）", "(none)"),
    "help_init_dir": (
        "新内容仓库的目录（须不存在或为空）",
        "directory of the new content repository (new or empty)",
    ),
    "help_cmd_init": (
        "新建一个内容仓库（网站配置、CI 模板、投稿指南）",
        "create a new content repository",
    ),
    "init_not_empty": (
        "{path} 已存在且不是空目录；请换一个新目录",
        "{path} exists and is not empty; choose a new directory",
    ),
    "init_done": (
        "已在 {path} 写入 {count} 个文件。下一步：cd {path}，git init，"
        "按 README.md 安装 brandhall，再用 brandhall new 添加第一个品牌",
        "wrote {count} files to {path}. Next: cd {path}, git init, install brandhall as "
        "README.md says, then add a first brand with brandhall new",
    ),
    "help_only": (
        "只构建这些品牌（加首页和品牌库），用于合并请求的预览",
        "build only these brands (plus home and gallery), for a merge-request preview",
    ),
    "help_serve_only": (
        "只预览这些品牌（加首页和品牌库）：一千个品牌时改一处也能在两秒内看到",
        "preview only these brands (plus home and gallery): an edit shows within two "
        "seconds even with a thousand brands",
    ),
    "only_missing": (
        "--only：{brands} 里没有品牌文件夹“{slug}”",
        "--only: no brand folder '{slug}' in {brands}",
    ),
    "help_check_paths": (
        "只检查这些品牌文件夹或文件（跨品牌的规则仍看全部品牌）",
        "check only these brand folders or files (rules across brands still see every brand)",
    ),
    "help_check_changed": (
        "只检查 git 里相对 BASE（默认 HEAD，即未提交的改动）改过的品牌",
        "check only the brands git says changed against BASE (default HEAD: uncommitted changes)",
    ),
    "help_new_name": ("品牌名称", "the brand's name"),
    "help_new_sector": ("行业领域，如 消防救援", "sector, e.g. '消防救援'"),
    "help_new_region": (
        "所在地区，用 / 分隔，如 浙江省/杭州市/西湖区",
        "region, separated by /, e.g. '浙江省/杭州市/西湖区'",
    ),
    "help_schema_check": (
        "只检查已提交的文件是否过期",
        "only check whether the committed files are up to date",
    ),
    "help_emit_config": ("从中读取 site_name", "where site_name is read from"),
    "help_strict": ("MkDocs 的警告也视为失败", "treat MkDocs warnings as failures"),
    "help_offline": (
        "生成可直接从文件夹/U 盘打开（file://）的离线版",
        "build a copy that opens from a folder or USB stick (file://)",
    ),
    "help_dest": (
        "发布目录（其中有 releases/ 和 current）",
        "publishing directory (holds releases/ and current)",
    ),
    "help_keep": ("保留最近 N 个版本（默认 5）", "keep the newest N releases (default: 5)"),
    "help_wait": (
        "另一个发布正在进行时最多等待的秒数",
        "seconds to wait while another publish holds the lock",
    ),
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
    # --- brandhall book: the compilation as PDF (book.py) ----------------------------
    "help_cmd_book": (
        "把选定的品牌生成一本 PDF 汇编（封面、目录、每个品牌一章并附典型案例）",
        "make a PDF compilation of the selected brands (cover, contents, a chapter per brand with its cases)",
    ),
    "help_book_sector": (
        "只收录这个行业领域的品牌（可重复，如 --sector 农村 --sector 城市社区）",
        "only brands of this sector (repeatable)",
    ),
    "help_book_region": (
        "只收录这个省级地区的品牌（可重复，如 --region 浙江省）",
        "only brands of this province (repeatable)",
    ),
    "help_book_stage": (
        "只收录这个阶段的品牌：培育、命名、示范、摘牌（可重复）",
        "only brands at this stage: 培育, 命名, 示范, 摘牌 (repeatable)",
    ),
    "help_book_out": ("输出的 PDF 文件", "the PDF file to write"),
    "help_book_config": (
        "从这个 mkdocs.yml 读取网站名称（封面和页眉用）",
        "read the site name (cover, running header) from this mkdocs.yml",
    ),
    "book_bad_filter": (
        "{option} 的值“{value}”不在可选范围内；可选：{allowed}",
        "{option} '{value}' is not in the vocabulary; allowed: {allowed}",
    ),
    "book_bad_region_guess": (
        "{option} 的值“{value}”不在可选范围内；是不是“{guess}”？地区要写省级全称",
        "{option} '{value}' is not in the vocabulary; did you mean '{guess}'? Write the full province name",
    ),
    "book_brands_missing": (
        "找不到品牌文件夹 {brands}；请用 --brands 指定",
        "the brands folder {brands} does not exist; point --brands at it",
    ),
    "book_output_dir_missing": (
        "输出文件所在的文件夹 {path} 不存在；请先创建它",
        "the folder {path} of the output file does not exist; create it first",
    ),
    "book_output_is_dir": (
        "-o 后面应是 PDF 文件名，{path} 是一个文件夹",
        "-o takes a PDF file name; {path} is a folder",
    ),
    "book_content_errors": (
        "品牌内容有 {errors} 个错误，未生成汇编（原有文件保持不变）",
        "the brand content has {errors} error(s); no compilation was made (the existing file is unchanged)",
    ),
    "book_no_match": (
        "没有符合筛选条件的品牌（{selection}）；内容中共有 {total} 个品牌，请放宽筛选条件",
        "no brand matches the filters ({selection}); the content has {total} brand(s)",
    ),
    "book_leak": (
        "公开版汇编中发现 {count} 处仅限内网的内容，未写出 PDF：\n{detail}",
        "the public compilation contains {count} intranet-only value(s); no PDF was written:\n{detail}",
    ),
    "book_no_weasyprint": (
        "生成 PDF 需要 WeasyPrint 和系统的 Pango 库（{detail}）；请运行 scripts/system-deps.sh 并重新安装 brandhall",
        "making a PDF needs WeasyPrint and the system's Pango library ({detail}); run scripts/system-deps.sh and reinstall brandhall",
    ),
    "book_io": (
        "无法写入 {path}：{detail}（原有文件保持不变）",
        "cannot write {path}: {detail} (the existing file is unchanged)",
    ),
    "book_written": (
        "汇编已写入 {path}：{brands} 个品牌，{pages} 页",
        "compilation written to {path}: {brands} brand(s), {pages} page(s)",
    ),
    # --- browser editor (/admin/ of the intranet edition, cms.py) ---------------
    "cms_len_range": ("须为 {min}–{max} 个字", "must be {min}–{max} characters"),
    "cms_len_max": ("不能超过 {max} 个字", "must be at most {max} characters"),
    "cms_len_min": ("至少 {min} 个字", "must be at least {min} characters"),
    "cms_date": ("日期写成 2024-05 或 2024-05-01", "write the date as 2024-05 or 2024-05-01"),
    "cms_full_date": ("日期写成 2024-05-01", "write the date as 2024-05-01"),
    "cms_slug": (
        "只能用小写拼音字母、数字和连字符，如 lanyan-hongxin",
        "lower-case letters, digits and hyphens only, e.g. lanyan-hongxin",
    ),
    "cms_brands": ("党建品牌", "Brands"),
    "cms_brand": ("品牌", "brand"),
    "cms_cases": ("典型案例", "Case studies"),
    "cms_case": ("案例", "case study"),
    "cms_brand_folder": ("文件夹名（拼音）", "Folder name"),
    "cms_brand_folder_hint": (
        "品牌网址和文件夹用的名字：小写拼音，用连字符分开，如 lanyan-hongxin；"
        "填写品牌名称后会自动建议，保存后不能再改",
        "used in the brand's address and folder name; proposed from the name's pinyin",
    ),
    "cms_case_brand": ("所属品牌", "Brand"),
    "cms_case_brand_hint": (
        "案例属于哪个品牌；新建的品牌要在发布后才出现在这里",
        "the brand this case belongs to; a new brand appears here once published",
    ),
    "cms_case_file": ("文件名（拼音）", "File name"),
    "cms_case_file_hint": (
        "案例文件名：小写拼音，用连字符分开，如 zhibu-yunketang；填写标题后会自动建议",
        "the case's file name, proposed from the title's pinyin",
    ),
    "cms_region_first": ("第一项可选：{regions}", "the first line is one of: {regions}"),
    "cms_case_body": ("正文", "Body"),
    "cms_case_body_hint": (
        "建议分三节：## 背景与起因、## 做法与经过、## 成效及启示",
        "suggested sections: '背景与起因', '做法与经过', '成效及启示'",
    ),
    "cms_new_needs": (
        "新建时必须填写“{field}”",
        "'{field}' is required for a new entry",
    ),
    "cms_upload_refused": (
        "“{file}”没有上传：{reason}",
        "'{file}' was not uploaded: {reason}",
    ),
    "cms_upload_outside": (
        "请在品牌表单的“品牌标识”一栏上传图片，这样图片才会存进这个品牌的 images/ 文件夹",
        "upload pictures from the brand form's logo field, so they go into the brand's images/ folder",
    ),
    "cms_upload_close": ("知道了", "OK"),
    "cms_title": ("党建品牌展示馆 · 内容编辑", "Brand showcase editor"),
    "cms_noscript": (
        "内容编辑需要启用 JavaScript。",
        "The editor needs JavaScript.",
    ),
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
        "有 YAML 不认的字符：以 @、`、% 等符号开头的文字要整句加英文双引号",
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
            else localized("yaml_unknown", detail=detail)
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


# What is expected, said so that the editor knows how to write it.
_EXPECTED_WORDS: dict[str, tuple[str, str]] = {
    "list": ("列表（写成 [甲, 乙]，或每项一行、以“- ”开头）", "a list"),
    "integer": ("整数（只写阿拉伯数字，如 3）", "an integer"),
}


def type_word(kind: str, lang: str, *, expected: bool = False) -> str:
    zh, en = (expected and _EXPECTED_WORDS.get(kind)) or _TYPE_WORDS.get(kind, (kind, kind))
    return zh if lang == "zh" else en


def text(code: str, lang: str, **params: Any) -> str:
    """The message ``code`` in ``lang`` with ``params`` filled in."""
    return render_message(code, lang, params)


def say(code: str, lang: str, *, file: TextIO | None = None, **params: Any) -> None:
    """Print the message ``code`` (to stdout unless ``file`` is given)."""
    print(render_message(code, lang, params), file=file or sys.stdout)


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
            values[kind_key] = type_word(
                str(values[kind_key]), lang, expected=kind_key == "expected"
            )
    values.setdefault("hint", "")
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
