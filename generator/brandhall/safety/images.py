"""Raster images checked by what they are, not by what they are called.

A file is accepted when its first bytes are those of PNG, JPEG or WebP, Pillow decodes it
completely, its extension names the same type, it carries no HTML/SVG/script inside (a
"polyglot" that a browser could be tricked into reading as a page) and it is within the
size and pixel limits below.  Limits live here and nowhere else; messages state them in MB.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

from PIL import Image

MB = 1024 * 1024
#: Largest logo file (SVG or raster).
LOGO_MAX_BYTES = 1 * MB
#: Largest image in a case study or brand text.
IMAGE_MAX_BYTES = 2 * MB
#: Largest picture in pixels (width × height × frames): 40 megapixels.
MAX_PIXELS = 40_000_000

#: Pillow format name -> (what editors call it, file extensions).
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "PNG": ("PNG", (".png",)),
    "JPEG": ("JPEG", (".jpg", ".jpeg")),
    "WEBP": ("WebP", (".webp",)),
}
ALLOWED_TYPES = "PNG、JPEG、WebP"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
)
# What a file that is not a picture usually starts with, to tell the editor what it is.
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"GIF8", "GIF"),
    (b"BM", "BMP"),
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\xd0\xcf\x11\xe0", "Office"),
)
_MARKUP = re.compile(rb"<\s*(script|html|svg|iframe|body|head|object|embed)|javascript:", re.I)


def mb(size: int) -> str:
    """A byte count in MB as an editor reads it: 1048576 -> "1", 1572864 -> "1.5"."""
    text = f"{size / MB:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class ImageResult:
    """What a raster file is, or why it is rejected.

    ``reason`` is a message code (``image_too_large``, ``image_type``, ``image_broken``,
    ``image_ext``, ``image_pixels``, ``image_markup``), ``params`` its parameters.
    """

    format: str | None = None
    width: int = 0
    height: int = 0
    reason: str | None = None
    detail: str = ""
    limit: str = ""

    @property
    def ok(self) -> bool:
        return self.reason is None

    def params(self) -> dict[str, str]:
        return {"value": self.detail, "limit": self.limit, "allowed": ALLOWED_TYPES}


def sniff(data: bytes) -> str | None:
    """The Pillow format name for the first bytes of ``data``, if allowed."""
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            return fmt
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _what_else(data: bytes) -> str:
    for magic, name in _OTHER_MAGIC:
        if data.startswith(magic):
            return name
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) or b"<svg" in head:
        return "SVG"
    if head.startswith((b"<!doctype", b"<html", b"<")):
        return "HTML"
    return "unknown"


def _png_trailing(data: bytes) -> bool:
    end = data.rfind(b"IEND")
    return end >= 0 and len(data) > end + 8


def check_image(
    data: bytes,
    *,
    name: str = "",
    max_bytes: int = IMAGE_MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
) -> ImageResult:
    """Check one raster file's bytes; ``name`` (its file name) is checked against the type."""
    if len(data) > max_bytes:
        return ImageResult(reason="image_too_large", detail=mb(len(data)), limit=mb(max_bytes))
    fmt = sniff(data)
    if fmt is None:
        return ImageResult(reason="image_type", detail=_what_else(data))
    label, extensions = FORMATS[fmt]
    if name and not name.lower().endswith(extensions):
        return ImageResult(fmt, reason="image_ext", detail=label, limit=extensions[0])
    if _MARKUP.search(data) or (fmt == "PNG" and _png_trailing(data)):
        return ImageResult(fmt, reason="image_markup", detail=label)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[fmt]) as img:
                width, height = img.size
                frames = int(getattr(img, "n_frames", 1) or 1)
                if width * height * frames > max_pixels:
                    return ImageResult(
                        fmt,
                        width,
                        height,
                        reason="image_pixels",
                        detail=f"{width}×{height}",
                        limit=str(max_pixels // 1_000_000),
                    )
                img.verify()
            with Image.open(io.BytesIO(data), formats=[fmt]) as img:
                img.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return ImageResult(
            fmt, reason="image_pixels", detail="?", limit=str(max_pixels // 1_000_000)
        )
    except (OSError, SyntaxError, ValueError, EOFError, Image.UnidentifiedImageError):
        # The decoder's own words are English and name Python objects: the format is enough.
        return ImageResult(fmt, reason="image_broken", detail=label)
    return ImageResult(fmt, width, height)


def check_logo(data: bytes, *, name: str = "") -> ImageResult:
    """A raster logo: the same checks with the logo's size limit."""
    return check_image(data, name=name, max_bytes=LOGO_MAX_BYTES)
