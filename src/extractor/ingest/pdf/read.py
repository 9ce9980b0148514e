"""Parsing and glyph filters: each page parsed once and reduced to its candidate segments."""

from __future__ import annotations

import io
import math
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from extractor.errors import DocumentError
from extractor.ingest.limits import DEFAULT_LIMITS, ReadLimits
from extractor.ingest.pdf.guard import StreamBudget, StreamTooLarge, bounded_streams
from extractor.ingest.pdf.segments import _drop_stamps, _rows, _split_row
from extractor.ingest.pdf.shapes import (
    _TEXT,
    LIGHT_LUMINANCE,
    MAX_ITALIC_SHEAR,
    MAX_ROTATION_DEG,
    _Page,
    _Run,
)
from extractor.ingest.pdf.style import _hashable, _luminance, _size_counts, _weighted_median


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


def _parse(data: bytes, source: str, limits: ReadLimits = DEFAULT_LIMITS) -> list[_Page]:
    """Parse every page once and keep the glyphs that can be article text.

    Raises:
        DocumentError: a damaged or encrypted file, or one past a limit (pages, characters,
            inflated stream bytes), naming the limit.
    """
    import pdfplumber

    with bounded_streams(limits.max_stream_bytes) as budget:
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return _read_pages(pdf, source, limits, budget)
        except DocumentError:
            raise
        except Exception as exc:  # pdfminer raises many types on damaged files; none may escape
            if budget.tripped is not None:
                raise _too_large(budget.tripped, source, limits) from exc
            raise DocumentError(source, _reason(exc)) from exc


def _read_pages(pdf, source: str, limits: ReadLimits, budget: StreamBudget) -> list[_Page]:
    """The pages of an open PDF, checking the page, character and stream limits as it goes."""
    declared = _declared_pages(pdf)
    if declared > limits.max_pdf_pages:
        raise DocumentError(source, limits.refusal(f"{declared:,} pages", "max_pdf_pages"))
    if not pdf.pages:
        raise DocumentError(source, "corrupt PDF: no pages")
    if len(pdf.pages) > limits.max_pdf_pages:
        raise DocumentError(source, limits.refusal(f"{len(pdf.pages):,} pages", "max_pdf_pages"))
    pages: list[_Page] = []
    glyphs = 0
    for index, page in enumerate(pdf.pages):
        budget.start_page(index + 1)
        pages.append(_read_page(page, index))
        page.close()
        if budget.tripped is not None:  # refused inside pdfminer, and swallowed there
            raise _too_large(budget.tripped, source, limits)
        glyphs += pages[-1].glyphs
        if glyphs > limits.max_chars:
            what = f"at least {glyphs:,} characters in the first {index + 1:,} page(s)"
            raise DocumentError(source, limits.refusal(what, "max_chars"))
    return pages


def _declared_pages(pdf) -> int:
    """The page count the page tree declares (``/Count``), 0 when it declares none."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:  # noqa: BLE001  (an odd page tree is left to pdfminer's own walk)
        return 0
    return count if isinstance(count, int) else 0


def _too_large(tripped: StreamTooLarge, source: str, limits: ReadLimits) -> DocumentError:
    return DocumentError(source, limits.refusal(str(tripped), "max_stream_bytes"))


def _reason(exc: BaseException) -> str:
    """What a pdfminer exception says about the file, in a user's words."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if isinstance(inner, PDFPasswordIncorrect):
        return "encrypted PDF: a password is required to open it"
    if isinstance(inner, PDFEncryptionError):
        return f"encrypted PDF: unsupported encryption ({inner})"
    detail = str(inner).strip() or type(inner).__name__
    return f"corrupt PDF: {type(inner).__name__}: {detail[:200]}"


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
    for (bottom, size, font, color), same in groupby(chars, _RUN_KEY):
        stretch = list(same)
        first, last = stretch[0]["matrix"], stretch[-1]["matrix"]
        parts: list[tuple[tuple, list[dict]]]
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
