"""Pinyin helpers: slugs for new brands and initials for the gallery's text filter."""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from .model import SLUG_MAX

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)  # every name and unit name of a 10,000-brand catalog
def pinyin_key(text: str) -> str:
    """Full pinyin without tones, for sorting Chinese names the way readers expect."""
    return " ".join(lazy_pinyin(text, style=Style.NORMAL, errors="default")).lower()


@lru_cache(maxsize=65536)  # every name and unit name of a 10,000-brand catalog
def initials(text: str) -> str:
    """``消防救援`` -> ``xfjy``; Latin letters and digits are kept as they are."""
    out = []
    for syllable in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default"):
        out.append("".join(ch for ch in syllable.lower() if ch.isalnum()))
    return "".join(out)


def propose_slug(name: str) -> str:
    """A slug from the name's pinyin, one hyphen between words (``huoyan-lan-xianfeng``)."""
    import jieba  # imported here: loading its dictionary takes a second

    jieba.setLogLevel(60)
    groups = []
    for word in jieba.cut(name):
        syllables = lazy_pinyin(word, style=Style.NORMAL, errors="default")
        group = _NON_SLUG.sub("", "".join(syllables).lower())
        if group:
            groups.append(group)
    return "-".join(groups)[:SLUG_MAX].strip("-") or "brand"


def term_slug(term: str) -> str:
    """An ASCII anchor for a vocabulary term or tag: ``消防救援`` -> ``xiao-fang-jiu-yuan``."""
    syllables = lazy_pinyin(term, style=Style.NORMAL, errors="default")
    parts = [_NON_SLUG.sub("", s.lower()) for s in syllables]
    return "-".join(p for p in parts if p)[:SLUG_MAX] or "x"
