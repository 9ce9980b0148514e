"""Stage 1, load (PDF): the article text of a PDF, without the page furniture around it.

pdfplumber parses each page once; everything after that works on its characters:

1. **Glyph filters.** Glyphs are grouped into runs (same baseline, font, size, colour and
   direction) and judged once per run. Watermark glyphs are dropped by their text matrix
   (rotated against the page's own text direction: pdfminer calls a 45° glyph "upright"),
   by their fill colour (light grey, tints in grey/RGB/CMYK, unless drawn on a dark fill)
   and by size (stamp text far above the body size, except a title at the top of page 1).
2. **Rows and segments.** Runs are grouped into rows by vertical position and split into
   segments at wide horizontal gaps, so that side-by-side blocks (banner halves, columns)
   stay apart. Each page is reduced to its segments as soon as it is parsed.
3. **Page furniture.** Segments in the top and bottom bands that repeat on other pages
   (compared modulo digits and Traditional/Simplified CJK variants), page numbers in their
   common forms, URL/issue/copyright lines set apart from the body, and on page 1 a
   letterhead above the title (another font family, script or colour than the article).
4. **Reading order.** A vertical gutter free of text splits a page into columns, read left
   then right; full-width rows (titles, headings across columns) cut the page into sections.
5. **Paragraphs.** Lines are reflowed into paragraphs (breaks at vertical gaps, first-line
   indents, headings, and lines that end where the next line's first word would have
   fitted), line-end hyphens are undone only where the joined form is a word
   (``wordfreq``), and a paragraph cut by a page or column break continues unless its last
   line ended a sentence with room to spare.

Every pdfminer failure becomes a :class:`~extractor.errors.DocumentError` naming the reason.
"""

from __future__ import annotations

import io
import math
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, groupby
from operator import itemgetter, sub

from extractor.errors import DocumentError

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

_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_STYLE_SUFFIX_RE = re.compile(
    r"[-,_ ]?(bold|black|heavy|semibold|demibold|demi|medium|light|regular|roman|book|italic|"
    r"oblique|mt|ps|std|pro)+$",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
_PAGE_NUMBER_RES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(page|pg|p|seite|página|pagina|стр|страница)?\.?#(of|/|de|von|из|\|)?#?$",
        r"^#(/|of|\|)#$",
        r"^第#[页頁](共#[页頁])?$",
        r"^x{0,3}(ix|iv|v?i{0,3})$",  # roman numerals up to xxxix
    )
]
# "3 | Amber Sea Studies", "Brief No. 4 · 2": a page number beside a running title.
_LABELLED_PAGE_NUMBER_RE = re.compile(r"^\d{1,4}\s*[|·•/]\s*\S|\S\s*[|·•]\s*\d{1,4}$")
_URL_RE = re.compile(
    r"(https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+\.(org|com|net|gov|edu|int|info|"
    r"[a-z]{2})(/\S*)?\b",
    re.IGNORECASE,
)
_ISSUE_RE = re.compile(
    r"\b(vol\.?|volume|issue|no\.|issn|isbn|doi)\s*:?\s*\d|©|\(c\)\s*\d{4}|copyright|"
    r"all rights reserved",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(r"(tel|phone|fax)\.?\s*:?\s*\+?[\d ()-]{6,}|\+\d[\d ()-]{7,}", re.IGNORECASE)

# Traditional → Simplified for the ideographs most common in institution names and running
# heads; pairs not listed are still matched by the positional comparison in `_same_furniture`.
_TRAD_TO_SIMP = str.maketrans(
    "國傳學類體會華東語際關經濟發開員長報聞網電視廣書館區門問題與專業務處辦總統計時間實現義為"
    "對於這們個來說進運動產黨軍戰歷環線紀約維論壇亞歐蘭羅鮮韓組織協議聯億萬內參雙邊貿資銀錢島"
    "灣臺愛園圖齊親觀點當應從後異屆衛術營團礎權壓貝費貨購質轉輸連鐵陸陽隊際雜靈頁頻顧風飛馬驗"
    "體黃齡龍擊據擴條來東語構樂標機歲爾獨產異療盡監盤礦穩築範紅級緊總練縣繼續習聖聲聽職腦興舊"
    "藝萬號蘇處見規覺計認訪設證評試詳誠調談請論諸議護讀變貢財貨販貴資賓賽趙路農邊遺選醫鎮長開"
    "閱隨險隱難電靜頭題顏願類飲養館首",
    "国传学类体会华东语际关经济发开员长报闻网电视广书馆区门问题与专业务处办总统计时间实现义为"
    "对于这们个来说进运动产党军战历环线纪约维论坛亚欧兰罗鲜韩组织协议联亿万内参双边贸资银钱岛"
    "湾台爱园图齐亲观点当应从后异届卫术营团础权压贝费货购质转输连铁陆阳队际杂灵页频顾风飞马验"
    "体黄龄龙击据扩条来东语构乐标机岁尔独产异疗尽监盘矿稳筑范红级紧总练县继续习圣声听职脑兴旧"
    "艺万号苏处见规觉计认访设证评试详诚调谈请论诸议护读变贡财货贩贵资宾赛赵路农边遗选医镇长开"
    "阅随险隐难电静头题颜愿类饮养馆首",
)


# --- data shapes ------------------------------------------------------------------------------


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


# --- public API -------------------------------------------------------------------------------


def pdf_to_text(data: bytes, source: str) -> str:
    """The article text of a PDF: paragraphs separated by one blank line.

    Banners, running headers, footers, page numbers, letterheads and watermarks are removed;
    lines are reflowed into paragraphs, headings kept as paragraphs of their own, line-end
    hyphens undone where the joined form is a word, and paragraphs cut by a page or column
    break rejoined.

    Args:
        data: The bytes of the PDF file.
        source: Path or name of the document, for error messages.

    Returns:
        The article text ("" when every glyph was page furniture).

    Raises:
        DocumentError: not a PDF, truncated or corrupt, password-protected, or without a text
            layer (a scanned image).
    """
    _check_envelope(data, source)
    return _compose(_parse(data, source), source)


def _compose(pages: list[_Page], source: str) -> str:
    """The article text of parsed pages (the cleaning proper, separate for the benchmark)."""
    if not any(page.glyphs for page in pages):
        with_images = sum(1 for page in pages if page.images)
        if with_images:
            raise DocumentError(
                source,
                f"no text layer (scanned image?): {with_images} of {len(pages)} page(s) "
                "hold images and no text",
            )
        raise DocumentError(source, "no text layer (the pages are blank)")
    glyphs, unmapped = sum(p.glyphs for p in pages), sum(p.unmapped for p in pages)
    if unmapped * 2 >= glyphs:
        raise DocumentError(
            source,
            f"no usable text layer: {unmapped} of {glyphs} glyphs have no Unicode mapping "
            "(fonts without ToUnicode; the text needs OCR)",
        )
    doc = _document_style(pages)
    segments = [page.segments for page in pages]
    _mark_running_furniture(segments, doc)
    _mark_page_furniture(segments, doc)
    _mark_letterhead(segments, doc)
    blocks = _read_order(segments, doc)
    return _paragraphs(blocks, doc)


# --- parsing and glyph filters -------------------------------------------------------------------


def _check_envelope(data: bytes, source: str) -> None:
    """Reject what is not a whole PDF before pdfminer guesses its way through it."""
    if not data:
        raise DocumentError(source, "empty file (0 bytes)")
    # Readers accept the header anywhere in the first 1024 bytes (PDF 32000-1, annex H).
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(source, f"not a PDF (starts with {data[:16]!r})")
    # A file cut short (interrupted download) loses its end-of-file marker; pdfminer would
    # otherwise rebuild what it can and silently return part of the article.
    if b"%%EOF" not in data.rstrip(b"\x00\r\n\t \x0c")[-1024:]:
        raise DocumentError(source, "truncated PDF (no %%EOF marker at the end of the file)")


def _parse(data: bytes, source: str) -> list[_Page]:
    """Parse every page once and keep the glyphs that can be article text."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    def reason(exc: BaseException) -> str:
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(inner, PDFPasswordIncorrect):
            return "encrypted PDF: a password is required to open it"
        if isinstance(inner, PDFEncryptionError):
            return f"encrypted PDF: unsupported encryption ({inner})"
        detail = str(inner).strip() or type(inner).__name__
        return f"corrupt PDF: {type(inner).__name__}: {detail[:200]}"

    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise DocumentError(source, "corrupt PDF: no pages")
            for index, page in enumerate(pdf.pages):
                pages.append(_read_page(page, index))
                page.close()
    except DocumentError:
        raise
    except Exception as exc:  # pdfminer raises many types on damaged files; none may escape
        raise DocumentError(source, reason(exc)) from exc
    return pages


def _read_page(page, index: int) -> _Page:
    """The segments of a page that can be article text, after the glyph-level filters."""
    x0, top, x1, bottom = page.bbox
    groups = _group(page.chars)
    text_angle = _page_text_angle(groups)
    kept: list[list[dict]] = []
    light: list[list[dict]] = []
    unmapped = 0
    for (_, size, _, color, a, b, c, d), chars in groups.items():
        if size < 1 or not _runs_with_page((a, b, c, d), text_angle):
            continue
        # Text outside the page box is invisible (hidden keywords, bleed). Runs come in
        # drawing order, left to right: look inside only those whose ends reach the edge.
        first, last = chars[0], chars[-1]
        if (
            min(first["x0"], last["x0"]) < x0
            or max(first["x1"], last["x1"]) > x1
            or first["bottom"] <= top
            or first["top"] >= bottom
        ):
            chars = [
                ch
                for ch in chars
                if ch["x1"] > x0 and ch["x0"] < x1 and ch["bottom"] > top and ch["top"] < bottom
            ]
        if "(cid:" in "".join(map(_TEXT, chars)):
            # pdfminer spells a glyph it cannot map to Unicode (no ToUnicode) "(cid:N)".
            mapped = [ch for ch in chars if not ch["text"].startswith("(cid:")]
            unmapped += len(chars) - len(mapped)
            chars = mapped
        lum = _luminance(color)
        if chars:
            (light if lum is not None and lum > LIGHT_LUMINANCE else kept).append(chars)
    if light:
        dark_fills = [
            r
            for r in page.rects
            if r.get("fill") and (_luminance(r.get("non_stroking_color")) or 0.0) < 0.5
        ]
        kept.extend([ch for ch in chars if _on_fill(ch, dark_fills)] for chars in light)
    images = len(page.images) if not page.chars else 0
    if text_angle:
        turned = [_turn(ch, text_angle, page.bbox) for chars in kept for ch in chars]
        kept = list(_group(turned).values())
        top, bottom = 0.0, x1 - x0 if text_angle in (90, -90) else bottom - top
    runs = _runs(kept)
    styles: Counter[tuple] = Counter()
    samples: dict[str, str] = {}
    for run in runs:
        styles[(run.size, run.font, run.color)] += len(run.chars)
        if len(samples.get(run.font, "")) < 300:
            samples[run.font] = samples.get(run.font, "") + "".join(map(_TEXT, run.chars))
    runs = _drop_stamps(runs, _weighted_median(_size_counts(styles)), first_page=index == 0)
    segments = [seg for i, row in enumerate(_rows(runs)) for seg in _split_row(row, index, i)]
    return _Page(len(page.chars), unmapped, segments, styles, samples, images, top, bottom)


def _group(chars: list[dict]) -> dict[tuple, list[dict]]:
    """Glyphs keyed by (bottom, size, font, colour, direction): the runs of a page.

    Glyphs come in drawing order, where a line's glyphs follow one another: ``groupby`` cuts
    the stretches of equal (bottom, size, font, colour) at C speed, and only their ends'
    matrices are read.
    """
    groups: dict[tuple, list[dict]] = {}
    for (bottom, size, font, color), stretch in groupby(chars, _RUN_KEY):
        stretch = list(stretch)
        first, last = stretch[0]["matrix"], stretch[-1]["matrix"]
        if first[:4] == last[:4]:
            parts = [(first, stretch)]
        else:  # glyphs turned differently on one baseline: sort them out one by one
            by_matrix: dict[tuple, list[dict]] = defaultdict(list)
            for c in stretch:
                by_matrix[tuple(c["matrix"][:4])].append(c)
            parts = list(by_matrix.items())
        for m, glyphs in parts:
            key = (bottom, size, font, _hashable(color), m[0], m[1], m[2], m[3])
            group = groups.get(key)
            if group is None:
                groups[key] = glyphs
            else:
                group.extend(glyphs)
    return groups


_RUN_KEY = itemgetter("bottom", "size", "fontname", "non_stroking_color")


def _runs(groups) -> list[_Run]:
    runs = []
    for chars in groups:
        if chars:
            first = chars[0]
            runs.append(
                _Run(
                    chars=chars,
                    top=first["top"],
                    bottom=first["bottom"],
                    size=first["size"],
                    font=first["fontname"],
                    color=_hashable(first["non_stroking_color"]),
                )
            )
    return runs


@lru_cache(maxsize=1024)
def _runs_with_page(matrix: tuple, text_angle: int) -> bool:
    """Whether a glyph's matrix runs with the page's text (not rotated, not a skewed stamp)."""
    a, b, c, d = matrix
    if abs(_angle_diff(math.degrees(math.atan2(b, a)), text_angle)) > MAX_ROTATION_DEG:
        return False
    # Shear without rotation up to tan(20°) is a synthetic italic; more is a skewed stamp.
    sheared = abs(b) < 1e-6 * (abs(a) + 1) and abs(c) > MAX_ITALIC_SHEAR * abs(d)
    return not (text_angle == 0 and sheared)


def _page_text_angle(groups: dict[tuple, list[dict]]) -> int:
    """The reading direction of the page's own text: 0, 90, -90 or 180 degrees.

    Glyphs vote with weight 1/size (stamps are few and big) when they run along a page edge
    and are not tinted; a diagonal watermark never wins, a landscape table turned on a
    portrait page (or a /Rotate page drawn sideways) does.
    """
    votes: Counter[int] = Counter()
    for (_, _, _, color, a, b, _, _), chars in groups.items():
        angle = math.degrees(math.atan2(b, a))
        edge = round(angle / 90) * 90
        lum = _luminance(color)
        if abs(angle - edge) > MAX_ROTATION_DEG or lum is None or lum > LIGHT_LUMINANCE:
            continue
        # pdfminer's "size" of a turned glyph is its advance; the box's long side is close
        # to the font size whichever way the glyph runs.
        c = chars[0]
        extent = max(c["x1"] - c["x0"], c["bottom"] - c["top"], 1.0)
        votes[(edge + 180) % 360 - 180] += len(chars) / extent
    return votes.most_common(1)[0][0] if votes else 0


def _angle_diff(a: float, b: float) -> float:
    return (a - b + 180.0) % 360.0 - 180.0


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


def _turn(c: dict, angle: int, bbox: tuple[float, float, float, float]) -> dict:
    """A glyph's box in the frame of text running at ``angle``: left to right, top down."""
    _, top, x1, bottom = bbox
    if angle == 90:  # read bottom to top, lines follow to the right
        box = (bottom - c["bottom"], bottom - c["top"], c["x0"], c["x1"])
    elif angle == -90:  # read top to bottom, lines follow to the left
        box = (c["top"] - top, c["bottom"] - top, x1 - c["x1"], x1 - c["x0"])
    else:  # upside down
        box = (x1 - c["x1"], x1 - c["x0"], bottom - c["bottom"], bottom - c["top"])
    turned = dict(c)
    turned["x0"], turned["x1"], turned["top"], turned["bottom"] = box
    # pdfminer gives a turned glyph its advance as "size"; the font size is its height here.
    turned["size"] = box[3] - box[2]
    return turned


def _on_fill(c: dict, fills: list[dict]) -> bool:
    mx, my = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return any(f["x0"] <= mx <= f["x1"] and f["top"] <= my <= f["bottom"] for f in fills)


# --- document style ----------------------------------------------------------------------------


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


# --- rows and segments ---------------------------------------------------------------------------


def _drop_stamps(runs: list[_Run], body_size: float, first_page: bool) -> list[_Run]:
    """Drop stamp-size runs (against the page's own body size: pages are reduced one by one)."""
    limit = STAMP_SIZE_RATIO * body_size
    if not any(run.size > limit for run in runs):
        return runs
    # A title may be that big, but only at the top of page 1, above the body text (in the
    # body's own font: a banner above the title does not count).
    fonts = Counter()
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
    if single:
        word_gap, cut_gap = WORD_GAP_EM * single.size, SEGMENT_GAP_EM * single.size
        wide = [k for k, gap in enumerate(gaps, 1) if gap > word_gap]
        cuts = {k for k in wide if gaps[k - 1] > cut_gap}
    else:
        sizes = list(map(_SIZE, ink))
        wide = [
            k
            for k, gap, size in zip(range(1, len(ink)), gaps, sizes[1:], strict=True)
            if gap > WORD_GAP_EM * size
        ]
        cuts = {k for k in wide if gaps[k - 1] > SEGMENT_GAP_EM * max(sizes[k], sizes[k - 1])}
    segments = []
    words: list[str] = []
    first_end = None
    start = seg_start = 0
    for k in [*sorted(spaced.union(wide)), len(ink)]:
        words.append("".join(texts[start:k]))
        if first_end is None:
            first_end = x1[k - 1]
        if k in cuts or k == len(ink):
            segments.append(
                _segment(
                    ink[seg_start:k],
                    words,
                    first_end,
                    max(x1[seg_start:k]),
                    single,
                    page,
                    row_index,
                )
            )
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


_X0 = itemgetter("x0")
_SPACES = frozenset(
    " \t\n\r\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u202f\u205f\u3000"
)
_X1, _TOP, _BOTTOM, _SIZE, _FONTNAME, _COLOR, _TEXT = map(
    itemgetter, ("x1", "top", "bottom", "size", "fontname", "non_stroking_color", "text")
)


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


# --- page furniture ------------------------------------------------------------------------------


def _band(seg: _Segment, doc: _Document) -> str:
    top, bottom = doc.page_heights[seg.page]
    height = bottom - top
    if seg.bottom <= top + TOP_BAND * height:
        return "top"
    if seg.top >= bottom - BOTTOM_BAND * height:
        return "bottom"
    return ""


def _furniture_key(text: str) -> str:
    """Text as compared across pages: digits as '#', CJK variants folded, letters only."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TRAD_TO_SIMP)
    text = re.sub(r"\d+", "#", text)
    return "".join(ch for ch in text if ch.isalnum() or ch == "#")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def _same_furniture(a: str, b: str) -> bool:
    """Equal keys, or CJK strings of one length differing only in ideographs, a third kept.

    Traditional and Simplified spellings of one name differ in some ideographs and share the
    others in place ("中國傳媒大學" / "中国传媒大学"); the mapping above folds the common
    ones and this catches the rest.
    """
    if a == b:
        return True
    if len(a) != len(b):
        return False
    same = cjk = 0
    for x, y in zip(a, b, strict=True):
        if x == y:
            same += 1
            cjk += _is_cjk(x)
        elif not (_is_cjk(x) and _is_cjk(y)):
            return False
        else:
            cjk += 1
    return cjk > 0 and same * 3 >= len(a)


def _mark_running_furniture(pages: list[list[_Segment]], doc: _Document) -> None:
    """Mark segments repeated at the same height on other pages (running heads, banners).

    In the top and bottom bands one other page is enough when the segment is set apart from
    the body: another size, font or colour, or (the outermost text, not a heading) a gap.
    Article text that happens to recur at one height (a heading, a reprinted line) stays.
    Elsewhere on the page, set-apart text repeated at the very same place (side notes) goes.
    """
    if len(pages) < 2:
        return
    groups: dict[tuple, list[tuple[str, _Segment]]] = defaultdict(list)
    for segments in pages:
        for seg in segments:
            band = _band(seg, doc)
            if not band and len(seg.text) > 80:
                continue  # body lines: a repeated side note is short
            key = _furniture_key(seg.text)
            if key and (band or len(key) >= 3):
                groups[(band, round(seg.size), len(key))].append((key, seg))
    for (band, _, _), members in groups.items():
        if len(members) < 2:
            continue
        for key, seg in members:
            pages_seen = {
                other.page
                for other_key, other in members
                if other.page != seg.page
                and abs(other.top - seg.top) <= 3.0
                and (band or abs(other.x0 - seg.x0) <= 3.0)
                and _same_furniture(key, other_key)
            }
            if not pages_seen:
                continue
            if band:
                # A heading in the article's own font stands apart by space too: only a
                # change of style makes it furniture.
                heading = seg.size >= HEADING_SIZE_RATIO * doc.body_size or (
                    seg.bold >= 0.8 * seg.glyphs and not doc.body_bold
                )
                # Otherwise it must be the outermost text and kept apart by space: article
                # lines can recur at one height (a short article reprinted, a refrain).
                far = _gap_inward(seg, pages[seg.page], band) > 1.5 * doc.body_size
                edge = not heading and _outermost(seg, pages[seg.page], band, doc)
                if _styled_apart(seg, doc) or (edge and far):
                    seg.noise = "repeated on other pages"
            elif _styled_apart(seg, doc) and len(pages_seen) >= min(2, len(pages) - 1):
                seg.noise = "repeated side note"


def _mark_page_furniture(pages: list[list[_Segment]], doc: _Document) -> None:
    """Mark page numbers, and URL/issue/copyright lines set apart from the body, in the bands."""
    for index, segments in enumerate(pages):
        rows: dict[int, list[_Segment]] = defaultdict(list)
        for seg in segments:
            rows[seg.row].append(seg)
        for seg in segments:
            if seg.noise:
                continue
            band = _band(seg, doc)
            if not band:
                continue
            apart = _set_apart(seg, segments, doc, band)
            key = re.sub(r"[\s\-–—()\[\]|·•.,:]+", "", re.sub(r"\d+", "#", seg.text.casefold()))
            alone = all(
                other is seg
                or abs(other.x0 - seg.x1) > 3 * seg.size
                and abs(seg.x0 - other.x1) > 3 * seg.size
                for other in rows[seg.row]
            )
            # A paragraph's last line can be a bare "2025." too: a page number is set apart
            # from the body, or is the page's own number.
            numbered = apart or str(index + 1) in re.findall(r"\d+", seg.text)
            if alone and key and numbered and any(p.match(key) for p in _PAGE_NUMBER_RES):
                seg.noise = "page number"
            elif apart and (
                _URL_RE.search(seg.text)
                or _ISSUE_RE.search(seg.text)
                or _PHONE_RE.search(seg.text)
                or _LABELLED_PAGE_NUMBER_RE.search(seg.text)
            ):
                seg.noise = "footer/header line (URL, issue, copyright)"
            elif (
                index
                and band == "top"
                and seg.size < 0.92 * doc.body_size
                and _gap_inward(seg, segments, band) > 1.5 * doc.body_size
            ):
                # A small line alone above the text of a later page: a running head that
                # alternates (odd/even pages) or changes with the section. Small set-apart
                # text at the foot is left alone: footnotes are text.
                seg.noise = "running head"


def _outermost(seg: _Segment, segments: list[_Segment], band: str, doc: _Document) -> bool:
    """Whether only furniture-styled text stands between a segment and its page edge."""
    return not any(
        (s.bottom <= seg.top if band == "top" else s.top >= seg.bottom)
        and not _styled_apart(s, doc)
        for s in segments
    )


def _set_apart(seg: _Segment, segments: list[_Segment], doc: _Document, band: str) -> bool:
    """Whether a band segment looks like furniture: smaller, another font or colour, or far."""
    return _styled_apart(seg, doc) or _gap_inward(seg, segments, band) > 1.5 * doc.body_size


def _styled_apart(seg: _Segment, doc: _Document) -> bool:
    """Smaller than the body, or in another colour or font family."""
    return (
        seg.size < 0.92 * doc.body_size
        or seg.color != doc.body_color
        or _family(seg.font) != doc.body_family
    )


def _gap_inward(seg: _Segment, segments: list[_Segment], band: str) -> float:
    """Space between a band segment and the nearest text towards the middle of the page."""
    gaps = [
        s.top - seg.bottom if band == "top" else seg.top - s.bottom
        for s in segments
        if s is not seg
        and not s.noise
        and (s.top > seg.bottom if band == "top" else s.bottom < seg.top)
    ]
    return min(gaps, default=math.inf)


def _mark_letterhead(pages: list[list[_Segment]], doc: _Document) -> None:
    """On page 1, mark what stands above the title in another font family, script or colour."""
    if not pages or not pages[0]:
        return
    segments = pages[0]
    top, bottom = doc.page_heights[0]
    limit = top + LETTERHEAD_BAND * (bottom - top)
    live = sorted((s for s in segments if not s.noise), key=lambda s: s.top)
    anchor = next(
        (
            s
            for s in live
            if _family(s.font) == doc.body_family
            and s.color in (doc.body_color, (0.0,))
            and _script(s.text) in (doc.body_script, "none")
            and (
                s.size >= HEADING_SIZE_RATIO * doc.body_size
                or abs(s.size - doc.body_size) <= 0.1 * doc.body_size
            )
        ),
        None,
    )
    if anchor is None:
        return
    for seg in live:
        if seg.bottom > min(anchor.top + 0.5, limit):
            continue
        foreign = (
            _family(seg.font) not in (doc.body_family, _family(anchor.font))
            or _script(seg.text) not in (doc.body_script, "none")
            or seg.color not in (doc.body_color, anchor.color, (0.0,))
            or _URL_RE.search(seg.text)
            or _PHONE_RE.search(seg.text)
        )
        if foreign:
            seg.noise = "letterhead"


# --- reading order -------------------------------------------------------------------------------


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


# --- paragraphs ----------------------------------------------------------------------------------


def _is_heading(line: _Line, doc: _Document) -> bool:
    if line.size >= HEADING_SIZE_RATIO * doc.body_size:
        return True
    return line.bold and not doc.body_bold and len(line.text) < 150


def _paragraphs(blocks: list[_Block], doc: _Document) -> str:
    pitch = _line_pitches(blocks, doc)
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    previous_block: _Block | None = None
    for block in blocks:
        for line in block.lines:
            if previous is None or _breaks(previous, previous_block, line, block, pitch, doc):
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
            previous, previous_block = line, block
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
            right = re.match(r"\w*", right).group(0)
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
