"""Data shapes of the PDF stage and the thresholds that every step shares.

Thresholds are ratios of the body font size unless named otherwise; the glyph getters are
``itemgetter`` objects so that per-glyph work runs at C speed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import itemgetter

# --- thresholds, each a ratio of the body font size unless named otherwise ------------------

#: A glyph whose baseline direction differs from the page's text direction by more than this
#: many degrees is watermark or margin furniture, never article text.
MAX_ROTATION_DEG = 2.0
#: Shear (c/d of the text matrix, without rotation) up to tan(20°) is a synthetic italic,
#: which word processors emit for body text; a stronger shear is a skewed stamp.
MAX_ITALIC_SHEAR = 0.36
#: Fill luminance (0 black .. 1 white) above which a glyph is a tint: watermark or faded
#: furniture, unless it sits on a dark fill (white-on-dark banner text is left to the
#: position rules).
LIGHT_LUMINANCE = 0.62
#: Glyphs larger than this many body sizes are stamp text (except a title at the top of page 1).
STAMP_SIZE_RATIO = 2.5
#: A horizontal gap wider than this many em splits a row into separate segments.
SEGMENT_GAP_EM = 0.8
#: A gap between glyphs wider than this many em is a word space (when no space glyph is there).
WORD_GAP_EM = 0.17
#: Top and bottom bands (fractions of the page height) where running headers, footers and
#: page numbers are looked for; text there is removed only on evidence (repetition, pattern).
TOP_BAND = 0.2
BOTTOM_BAND = 0.15
#: Page 1's letterhead is looked for above the title within this fraction of the page.
LETTERHEAD_BAND = 0.3
#: A line this much bigger than the body (or all bold in a non-bold body) is a heading.
HEADING_SIZE_RATIO = 1.15
#: A baseline step this many times the usual line pitch marks a paragraph break.
PARAGRAPH_GAP_RATIO = 1.2

_X0 = itemgetter("x0")
_SPACES = frozenset(
    " \t\n\r\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u202f\u205f\u3000"
)
_X1, _TOP, _BOTTOM, _SIZE, _FONTNAME, _COLOR, _TEXT = map(
    itemgetter, ("x1", "top", "bottom", "size", "fontname", "non_stroking_color", "text")
)


@dataclass
class _Run:
    """Glyphs sharing a baseline, font, size and colour: a line or a piece of one.

    Grouping glyphs into runs first makes every later decision (direction, tint, stamp
    size, row) once per run instead of once per glyph, which keeps cleaning cheap next to
    pdfminer's parse.
    """

    chars: list[dict]
    top: float
    bottom: float
    size: float
    font: str
    color: object  # the fill colour as pdfplumber gives it


@dataclass
class _Segment:
    """Glyphs of one row between wide gaps: a line, or a part of one (a column, a banner half)."""

    page: int
    row: int
    glyphs: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    color: tuple[float, ...]
    text: str
    baseline: float  # median glyph bottom
    bold: int  # glyphs in a bold face
    first_word_x1: float  # where the segment's first word ends
    noise: str = ""  # why the segment is page furniture ("" for article text)


@dataclass
class _Page:
    """What is kept of a parsed page: its segments and style counts, not pdfminer's objects.

    Pages are reduced as soon as they are parsed, so that pdfplumber's glyph dicts do not
    pile up in memory while pdfminer parses the next page.
    """

    glyphs: int  # glyphs pdfminer found, before any filter
    unmapped: int  # of which without a Unicode mapping ("(cid:N)")
    segments: list[_Segment]
    styles: Counter  # (size, font, colour) → glyphs
    samples: dict[str, str]  # font → some of its text, for the body's script
    images: int
    top: float
    bottom: float


@dataclass
class _Line:
    """A line of one column: the segments of a row that belong together, in reading order."""

    page: int
    block: tuple[int, int, int]  # (page, section, column): lines of one flow share it
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    bold: bool
    text: str
    first_word: float  # width of the line's first word


@dataclass
class _Block:
    """One column flow of a page section, with the margins its lines are set between."""

    kind: str  # "full" (one column), "col0" or "col1" (left or right of two)
    lines: list[_Line]
    left: float = 0.0
    right: float = 0.0


@dataclass
class _Document:
    """Document-wide statistics: what the article body looks like."""

    body_size: float
    body_family: str
    body_bold: bool
    body_color: tuple[float, ...]
    body_script: str
    page_heights: list[tuple[float, float]]  # (top, bottom) of each page's box
