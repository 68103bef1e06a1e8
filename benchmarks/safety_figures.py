#!/usr/bin/env python3
"""Figures for docs/publishing.md ("编辑内容的安全边界"): the hostile corpus tried on a
real build.

    .venv/bin/python -m benchmarks.safety_figures [--json]

Plants every Markdown vector of tests/hostile/markdown.yml into a brand.yml Markdown
field and into a case body (tests/safetysite.py), runs `brandhall check` once, builds
what check lets through with `brandhall build`, and counts per place: rejected by check
(with file and line), built and inert (no hostile feature the control brand's page lacks,
tests/hostile audit), built and NOT inert (must be 0).  Then the SVG logo corpus through
safety.svg.clean_svg: rejected, or rebuilt and inert.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.safetysite import VECTORS, build_planted  # noqa: E402

from brandhall.safety import clean_svg  # noqa: E402
from brandhall.safety.audit import hostile_features  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bh-safety-") as tmp:
        planted = build_planted(Path(tmp))
        if planted.build.returncode != 0:
            print(planted.build.stdout + planted.build.stderr, file=sys.stderr)
            return 1
        site = planted.site
        control = {
            "yml": hostile_features((site / "brands/control/index.html").read_bytes()),
            "case": hostile_features(
                (site / "brands/control/cases/yici-jiuyuan/index.html").read_bytes()
            ),
        }
        figures: dict[str, dict[str, int]] = {}
        live: list[str] = []
        codes: Counter[str] = Counter()
        for where in ("yml", "case"):
            plants = [p for p in planted.plants if p.where == where]
            inert = 0
            for p in plants:
                if p.rejected:
                    codes.update({r["code"] for r in p.rejected})
                    continue
                extra = hostile_features((site / p.page).read_bytes()) - control[where]
                if extra:
                    live.append(f"{p.id}: {sorted(extra)}")
                else:
                    inert += 1
            figures[where] = {
                "tried": len(plants),
                "rejected_by_check": sum(1 for p in plants if p.rejected),
                "built_inert": inert,
                "built_not_inert": len(plants) - inert - sum(1 for p in plants if p.rejected),
            }
    svgs = sorted((ROOT / "tests/hostile/svg").glob("*.svg"))
    svg_results = [clean_svg(p.read_bytes()) for p in svgs]
    hostile_svgs = [(p, r) for p, r in zip(svgs, svg_results, strict=True)]
    figures["svg"] = {
        "tried": len(svgs),
        "rejected_by_check": sum(1 for _p, r in hostile_svgs if not r.ok),
        "built_inert": sum(
            1 for _p, r in hostile_svgs if r.ok and r.svg and not hostile_features(r.svg)
        ),
        "built_not_inert": sum(
            1 for _p, r in hostile_svgs if r.ok and r.svg and hostile_features(r.svg)
        ),
    }
    result = {
        "markdown_vectors": len(VECTORS),
        "figures": figures,
        "check_codes": dict(sorted(codes.items())),
        "not_inert": live,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        names = {"yml": "brand.yml Markdown 字段", "case": "案例正文", "svg": "SVG 标识"}
        print(f"Markdown 攻击样本 {len(VECTORS)} 个，每个分别放进 brand.yml 字段和案例正文：")
        print(f"{'位置':<24}{'尝试':>6}{'check 拒绝':>12}{'构建后无害':>12}{'构建后仍有害':>14}")
        for key, f in figures.items():
            print(
                f"{names[key]:<24}{f['tried']:>6}{f['rejected_by_check']:>12}"
                f"{f['built_inert']:>12}{f['built_not_inert']:>14}"
            )
        print(
            "check 拒绝的原因：" + "、".join(f"{k} {v}" for k, v in result["check_codes"].items())
        )
        for line in live:
            print("仍有害：" + line)
    return 1 if live or figures["svg"]["built_not_inert"] else 0


if __name__ == "__main__":
    sys.exit(main())
