"""Table tests for the cleaning stage (``extractor.ingest.clean.clean_text``).

Each table is one rule family of the module docstring: what goes (banners, watermarks,
escapes, invisible characters), what is mended (page breaks, hard wraps, quotes, dashes) and
what stays (headings, as paragraphs of their own). Inputs are invented in the genre.
"""

from __future__ import annotations

import pytest

from extractor.ingest.clean import clean_text

# (raw, cleaned text, removed lines)
BANNERS = [
    pytest.param(
        "Norway and Chile deepen ties\n\nThe two ministers met in Oslo on Monday.\n\n"
        "北京国际关系学院\n\nThey discussed trade and fisheries.\n\n北京國際關係學院\n\n"
        "A joint statement followed.",
        "Norway and Chile deepen ties\n\nThe two ministers met in Oslo on Monday.\n\n"
        "They discussed trade and fisheries.\n\nA joint statement followed.",
        ["北京国际关系学院", "北京國際關係學院"],
        id="cjk-simplified-and-traditional-mid-text",
    ),
    pytest.param(
        "NORDIC DIPLOMACY REVIEW\n\nThe two ministers met in Oslo on Monday.\n\n"
        "NORDIC DIPLOMACY REVIEW\n\nThey discussed trade and fisheries.\n\n"
        "NORDIC DIPLOMACY REVIEW  \n\nA joint statement followed.",
        "The two ministers met in Oslo on Monday.\n\nThey discussed trade and fisheries.\n\n"
        "A joint statement followed.",
        ["NORDIC DIPLOMACY REVIEW"] * 3,
        id="repeated-english-banner",
    ),
    pytest.param(
        "The Ambassador met the Minister.\n\nPage 1 of 2\n\nThey discussed trade.\n\nPage 2 of 2",
        "The Ambassador met the Minister.\n\nThey discussed trade.",
        ["Page 1 of 2", "Page 2 of 2"],
        id="page-footers-differing-only-in-digits",
    ),
    pytest.param(
        "Trade has grown at an impressive\n\n北京国际关系学院\n\npace since the accord.\n\n"
        "It doubled.\n\n北京國際關係學院\n\nEnd.",
        "Trade has grown at an impressive pace since the accord.\n\nIt doubled.\n\nEnd.",
        ["北京国际关系学院", "北京國際關係學院"],
        id="banner-inside-a-page-break-sentence-rejoined",
    ),
    pytest.param(
        "The two sides reaffirmed their commitment to friendship.\n\nThey met.\n\n"
        "The two sides reaffirmed their commitment to friendship.",
        "The two sides reaffirmed their commitment to friendship.\n\nThey met.\n\n"
        "The two sides reaffirmed their commitment to friendship.",
        [],
        id="repeated-full-sentence-is-content-not-banner",
    ),
]

# (raw, cleaned text)
PAGE_BREAKS = [
    pytest.param(
        "Her tenure has been marked by an impressive\n\n\n\ntrajectory of cooperation in trade.",
        "Her tenure has been marked by an impressive trajectory of cooperation in trade.",
        id="lowercase-continuation",
    ),
    pytest.param(
        "The Ambassador met officials in Oslo,\n\nand the two sides discussed trade.",
        "The Ambassador met officials in Oslo, and the two sides discussed trade.",
        id="comma-before-break",
    ),
    pytest.param(
        "Trade is expected to reach\n\n\\$2 billion by 2026.",
        "Trade is expected to reach $2 billion by 2026.",
        id="escaped-dollar-after-break",
    ),
    pytest.param(
        "Bilateral trade grew by\n\n15 percent last year.",
        "Bilateral trade grew by 15 percent last year.",
        id="digit-continuation",
    ),
    pytest.param(
        "The Ambassador met officials in Oslo.\n\nThe two sides discussed trade.",
        "The Ambassador met officials in Oslo.\n\nThe two sides discussed trade.",
        id="finished-sentence-stays-apart",
    ),
]

REFLOW = [
    pytest.param(
        "The Ambassador met the Minister for Trade\nin Oslo on Monday and discussed the\n"
        "prospects of a free trade agreement.",
        "The Ambassador met the Minister for Trade in Oslo on Monday and discussed the "
        "prospects of a free trade agreement.",
        id="hard-wrapped-lines",
    ),
    pytest.param(
        "The Ambassador met the Minister\r\nfor Trade in Oslo.\r\n\r\nThey discussed fisheries.",
        "The Ambassador met the Minister for Trade in Oslo.\n\nThey discussed fisheries.",
        id="crlf-line-endings",
    ),
    pytest.param(
        "The Norway-\nChile Business Forum opened.",
        "The Norway-Chile Business Forum opened.",
        id="line-ending-in-hyphen-joins-without-space",
    ),
    pytest.param(
        "Prime Minister Ingrid Solvik,\nForeign Minister Maren Dahl and others attended.",
        "Prime Minister Ingrid Solvik, Foreign Minister Maren Dahl and others attended.",
        id="line-ending-in-comma",
    ),
    pytest.param(
        "The Ambassador held talks with the Minister of\nFisheries And Coastal Affairs in Oslo.",
        "The Ambassador held talks with the Minister of Fisheries And Coastal Affairs in Oslo.",
        id="line-ending-in-function-word",
    ),
]

CHARACTERS = [
    pytest.param("Trade reached \\$1 billion.", "Trade reached $1 billion.", id="escaped-dollar"),
    pytest.param(
        "Trade hit \\$2 billion \\(up 15\\%\\) \\& the \\#1 partner \\*again\\* in Q\\_1 \\[est\\].",
        "Trade hit $2 billion (up 15%) & the #1 partner *again* in Q_1 [est].",
        id="escaped-punctuation",
    ),
    pytest.param(
        "co\u00adoperation and\u200b trade\u200d ties\ufeff grew\u2060.",
        "cooperation and trade ties grew.",
        id="soft-hyphen-and-zero-width",
    ),
    pytest.param(
        "Trade\u00a0reached $1\u2009billion.", "Trade reached $1 billion.", id="odd-spaces"
    ),
    pytest.param(
        "\u201cWe welcome this,\u201d she said \u2014 the \u2018new\u2019 era \u2013 2024\u20132025.",
        "\"We welcome this,\" she said - the 'new' era - 2024-2025.",
        id="curly-quotes-and-dashes",
    ),
    pytest.param(
        "Norway\u2019s \u201elow\u201c quotes, \u00abguillemets\u00bb and a \u22125 minus.",
        'Norway\'s "low" quotes, "guillemets" and a -5 minus.',
        id="other-quotes-and-minus",
    ),
]

# Issue 10: invisible format characters go (whatever their kind), mojibake is repaired.
BIDI_AND_ZERO_WIDTH = [
    pytest.param(
        "H.E.\u2066 Alda Venmoor\u2069, Minister of Norvania, arrived.",
        "H.E. Alda Venmoor, Minister of Norvania, arrived.",
        id="bidi-isolates",
    ),
    pytest.param(
        "\u202bThe Ambassador\u202c met \u200eKestria\u200f's envoy\u061c.",
        "The Ambassador met Kestria's envoy.",
        id="bidi-embeddings-and-marks",
    ),
    pytest.param(
        "Lind\u200bhaven and\u2063 Ostr\u2062ava\U000e0041 signed.",
        "Lindhaven and Ostrava signed.",
        id="zero-width-invisible-operators-and-tags",
    ),
]

MOJIBAKE = [
    pytest.param("The minister\u00e2\u20ac\u2122s visit", "The minister's visit", id="apostrophe"),
    pytest.param(
        "Caf\u00c3\u00a9 Pe\u00c3\u00b1a hosted it.", "Café Peña hosted it.", id="accents"
    ),
    pytest.param(
        "\u00e2\u20ac\u0153Good day\u00e2\u20ac\u009d, she said \u00e2\u20ac\u201d twice.",
        '"Good day", she said - twice.',
        id="quotes-and-dash",
    ),
    pytest.param(
        "Caf\u00e9 na\u00efve \u00c0 la carte", "Café naïve À la carte", id="latin-1-text-kept"
    ),
]

# Headings stay a paragraph of their own: never glued to the sentence after or before.
HEADINGS = [
    pytest.param(
        "Energy Cooperation\nThe Ambassador met the Minister for Energy in Oslo.",
        ["Energy Cooperation", "The Ambassador met the Minister for Energy in Oslo."],
        id="heading-line-above-its-paragraph",
    ),
    pytest.param(
        "The two sides reviewed trade.\n\nEnergy and Fisheries Cooperation\n\n"
        "The Ambassador met the Minister for Energy in Oslo.",
        [
            "The two sides reviewed trade.",
            "Energy and Fisheries Cooperation",
            "The Ambassador met the Minister for Energy in Oslo.",
        ],
        id="heading-between-paragraphs",
    ),
    pytest.param(
        "The Ambassador met the Minister for Energy in Oslo on Monday and\n"
        "the two sides reviewed the state of trade in the region.\n"
        "Energy Cooperation\n"
        "The Ambassador also met the Minister for Fisheries in Bergen and\n"
        "discussed the prospects of a joint venture in aquaculture.",
        [
            (
                "The Ambassador met the Minister for Energy in Oslo on Monday and the two sides "
                "reviewed the state of trade in the region."
            ),
            "Energy Cooperation",
            (
                "The Ambassador also met the Minister for Fisheries in Bergen and discussed the "
                "prospects of a joint venture in aquaculture."
            ),
        ],
        id="heading-inside-a-hard-wrapped-block",
    ),
    pytest.param(
        "Norway And Chile\n\nEnergy Cooperation\n\nThe two sides met.",
        ["Norway And Chile", "Energy Cooperation", "The two sides met."],
        id="two-headings-in-a-row",
    ),
]

# Wrapped lines that look like headings (capitalized, no final punctuation) but run at the
# wrap width: one paragraph.
NOT_HEADINGS = [
    pytest.param(
        "The Ambassador held extensive talks with a delegation that was led by\n"
        "Prime Minister Ingrid Solvik And Foreign Minister Maren Dahl Of Norway\n"
        "In Oslo the two sides discussed fisheries and energy cooperation at length.",
        id="long-title-case-line-followed-by-capital",
    ),
    pytest.param(
        "The Ambassador held talks with the delegation led by\n"
        "Prime Minister Ingrid Solvik And Foreign Minister Dahl\n"
        "in Oslo on Monday, and they discussed fisheries.",
        id="long-title-case-line-followed-by-lowercase",
    ),
]

ALL_RAW = [
    p.values[0]
    for table in (
        BANNERS,
        PAGE_BREAKS,
        REFLOW,
        CHARACTERS,
        BIDI_AND_ZERO_WIDTH,
        MOJIBAKE,
        HEADINGS,
        NOT_HEADINGS,
    )
    for p in table
]


@pytest.mark.parametrize(("raw", "expected", "removed"), BANNERS)
def test_banners_and_watermarks_removed(raw: str, expected: str, removed: list[str]) -> None:
    cleaned = clean_text(raw)
    assert cleaned.text == expected
    assert cleaned.removed_lines == removed


@pytest.mark.parametrize(("raw", "expected"), PAGE_BREAKS)
def test_page_break_fragments_rejoined(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


@pytest.mark.parametrize(("raw", "expected"), REFLOW)
def test_hard_wrapped_lines_reflowed(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


@pytest.mark.parametrize(("raw", "expected"), CHARACTERS)
def test_characters_normalized(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


@pytest.mark.parametrize(("raw", "expected"), BIDI_AND_ZERO_WIDTH)
def test_bidi_and_zero_width_characters_removed(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


@pytest.mark.parametrize(("raw", "expected"), MOJIBAKE)
def test_mojibake_repaired(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


@pytest.mark.parametrize(("raw", "paragraphs"), HEADINGS)
def test_headings_are_paragraphs_of_their_own(raw: str, paragraphs: list[str]) -> None:
    assert clean_text(raw).text.split("\n\n") == paragraphs


@pytest.mark.parametrize("raw", NOT_HEADINGS)
def test_heading_like_wrapped_line_is_not_split(raw: str) -> None:
    text = clean_text(raw).text
    assert "\n" not in text
    assert text == " ".join(line.strip() for line in raw.splitlines())


@pytest.mark.parametrize("raw", ALL_RAW)
def test_cleaning_is_idempotent(raw: str) -> None:
    once = clean_text(raw).text
    again = clean_text(once)
    assert again.text == once
    assert again.removed_lines == []


def test_output_has_single_blank_line_between_paragraphs() -> None:
    text = clean_text("  First paragraph here.  \n\n\n\n\nSecond  paragraph   here.\n\n").text
    assert text == "First paragraph here.\n\nSecond paragraph here."


def test_cjk_variant_table_folds_traditional_banners_to_simplified() -> None:
    from extractor.ingest.cjk import traditional_to_simplified

    table = traditional_to_simplified()
    assert "北京國際關係學院".translate(table) == "北京国际关系学院"
    assert all(chr(key) != value for key, value in table.items())  # no pair is a no-op
