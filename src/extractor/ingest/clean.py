"""Stage 2, clean: raw article text becomes the cleaned text that all offsets point into.

What goes: page banners and running headers (lines that repeat across the document, and
lines in another script than the article's, e.g. a CJK institute name in both Simplified
and Traditional characters), extraction artefacts (``\\$``, control characters) and every
invisible format character (soft hyphens, zero-width characters, bidi controls). What is
mended: mojibake (``â€™``, repaired by ftfy), paragraphs broken by page breaks are
rejoined, hard-wrapped lines are reflowed, quotes and dashes are normalized. What stays:
headings, as paragraphs of their own, so no sentence ever runs across a heading.

The output keeps one paragraph per block, blocks separated by a blank line.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import ftfy

from extractor.ingest.cjk import traditional_to_simplified
from extractor.vocab import words as vocab_words

# Backslash-escaped punctuation left by Markdown-aware extractors ("\$1 billion").
_ESCAPED = re.compile(r"\\([$%&#_*\[\]()~`>])")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u202f\u2007\u3000\t"), " ")
_QUOTES = {
    ord("\u201c"): '"',
    ord("\u201d"): '"',
    ord("\u201e"): '"',
    ord("\u00ab"): '"',
    ord("\u00bb"): '"',
    ord("\u2018"): "'",
    ord("\u2019"): "'",
    ord("\u201a"): "'",
    ord("\u2032"): "'",
}
# Every dash-like character becomes ASCII "-" (names compare dash-insensitively anyway).
_DASHES = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"
)

_GLUED_COLON = re.compile(r"([)\]]):([A-Z])")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SENTENCE_END = re.compile(r"""[.!?:;]["')\]]*$""")
_DIGITS = re.compile(r"\d+")


@dataclass
class Cleaned:
    """The cleaned text and what was removed from it (for inspection and tests)."""

    text: str
    removed_lines: list[str] = field(default_factory=list)


# ftfy repairs mojibake ("â€™" -> "’"), C0 controls, line separators and ligatures.
# Fullwidth forms stay (they are CJK punctuation, not an error); quotes are done below.
_FTFY = ftfy.TextFixerConfig(
    fix_character_width=False, uncurl_quotes=False, normalization="NFC", explain=False
)


@lru_cache(maxsize=1)
def _invisible() -> dict[int, None]:
    """Every format character (Unicode category Cf): zero-width characters, bidi controls
    (U+202A..U+202E, U+2066..U+2069), soft hyphens, word joiners, byte order marks.

    They render as nothing, yet a bidi isolate inside "H.E.\u2066 Name" splits the name
    token for the NLP stage; the cleaned text (which offsets point into) is without them.
    """
    return {cp: None for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Cf"}


def normalize_characters(text: str) -> str:
    """Mojibake and controls (ftfy), NFC, format characters, spaces, quotes, dashes, escapes."""
    text = ftfy.fix_text(text.replace("\r\n", "\n").replace("\r", "\n"), _FTFY)
    text = text.translate(_invisible()).translate(_SPACES).translate(_QUOTES).translate(_DASHES)
    text = _ESCAPED.sub(r"\1", text)
    # "ISLAMABAD, Apr 06 (APP):Minister": a wire-service dateline glued to the first word
    return _GLUED_COLON.sub(r"\1: \2", text)


def _line_key(line: str) -> str:
    """Comparison key for repeated-line detection: digits and CJK variants folded."""
    key = _DIGITS.sub("#", line.translate(traditional_to_simplified())).casefold()
    return re.sub(r"\s+", " ", key).strip()


def _is_foreign_script(line: str, main_is_latin: bool) -> bool:
    """A line mostly in CJK script inside a Latin-script article (a banner or letterhead)."""
    if not main_is_latin:
        return False
    cjk = len(_CJK.findall(line))
    latin = len(_LATIN_LETTER.findall(line))
    return cjk > 0 and cjk >= latin


def _is_boilerplate_repeat(line: str, counts: Counter[str]) -> bool:
    """A short, sentence-less line that occurs more than once: a running header or footer."""
    stripped = line.strip()
    if counts[_line_key(stripped)] < 2 or len(stripped) > 80:
        return False
    return not _SENTENCE_END.search(stripped) or len(stripped.split()) <= 4


def _blocks(lines: list[str | None]) -> list[list[str]]:
    """Group lines into blocks separated by blank lines; ``None`` marks a removed line."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line is None or not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        current.append(line.strip())
    if current:
        blocks.append(current)
    return blocks


def _looks_like_heading(line: str, width: int) -> bool:
    """A short line without final punctuation whose words are mostly capitalized."""
    words = line.split()
    if not words or _SENTENCE_END.search(line) or len(words) > 14 or line.endswith(","):
        return False
    # In a hard-wrapped block, wrapped lines run close to the wrap width; headings do not.
    if len(line) > 0.6 * width or words[-1].lower() in vocab_words("function_words"):
        return False
    capitalized = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalized / len(words) >= 0.6


def _reflow(block: list[str]) -> list[str]:
    """Join the hard-wrapped lines of a block, keeping heading lines as paragraphs of their own."""
    # The wrap width: the median line length (a block's last lines can be far longer).
    width = sorted(len(line) for line in block)[len(block) // 2]
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(block):
        nxt = block[i + 1] if i + 1 < len(block) else ""
        heading = len(block) > 1 and _looks_like_heading(line, width) and nxt[:1].isupper()
        if heading and not current:
            paragraphs.append(line)
            continue
        current = _join(current, line) if current else line
        if (
            _SENTENCE_END.search(line)
            and nxt
            and _looks_like_heading(nxt, width)
            and (i + 2 >= len(block) or block[i + 2][:1].isupper())
        ):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _join(left: str, right: str) -> str:
    """Join two pieces of one sentence; a trailing dash joins without a space."""
    if left.endswith("-") and not left.endswith(" -"):
        return left + right
    return left + " " + right


def _continues(previous: str, following: str) -> bool:
    """Whether a paragraph break is a page-break artefact inside one sentence."""
    if _SENTENCE_END.search(previous):
        return False
    if previous.endswith(("-", ",")):
        return True  # a word or a list cut by the page break
    if _looks_like_heading(previous, max(len(previous), 80)) and not following[:1].islower():
        return False  # "Trade and Investment" / "2024 was a record year"
    first = following[:1]
    return first.islower() or first.isdigit() or previous.endswith(("-", ",")) or first in "([$%"


def clean_text(raw: str) -> Cleaned:
    """Clean one article's raw text.

    Args:
        raw: The text as extracted (from a .txt file or the PDF stage).

    Returns:
        The cleaned text (paragraphs separated by one blank line) and the removed lines.
    """
    text = normalize_characters(raw)
    lines = text.split("\n")
    letters = _LATIN_LETTER.findall(text)
    main_is_latin = len(letters) >= 2 * len(_CJK.findall(text))
    counts = Counter(_line_key(line) for line in lines if line.strip())

    kept: list[str | None] = []
    removed: list[str] = []
    for line in lines:
        if line.strip() and (
            _is_foreign_script(line, main_is_latin) or _is_boilerplate_repeat(line, counts)
        ):
            removed.append(line.strip())
            kept.append(None)
        else:
            kept.append(line)

    paragraphs: list[str] = []
    for block in _blocks(kept):
        for paragraph in _reflow(block):
            paragraph = re.sub(r" {2,}", " ", paragraph).strip()
            if paragraphs and _continues(paragraphs[-1], paragraph):
                paragraphs[-1] = _join(paragraphs[-1], paragraph)
            else:
                paragraphs.append(paragraph)
    return Cleaned(text="\n\n".join(paragraphs), removed_lines=removed)
