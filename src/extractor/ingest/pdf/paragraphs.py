"""Paragraphs: lines reflowed at gaps, indents and headings; line-end hyphens undone."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from functools import lru_cache

from extractor.ingest.pdf.shapes import (
    HEADING_SIZE_RATIO,
    PARAGRAPH_GAP_RATIO,
    _Block,
    _Document,
    _Line,
)

_SENTENCE_END_RE = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")


def _is_heading(line: _Line, doc: _Document) -> bool:
    if line.size >= HEADING_SIZE_RATIO * doc.body_size:
        return True
    return line.bold and not doc.body_bold and len(line.text) < 150


def _paragraphs(blocks: list[_Block], doc: _Document) -> str:
    pitch = _line_pitches(blocks, doc)
    paragraphs: list[list[str]] = []
    previous: tuple[_Line, _Block] | None = None
    for block in blocks:
        for line in block.lines:
            if previous is None or _breaks(*previous, line, block, pitch, doc):
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
            previous = line, block
    texts = (_join_lines(lines) for lines in paragraphs)
    return "\n\n".join(t for t in texts if t)


def _line_pitches(blocks: list[_Block], doc: _Document) -> dict[float, float]:
    """The usual baseline step per font size, from consecutive lines of one flow."""
    steps: dict[float, list[float]] = defaultdict(list)
    for block in blocks:
        for a, b in zip(block.lines, block.lines[1:], strict=False):
            step = b.bottom - a.bottom
            if abs(a.size - b.size) < 0.5 and 0.8 * a.size < step < 3 * a.size:
                steps[round(a.size)].append(step)
    return {size: statistics.median(values) for size, values in steps.items()}


def _breaks(
    a: _Line,
    a_block: _Block,
    b: _Line,
    b_block: _Block,
    pitch: dict[float, float],
    doc: _Document,
) -> bool:
    """Whether line ``b`` starts a new paragraph after line ``a``."""
    a_heading, b_heading = _is_heading(a, doc), _is_heading(b, doc)
    same_flow = a.block == b.block
    if a_heading or b_heading:
        if not (a_heading and b_heading) or abs(a.size - b.size) > 0.5 or a.bold != b.bold:
            return True
        return not same_flow or b.bottom - a.bottom > 1.6 * b.size  # a heading over two lines
    indent = b.size * 0.8
    b_indented = b.x0 - b_block.left > indent and b.x1 < b_block.right + 1
    ends_sentence = bool(_SENTENCE_END_RE.search(a.text))
    # A line ends before the margin on purpose when the next line's first word would have
    # fitted after it: the paragraph (or a heading, a list item) ends there. This holds for
    # justified and ragged text alike, and a hyphenated line end never ends a paragraph.
    room = a_block.right - a.x1
    ended = room > b.first_word + 0.5 * a.size and not a.text.endswith(_LINE_END_DASH)
    if not same_flow:
        # A page or column break: the paragraph goes on unless the last line ended a sentence
        # with room to spare (a full last line in justified text means it goes on too).
        if abs(a.size - b.size) > 0.1 * doc.body_size or b_indented:
            return True
        return ends_sentence and ended
    step = b.bottom - a.bottom
    usual = pitch.get(round(b.size)) or 1.45 * b.size
    if step > PARAGRAPH_GAP_RATIO * usual or step < 0:
        return True
    if abs(a.size - b.size) > 0.1 * doc.body_size:
        return True
    if b_indented and a.x0 - a_block.left <= 0.5 * a.size:
        return True
    return ended


_WORD_START = re.compile(r"\w*")
_LINE_END_DASH = ("-", "\u2010", "\u00ad")


def _join_lines(lines: list[str]) -> str:
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith("\u00ad"):
            text = text[:-1] + line  # a discretionary hyphen is never part of the word
        elif text.endswith(_LINE_END_DASH) and len(text) > 1 and text[-2].isalpha():
            left = re.split(r"[\s\-\u2010/]", text[:-1])[-1]
            right = re.split(r"[\s\-\u2010/]", line, maxsplit=1)[0]
            word = _WORD_START.match(right)
            right = word.group(0) if word else ""
            text = text[:-1] + line if _is_split_word(left, right) else text + line
        elif text.endswith(("\u2013", "\u2014")) and len(text) > 1 and not text[-2].isspace():
            text += line  # "Roadshow–" / "2025": the dash binds both sides
        else:
            text += " " + line
    return re.sub(r"[ \t]{2,}", " ", text)


@lru_cache(maxsize=4096)
def _is_split_word(left: str, right: str) -> bool:
    """Whether ``left-`` / ``right`` at a line end is one word hyphenated by the typesetter.

    Joined when the joined form is a word ("pharma-ceuticals"), or when neither part is a
    word (a name split by syllables, "Tal-lis"); the hyphen stays when both parts are
    common words and the joined form is unknown or rare ("cross-border", "long-term"), and
    always before a capital or a digit ("Chile-Norway").
    """
    if len(left) < 2 or len(right) < 2 or not left.isalpha() or not right.isalpha():
        return False
    if right[0].isupper() and not (left.isupper() and right.isupper()):
        return False
    from wordfreq import zipf_frequency

    joined = zipf_frequency((left + right).lower(), "en")
    left_z = zipf_frequency(left.lower(), "en")
    right_z = zipf_frequency(right.lower(), "en")
    both_words = left_z >= 3.0 and right_z >= 3.0
    # Zipf 3 is about once per million words: "goodwill", "wellbeing" and "knowledge" are
    # above it, "longterm", "decisionmaking" and "onewindow" below.
    return not (both_words and joined < 3.0)
