"""What the article body looks like: font family, boldness, colour, script and size."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from extractor.ingest.pdf.shapes import _Document, _Page

_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_STYLE_SUFFIX_RE = re.compile(
    r"[-,_ ]?(bold|black|heavy|semibold|demibold|demi|medium|light|regular|roman|book|italic|"
    r"oblique|mt|ps|std|pro)+$",
    re.IGNORECASE,
)


def _luminance(color) -> float | None:
    """Relative luminance of a fill colour given as grey, RGB or CMYK (None when unknown)."""
    if isinstance(color, list):
        color = tuple(color)
    try:
        return _luminance_of(color)
    except TypeError:  # unhashable: a pattern or something stranger
        return None


@lru_cache(maxsize=1024)
def _luminance_of(color) -> float | None:
    if color is None:
        return 0.0  # the default fill is black
    if not isinstance(color, tuple) or not all(isinstance(v, (int, float)) for v in color):
        return None  # pattern or named colour space
    if len(color) == 1:
        return float(color[0])
    if len(color) == 3:
        r, g, b = color
    elif len(color) == 4:
        c, m, y, k = color
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return None
    return 0.299 * r + 0.587 * g + 0.114 * b


@lru_cache(maxsize=512)
def _family(fontname: str) -> str:
    name = fontname.split("+", 1)[-1]
    base = re.split(r"[-,]", name, maxsplit=1)[0]
    return _STYLE_SUFFIX_RE.sub("", base).lower() or name.lower()


@lru_cache(maxsize=512)
def _is_bold(fontname: str) -> bool:
    return bool(_BOLD_RE.search(fontname.split("+", 1)[-1]))


def _color_key(color) -> tuple[float, ...]:
    """A colour rounded for comparisons: greys (and neutral RGB) as one luminance value."""
    if isinstance(color, list):
        color = tuple(color)
    try:
        return _color_key_of(color)
    except TypeError:
        return (0.0,)


@lru_cache(maxsize=1024)
def _color_key_of(color) -> tuple[float, ...]:
    if color is None:
        return (0.0,)
    if isinstance(color, (tuple, list)) and all(isinstance(v, (int, float)) for v in color):
        lum = _luminance(color)
        if len(color) == 1 or (
            lum is not None and max(color) - min(color) < 0.05 and len(color) == 3
        ):
            return (round(lum or 0.0, 1),)
        return tuple(round(float(v), 1) for v in color)
    return (0.0,)


def _script(text: str) -> str:
    """The dominant script of a text: latin, cjk, cyrillic, arabic, greek, hebrew or other."""
    counts: Counter[str] = Counter()
    for ch in text:
        o = ord(ch)
        if ch.isascii():
            if ch.isalpha():
                counts["latin"] += 1
        elif 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xAC00 <= o <= 0xD7AF:
            counts["cjk"] += 1
        elif 0x0400 <= o <= 0x052F:
            counts["cyrillic"] += 1
        elif 0x0600 <= o <= 0x06FF:
            counts["arabic"] += 1
        elif 0x0370 <= o <= 0x03FF:
            counts["greek"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["hebrew"] += 1
        elif ch.isalpha():
            counts["latin" if o < 0x0250 else "other"] += 1
    return counts.most_common(1)[0][0] if counts else "none"


def _document_style(pages: list[_Page]) -> _Document:
    styles: Counter[tuple] = Counter()
    for page in pages:
        styles.update(page.styles)
    body_size = _weighted_median(_size_counts(styles))
    fonts: Counter[str] = Counter()
    colors: Counter[tuple] = Counter()
    for (size, font, color), count in styles.items():
        if abs(size - body_size) <= 0.1 * body_size:
            fonts[font] += count
            colors[_color_key(color)] += count
    body_font = fonts.most_common(1)[0][0] if fonts else ""
    sample = "".join(page.samples.get(body_font, "") for page in pages[:3])
    return _Document(
        body_size=body_size,
        body_family=_family(body_font),
        body_bold=_is_bold(body_font),
        body_color=colors.most_common(1)[0][0] if colors else (0.0,),
        body_script=_script(sample),
        page_heights=[(page.top, page.bottom) for page in pages],
    )


def _size_counts(styles: Counter) -> Counter[float]:
    sizes: Counter[float] = Counter()
    for (size, _, _), count in styles.items():
        sizes[round(size, 1)] += count
    return sizes


def _median(values: list[float]) -> float:
    values.sort()
    return values[len(values) // 2]


def _hashable(value):
    return tuple(value) if value.__class__ is list else value


def _weighted_median(counts: Counter[float]) -> float:
    total = sum(counts.values())
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen * 2 >= total:
            return value
    return 10.0
