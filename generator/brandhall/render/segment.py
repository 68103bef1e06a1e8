"""Chinese word segmentation with jieba, the same segmenter Material's search uses."""

from __future__ import annotations

import logging
from functools import lru_cache


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[str, ...]:
    import jieba  # loading the dictionary takes about a second; only when needed

    jieba.setLogLevel(logging.WARNING)
    return tuple(w.strip() for w in jieba.cut(text) if w.strip())
