"""The `brandhall` command: check, new, schema, emit, build, serve, publish, rollback.

Exit codes: 0 success (warnings allowed), 1 content errors or a failed build,
2 usage errors.  Every error is a BrandhallError, printed once by ``main`` in the
language of ``--lang``; never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn, cast

from . import __version__
from .catalog import LoadResult
from .errors import BrandhallError, ContentError, UsageError
from .load import load_catalog
from .messages import say, text
from .options import EDITIONS, BuildOptions, Edition, Lang
from .problems import count, format_problems, summary_line

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _lang_of(argv: list[str]) -> Lang:
    """--lang as given, read before argparse so that its own errors follow it too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] == "en":
            return "en"
        if arg == "--lang=en":
            return "en"
    return "zh"


class _Parser(argparse.ArgumentParser):
    lang: Lang = "zh"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, text("usage_error", self.lang, detail=message) + "\n")


def _add_brands(p: argparse.ArgumentParser, lang: Lang) -> None:
    p.add_argument("--brands", default="brands", metavar="DIR", help=text("help_brands", lang))


def _add_lang(p: argparse.ArgumentParser, lang: Lang) -> None:
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help=text("help_lang", lang))


def _add_today(p: argparse.ArgumentParser, lang: Lang) -> None:
    p.add_argument(
        "--today",
        type=lambda v: _date_arg(v, lang),
        metavar="YYYY-MM-DD",
        help=text("help_today", lang),
    )


def _add_edition(p: argparse.ArgumentParser, lang: Lang) -> None:
    # --profile is the former name, still accepted.
    p.add_argument(
        "--edition",
        "--profile",
        dest="edition",
        choices=EDITIONS,
        default="intranet",
        help=text("help_edition", lang),
    )


def _date_arg(value: str, lang: Lang) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text("bad_date_arg", lang, value=value)) from None


def build_parser(lang: Lang = "zh") -> argparse.ArgumentParser:
    _Parser.lang = lang
    parser = _Parser(prog="brandhall", description=text("help_brandhall", lang))
    parser.add_argument("--version", action="version", version=f"brandhall {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text(f"help_cmd_{name}", lang))

    check = command("check")
    check.add_argument("paths", nargs="*", metavar="PATH", help=text("help_check_paths", lang))
    check.add_argument(
        "--changed",
        nargs="?",
        const="HEAD",
        metavar="BASE",
        help=text("help_check_changed", lang),
    )
    _add_brands(check, lang)
    check.add_argument(
        "--format", choices=["text", "json", "github", "gitlab", "gitea"], default="text"
    )
    _add_today(check, lang)
    _add_lang(check, lang)

    new = command("new")
    new.add_argument("slug", nargs="?", help=text("help_new_slug", lang))
    new.add_argument("--name", required=True, help=text("help_new_name", lang))
    new.add_argument("--sector", help=text("help_new_sector", lang))
    new.add_argument("--region", help=text("help_new_region", lang))
    _add_brands(new, lang)
    _add_lang(new, lang)

    init = command("init")
    init.add_argument("dir", metavar="DIR", help=text("help_init_dir", lang))
    _add_lang(init, lang)

    schema = command("schema")
    schema.add_argument("--out", default="schema", metavar="DIR")
    schema.add_argument("--check", action="store_true", help=text("help_schema_check", lang))
    _add_lang(schema, lang)

    emit = command("emit")
    emit.add_argument("dir", metavar="DIR")
    _add_brands(emit, lang)
    _add_edition(emit, lang)
    emit.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        metavar="mkdocs.yml",
        help=text("help_emit_config", lang),
    )
    _add_today(emit, lang)
    _add_lang(emit, lang)

    build = command("build")
    _add_brands(build, lang)
    build.add_argument("--site-dir", default="site", metavar="DIR")
    build.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="mkdocs.yml")
    build.add_argument("--strict", action="store_true", help=text("help_strict", lang))
    _add_edition(build, lang)
    build.add_argument("--offline", action="store_true", help=text("help_offline", lang))
    build.add_argument("--only", nargs="+", metavar="SLUG", help=text("help_only", lang))
    build.add_argument(
        "--changed", nargs="?", const="HEAD", metavar="BASE", help=text("help_build_changed", lang)
    )
    _add_today(build, lang)
    _add_lang(build, lang)

    publish = command("publish")
    publish.add_argument("dest", metavar="DEST", help=text("help_dest", lang))
    publish.add_argument("--site-dir", default="site", metavar="DIR")
    publish.add_argument("--keep", type=int, default=5, metavar="N", help=text("help_keep", lang))
    publish.add_argument("--wait", type=float, default=0, metavar="S", help=text("help_wait", lang))
    _add_lang(publish, lang)

    rollback = command("rollback")
    rollback.add_argument("dest", metavar="DEST")
    rollback.add_argument(
        "--wait", type=float, default=0, metavar="S", help=text("help_wait", lang)
    )
    _add_lang(rollback, lang)

    # --- brandhall book (book.py) ---
    book = command("book")
    book.add_argument(
        "--sector",
        action="append",
        default=[],
        metavar="SECTOR",
        help=text("help_book_sector", lang),
    )
    book.add_argument(
        "--region",
        action="append",
        default=[],
        metavar="PROVINCE",
        help=text("help_book_region", lang),
    )
    book.add_argument(
        "--stage", action="append", default=[], metavar="STAGE", help=text("help_book_stage", lang)
    )
    _add_edition(book, lang)
    _add_brands(book, lang)
    book.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        metavar="mkdocs.yml",
        help=text("help_book_config", lang),
    )
    book.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help=text("help_book_out", lang)
    )
    _add_today(book, lang)
    _add_lang(book, lang)

    serve = command("serve")
    _add_brands(serve, lang)
    serve.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="mkdocs.yml")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT")
    serve.add_argument("--only", nargs="+", metavar="SLUG", help=text("help_serve_only", lang))
    _add_today(serve, lang)
    _add_lang(serve, lang)
    return parser


def report(result: LoadResult, fmt: str, lang: Lang) -> int:
    """Print the problems of a check (and the summary line); the exit code they mean."""
    problems = result.problems
    formatted = format_problems(problems, fmt, lang)
    if formatted or fmt == "json":
        print(formatted)
    summary = summary_line(result.brand_count, result.case_count, problems, lang)
    print(summary, file=sys.stderr if fmt in ("json", "gitlab") else sys.stdout)
    errors, _warnings = count(problems)
    return EXIT_CONTENT if errors else EXIT_OK


def _options(args: argparse.Namespace) -> BuildOptions:
    return BuildOptions(
        brands_dir=Path(args.brands).resolve(),
        edition=cast(Edition, getattr(args, "edition", "intranet")),
        today=args.today or dt.date.today(),
        lang=cast(Lang, args.lang),
        offline=bool(getattr(args, "offline", False)),
        only=_only(args),
    )


def _only(args: argparse.Namespace) -> tuple[str, ...] | None:
    """--only as brand folder names (a path like brands/x is accepted too), or the
    brands git says changed (--changed); None: every brand."""
    only = getattr(args, "only", None)
    changed = getattr(args, "changed", None)
    if only is None and changed is None:
        return None
    names = tuple(sorted({Path(v).name for v in only or []}))
    if changed is not None:
        from .scope import changed_paths, slugs_for_paths

        root = Path(args.brands).resolve()
        paths = [p for p in changed_paths(changed) if Path(p).resolve().is_relative_to(root)]
        slugs = slugs_for_paths(root, paths)
        names = tuple(sorted(set(names) | (slugs if slugs is not None else set())))
        lang = cast(Lang, args.lang)
        say("only_changed", lang, brands=list(names) or text("none_word", lang))
    for name in names:
        if not (Path(args.brands) / name).is_dir():
            raise UsageError("only_missing", slug=name, brands=args.brands)
    return names


def _cmd_check(args: argparse.Namespace) -> int:
    from .scope import changed_paths, only, slugs_for_paths

    root = Path(args.brands)
    paths = list(args.paths)
    if args.changed:
        changed = changed_paths(args.changed)
        base = root.resolve()
        paths += [p for p in changed if Path(p).resolve().is_relative_to(base)]
    slugs = slugs_for_paths(root, paths) if (paths or args.changed) and root.is_dir() else None
    result = load_catalog(root, today=args.today)
    if slugs is not None:
        result = only(result, root, slugs)
    code = report(result, args.format, cast(Lang, args.lang))
    if any(p.code == "brands_dir_missing" for p in result.problems):
        return EXIT_USAGE  # nothing was checked: a usage error, not a content error
    return code


def _cmd_new(args: argparse.Namespace) -> int:
    from .load import load_taxonomy
    from .model import SLUG_MAX, SLUG_RE
    from .pinyin import propose_slug
    from .scaffold import create_brand
    from .taxonomy import DEFAULT_TAXONOMY

    lang = cast(Lang, args.lang)
    brands = Path(args.brands)
    name = args.name.strip()
    if not 2 <= len(name) <= 30:
        raise UsageError("new_name_length", actual=len(name))
    slug = args.slug or propose_slug(name)
    if not SLUG_RE.match(slug) or len(slug) > SLUG_MAX:
        raise UsageError("new_bad_slug", slug=slug, limit=SLUG_MAX)
    region = (
        [
            r.strip()
            for r in args.region.replace("，", "/").replace(",", "/").split("/")
            if r.strip()
        ]
        if args.region
        else None
    )
    taxonomy = (
        load_taxonomy(brands, [], dt.date.today()) if brands.is_dir() else None
    ) or DEFAULT_TAXONOMY
    if args.sector and args.sector not in taxonomy.sectors:
        raise UsageError("new_bad_sector", value=args.sector, allowed=list(taxonomy.sectors))
    if region and region[0] not in taxonomy.regions:
        guess = taxonomy.province_hint(region[0])
        if guess:
            raise UsageError("new_bad_region_guess", value=region[0], guess=guess)
        raise UsageError("new_bad_region", value=region[0])
    _refuse_existing_name(brands, name)
    folder = create_brand(brands, slug, name, args.sector, region)
    say("new_created", lang, brand_file=str(folder / "brand.yml"), cases=str(folder / "cases"))
    say("new_next", lang, folder=str(folder))
    return EXIT_OK


def _refuse_existing_name(brands: Path, name: str) -> None:
    """`new` must not create a second brand of the same name (compared as check does)."""
    from .load.crossfile import norm_name
    from .load.yamlsrc import read_text
    from .scaffold import brand_name

    if not brands.is_dir():
        return
    wanted = norm_name(name)
    for path in sorted(brands.glob("*/brand.yml")):
        text = read_text(path, str(path), [])
        other = brand_name(text) if text else None
        if other and norm_name(other) == wanted:
            raise BrandhallError("new_name_exists", name=name, path=str(path.parent))


def _cmd_init(args: argparse.Namespace) -> int:
    from .init import init_repository

    written = init_repository(Path(args.dir))
    say("init_done", cast(Lang, args.lang), path=args.dir, count=len(written))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import render_schemas

    lang = cast(Lang, args.lang)
    out = Path(args.out)
    stale = []
    for name, content in render_schemas().items():
        target = out / name
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != content:
            stale.append(target)
            if not args.check:
                out.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8")
    if args.check and stale:
        for target in stale:
            say("schema_stale", lang, file=sys.stderr, path=str(target))
        return EXIT_CONTENT
    for target in stale:
        say("schema_written", lang, path=str(target))
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
    from .visibility import visible_catalog

    options = _options(args)
    result = load_catalog(options.brands_dir, today=options.today)
    if result.errors:
        report(result, "text", options.lang)
        raise ContentError(result.problems, errors=len(result.errors), detail="")
    pages = render_site(
        visible_catalog(result.catalog, options.edition),
        today=options.today,
        site_name=_site_name(Path(args.config_file)),
        edition=options.edition,
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
    say("emit_written", options.lang, count=len(files), path=str(out))
    say("emit_hint", options.lang)
    for rel in assets:
        key = "extra_css" if rel.endswith(".css") else "extra_javascript"
        print(f"  {key}: [{rel}]")
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site

    build_site(
        _options(args),
        site_dir=Path(args.site_dir),
        config_file=Path(args.config_file),
        strict=args.strict,
    )
    return EXIT_OK


def _cmd_publish(args: argparse.Namespace) -> int:
    from .publish import publish

    name = publish(Path(args.site_dir), Path(args.dest), keep=args.keep, wait=args.wait)
    say("publish_done", cast(Lang, args.lang), path=str(Path(args.dest) / "releases" / name))
    return EXIT_OK


def _cmd_rollback(args: argparse.Namespace) -> int:
    from .publish import rollback

    old, new = rollback(Path(args.dest), wait=args.wait)
    say("rollback_done", cast(Lang, args.lang), old=old, new=new)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .build import serve_site

    serve_site(_options(args), config_file=Path(args.config_file), dev_addr=args.dev_addr)
    return EXIT_OK


def _cmd_book(args: argparse.Namespace) -> int:
    from .book import BookFilters, make_book

    options = _options(args)
    result = make_book(
        brands_dir=options.brands_dir,
        output=Path(args.output),
        edition=options.edition,
        filters=BookFilters(
            sectors=tuple(args.sector), regions=tuple(args.region), stages=tuple(args.stage)
        ),
        today=options.today,
        site_name=_site_name(Path(args.config_file)),
        lang=options.lang,
    )
    say(
        "book_written",
        options.lang,
        path=str(result.path),
        brands=len(result.brands),
        pages=result.pages,
    )
    return EXIT_OK


_COMMANDS = {
    "check": _cmd_check,
    "new": _cmd_new,
    "init": _cmd_init,
    "schema": _cmd_schema,
    "emit": _cmd_emit,
    "build": _cmd_build,
    "serve": _cmd_serve,
    "publish": _cmd_publish,
    "rollback": _cmd_rollback,
    "book": _cmd_book,
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = _lang_of(argv)
    args = build_parser(lang).parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except BrandhallError as exc:
        # The one place where an error becomes words.
        say(
            "command_failed", lang, file=sys.stderr, command=args.command, message=exc.message(lang)
        )
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
