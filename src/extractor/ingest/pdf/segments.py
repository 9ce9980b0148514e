"""Rows and segments: runs grouped into rows and cut at wide gaps into spelled segments."""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from itertools import chain
from operator import sub

from extractor.ingest.pdf.shapes import (
    _BOTTOM,
    _COLOR,
    _FONTNAME,
    _SIZE,
    _SPACES,
    _TEXT,
    _TOP,
    _X0,
    _X1,
    SEGMENT_GAP_EM,
    STAMP_SIZE_RATIO,
    WORD_GAP_EM,
    _Run,
    _Segment,
)
from extractor.ingest.pdf.style import _color_key, _hashable, _is_bold


def _drop_stamps(runs: list[_Run], body_size: float, first_page: bool) -> list[_Run]:
    """Drop stamp-size runs (against the page's own body size: pages are reduced one by one)."""
    limit = STAMP_SIZE_RATIO * body_size
    if not any(run.size > limit for run in runs):
        return runs
    # A title may be that big, but only at the top of page 1, above the body text (in the
    # body's own font: a banner above the title does not count).
    fonts: Counter[str] = Counter()
    for run in runs:
        if abs(run.size - body_size) <= 0.1 * body_size:
            fonts[run.font] += len(run.chars)
    body_font = fonts.most_common(1)[0][0] if fonts else None
    body_top = min((r.top for r in runs if r.font == body_font), default=math.inf)
    return [r for r in runs if r.size <= limit or (first_page and r.bottom <= body_top)]


def _rows(runs: list[_Run]) -> list[list[_Run]]:
    """Group runs whose vertical centres are close into rows, top to bottom."""
    rows: list[list] = []  # [centre, height, runs]
    for run in sorted(runs, key=lambda r: r.top + r.bottom):
        mid = (run.top + run.bottom) / 2
        height = run.bottom - run.top
        best = None
        for row in rows[-3:] if len(rows) > 3 else rows:
            near = abs(mid - row[0]) <= 0.35 * max(height, row[1])
            if near and (best is None or abs(mid - row[0]) < abs(mid - best[0])):
                best = row
        if best is None:
            rows.append([mid, height, [run]])
        else:
            best[2].append(run)
            if height > best[1]:
                best[0], best[1] = mid, height
    return [row[2] for row in rows]


def _split_row(
    row: list[_Run], page: int, row_index: int, twins_checked: bool = False
) -> list[_Segment]:
    """Cut a row at wide gaps and spell each piece, with word spaces from glyphs or gaps.

    Every glyph of the document passes here, so the work is done on whole lists (``map``,
    comprehensions) and the Python-level loop runs once per word, not once per glyph. A row
    of one run (most rows) has one size, font and colour: nothing is counted per glyph.
    """
    if twins_checked:
        glyphs = row[0].chars
        single = None
    else:
        single = row[0] if len(row) == 1 else None
        chars = single.chars if single else list(chain.from_iterable(r.chars for r in row))
        glyphs = sorted(chars, key=_X0)
    texts = list(map(_TEXT, glyphs))
    ink_at = [i for i, text in enumerate(texts) if text not in _SPACES]
    if not ink_at:
        return []
    if len(ink_at) < len(glyphs):
        # A space glyph between two glyphs separates words whatever the gap.
        spaced = {k for k in range(1, len(ink_at)) if ink_at[k] - ink_at[k - 1] > 1}
        ink = [glyphs[i] for i in ink_at]
        texts = [texts[i] for i in ink_at]
    else:
        spaced, ink = set(), glyphs
    x1 = list(map(_X1, ink))
    gaps = list(map(sub, map(_X0, ink[1:]), x1))  # gaps[k - 1]: before glyph k
    if not twins_checked and gaps and min(gaps) < -0.25 * ink[0]["size"]:
        # Glyphs overlapping their neighbour: maybe printed twice (fake bold, shadow).
        glyphs = _without_twins(glyphs)
        return _split_row([_Run(glyphs, 0, 0, 0, "", None)], page, row_index, True)
    wide, cuts = _word_breaks(ink, gaps, single)
    breaks = [*sorted(spaced.union(wide)), len(ink)]
    return _cut(ink, texts, x1, breaks, cuts, single, (page, row_index))


def _word_breaks(
    ink: list[dict], gaps: list[float], single: _Run | None
) -> tuple[list[int], set[int]]:
    """Glyph indices that start a word (gap wider than a word space) and those that cut."""
    if single:
        word_gap, cut_gap = WORD_GAP_EM * single.size, SEGMENT_GAP_EM * single.size
        wide = [k for k, gap in enumerate(gaps, 1) if gap > word_gap]
        return wide, {k for k in wide if gaps[k - 1] > cut_gap}
    sizes = list(map(_SIZE, ink))
    wide = [
        k
        for k, gap, size in zip(range(1, len(ink)), gaps, sizes[1:], strict=True)
        if gap > WORD_GAP_EM * size
    ]
    return wide, {k for k in wide if gaps[k - 1] > SEGMENT_GAP_EM * max(sizes[k], sizes[k - 1])}


def _cut(
    ink: list[dict],
    texts: list[str],
    x1: list[float],
    breaks: list[int],
    cuts: set[int],
    single: _Run | None,
    where: tuple[int, int],
) -> list[_Segment]:
    """Spell the words between ``breaks`` and cut them into segments at ``cuts``."""
    segments = []
    words: list[str] = []
    first_end = None
    start = seg_start = 0
    for k in breaks:
        words.append("".join(texts[start:k]))
        if first_end is None:
            first_end = x1[k - 1]
        if k in cuts or k == len(ink):
            right = max(x1[seg_start:k])
            segments.append(_segment(ink[seg_start:k], words, first_end, right, single, *where))
            words, first_end, seg_start = [], None, k
        start = k
    return segments


def _without_twins(glyphs: list[dict]) -> list[dict]:
    """Drop a glyph printed again over itself (fake bold, shadow): same text, same place."""
    kept = [glyphs[0]]
    for c in glyphs[1:]:
        for p in kept[-3:]:
            if (
                c["text"] == p["text"]
                and abs(c["x0"] - p["x0"]) < 0.25 * (p["x1"] - p["x0"]) + 0.1
                and abs(c["top"] - p["top"]) < 1.0
            ):
                break
        else:
            kept.append(c)
    return kept


def _segment(
    ink: list[dict],
    words: list[str],
    first_end: float,
    right: float,
    run: _Run | None,
    page: int,
    row_index: int,
) -> _Segment:
    """A segment of glyphs; ``run`` is their common style when they come from one run."""
    if run is not None:
        size, font, color, top, bottom = run.size, run.font, run.color, run.top, run.bottom
        baseline, bold = bottom, len(ink) if _is_bold(font) else 0
    else:
        fonts = Counter(map(_FONTNAME, ink))
        try:
            colors = Counter(map(_COLOR, ink))
        except TypeError:  # colours given as lists
            colors = Counter(_hashable(c["non_stroking_color"]) for c in ink)
        sizes = sorted(map(_SIZE, ink))
        bottoms = sorted(map(_BOTTOM, ink))
        size, bottom, baseline = sizes[len(sizes) // 2], bottoms[-1], bottoms[len(bottoms) // 2]
        font = fonts.most_common(1)[0][0]
        color = colors.most_common(1)[0][0]
        top = min(map(_TOP, ink))
        bold = sum(count for name, count in fonts.items() if _is_bold(name))
    return _Segment(
        page=page,
        row=row_index,
        glyphs=len(ink),
        x0=ink[0]["x0"],
        x1=right,
        top=top,
        bottom=bottom,
        size=size,
        font=font,
        color=_color_key(color),
        text=unicodedata.normalize("NFC", " ".join(words)),
        baseline=baseline,
        bold=bold,
        first_word_x1=first_end,
    )
