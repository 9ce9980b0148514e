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

Modules, in the order the data flows: :mod:`.read` (1), :mod:`.segments` (2),
:mod:`.style` (the body's look, used throughout), :mod:`.furniture` (3), :mod:`.layout` (4),
:mod:`.paragraphs` (5); :mod:`.shapes` holds the data shapes and shared thresholds.
"""

from __future__ import annotations

from extractor.errors import DocumentError
from extractor.ingest.limits import DEFAULT_LIMITS, ReadLimits
from extractor.ingest.pdf.furniture import (
    _mark_letterhead,
    _mark_page_furniture,
    _mark_running_furniture,
)
from extractor.ingest.pdf.layout import _read_order
from extractor.ingest.pdf.paragraphs import _paragraphs
from extractor.ingest.pdf.read import _check_envelope, _parse
from extractor.ingest.pdf.shapes import _Page
from extractor.ingest.pdf.style import _document_style


def pdf_to_text(data: bytes, source: str, *, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    """The article text of a PDF: paragraphs separated by one blank line.

    Banners, running headers, footers, page numbers, letterheads and watermarks are removed;
    lines are reflowed into paragraphs, headings kept as paragraphs of their own, line-end
    hyphens undone where the joined form is a word, and paragraphs cut by a page or column
    break rejoined.

    Args:
        data: The bytes of the PDF file.
        source: Path or name of the document, for error messages.
        limits: Pages, characters and inflated stream bytes allowed.

    Returns:
        The article text ("" when every glyph was page furniture).

    Raises:
        DocumentError: not a PDF, truncated or corrupt, password-protected, or without a text
            layer (a scanned image), or past a limit (the refusal names it).
    """
    _check_envelope(data, source)
    return _compose(_parse(data, source, limits), source)


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
