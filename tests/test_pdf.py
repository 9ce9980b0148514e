"""PDF text extraction: page furniture removed, paragraphs reflowed, errors named.

Every layout is generated here (tests/pdf_factory.py) from an invented article, so the exact
expected text is known; the seed PDF in corpora/ is checked against its text version.
"""

from __future__ import annotations

import contextlib
import dataclasses
import random
import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from extractor.errors import DocumentError
from extractor.ingest.limits import ReadLimits
from extractor.ingest.load import read_document
from extractor.ingest.pdf import pdf_to_text
from extractor.ingest.pdf.furniture import _furniture_key, _same_furniture
from extractor.ingest.pdf.paragraphs import _is_split_word
from pdf_factory import (
    A4,
    ARTICLE,
    DEJAVU,
    FpdfCanvas,
    Layout,
    RawCanvas,
    banner,
    expected_text,
    footer,
    lzw_bomb,
    render,
    single_stream_pdf,
    watermark,
    words_in,
)

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
SEED_PDF = CORPORA / "uzb-pak-2025-pdf.pdf"
SEED_TXT = CORPORA / "uzb-pak-2025.txt"
TITLE = "Norvania and Kestria Agree to Deepen Cooperation"

NAVY = (20, 40, 110)
BANNER_WORDS = ["INSTITUTE FOR AMBER SEA STUDIES", "Quarterly Policy Brief Series"]
LATIN_BANNER = banner(
    [
        (BANNER_WORDS[0], "Helvetica", "B", 10, 255),  # white on the dark band
        (BANNER_WORDS[1], "Helvetica", "", 8, (200, 210, 255)),
    ],
    band=NAVY,
)
DARK_BANNER = banner(
    [(BANNER_WORDS[0], "Helvetica", "B", 10, (140, 13, 25)), (BANNER_WORDS[1], "Times", "I", 9, 60)]
)
FOOTER_EXTRA = "www.amber-sea-studies.example | Vol. 12, No. 3"


def _odd_even_heads(canvas, index: int, count: int) -> None:
    """The journal's name on the left of even pages, the article's on the right of odd ones."""
    if index % 2:
        canvas.text(64, 50, "Amber Sea Policy Review", font="Helvetica", style="I", size=8)
    else:
        width = canvas.width("Norvania and Kestria", "Helvetica", "I", 8)
        canvas.text(531 - width, 50, "Norvania and Kestria", font="Helvetica", style="I", size=8)


# --- helpers ------------------------------------------------------------------------------------


def recall_in_order(expected: str, actual: str) -> float:
    """Share of the expected words found in the output, in the same order."""
    want, got = words_in(expected), words_in(actual)
    matcher = SequenceMatcher(None, want, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(want)


def assert_clean(actual: str, expected: str, noise: list[str]) -> None:
    """Article words all there (recall ≥ 0.99), no word that is not the article's, no noise."""
    assert recall_in_order(expected, actual) >= 0.99
    extra = Counter(words_in(actual)) - Counter(words_in(expected))
    assert not extra, f"words that are not the article's: {dict(extra)}"
    for phrase in noise:
        assert phrase.casefold() not in actual.casefold(), phrase


def layout(**changes) -> Layout:
    base = {"title": TITLE, "max_lines_per_column": 9}
    base.update(changes)
    return Layout(**base)


# --- generated layouts: exact text back --------------------------------------------------------


LAYOUTS = {
    "banner on a dark band, page x of n, URL/issue line": layout(
        under=[LATIN_BANNER], over=[footer("Page {n} of {N}", extra=FOOTER_EXTRA)]
    ),
    "dark banner without band, n / N": layout(under=[DARK_BANNER], over=[footer("{n} / {N}")]),
    "justified words without space glyphs, - n -": layout(
        align="justify", under=[LATIN_BANNER], over=[footer("- {n} -")]
    ),
    "indented paragraphs without gaps, bare number": layout(
        paragraph_gap=0.0, indent=18.0, under=[DARK_BANNER], over=[footer("{n}")]
    ),
    "sans-serif body, p. n": layout(font="Helvetica", size=10, over=[footer("p. {n}")]),
    "long pages, Page n": layout(
        max_lines_per_column=None, under=[LATIN_BANNER], over=[footer("Page {n}")]
    ),
    "ragged paragraphs without gaps or indents, roman page numbers": layout(
        paragraph_gap=0.0, over=[footer(lambda n, count: ["i", "ii", "iii", "iv", "v"][n - 1])]
    ),
    "bold headings at body size, no gaps": layout(
        paragraph_gap=0.0, indent=14.0, heading_size=11.0, over=[footer("{n}")]
    ),
    "title repeated as running head": layout(
        under=[
            lambda canvas, index, count: (
                index and canvas.text(64, 50, TITLE, font="Times", style="I", size=8.5, color=70)
            )
        ],
        over=[footer("Page {n} of {N}")],
    ),
    "running heads alternating on odd and even pages": layout(
        under=[_odd_even_heads], over=[footer("{n}")]
    ),
    "two columns, one page": layout(
        columns=2,
        max_lines_per_column=None,
        column_offset=3.0,
        under=[DARK_BANNER],
        over=[footer("{n} | Amber Sea Studies")],
    ),
    "two columns over pages": layout(
        columns=2,
        align="justify",
        max_lines_per_column=14,
        under=[LATIN_BANNER],
        over=[footer("Page {n} of {N}", extra=FOOTER_EXTRA)],
    ),
}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_generated_layout_gives_the_article_back(name: str) -> None:
    spec = LAYOUTS[name]
    out = pdf_to_text(render(ARTICLE, spec), f"{name}.pdf")
    expected = expected_text(ARTICLE, TITLE)
    noise = [*BANNER_WORDS, "Page", "Amber Sea Studies", "Policy Review", "www", "Vol. 12"]
    assert_clean(out, expected, noise)
    assert out == expected


WATERMARKS = [
    (30, 200, "light grey"),
    (45, (255, 170, 170), "light red RGB"),
    (60, ("cmyk", 0, 0.3, 0.3, 0), "tinted CMYK"),
    (90, ("cmyk", 0, 0, 0, 0.2), "CMYK grey"),
    (45, 0, "black at 45°"),
    (-30, (20, 20, 160), "dark blue at -30°"),
    (0, 215, "horizontal light grey"),
]


@pytest.mark.parametrize(("angle", "color", "label"), WATERMARKS, ids=[w[2] for w in WATERMARKS])
def test_watermark_is_removed(angle: float, color, label: str) -> None:
    spec = layout(
        align="justify",
        under=[DARK_BANNER],
        over=[footer("Page {n} of {N}"), watermark("CONFIDENTIAL DRAFT", angle, color)],
    )
    out = pdf_to_text(render(ARTICLE, spec), "watermark.pdf")
    expected = expected_text(ARTICLE, TITLE)
    assert_clean(out, expected, ["CONFIDENTIAL", "DRAFT", *BANNER_WORDS])
    assert out == expected


def test_oversized_stamp_is_removed() -> None:
    def stamp(canvas, index, count):
        canvas.text(110, 420, "RESTRICTED", font="Helvetica", style="B", size=72, color=0)

    out = pdf_to_text(render(ARTICLE, layout(over=[stamp])), "stamp.pdf")
    assert_clean(out, expected_text(ARTICLE, TITLE), ["RESTRICTED"])


def test_big_title_under_a_banner_is_kept() -> None:
    """A title three times the body size is no stamp when it opens page 1."""
    spec = layout(title_size=34.0, under=[LATIN_BANNER], over=[footer("{n}")])
    out = pdf_to_text(render(ARTICLE, spec), "title.pdf")
    assert out == expected_text(ARTICLE, TITLE)


@pytest.mark.parametrize(
    "form",
    [
        "Page {n} of {N}",
        "{n} / {N}",
        "- {n} -",
        "{n}",
        "p. {n}",
        "[{n}]",
        "{n} | Amber Sea Studies",
    ],
)
def test_footer_page_numbers_are_removed(form: str) -> None:
    out = pdf_to_text(render(ARTICLE, layout(over=[footer(form)])), "footer.pdf")
    assert out == expected_text(ARTICLE, TITLE)


def test_heading_repeated_at_the_top_of_pages_is_kept() -> None:
    """Article text that recurs at the same place is not furniture: two sections, one name."""
    paragraphs = [
        ARTICLE[0] + " ^",
        "# Next Steps",
        ARTICLE[2] + " ^",
        "# Next Steps",
        ARTICLE[3],
    ]
    out = pdf_to_text(render(paragraphs, Layout(margin_top=60.0, over=[footer("{n}")])), "h.pdf")
    assert out == expected_text(paragraphs)
    assert out.count("Next Steps") == 2


@pytest.mark.parametrize("columns", [1, 2])
def test_article_text_repeating_at_the_same_place_is_kept(columns: int) -> None:
    """The article said over and over: its lines recur at one height on many pages."""
    paragraphs = ARTICLE * 14
    spec = layout(
        max_lines_per_column=None,
        columns=columns,
        align="justify",
        under=[LATIN_BANNER],
        over=[footer("Page {n} of {N}", extra=FOOTER_EXTRA)],
    )
    out = pdf_to_text(render(paragraphs, spec), "long.pdf")
    assert out == expected_text(paragraphs, TITLE)


def test_watermark_only_pdf_gives_no_text(tmp_path: Path) -> None:
    canvas = FpdfCanvas()
    canvas.add_page()
    watermark("CONFIDENTIAL DRAFT", 45, 200)(canvas, 0, 1)
    data = canvas.output()
    assert pdf_to_text(data, "mark.pdf") == ""
    path = tmp_path / "mark.pdf"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match="no text in document"):
        read_document(path)


def test_bare_number_ending_a_paragraph_at_the_page_foot_is_kept() -> None:
    paragraph = (
        "The parties will review the agreement in the spring of the year 2029 and again in "
        "the autumn of the following year, in // 2031. ^"
    )
    spec = Layout(margin_top=690.0, over=[footer("Page {n} of {N}")])
    out = pdf_to_text(render([paragraph, ARTICLE[-1]], spec), "year.pdf")
    # The short line before it makes "2031." a paragraph of its own; the words are all there.
    assert out.split() == expected_text([paragraph, ARTICLE[-1]]).split()


def test_page_number_and_url_on_a_single_page() -> None:
    spec = Layout(title=TITLE, over=[footer("1", extra="https://amber-sea-studies.example/briefs")])
    out = pdf_to_text(render(ARTICLE[:3], spec), "single.pdf")
    assert out == expected_text(ARTICLE[:3], TITLE)


# --- hyphenation and page breaks ----------------------------------------------------------------

HYPHENATED = [
    (
        "The delegations agreed to expand cooperation in pharma|ceuticals and to open a one-|window "
        "service for investors. They discussed the Norvania-|Kestria railway, the govern|ment-to-"
        "business dialogue and new e-com|merce rules, and praised the goodwill and the forward-|looking "
        "spirit of the talks."
    ),
    (
        "Minister Ven|moor called for a long-|term programme of consul|tations and for an intergovern|"
        "mental commission on high-|level contacts, which will meet in Lind|haven."
    ),
]


def test_hyphenation_across_lines() -> None:
    spec = Layout(title=TITLE, align="justify", over=[footer("{n}")])
    out = pdf_to_text(render(HYPHENATED, spec), "hyphens.pdf")
    assert out == expected_text(HYPHENATED, TITLE)
    for joined in ("pharmaceuticals", "government-to-business", "e-commerce", "consultations"):
        assert joined in out
    for kept in ("one-window", "Norvania-Kestria", "long-term", "forward-looking", "high-level"):
        assert kept in out


ACROSS_PAGES = [
    (
        "The joint commission reviewed the implementation of the agreements signed in Varossa and "
        "noted steady progress in the energy and transport sectors, in particular the pharma|^"
        "ceuticals plant that Kestrian investors are building near the capital."
    ),
    (
        "The sides agreed that the next session of the commission will take place in Lindhaven, and "
        "that experts will meet beforehand to prepare ^ the documents for signature at the highest "
        "level."
    ),
    "Both delegations expressed satisfaction with the results of the talks. ^",
    "A joint statement was adopted at the end of the visit.",
]


@pytest.mark.parametrize("align", ["left", "justify"])
def test_paragraphs_continue_across_pages(align: str) -> None:
    spec = Layout(title=TITLE, align=align, under=[LATIN_BANNER], over=[footer("Page {n} of {N}")])
    data = render(ACROSS_PAGES, spec)
    out = pdf_to_text(data, "pages.pdf")
    assert out == expected_text(ACROSS_PAGES, TITLE)
    assert "pharmaceuticals plant" in out  # hyphen at a page end, undone on the next page


def test_column_break_mid_sentence_continues_the_paragraph() -> None:
    spec = Layout(title=TITLE, columns=2, under=[DARK_BANNER], over=[footer("{n}")])
    out = pdf_to_text(render(ACROSS_PAGES, spec), "columns.pdf")
    assert out == expected_text(ACROSS_PAGES, TITLE)


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("pharma", "ceuticals", True),
        ("consul", "tation", True),
        ("intergovern", "mental", True),
        ("good", "will", True),
        ("Mirzi", "yoyev", True),  # a name split by syllables
        ("com", "merce", True),
        ("one", "window", False),
        ("long", "term", False),
        ("forward", "looking", False),
        ("decision", "making", False),
        ("Pakistan", "Uzbekistan", False),  # capital after the hyphen
        ("COVID", "19", False),
        ("e", "commerce", False),  # typesetters never leave one letter
    ],
)
def test_line_end_hyphen_decision(left: str, right: str, joined: bool) -> None:
    assert _is_split_word(left, right) is joined


# --- letterhead, CJK banners, odd pages ---------------------------------------------------------


def _letterhead(canvas) -> None:
    canvas.text(
        64,
        46,
        "MINISTRY OF FOREIGN AFFAIRS OF NORVANIA",
        font="Helvetica",
        style="B",
        size=11,
        color=NAVY,
    )
    canvas.text(64, 60, "Press and Information Department", font="Helvetica", size=9, color=NAVY)
    if DEJAVU.exists():  # the letterhead's second script
        canvas.text(360, 46, "Министерство иностранных дел", font="DejaVu", size=9, color=NAVY)
    canvas.text(
        64,
        74,
        "12 Linden Avenue, Lindhaven | Tel. +47 555 0100 | www.mfa-norvania.example",
        font="Helvetica",
        size=8,
        color=90,
    )
    canvas.rect(64, 82, A4[0] - 128, 0.8, NAVY)


def test_single_page_letterhead_is_removed() -> None:
    spec = Layout(title=TITLE, first_body_top=112, first_page=[_letterhead])
    out = pdf_to_text(render(ARTICLE, spec), "letter.pdf")
    expected = expected_text(ARTICLE, TITLE)
    assert_clean(out, expected, ["MINISTRY", "Press and Information", "Linden", "Министерство"])
    assert out == expected


def test_letterhead_in_body_font_above_untitled_text_is_kept_as_text() -> None:
    """Without a change of font, script or colour nothing marks a letterhead: keep the words."""
    spec = Layout(font="Helvetica")
    out = pdf_to_text(render(["# NORVANIA PRESS OFFICE", *ARTICLE[:2]], spec), "plain.pdf")
    assert out.startswith("NORVANIA PRESS OFFICE\n\n")


def _cjk_banner(canvas, index: int, count: int) -> None:
    # Odd pages in Simplified, even pages in Traditional script, as bilingual banners do.
    # 係/系 is not in the extractor's variant table: the positional comparison must catch it.
    name = "东方国际关系研究院" if index % 2 == 0 else "東方國際關係研究院"
    centre = "中外人文交流中心"  # the same in both scripts
    canvas.text(
        64, 44, name, font="STSong" if index % 2 == 0 else "MSung", size=18, color=(140, 13, 25)
    )
    canvas.text(
        64,
        62,
        "EASTERN INSTITUTE OF INTERNATIONAL RELATIONS",
        font="Helvetica",
        style="B",
        size=9,
        color=(140, 13, 25),
    )
    canvas.text(
        380,
        44,
        "Centre for People-to-People Exchange",
        font="Helvetica",
        size=9,
        color=(140, 13, 25),
    )
    canvas.text(380, 58, centre, font="STSong", size=11, color=(140, 13, 25))


def test_bilingual_cjk_banner_is_removed() -> None:
    spec = layout(under=[_cjk_banner], over=[footer("Page {n} of {N}")])
    out = pdf_to_text(render(ARTICLE, spec, RawCanvas()), "cjk.pdf")
    assert not re.search(r"[\u2e80-\u9fff]", out)
    assert_clean(out, expected_text(ARTICLE, TITLE), ["EASTERN INSTITUTE", "People-to-People"])
    assert out == expected_text(ARTICLE, TITLE)


SINGLE_PAGES = {
    "white banner on a band, bare number": (
        Layout(under=[LATIN_BANNER], over=[footer("{n}")]),
        None,
    ),
    "dark banner, page x of n": (
        Layout(under=[DARK_BANNER], over=[footer("Page {n} of {N}")]),
        None,
    ),
    "CJK banner": (Layout(under=[_cjk_banner], over=[footer("Page {n} of {N}")]), RawCanvas),
    "CJK banner, two columns, text in the first": (
        Layout(columns=2, under=[_cjk_banner]),
        RawCanvas,
    ),
}


@pytest.mark.parametrize("name", list(SINGLE_PAGES))
@pytest.mark.parametrize("title", [TITLE, None])
def test_single_page_banner_is_removed(name: str, title: str | None) -> None:
    """On one page nothing repeats: the banner goes as a letterhead (font, script, colour)."""
    spec, canvas = SINGLE_PAGES[name]
    spec = dataclasses.replace(spec, title=title)
    out = pdf_to_text(render(ARTICLE[:3], spec, canvas() if canvas else None), "one.pdf")
    assert out == expected_text(ARTICLE[:3], title)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("中国传媒大学", "中國傳媒大學", True),
        ("东方国际关系研究院", "東方國際關係研究院", True),
        ("Page 1 of 4", "Page 3 of 4", True),
        ("中国传媒大学", "北京外国语大学", False),
        ("Institute for a Community", "Institute of Community", False),
    ],
)
def test_running_header_comparison(a: str, b: str, same: bool) -> None:
    assert _same_furniture(_furniture_key(a), _furniture_key(b)) is same


def test_rotated_page_keeps_its_text() -> None:
    """A /Rotate 90 page rotates every glyph matrix: the page's own direction is not a watermark."""
    out = pdf_to_text(render(ARTICLE[:3], Layout(title=TITLE), RawCanvas(rotate=90)), "rotated.pdf")
    assert out == expected_text(ARTICLE[:3], TITLE)


def test_synthetic_italic_and_overprinted_bold_are_kept_once() -> None:
    canvas = FpdfCanvas()
    canvas.add_page()
    canvas.text(64, 120, "The ministers met in Lindhaven on Monday and", size=11)
    canvas.text(64, 136, "discussed a slanted line of ordinary text", size=11, skew=12)
    for dx in (0.0, 0.3):  # a bold faked by printing twice
        canvas.text(64 + dx, 152, "which was printed twice for emphasis.", size=11)
    out = pdf_to_text(canvas.output(), "styles.pdf")
    assert " ".join(out.split()) == (
        "The ministers met in Lindhaven on Monday and discussed a slanted line of ordinary "
        "text which was printed twice for emphasis."
    )


def test_read_document_reads_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(render(ARTICLE, layout(under=[LATIN_BANNER], over=[footer("{n}")])))
    document = read_document(path)
    assert document.raw_text == expected_text(ARTICLE, TITLE)


# --- the seed article ----------------------------------------------------------------------------

SEED_BANNER = {
    "中国传媒大学",
    "中國傳媒大學",
    "COMMUNICATION UNIVERSITY OF CHINA",
    "Institute for a Community",
    "with Shared Future",
    "人类命运共同体研究院",
    "人類命運共同體研究院",
}


@pytest.fixture(scope="module")
def seed_text() -> str:
    return pdf_to_text(SEED_PDF.read_bytes(), str(SEED_PDF))


def _seed_body_words() -> list[str]:
    lines = [
        line
        for line in SEED_TXT.read_text(encoding="utf-8").splitlines()
        if line.strip() not in SEED_BANNER
    ]
    return words_in(" ".join(lines).replace("\\$", "$"))


def _unhyphenated(words: list[str]) -> Counter[str]:
    """Hyphens dropped: the text version and the PDF split some compounds differently."""
    return Counter(w.replace("-", "") for w in words)


def test_seed_has_no_banner_watermark_or_footer(seed_text: str) -> None:
    assert not re.search(r"[\u2e80-\u9fff]", seed_text)
    for noise in (
        "COMMUNICATION UNIVERSITY",
        "Institute for a Community",
        "Shared Future\n",  # the banner's second line; the byline names "...Shared Future (PRCCSF)"
        "ICSF",
        "FOR REFERENCE ONLY",
        "Page 1 of 4",
        "of 4",
    ):
        assert noise not in seed_text


def test_seed_loses_no_article_word(seed_text: str) -> None:
    body, out = _unhyphenated(_seed_body_words()), _unhyphenated(words_in(seed_text))
    assert body - out == Counter()
    assert out - body == Counter()
    assert recall_in_order(" ".join(_seed_body_words()), seed_text) >= 0.99


def test_seed_paragraphs_headings_and_hyphens(seed_text: str) -> None:
    paragraphs = seed_text.split("\n\n")
    assert (
        paragraphs[0]
        == "H.E. Alisher Tukhtaev: Architect of a New Era in Uzbekistan–Pakistan Diplomacy"
    )
    for heading in (
        "Championing Economic Integration and Trade Expansion",
        "Industrial and Digital Transformation Partnerships",
        "Enriching Cultural & Public Diplomacy",
    ):
        assert heading in paragraphs
    assert all(p == p.strip() and "\n" not in p and "  " not in p for p in paragraphs)
    # Page breaks in mid-sentence are rejoined.
    assert "Such efforts are laying the groundwork for a more resilient" in seed_text
    assert "to combat climate degradation while offering a regional model" in seed_text
    for word in (
        "pharmaceuticals",
        "consultation",
        "intergovernmental",
        "government-to-business",
        "e-commerce",
        "Pakistan” exhibition",
        "one-window",
        "goodwill",
    ):
        assert word in seed_text


def _without_offsets(value):
    """An event record without character offsets (they differ between the two texts)."""
    if isinstance(value, dict):
        return {k: _without_offsets(v) for k, v in value.items() if k not in ("start", "end")}
    if isinstance(value, list):
        return [_without_offsets(v) for v in value]
    return value


def test_seed_pdf_and_text_yield_the_same_events(nlp) -> None:
    """The issue's test: one article as PDF and as text gives the same records, offsets aside."""
    from extractor.pipeline import Extractor

    extractor = Extractor(nlp=nlp)
    from_pdf = extractor.process(read_document(SEED_PDF, doc_id="seed")).events
    from_text = extractor.process(read_document(SEED_TXT, doc_id="seed")).events
    assert from_pdf, "the seed article has events"
    assert [_without_offsets(e.model_dump(mode="json")) for e in from_pdf] == [
        _without_offsets(e.model_dump(mode="json")) for e in from_text
    ]


# --- errors -------------------------------------------------------------------------------------


def _simple_pdf() -> bytes:
    return render(ARTICLE[:1], Layout())


def _encrypted(user_password: str | None) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Times", size=11)
    pdf.text(20, 30, "The ministers met in Lindhaven.")
    pdf.set_encryption("owner-secret", user_password, EncryptionMethod.AES_256)
    return bytes(pdf.output())


def _image_only() -> bytes:
    canvas = FpdfCanvas()
    canvas.add_page()
    canvas.image(40, 40, 500, 700)
    return canvas.output()


def _blank() -> bytes:
    canvas = FpdfCanvas()
    canvas.add_page()
    return canvas.output()


def _corrupt() -> bytes:
    data = bytearray(_simple_pdf())
    start = data.index(b"xref")
    data[20 : start + 40] = b"\x00garbage" * ((start + 20) // 8) + b"\x00" * ((start + 20) % 8)
    return bytes(data)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: b"", "empty file"),
        (lambda: _encrypted("user-secret"), "encrypted PDF: a password is required"),
        (lambda: _simple_pdf()[: len(_simple_pdf()) // 2], "truncated PDF"),
        (
            lambda: b"Minister Venmoor met Ambassador Maravek.\n",
            "not a PDF (starts with b'Minister",
        ),
        (lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), "not a PDF (starts with b'\\x89PNG"),
        (_image_only, "no text layer (scanned image?)"),
        (_blank, "no text layer"),
        (_corrupt, "corrupt PDF"),
    ],
    ids=["empty", "encrypted", "truncated", "text", "png", "image-only", "blank", "corrupt"],
)
def test_bad_pdf_raises_document_error(make, reason: str) -> None:
    with pytest.raises(DocumentError) as caught:
        pdf_to_text(make(), "bad.pdf")
    assert caught.value.source == "bad.pdf"
    assert reason in caught.value.reason


def test_fonts_without_unicode_mapping_are_no_text_layer() -> None:
    canvas = RawCanvas()
    canvas.add_page()
    canvas.text(64, 100, "The ministers met in Lindhaven on Monday.", font="Unmapped")
    with pytest.raises(DocumentError, match="no usable text layer: 41 of 41 glyphs"):
        pdf_to_text(canvas.output(), "cid.pdf")


def test_a_few_unmapped_glyphs_are_dropped() -> None:
    canvas = RawCanvas()
    canvas.add_page()
    canvas.text(64, 100, "The ministers met in Lindhaven on Monday.", size=11)
    canvas.text(40, 100, "*", font="Unmapped", size=11)  # a bullet from a symbol font
    assert pdf_to_text(canvas.output(), "bullet.pdf") == "The ministers met in Lindhaven on Monday."


def test_owner_password_only_pdf_is_read() -> None:
    """Opening needs no password (only permissions are set), as in every viewer."""
    assert pdf_to_text(_encrypted(None), "owner.pdf") == "The ministers met in Lindhaven."


def test_damaged_pdfs_never_leak_a_pdfminer_exception() -> None:
    original = render(ARTICLE, layout(under=[LATIN_BANNER], over=[footer("{n}")]))
    rng = random.Random(7)
    for _ in range(25):
        data = bytearray(original)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(20, len(data) - 10)] = rng.randrange(256)
        with contextlib.suppress(DocumentError):
            assert isinstance(pdf_to_text(bytes(data), "damaged.pdf"), str)


# --- resource limits (issue 10) -------------------------------------------------------------------


def _tiny_pages(count: int, **canvas_options) -> bytes:
    canvas = RawCanvas(page=(120, 40), **canvas_options)
    for n in range(count):
        canvas.add_page()
        canvas.text(10, 20, f"Line {n}.", size=8)
    return canvas.output()


def _bomb(inflated: int, declare: bool = False) -> bytes:
    """One page whose content stream inflates to about ``inflated`` bytes (blanks compress
    about a thousand to one, so 64 MB inflated is a 64 kB file)."""
    canvas = RawCanvas(padding=inflated, declare=declare)
    canvas.add_page()
    canvas.text(64, 100, "The ministers met in Lindhaven.", size=11)
    return canvas.output()


def test_pdf_bomb_is_refused_before_it_is_inflated() -> None:
    """3 MB inflating to 3 GB, scaled down: 64 kB inflating to 64 MB against a 1 MB limit."""
    import tracemalloc

    pdf_to_text(_tiny_pages(1), "warm.pdf")  # modules are loaded before measuring

    data = _bomb(64_000_000)
    assert len(data) < 200_000
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError) as caught:
            pdf_to_text(data, "bomb.pdf", limits=ReadLimits(max_stream_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.reason == (
        "a PDF stream inflates to more than 1,000,000 bytes (limit --max-stream-bytes 1,000,000)"
    )
    assert peak < 16_000_000  # the 64 MB stream was never materialized


def test_pdf_bomb_with_declared_length_is_refused_from_its_header() -> None:
    with pytest.raises(
        DocumentError, match=r"declares 64,000,\d+ bytes \(limit --max-stream-bytes"
    ):
        pdf_to_text(
            _bomb(64_000_000, declare=True), "bomb.pdf", limits=ReadLimits(max_stream_bytes=10**6)
        )


def test_pdf_stream_under_the_limit_is_read_whole() -> None:
    data = _bomb(500_000)
    assert pdf_to_text(data, "padded.pdf", limits=ReadLimits(max_stream_bytes=600_000)) == (
        "The ministers met in Lindhaven."
    )


def test_pdf_stream_limit_does_not_outlive_the_call() -> None:
    """pdfminer used elsewhere in the process inflates as before."""
    import io

    import pdfplumber

    with pytest.raises(DocumentError):
        pdf_to_text(_bomb(2_000_000), "bomb.pdf", limits=ReadLimits(max_stream_bytes=1_000))
    with pdfplumber.open(io.BytesIO(_bomb(2_000_000))) as pdf:
        assert "Lindhaven" in pdf.pages[0].extract_text()


def test_pdf_page_limit_is_named() -> None:
    with pytest.raises(DocumentError) as caught:
        pdf_to_text(_tiny_pages(12), "pages.pdf", limits=ReadLimits(max_pdf_pages=10))
    assert caught.value.reason == "12 pages (limit --max-pdf-pages 10)"


def test_pdf_character_limit_is_checked_while_reading() -> None:
    with pytest.raises(DocumentError) as caught:
        pdf_to_text(_tiny_pages(40), "long.pdf", limits=ReadLimits(max_chars=50))
    # Each tiny page holds 7 glyphs ("Line 3."): reading stops at page 8 of 40.
    assert caught.value.reason == (
        "at least 56 characters in the first 8 page(s) (limit --max-chars 50)"
    )


def test_pdf_of_2000_tiny_pages_succeeds_with_default_limits() -> None:
    text = pdf_to_text(_tiny_pages(2000), "tiny.pdf")
    assert "Line 0." in text and "Line 1999." in text


def test_pdf_page_of_many_streams_under_the_limit_is_refused_in_sum() -> None:
    canvas = RawCanvas(padding=400_000, streams=5)
    canvas.add_page()
    canvas.text(64, 100, "The ministers met in Lindhaven.", size=11)
    with pytest.raises(DocumentError) as caught:
        pdf_to_text(canvas.output(), "streams.pdf", limits=ReadLimits(max_stream_bytes=1_000_000))
    assert caught.value.reason == (
        "the streams of page 1 inflate to more than 1,000,000 bytes "
        "(limit --max-stream-bytes 1,000,000)"
    )


def test_pdf_lzw_bomb_is_refused_before_it_is_decoded() -> None:
    import tracemalloc

    pdf_to_text(_tiny_pages(1), "warm.pdf")  # modules are loaded before measuring
    data = single_stream_pdf("/Filter /LZWDecode", lzw_bomb(50_000_000))
    assert len(data) < 40_000
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError) as caught:
            pdf_to_text(data, "lzw.pdf", limits=ReadLimits(max_stream_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.reason == (
        "a PDF stream inflates to more than 1,000,000 bytes (limit --max-stream-bytes 1,000,000)"
    )
    assert peak < 16_000_000
