"""The printable brand card: one A4 page per brand, for a study session on paper.

Every brand page carries a ``<section class="bh-print-card">``: hidden on screen (and from
screen readers and the site search), it is the only thing a browser prints of a brand
page (the ``@media print`` block at the end of assets/brandhall.css). It holds the name,
logo, slogan, summary, method, the first few outcomes, stage and stars, the contact on
intranet builds, a QR code of the page's address and the site name and build date.

The QR code needs an absolute address: it is made at build time (segno, inline SVG)
only when mkdocs.yml sets ``site_url``; otherwise the card prints the page's path as text.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

import segno

from ..catalog import Brand
from ..visibility import intranet_field
from .common import (
    HONOR_RANK,
    STAGE_LABEL,
    format_date,
    format_number,
    h,
    hue_class,
    monogram_char,
)
from .context import SiteContext
from .prose import editor_list

#: How many outcomes and metrics fit on the card next to everything else.
CARD_OUTCOMES = 4
CARD_METRICS = 4
CARD_HONORS = 3


def page_url(site_url: str | None, slug: str) -> str | None:
    """The absolute address of a brand page, ASCII only (a phone reads it from the QR
    code as written): the host as IDNA, the path percent-encoded. None without site_url."""
    if not site_url:
        return None
    parts = urlsplit(site_url if site_url.endswith("/") else site_url + "/")
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass  # left as written; the QR code carries it as UTF-8
    netloc = host + (f":{parts.port}" if parts.port else "")
    path = quote(parts.path, safe="/%") + f"brands/{quote(slug)}/"
    return urlunsplit((parts.scheme, netloc, path, "", ""))


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG (one path; its size is set by the stylesheet)."""
    qr = segno.make(url, error="m", micro=False)
    return qr.svg_inline(scale=1, border=2, omitsize=True, svgclass="bh-pc-qr", lineclass=None)


def print_card(ctx: SiteContext, brand: Brand) -> str:
    """The print card of ``brand`` as one raw HTML block (no blank lines inside)."""
    p = brand.profile
    status = p.status
    parts: list[str] = [
        '<section class="bh-print-card" hidden aria-hidden="true" data-pagefind-ignore="all">'
    ]
    if p.logo:
        # The same file as the page's own logo (already loaded; no lazy loading in print).
        logo = f'<img class="bh-pc-logo" src="{h(p.logo.file)}" alt="{h(p.name)}的品牌标识">'
    else:
        logo = (
            f'<span class="bh-pc-logo bh-monogram {hue_class(brand.slug)}">'
            f"{h(monogram_char(p.name))}</span>"
        )
    parts.append(f'<header class="bh-pc-head">{logo}<div class="bh-pc-id">')
    parts.append(f'<p class="bh-pc-name">{h(p.name)}</p>')
    if p.slogan:
        parts.append(f'<p class="bh-pc-slogan">{h(p.slogan)}</p>')
    stage = f'<span class="bh-pc-stage">{h(STAGE_LABEL[status.stage])}</span>'
    stars = (
        f'<span class="bh-pc-stars">{"★" * status.stars}{"☆" * (5 - status.stars)}'
        f"（{status.stars} 星）</span>"
        if status.stars
        else ""
    )
    org = p.organization
    parts.append(f'<p class="bh-pc-status">{stage}{stars}</p>')
    parts.append(f'<p class="bh-pc-org">{h(org.name)} · {h(" ".join(org.region))}</p>')
    parts.append("</div></header>")
    parts.append(f'<p class="bh-pc-summary">{h(p.summary)}</p>')
    if p.method and (p.method.name or p.method.items):
        parts.append('<div class="bh-pc-block"><p class="bh-pc-label">工作法</p>')
        if p.method.name:
            parts.append(f'<p class="bh-pc-method">{h(p.method.name)}</p>')
        if p.method.items:
            items = "".join(f"<li>{h(item.title)}</li>" for item in p.method.items)
            parts.append(f'<ul class="bh-pc-steps">{items}</ul>')
        parts.append("</div>")
    if p.metrics:
        cells = "".join(
            f'<li><span class="bh-pc-metric">{format_number(m.value)}{h(m.unit or "")}</span>'
            f"{h(m.label)}</li>"
            for m in p.metrics[:CARD_METRICS]
        )
        parts.append(f'<ul class="bh-pc-metrics">{cells}</ul>')
    outcomes = list(p.outcomes)[:CARD_OUTCOMES]
    if outcomes:
        parts.append('<div class="bh-pc-block bh-pc-outcomes"><p class="bh-pc-label">主要成效</p>')
        parts.append(" ".join(editor_list(outcomes).split("\n")))
        parts.append("</div>")
    honors = sorted(p.honors, key=lambda x: (HONOR_RANK.get(x.level, 9), -x.year, x.title))
    if honors:
        items = "".join(
            f"<li>{x.year}年 {h(x.title)}（{h(x.level)}）</li>" for x in honors[:CARD_HONORS]
        )
        parts.append(
            '<div class="bh-pc-block bh-pc-honors"><p class="bh-pc-label">荣誉表彰</p>'
            f"<ul>{items}</ul></div>"
        )
    parts.append('<div class="bh-pc-bottom">')
    contact = intranet_field(p, "contact")
    if contact:
        lines = [f"联系人：{h(contact.name)}"]
        if contact.phone:
            lines.append(f"电话：{h(contact.phone)}")
        if contact.email:
            lines.append(f"电子邮箱：{h(contact.email)}")
        parts.append(
            '<div class="bh-pc-contact"><p class="bh-pc-label">联系方式</p>'
            + "".join(f"<p>{line}</p>" for line in lines)
            + "</div>"
        )
    url = page_url(ctx.site_url, brand.slug)
    if url and ctx.site_url:
        shown = ctx.site_url.rstrip("/") + f"/brands/{brand.slug}/"  # as the maintainer wrote it
        parts.append(
            f'<figure class="bh-pc-link">{qr_svg(url)}'
            f"<figcaption>扫码查看完整档案<br>{h(shown)}</figcaption></figure>"
        )
    else:
        parts.append(f'<p class="bh-pc-link">完整档案：本站 brands/{h(brand.slug)}/</p>')
    parts.append("</div>")
    parts.append(
        f'<footer class="bh-pc-foot"><span>{h(ctx.site_name)}</span>'
        f"<span>{h(format_date(ctx.today))}生成</span></footer>"
    )
    parts.append("</section>")
    return "\n" + "".join(parts) + "\n"
