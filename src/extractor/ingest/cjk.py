"""Traditional and Simplified Chinese variants, folded for comparing repeated lines.

A banner or running head printed in Traditional characters on one page and Simplified on
another is one line of furniture; both the text cleaner and the PDF stage compare lines
with the table in ``vocab/cjk_traditional_simplified.tsv`` applied.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from extractor.errors import ExtractorError

_TABLE = "cjk_traditional_simplified.tsv"


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[int, str]:
    """The ``str.translate`` table from Traditional to Simplified ideographs.

    Raises:
        ExtractorError: a line of the data file is not two tab-separated characters.
    """
    text = files("extractor.vocab").joinpath(_TABLE).read_text(encoding="utf-8")
    table: dict[int, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        pair = line.split("\t")
        if len(pair) != 2 or len(pair[0]) != 1 or len(pair[1]) != 1:
            raise ExtractorError(f"vocab/{_TABLE}:{number}: expected two characters, tab-separated")
        table[ord(pair[0])] = pair[1]
    return table
