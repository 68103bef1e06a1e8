"""The `brandhall` command: check, new, schema, emit, build, serve.

Exit codes: 0 success (warnings allowed), 1 content errors or a failed build,
2 usage errors.  User mistakes are printed as located messages, never tracebacks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import cast

from . import __version__
from .catalog import LoadResult
from .load import load_catalog
from .problems import Lang, count, format_problems, summary_line

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"brandhall: 用法错误 (usage error): {message}\n")


def _add_brands(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--brands", default="brands", metavar="DIR", help="品牌文件夹所在目录（默认 brands）"
    )


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="提示语言（默认 zh）")


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD，读到 {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="brandhall", description="党建品牌展示网站生成器")
    parser.add_argument("--version", action="version", version=f"brandhall {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="检查 brands/ 中的所有档案和案例")
    _add_brands(check)
    check.add_argument("--format", choices=["text", "json", "github"], default="text")
    _add_lang(check)

    new = sub.add_parser("new", help="新建一个品牌文件夹（含带说明的 brand.yml）")
    new.add_argument(
        "slug", nargs="?", help="文件夹名（小写字母、数字、连字符）；不填则按名称拼音生成"
    )
    new.add_argument("--name", required=True, help="品牌名称")
    new.add_argument("--sector", help="行业领域，如 消防救援")
    new.add_argument("--region", help="所在地区，用 / 分隔，如 浙江省/杭州市/西湖区")
    _add_brands(new)

    schema = sub.add_parser("schema", help="生成 JSON Schema（供编辑器自动补全）")
    schema.add_argument("--out", default="schema", metavar="DIR")
    schema.add_argument("--check", action="store_true", help="只检查已提交的文件是否过期")

    emit = sub.add_parser("emit", help="把生成的页面写成普通 Markdown 文件")
    emit.add_argument("dir", metavar="DIR")
    _add_brands(emit)
    emit.add_argument("--profile", choices=["intranet", "public"], default="intranet")
    emit.add_argument(
        "-f", "--config-file", default="mkdocs.yml", metavar="mkdocs.yml", help="从中读取 site_name"
    )
    emit.add_argument("--today", type=_date_arg, metavar="YYYY-MM-DD")
    _add_lang(emit)

    build = sub.add_parser("build", help="检查并构建网站")
    _add_brands(build)
    build.add_argument("--site-dir", default="site", metavar="DIR")
    build.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="mkdocs.yml")
    build.add_argument("--strict", action="store_true", help="MkDocs 的警告也视为失败")
    build.add_argument(
        "--profile",
        choices=["intranet", "public"],
        default="intranet",
        help="intranet（默认，含联系人等）或 public（公开版，不含仅限内网的字段）",
    )
    build.add_argument(
        "--offline", action="store_true", help="生成可直接从文件夹/U 盘打开（file://）的离线版"
    )
    build.add_argument(
        "--today", type=_date_arg, metavar="YYYY-MM-DD", help="按这一天构建（待复评标记、日期检查）"
    )
    _add_lang(build)

    publish = sub.add_parser("publish", help="把构建好的网站发布为新版本，并原子切换 current")
    publish.add_argument("dest", metavar="DEST", help="发布目录（其中有 releases/ 和 current）")
    publish.add_argument("--site-dir", default="site", metavar="DIR")
    publish.add_argument(
        "--keep", type=int, default=5, metavar="N", help="保留最近 N 个版本（默认 5）"
    )
    publish.add_argument(
        "--wait", type=float, default=0, metavar="秒", help="另一个发布正在进行时最多等待的秒数"
    )

    rollback = sub.add_parser("rollback", help="把 current 切回上一个版本")
    rollback.add_argument("dest", metavar="DEST")
    rollback.add_argument("--wait", type=float, default=0, metavar="秒")

    serve = sub.add_parser("serve", help="本地预览（修改 brands/ 后自动刷新）")
    _add_brands(serve)
    serve.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="mkdocs.yml")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT")
    return parser


def report(result: LoadResult, fmt: str, lang: Lang, stream_summary: bool = True) -> int:
    problems = result.problems
    text = format_problems(problems, fmt, lang)
    if text or fmt == "json":
        print(text)
    errors, _warnings = count(problems)
    if stream_summary:
        summary = summary_line(result.brand_count, result.case_count, problems, lang)
        print(summary, file=sys.stderr if fmt == "json" else sys.stdout)
    return EXIT_CONTENT if errors else EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    result = load_catalog(Path(args.brands))
    code = report(result, args.format, cast(Lang, args.lang))
    if any(p.code == "brands_dir_missing" for p in result.problems):
        return EXIT_USAGE  # nothing was checked: a usage error, not a content error
    return code


def _cmd_new(args: argparse.Namespace) -> int:
    from .model import SLUG_MAX, SLUG_RE
    from .pinyin import propose_slug
    from .scaffold import create_brand

    brands = Path(args.brands)
    name = args.name.strip()
    if not 2 <= len(name) <= 30:
        print(f"brandhall new: 品牌名称应为 2–30 个字（现在是 {len(name)} 个字）", file=sys.stderr)
        return EXIT_USAGE
    slug = args.slug or propose_slug(name)
    if not SLUG_RE.match(slug) or len(slug) > SLUG_MAX:
        print(
            f"brandhall new: 文件夹名“{slug}”不合规：只能用小写英文字母、数字和连字符，"
            f"不超过 {SLUG_MAX} 个字符",
            file=sys.stderr,
        )
        return EXIT_USAGE
    region = (
        [
            r.strip()
            for r in args.region.replace("，", "/").replace(",", "/").split("/")
            if r.strip()
        ]
        if args.region
        else None
    )
    from .load import load_taxonomy

    taxonomy = load_taxonomy(brands, [], dt.date.today()) if brands.is_dir() else None
    from .taxonomy import DEFAULT_TAXONOMY

    taxonomy = taxonomy or DEFAULT_TAXONOMY
    if args.sector and args.sector not in taxonomy.sectors:
        allowed = "、".join(taxonomy.sectors)
        print(
            f"brandhall new: 行业领域“{args.sector}”不在可选范围内；可选：{allowed}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if region and region[0] not in taxonomy.regions:
        guess = taxonomy.province_hint(region[0])
        hint = f"，是否应为“{guess}”" if guess else ""
        print(
            f"brandhall new: 地区第一项须为省级行政区全称（读到“{region[0]}”{hint}）",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        folder = create_brand(brands, slug, name, args.sector, region)
    except FileExistsError:
        print(f"brandhall new: {brands / slug} 已存在，不会覆盖；请换一个文件夹名", file=sys.stderr)
        return EXIT_CONTENT
    print(f"已创建 {folder / 'brand.yml'} 和 {folder / 'cases'}/")
    print(f"下一步：把其中的“【待填写】”换成真实内容，然后运行 brandhall check --brands {brands}")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import render_schemas

    out = Path(args.out)
    stale = []
    for name, text in render_schemas().items():
        target = out / name
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            stale.append(target)
            if not args.check:
                out.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    if args.check and stale:
        for target in stale:
            print(f"{target}: 已过期，请运行 brandhall schema 重新生成", file=sys.stderr)
        return EXIT_CONTENT
    for target in stale:
        print(f"已写入 {target}")
    return EXIT_OK


def _site_name(config_file: Path) -> str:
    """site_name from mkdocs.yml without MkDocs (its !ENV and !relative tags are skipped)."""
    import yaml

    from .render import DEFAULT_SITE_NAME

    class _Lenient(yaml.SafeLoader):
        pass

    _Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Lenient)  # noqa: S506
    except (OSError, yaml.YAMLError):
        return DEFAULT_SITE_NAME
    name = data.get("site_name") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name.strip() else DEFAULT_SITE_NAME


def _cmd_emit(args: argparse.Namespace) -> int:
    from .render import render_site
    from .staticfiles import fingerprinted_assets

    today = args.today or dt.date.today()
    result = load_catalog(Path(args.brands), today=today)
    if result.errors:
        return report(result, "text", cast(Lang, args.lang))
    pages = render_site(
        result.catalog,
        today=today,
        build=args.profile,
        site_name=_site_name(Path(args.config_file)),
    )
    files = pages.files()
    assets = {k: v for k, v in fingerprinted_assets().items() if "iframe-worker" not in k}
    files.update(assets)
    out = Path(args.dir)
    for rel, content in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    print(f"已写出 {len(files)} 个文件到 {out}/")
    print("用其他引擎构建时，在配置里加上这些样式和脚本（brandhall 插件会自动加）：")
    for rel in assets:
        key = "extra_css" if rel.endswith(".css") else "extra_javascript"
        print(f"  {key}: [{rel}]")
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site

    return build_site(
        brands=Path(args.brands),
        site_dir=Path(args.site_dir),
        config_file=Path(args.config_file),
        strict=args.strict,
        lang=cast(Lang, args.lang),
        profile=args.profile,
        offline=args.offline,
        today=args.today,
    )


def _cmd_publish(args: argparse.Namespace) -> int:
    from .publish import PublishError, publish

    try:
        name = publish(Path(args.site_dir), Path(args.dest), keep=args.keep, wait=args.wait)
    except PublishError as exc:
        print(f"brandhall publish: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    print(f"已发布 {Path(args.dest) / 'releases' / name}，current 已切换到该版本")
    return EXIT_OK


def _cmd_rollback(args: argparse.Namespace) -> int:
    from .publish import PublishError, rollback

    try:
        old, new = rollback(Path(args.dest), wait=args.wait)
    except PublishError as exc:
        print(f"brandhall rollback: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    print(f"已回滚：current 从 {old} 切换到 {new}")
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .build import serve_site

    return serve_site(
        brands=Path(args.brands), config_file=Path(args.config_file), dev_addr=args.dev_addr
    )


_COMMANDS = {
    "check": _cmd_check,
    "new": _cmd_new,
    "schema": _cmd_schema,
    "emit": _cmd_emit,
    "build": _cmd_build,
    "serve": _cmd_serve,
    "publish": _cmd_publish,
    "rollback": _cmd_rollback,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
