"""The inline scripts of a built site, as CSP hashes: so that nginx's script-src can do
without 'unsafe-inline' (deploy/nginx.conf lists them; a test compares).

Material 9.8 writes two small inline scripts into every page: one that sets up
``__md_scope`` and its storage helpers (it names the path to the site root, so it
differs with the page's depth, and on the 404 page with the site's sub-path), and one
that opens a tab named in the URL.  Neither contains editor content.

    python -m brandhall.csp site/      # prints the script-src for this site
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

from .messages import say

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_SCOPE = re.compile(r'__md_scope=new URL\("(?P<base>[^"]*)",location\)')
_TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Relative depths covered beyond those the build has (a deeper hand-written page).
MAX_DEPTH = 6


def inline_scripts(page: str) -> list[str]:
    """The bodies of the scripts a browser would run from ``page`` itself."""
    found = []
    for match in _SCRIPT.finditer(page):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group("type").lower() if kind else "") in _JS_TYPES:
            found.append(match.group("body"))
    return found


def _hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def script_hashes(site_dir: Path) -> set[str]:
    """CSP source expressions for every inline script of the site, and for the
    ``__md_scope`` script at every relative depth up to MAX_DEPTH."""
    bodies: set[str] = set()
    for page in site_dir.rglob("*.html"):
        bodies.update(inline_scripts(page.read_text(encoding="utf-8", errors="replace")))
    for body in list(bodies):
        scope = _SCOPE.search(body)
        if scope and not scope.group("base").startswith("/"):
            for depth in range(MAX_DEPTH + 1):
                base = "/".join([".."] * depth) or "."
                bodies.add(body[: scope.start("base")] + base + body[scope.end("base") :])
    return {_hash(body) for body in bodies}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    if not (site / "index.html").is_file():
        say("publish_not_site", "zh", file=sys.stderr, site=str(site))
        return 2
    print("script-src 'self' " + " ".join(sorted(script_hashes(site))) + ";")
    return 0


if __name__ == "__main__":
    sys.exit(main())
