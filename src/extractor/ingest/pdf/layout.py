"""Reading order: columns found by a free vertical gutter, sections cut by full-width rows."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from extractor.ingest.pdf.paragraphs import _is_heading
from extractor.ingest.pdf.shapes import _Block, _Document, _Line, _Segment


def _read_order(pages: list[list[_Segment]], doc: _Document) -> list[_Block]:
    """Column flows in reading order: per page, sections top to bottom, columns left to right."""
    blocks: list[_Block] = []
    for page_index, segments in enumerate(pages):
        live = [s for s in segments if not s.noise]
        if not live:
            continue
        for section_index, columns in enumerate(_sections(live, doc)):
            for column_index, column in enumerate(columns):
                lines = _lines(column, (page_index, section_index, column_index), doc)
                kind = f"col{column_index}" if len(columns) > 1 else "full"
                if lines:
                    blocks.append(_Block(kind, lines))
    _set_margins(blocks, doc)
    return blocks


def _sections(segments: list[_Segment], doc: _Document) -> list[list[list[_Segment]]]:
    """Split a page into sections of one or two columns (each a list of segments)."""
    gutter = _find_gutter(segments, doc)
    if gutter is None:
        return [[segments]]
    ordered = sorted(segments, key=lambda s: (s.top, s.x0))
    runs: list[tuple[bool, list[_Segment]]] = []  # (crossing, segments)
    for seg in ordered:
        crossing = seg.x0 < gutter < seg.x1
        if runs and runs[-1][0] == crossing:
            runs[-1][1].append(seg)
        else:
            runs.append((crossing, [seg]))
    sections: list[list[list[_Segment]]] = []
    for crossing, run in runs:
        left = [s for s in run if s.x1 <= gutter]
        right = [s for s in run if s.x0 >= gutter]
        # In one-column text nearly every line crosses the middle: two rows a side without
        # one crossing line is already a second column.
        two = not crossing and _rows_of(left) >= 2 and _rows_of(right) >= 2
        sections.append([left, right] if two else [run])
    # Merge neighbouring one-column sections, so a row never straddles two of them.
    merged: list[list[list[_Segment]]] = []
    for section in sections:
        if merged and len(section) == 1 and len(merged[-1]) == 1:
            merged[-1][0].extend(section[0])
        else:
            merged.append(section)
    return merged


def _rows_of(segments: list[_Segment]) -> int:
    return len({s.row for s in segments})


def _find_gutter(segments: list[_Segment], doc: _Document) -> float | None:
    """The x of a vertical strip in the middle of the text that column-width segments avoid."""
    if len(segments) < 4:
        return None
    left = min(s.x0 for s in segments)
    right = max(s.x1 for s in segments)
    width = right - left
    if width < 12 * doc.body_size:
        return None
    narrow = [s for s in segments if s.x1 - s.x0 < 0.6 * width]
    if _rows_of(narrow) < 4:
        return None
    cover = [0] * (math.ceil(width) + 3)
    for s in narrow:
        cover[int(s.x0 - left)] += 1
        cover[math.ceil(s.x1 - left) + 1] -= 1
    for x in range(1, len(cover)):
        cover[x] += cover[x - 1]
    lo, hi = int(0.2 * width), int(0.8 * width)
    # An empty strip first; else one that a centred caption or footer line crosses.
    for allowance in (0, max(1, _rows_of(narrow) // 20)):
        best, start = None, None
        for x in range(lo, hi + 2):
            free = x <= hi and cover[x] <= allowance
            if free and start is None:
                start = x
            elif not free and start is not None:
                if best is None or x - start > best[1] - best[0]:
                    best = (start, x)
                start = None
        if best is not None and best[1] - best[0] >= 0.5 * doc.body_size:
            break
    else:
        return None
    centre = left + (best[0] + best[1]) / 2
    if _rows_of([s for s in narrow if s.x1 <= centre]) < 2:
        return None
    if _rows_of([s for s in narrow if s.x0 >= centre]) < 2:
        return None
    return centre


def _lines(segments: list[_Segment], block: tuple[int, int, int], doc: _Document) -> list[_Line]:
    by_row: dict[int, list[_Segment]] = defaultdict(list)
    for seg in segments:
        by_row[seg.row].append(seg)
    lines = []
    for row in by_row.values():
        row.sort(key=lambda s: s.x0)
        widest = max(row, key=lambda s: s.glyphs)  # the row's own style, not a footnote mark
        glyphs = sum(s.glyphs for s in row)
        lines.append(
            _Line(
                page=block[0],
                block=block,
                x0=row[0].x0,
                x1=row[-1].x1,
                top=min(s.top for s in row),
                bottom=widest.baseline,
                size=widest.size,
                font=widest.font,
                bold=sum(s.bold for s in row) >= 0.8 * glyphs,
                text=" ".join(s.text for s in row),
                first_word=row[0].first_word_x1 - row[0].x0,
            )
        )
    lines.sort(key=lambda line: (line.bottom, line.x0))
    return lines


def _set_margins(blocks: list[_Block], doc: _Document) -> None:
    """Each block's left and right margins, from all the document's columns of its kind.

    A page holding two short lines says little about where its column ends; the other pages
    set in the same column do.
    """
    lefts: dict[str, Counter[int]] = defaultdict(Counter)
    for block in blocks:
        for line in block.lines:
            if not _is_heading(line, doc):
                lefts[block.kind][round(line.x0)] += 1
    margin = {kind: counts.most_common(1)[0][0] for kind, counts in lefts.items()}
    ends: dict[str, list[float]] = defaultdict(list)
    for block in blocks:
        body = [line for line in block.lines if not _is_heading(line, doc)] or block.lines
        own = Counter(round(line.x0) for line in body).most_common(1)[0][0]
        usual = margin.get(block.kind, own)
        block.left = float(usual if abs(own - usual) <= 2 * doc.body_size else own)
        if block.left == usual:
            ends[block.kind].extend(line.x1 for line in body)
    right = {kind: _quantile(values, 0.9) for kind, values in ends.items()}
    for block in blocks:
        body = [line for line in block.lines if not _is_heading(line, doc)] or block.lines
        own_right = max(line.x1 for line in body)
        shared = block.left == margin.get(block.kind) and block.kind in right
        block.right = max(own_right, right[block.kind]) if shared else own_right


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
