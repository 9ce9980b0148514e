"""Test PDFs generated on the fly: an article laid out with page furniture around it.

The article is a list of paragraph strings with a little markup, so that a test knows the
exact text the extractor should give back (:func:`expected_text`):

- ``"# Heading"``: a heading (bold, a bit larger), set apart by space;
- ``"pharma|ceuticals"``: the line ends after ``pharma-`` and goes on with ``ceuticals``
  (a typesetter's hyphen, the article text has ``pharmaceuticals``);
- ``"one-|window"``: the line ends after the genuine hyphen of ``one-window``;
- ``"^"`` (a word of its own, or after ``|``): the column or page ends after this line;
- ``"//"`` (a word of its own): the line ends here (a short line inside a paragraph).

Pages are drawn through a small canvas interface: :class:`FpdfCanvas` (fpdf2, the normal
case) and :class:`RawCanvas`, a minimal hand-written PDF for what fpdf2 cannot do without a
CJK TrueType font on the machine (non-embedded CJK fonts, as ReportLab writes them) or at
all (a /Rotate page).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from fpdf import FPDF
from fpdf.drawing_primitives import DeviceCMYK

A4 = (595.28, 841.89)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

#: A colour: grey 0-255, RGB 0-255, or ("cmyk", c, m, y, k) with 0-1 components.
Color = int | tuple

ARTICLE = [
    (
        "Foreign Minister Aldric Venmoor of the Republic of Norvania received Ambassador Selin "
        "Maravek of the Kestrian Federation in Lindhaven on 14 March 2025. The two sides reviewed "
        "the state of bilateral relations and agreed to intensify political dialogue at every "
        "level, including regular consultations between their foreign ministries."
    ),
    "# Trade and Investment",
    (
        "The ministers noted that mutual trade had grown by a third over the past year and set a "
        "target of two billion dollars by 2027. They welcomed the opening of a one-|window "
        "investment service and the joint working group on pharma|ceuticals, textiles and "
        "agricultural machinery, which will meet in Varossa in the autumn."
    ),
    (
        "Ambassador Maravek conveyed an invitation from President Oren Tallis to visit Kestria "
        "later this year. Minister Venmoor accepted the invitation with gratitude, and the dates "
        "will be agreed through diplomatic channels. Both sides expressed interest in a long-|term "
        "programme of cultural exchanges, student scholarships and direct flights between the two "
        "capitals."
    ),
    "# Regional Connectivity",
    (
        "The discussion also covered the planned railway corridor linking the northern provinces "
        "of Norvania with the Kestrian ports on the Amber Sea. Experts from both countries will "
        "complete a feasibility study and present its findings to an intergovern|mental commission "
        "before the end of the year."
    ),
    (
        "In conclusion, the ministers signed a memorandum on consular cooperation and agreed to "
        "hold the next round of political consultations in Kestria. They stressed the importance "
        "of goodwill, mutual respect and the peaceful settlement of disputes in the region."
    ),
]


@dataclass
class Layout:
    """Page geometry and style of the article body, and the furniture drawn on each page."""

    page: tuple[float, float] = A4
    margin_left: float = 64.0
    margin_right: float = 64.0
    margin_top: float = 100.0
    margin_bottom: float = 96.0
    font: str = "Times"
    size: float = 11.0
    leading: float = 1.45
    paragraph_gap: float = 0.6
    indent: float = 0.0
    align: str = "left"  # "left" or "justify"
    columns: int = 1
    gutter: float = 22.0
    column_offset: float = 0.0  # baseline shift of the right column: rows need not align
    title: str | None = None
    title_size: float = 17.0
    heading_size: float = 12.0
    first_body_top: float | None = None  # where page 1's body starts (under a letterhead)
    max_lines_per_column: int | None = None  # force short pages, to get many page breaks
    under: list[Callable[[Canvas, int, int], None]] = field(default_factory=list)
    over: list[Callable[[Canvas, int, int], None]] = field(default_factory=list)
    first_page: list[Callable[[Canvas], None]] = field(default_factory=list)


def expected_text(paragraphs: list[str], title: str | None = None) -> str:
    """The article text as the extractor should return it for ``paragraphs``."""
    out = [title] if title else []
    for paragraph in paragraphs:
        text = paragraph.removeprefix("# ")
        text = re.sub(r"\s+", " ", text.replace("^", "").replace(" // ", " ")).strip()
        out.append(text.replace("-|", "-").replace("|", ""))
    return "\n\n".join(out)


# --- canvases -----------------------------------------------------------------------------------


class Canvas:
    """What the layout needs from a PDF writer. Coordinates in pt, y from the page top."""

    def add_page(self) -> None:
        raise NotImplementedError

    def width(self, text: str, font: str, style: str, size: float) -> float:
        raise NotImplementedError

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        font: str = "Times",
        style: str = "",
        size: float = 11.0,
        color: Color = 0,
        angle: float = 0.0,
        skew: float = 0.0,
    ) -> None:
        raise NotImplementedError

    def rect(self, x: float, y: float, w: float, h: float, color: Color) -> None:
        raise NotImplementedError

    def image(self, x: float, y: float, w: float, h: float) -> None:
        raise NotImplementedError

    def output(self) -> bytes:
        raise NotImplementedError


class FpdfCanvas(Canvas):
    """fpdf2 with the core fonts, plus DejaVu Sans as "DejaVu" when the machine has it."""

    def __init__(self, page: tuple[float, float] = A4) -> None:
        self.pdf = FPDF(unit="pt", format=page)
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        self.pdf.set_creator("tests/pdf_factory.py")
        if DEJAVU.exists():
            self.pdf.add_font("DejaVu", "", str(DEJAVU))

    def add_page(self) -> None:
        self.pdf.add_page()

    def width(self, text: str, font: str, style: str, size: float) -> float:
        self.pdf.set_font(font, style, size)
        return self.pdf.get_string_width(text)

    def _color(self, color: Color) -> None:
        if isinstance(color, tuple) and color and color[0] == "cmyk":
            self.pdf.set_text_color(DeviceCMYK(*color[1:]))
            self.pdf.set_fill_color(DeviceCMYK(*color[1:]))
        elif isinstance(color, tuple):
            self.pdf.set_text_color(*color)
            self.pdf.set_fill_color(*color)
        else:
            self.pdf.set_text_color(color)
            self.pdf.set_fill_color(color)

    def text(self, x, y, text, *, font="Times", style="", size=11.0, color=0, angle=0.0, skew=0.0):
        self.pdf.set_font(font, style, size)
        self._color(color)
        if angle:
            with self.pdf.rotation(angle, x, y):
                self.pdf.text(x, y, text)
        elif skew:
            with self.pdf.skew(ax=skew, x=x, y=y):
                self.pdf.text(x, y, text)
        else:
            self.pdf.text(x, y, text)

    def rect(self, x, y, w, h, color):
        self._color(color)
        self.pdf.rect(x, y, w, h, style="F")

    def image(self, x, y, w, h):
        from PIL import Image

        picture = Image.new("RGB", (120, 160), (235, 232, 220))
        for i in range(0, 120, 6):  # a few dark strokes: a "scanned" page
            for j in range(20, 150, 9):
                picture.putpixel((i, j), (40, 40, 40))
        self.pdf.image(picture, x, y, w, h)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


class RawCanvas(Canvas):
    """A minimal PDF writer: standard Latin fonts and non-embedded CJK fonts, optional /Rotate.

    CJK text uses the Adobe CID fonts every reader knows without embedding (STSong-Light for
    Simplified, MSung-Light for Traditional Chinese) with the UCS-2 CMaps, as ReportLab does.
    """

    _FONTS: ClassVar[dict[tuple[str, str], str]] = {
        ("Times", ""): "Times-Roman",
        ("Times", "B"): "Times-Bold",
        ("Times", "I"): "Times-Italic",
        ("Helvetica", ""): "Helvetica",
        ("Helvetica", "B"): "Helvetica-Bold",
        ("STSong", ""): "STSong-Light",
        ("MSung", ""): "MSung-Light",
        ("Unmapped", ""): "Unmapped-Identity",  # codes without any Unicode mapping
    }
    _CJK: ClassVar[dict[str, tuple[str, str]]] = {
        "STSong-Light": ("UniGB-UCS2-H", "GB1"),
        "MSung-Light": ("UniCNS-UCS2-H", "CNS1"),
        "Unmapped-Identity": ("Identity-H", "Identity"),
    }

    def __init__(
        self,
        page: tuple[float, float] = A4,
        rotate: int = 0,
        padding: int = 0,
        declare: bool = False,
        streams: int = 1,
    ) -> None:
        """``padding`` blanks end each content stream (a decompression bomb when large), of
        which each page has ``streams``; ``declare`` writes the inflated length as ``/DL``."""
        self.size = page
        self.rotate = rotate
        self.padding = padding
        self.declare = declare
        self.streams = streams
        self.pages: list[list[str]] = []
        self._metrics = FPDF(unit="pt")

    def add_page(self) -> None:
        self.pages.append([])

    def width(self, text, font, style, size):
        if (font, style) in (("STSong", ""), ("MSung", "")):
            return size * len(text)
        self._metrics.set_font(font, style, size)
        return self._metrics.get_string_width(text)

    @staticmethod
    def _fill(color: Color) -> str:
        if isinstance(color, tuple) and color and color[0] == "cmyk":
            return "{} {} {} {} k".format(*color[1:])
        if isinstance(color, tuple):
            return "{:.3f} {:.3f} {:.3f} rg".format(*(v / 255 for v in color))
        return f"{color / 255:.3f} g"

    def text(self, x, y, text, *, font="Times", style="", size=11.0, color=0, angle=0.0, skew=0.0):
        assert not angle and not skew, "RawCanvas draws upright text only"
        name = self._FONTS[(font, style)]
        if name in self._CJK:
            encoded = "<" + text.encode("utf-16-be").hex().upper() + ">"
        else:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            encoded = "(" + escaped.encode("cp1252").decode("latin-1") + ")"
        font_id = list(self._FONTS.values()).index(name) + 1
        self.pages[-1].append(
            f"BT {self._fill(color)} /F{font_id} {size} Tf 1 0 0 1 {x:.2f} "
            f"{self.size[1] - y:.2f} Tm {encoded} Tj ET"
        )

    def rect(self, x, y, w, h, color):
        self.pages[-1].append(
            f"{self._fill(color)} {x:.2f} {self.size[1] - y - h:.2f} {w} {h} re f"
        )

    def image(self, x, y, w, h):
        raise NotImplementedError("use FpdfCanvas for images")

    def _font_objects(self, add) -> list[int]:
        """The font dictionaries (and CID font parts), in ``_FONTS`` order."""
        font_ids = []
        for name in self._FONTS.values():
            if name in self._CJK:
                cmap, ordering = self._CJK[name]
                descriptor = add(
                    f"<< /Type /FontDescriptor /FontName /{name} /Flags 6 "
                    "/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
                    "/CapHeight 880 /StemV 93 >>"
                )
                cid = add(
                    f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{name} "
                    f"/CIDSystemInfo << /Registry (Adobe) /Ordering ({ordering}) /Supplement 2 >> "
                    f"/FontDescriptor {descriptor} 0 R /DW 1000 >>"
                )
                font_ids.append(
                    add(
                        f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /{cmap} "
                        f"/DescendantFonts [{cid} 0 R] >>"
                    )
                )
            else:
                font_ids.append(
                    add(
                        f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} "
                        "/Encoding /WinAnsiEncoding >>"
                    )
                )
        return font_ids

    def _stream(self, add, ops: bytes) -> int:
        plain = ops + b" " * self.padding
        stream = zlib.compress(plain)
        dl = f" /DL {len(plain)}" if self.declare else ""
        head = f"<< /Length {len(stream)}{dl} /Filter /FlateDecode >>\nstream\n"
        return add(head.encode("latin-1") + stream + b"\nendstream")

    def output(self) -> bytes:
        objects: list[bytes] = []

        def add(body: str | bytes) -> int:
            objects.append(body.encode("latin-1") if isinstance(body, str) else body)
            return len(objects)

        catalog = add("")  # filled in below, once the page tree number is known
        pages_id = add("")
        font_ids = self._font_objects(add)
        fonts = " ".join(f"/F{i + 1} {ref} 0 R" for i, ref in enumerate(font_ids))
        page_ids = []
        for ops in self.pages:
            contents = [
                self._stream(add, "\n".join(ops).encode("latin-1") if n == 0 else b"")
                for n in range(self.streams)
            ]
            refs = " ".join(f"{ref} 0 R" for ref in contents)
            content = refs if self.streams == 1 else f"[{refs}]"
            rotate = f" /Rotate {self.rotate}" if self.rotate else ""
            page_ids.append(
                add(
                    f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {self.size[0]} "
                    f"{self.size[1]}]{rotate} /Resources << /Font << {fonts} >> >> "
                    f"/Contents {content} >>"
                )
            )
        kids = " ".join(f"{ref} 0 R" for ref in page_ids)
        objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode("latin-1")
        objects[pages_id - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode(
            "latin-1"
        )
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode("latin-1") + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("latin-1")
        for offset in offsets:
            out += f"{offset:010d} 00000 n \n".encode("latin-1")
        out += (
            f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n"
        ).encode("latin-1")
        return bytes(out)


# --- layout -------------------------------------------------------------------------------------


@dataclass
class _LineOut:
    words: list[str]
    style: str
    size: float
    last: bool  # the paragraph's last line (not justified)
    first: bool  # the paragraph's first line (indented)
    gap_before: float = 0.0  # extra space before the line, in pt
    column_break_after: bool = False
    centred: bool = False


def _break_paragraph(
    text: str, canvas: Canvas, layout: Layout, width: float, style: str, size: float
) -> list[_LineOut]:
    lines: list[_LineOut] = []
    current: list[str] = []
    space = canvas.width(" ", layout.font, style, size)

    def fits(words: list[str], first: bool) -> bool:
        indent = layout.indent if first and not style else 0.0
        used = sum(canvas.width(w, layout.font, style, size) for w in words)
        return used + space * (len(words) - 1) <= width - indent

    def flush(column_break: bool = False) -> None:
        nonlocal current
        if current:
            lines.append(_LineOut(current, style, size, False, not lines, 0.0, column_break))
        elif column_break and lines:
            lines[-1].column_break_after = True
        current = []

    for token in text.split():
        if token == "^":
            flush(column_break=True)
            continue
        if token == "//":
            flush()
            continue
        pieces = token.split("|")
        for index, piece in enumerate(pieces):
            if index:
                flush(column_break=piece.startswith("^"))
                piece = piece.lstrip("^")
            word = piece if index == len(pieces) - 1 or piece.endswith("-") else piece + "-"
            if current and not fits([*current, word], not lines):
                flush()
            current.append(word)
    flush()
    if lines:
        lines[-1].last = True
    return lines


def render(paragraphs: list[str], layout: Layout, canvas: Canvas | None = None) -> bytes:
    """Lay ``paragraphs`` out on pages with ``layout``'s furniture and return the PDF bytes."""
    canvas = canvas or FpdfCanvas(layout.page)
    page_w, _ = layout.page
    text_width = page_w - layout.margin_left - layout.margin_right
    column_width = (text_width - layout.gutter * (layout.columns - 1)) / layout.columns

    title_lines: list[_LineOut] = []
    if layout.title:
        title_lines = _break_paragraph(
            layout.title, canvas, layout, text_width, "B", layout.title_size
        )
        for line in title_lines:
            line.centred = True
    body = _body_lines(paragraphs, canvas, layout, column_width)
    pages = _place(layout, title_lines, body, text_width, column_width)
    count = len(pages)
    for index, items in enumerate(pages):
        canvas.add_page()
        for draw in layout.under:
            draw(canvas, index, count)
        if index == 0:
            for draw_first in layout.first_page:
                draw_first(canvas)
        for x, y, line, width in items:
            _draw_line(canvas, layout, x, y, line, width)
        for draw in layout.over:
            draw(canvas, index, count)
    return canvas.output()


def _body_lines(
    paragraphs: list[str], canvas: Canvas, layout: Layout, column_width: float
) -> list[_LineOut]:
    """The body's lines, headings ("# ...") in bold with their spacing."""
    pitch = layout.size * layout.leading
    body: list[_LineOut] = []
    for paragraph in paragraphs:
        heading = paragraph.startswith("# ")
        text = paragraph[2:] if heading else paragraph
        style, size = ("B", layout.heading_size) if heading else ("", layout.size)
        lines = _break_paragraph(text, canvas, layout, column_width, style, size)
        if body and lines:
            lines[0].gap_before = pitch * (1.0 if heading else layout.paragraph_gap)
        if heading and lines:
            lines[-1].last = True
        body.extend(lines)
        if heading:
            # the next paragraph starts closer to its heading than to the text above
            body.append(_LineOut([], "", 0, True, False, pitch * 0.3))
    return body


def _place(
    layout: Layout,
    title_lines: list[_LineOut],
    body: list[_LineOut],
    text_width: float,
    column_width: float,
) -> list[list[tuple[float, float, _LineOut, float]]]:
    """Place lines: pages, then columns, then baselines."""
    pages: list[list[tuple[float, float, _LineOut, float]]] = [[]]
    y = layout.first_body_top or layout.margin_top
    for line in title_lines:
        y += layout.title_size * 1.3
        pages[0].append((layout.margin_left, y, line, text_width))
    if title_lines:
        y += layout.size * 1.2
    column, column_lines, column_top = 0, 0, y
    bottom = layout.page[1] - layout.margin_bottom

    def next_column() -> None:
        nonlocal column, column_lines, y, column_top
        column_lines = 0
        if column + 1 < layout.columns:
            column += 1
            y = column_top + layout.column_offset
        else:
            pages.append([])
            column = 0
            y = column_top = layout.margin_top

    for line in body:
        if not line.words:  # spacing after a heading
            y += line.gap_before
            continue
        gap = line.gap_before if column_lines else 0.0
        full = layout.max_lines_per_column and column_lines >= layout.max_lines_per_column
        if full or y + gap + line.size * layout.leading > bottom:
            next_column()
            gap = 0.0
        y += gap + (line.size * layout.leading if column_lines or y > column_top else line.size)
        x = layout.margin_left + column * (column_width + layout.gutter)
        pages[-1].append((x, y, line, column_width))
        column_lines += 1
        if line.column_break_after:
            next_column()
    return pages


def _draw_line(
    canvas: Canvas, layout: Layout, x: float, y: float, line: _LineOut, width: float
) -> None:
    font, style, size = layout.font, line.style, line.size
    if line.first and not style and layout.indent:
        x += layout.indent
        width -= layout.indent
    if line.centred:
        text = " ".join(line.words)
        x += (width - canvas.width(text, font, style, size)) / 2
        canvas.text(x, y, text, font=font, style=style, size=size)
    elif (
        layout.align == "justify"
        and not line.last
        and len(line.words) > 1
        and _nearly_full(canvas, layout, line, width)
    ):
        widths = [canvas.width(w, font, style, size) for w in line.words]
        space = (width - sum(widths)) / (len(line.words) - 1)
        for word, w in zip(line.words, widths, strict=True):
            canvas.text(x, y, word, font=font, style=style, size=size)
            x += w + space
    else:
        canvas.text(x, y, " ".join(line.words), font=font, style=style, size=size)


def _nearly_full(canvas: Canvas, layout: Layout, line: _LineOut, width: float) -> bool:
    """Whether a line is long enough to justify (a forced break can leave a short one)."""
    natural = canvas.width(" ".join(line.words), layout.font, line.style, line.size)
    return natural >= 0.8 * width


# --- furniture ----------------------------------------------------------------------------------


def banner(lines: list[tuple[str, str, str, float, Color]], band: Color | None = None):
    """Lines (text, font, style, size, colour) at the top of every page, on an optional band."""

    def draw(canvas: Canvas, index: int, count: int) -> None:
        if band is not None:
            canvas.rect(0, 0, A4[0], 70, band)
        y = 24.0
        for text, font, style, size, color in lines:
            y += size * 1.25
            canvas.text(64, y, text, font=font, style=style, size=size, color=color)

    return draw


def footer(form, extra: str | None = None, size: float = 8.5, color: Color = 90):
    """A page number centred at the foot of every page.

    ``form`` is a format string with {n} and {N} placeholders, or a function of (n, N).
    """

    def draw(canvas: Canvas, index: int, count: int) -> None:
        text = form(index + 1, count) if callable(form) else form.format(n=index + 1, N=count)
        w = canvas.width(text, "Helvetica", "", size)
        canvas.text((A4[0] - w) / 2, A4[1] - 40, text, font="Helvetica", size=size, color=color)
        if extra:
            canvas.text(64, A4[1] - 54, extra, font="Helvetica", size=size, color=color)

    return draw


def watermark(text: str, angle: float, color: Color, size: float = 54.0):
    """``text`` rotated by ``angle`` degrees across the middle of every page."""

    def draw(canvas: Canvas, index: int, count: int) -> None:
        canvas.text(
            150, 520, text, font="Helvetica", style="B", size=size, color=color, angle=angle
        )

    return draw


def words_in(text: str) -> list[str]:
    """Words of ``text`` for comparisons: case-folded, edge punctuation stripped."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = re.sub(r"[\u2013\u2014]", " ", text.replace("\u201d", '"'))
    out = []
    for word in text.split():
        word = re.sub(r"^\W+|\W+$", "", word).casefold()
        if word:
            out.append(word)
    return out


# --- bombs ---------------------------------------------------------------------------------------


def lzw_bomb(inflated: int, byte: int = 0x20) -> bytes:
    """LZW data (PDF's LZWDecode, early change) that decodes to at least ``inflated`` copies
    of ``byte``: each code names the previous string plus one byte, and once the 12-bit table
    is full the longest string is repeated, about 2,500 bytes out per 1.5 bytes in."""
    codes, width, table, out = [256, byte], 9, 258, 1
    while out < inflated:
        code = min(table, 4095)
        codes.append(code)
        out += code - 256  # code 258 is two bytes, 259 three, ...
        table += 1
        if table == 4096:
            table = 4095  # stay on the longest code (the decoder's table grows unused)
    codes.append(257)
    bits, nbits, acc = bytearray(), 0, 0
    length = 258
    for position, code in enumerate(codes):
        acc, nbits = (acc << width) | code, nbits + width
        while nbits >= 8:
            nbits -= 8
            bits.append((acc >> nbits) & 0xFF)
        if position >= 2 and code != 257:  # the first code after a clear adds no entry
            length += 1
            width = {511: 10, 1023: 11, 2047: 12}.get(length, width)
    if nbits:
        bits.append((acc << (8 - nbits)) & 0xFF)
    return bytes(bits)


def single_stream_pdf(stream_dict: str, stream: bytes) -> bytes:
    """A one-page PDF whose content is ``stream`` with the entries ``stream_dict``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>",
        f"<< /Length {len(stream)} {stream_dict} >>\nstream\n".encode() + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
