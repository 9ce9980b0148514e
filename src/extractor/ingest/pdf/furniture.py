"""Page furniture: running heads, page numbers, footer lines and page 1's letterhead."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict

from extractor.ingest.cjk import traditional_to_simplified
from extractor.ingest.pdf.shapes import (
    BOTTOM_BAND,
    HEADING_SIZE_RATIO,
    LETTERHEAD_BAND,
    TOP_BAND,
    _Document,
    _Segment,
)
from extractor.ingest.pdf.style import _family, _script
from extractor.vocab import word_list

_PAGE_WORDS = "|".join(map(re.escape, word_list("page_words")))
_OF_WORDS = "|".join(map(re.escape, word_list("page_of_words")))
_PAGE_NUMBER_RES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^({_PAGE_WORDS})?\.?#({_OF_WORDS}|/|\|)?#?$",
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
    text = unicodedata.normalize("NFKC", text).casefold().translate(traditional_to_simplified())
    text = re.sub(r"\d+", "#", text)
    return "".join(ch for ch in text if ch.isalnum() or ch == "#")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def _same_furniture(a: str, b: str) -> bool:
    """Equal keys, or CJK strings of one length differing only in ideographs, a third kept.

    Traditional and Simplified spellings of one name differ in some ideographs and share the
    others in place ("中國傳媒大學" / "中国传媒大学"); the variant table folds the common
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
