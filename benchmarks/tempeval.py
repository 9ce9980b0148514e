"""Date normalization on TempEval-3's TimeBank: gold-span accuracy and end-to-end value F1.

Usage: ``.venv/bin/python benchmarks/tempeval.py [PATH] [--json] [--errors N]``, PATH
defaulting to ``../shared/tempeval/TimeBank`` (TimeML ``.tml`` files). The data is read at
run time and never shipped; no test depends on this script.

Mapping onto EVENTS.md's precisions (``../shared/tempeval/README.md``), DATE timexes only:
``YYYY-MM-DD(T...)``, ``YYYY-MM``, ``YYYY`` count as themselves; ``YYYY-MM-XX`` and
``YYYY-XX`` as the month and the year; quarters, halves and seasons as the year; weeks,
``*_REF``, decades, centuries and durations typed DATE expect ``null``. The document
creation time plays the publication date.

(a) **Gold spans.** Each gold DATE text goes to ``DateResolver(dct).resolve(text,
    sentence=span)`` with no event status: the direction comes from the sentence. Accuracy
    overall and by category (absolute / relative by TimeML's ``temporalFunction``;
    quarter/season; null-expected). Spans are resolved in document order, one resolver per
    document, as the pipeline does.
(b) **End to end.** The date spans the pipeline selects (one function, :func:`selected_dates`),
    resolved the same way. Relaxed match as in TempEval-3: a predicted value is right when
    its span overlaps a gold DATE span whose mapped value it equals. Precision over spans
    given a value, recall over gold spans expecting one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.nlp.components import DATES_KEY
from extractor.nlp.dates import DateResolver

DEFAULT_PATH = Path(__file__).resolve().parent.parent.parent / "shared" / "tempeval" / "TimeBank"


@dataclass(frozen=True)
class GoldDate:
    """One gold DATE timex: its characters in the text, words and mapped value."""

    start: int
    end: int
    text: str
    value: str | None  # mapped onto EVENTS.md precisions; None when null is expected
    category: str


@dataclass
class Document:
    """A TimeML document: creation date, plain text and gold DATE timexes."""

    name: str
    dct: str
    text: str
    dates: list[GoldDate]


def map_value(value: str) -> tuple[str | None, str]:
    """Map a TimeML DATE value onto EVENTS.md precisions, with its category.

    Returns:
        (mapped value or None, ``"quarter/season"`` / ``"null-expected"`` / ``""``).
    """
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value)
    if m:
        return "-".join(m.groups()), ""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-XX)*", value)
    if m:
        return "-".join(g for g in m.groups() if g), ""
    m = re.fullmatch(r"(\d{4})-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI)", value)
    if m:
        return m[1], "quarter/season"
    return None, "null-expected"


def _walk(elem: ET.Element, parts: list[str], dates: list[GoldDate], pos: int) -> int:
    """Append ``elem``'s text to ``parts``, recording DATE timexes; returns the new offset."""
    if elem.text:
        parts.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        start = pos
        pos = _walk(child, parts, dates, pos)
        if child.tag == "TIMEX3" and child.get("type") == "DATE":
            text = "".join(child.itertext())
            value, category = map_value(child.get("value", ""))
            if not category:
                relative = child.get("temporalFunction") == "true"
                category = "relative" if relative else "absolute"
            dates.append(GoldDate(start, pos, text, value, category))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def read_document(path: Path) -> Document:
    """Read one ``.tml`` file."""
    root = ET.parse(path).getroot()
    dct_elem = root.find("DCT/TIMEX3")
    text_elem = root.find("TEXT")
    if dct_elem is None or text_elem is None:
        raise ValueError(f"{path}: no DCT or TEXT element")
    parts: list[str] = []
    dates: list[GoldDate] = []
    _walk(text_elem, parts, dates, 0)
    return Document(path.stem, dct_elem.get("value", "")[:10], "".join(parts), dates)


def read_corpus(path: Path) -> list[Document]:
    """All ``.tml`` documents under ``path``, sorted by name."""
    files = sorted(path.glob("*.tml"))
    if not files:
        raise ValueError(f"{path}: no .tml files")
    return [read_document(f) for f in files]


def selected_dates(doc: Doc) -> list[Span]:
    """The date spans the pipeline's ``extractor_dates`` component stores on the Doc."""
    return list(doc.spans.get(DATES_KEY, []))


def _span_at(doc: Doc, start: int, end: int) -> Span | None:
    """The doc span covering the characters (expanded to whole tokens)."""
    return doc.char_span(start, end, alignment_mode="expand")


def _items(docs: list[Document], nlp: Language) -> Iterator[tuple[Document, Doc]]:
    def made() -> Iterator[Doc]:
        for d in docs:
            doc = nlp.make_doc(d.text)
            doc._.published = dt.date.fromisoformat(d.dct) if d.dct else None
            yield doc

    yield from zip(docs, nlp.pipe(made()), strict=True)


def evaluate(docs: list[Document], nlp: Language, n_errors: int = 0) -> dict:
    """Score gold-span accuracy and end-to-end relaxed value F1 over ``docs``."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    errors: list[str] = []
    tp = n_pred = n_gold = 0
    for gold_doc, doc in _items(docs, nlp):
        resolver = DateResolver(gold_doc.dct)
        for g in gold_doc.dates:
            span = _span_at(doc, g.start, g.end)
            got = resolver.resolve(g.text, sentence=span)
            total[g.category] += 1
            if got.value == g.value:
                right[g.category] += 1
            elif len(errors) < n_errors:
                errors.append(
                    f"{gold_doc.name}\t{gold_doc.dct}\t{g.category}\t{g.text!r}"
                    f"\tgold={g.value}\tgot={got.value}"
                )
        resolver = DateResolver(gold_doc.dct)
        gold = [g for g in gold_doc.dates if g.value is not None]
        n_gold += len(gold)
        for span in selected_dates(doc):
            value = resolver.resolve(span.text, sentence=span).value
            if value is None:
                continue
            n_pred += 1
            if any(
                g.start < span.end_char and span.start_char < g.end and g.value == value
                for g in gold
            ):
                tp += 1
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    n = sum(total.values())
    by_category = {
        c: {"accuracy": round(right[c] / total[c], 4), "n": total[c]} for c in sorted(total)
    }
    return {
        "gold_spans": {
            "accuracy": round(sum(right.values()) / n, 4) if n else 0.0,
            "n": n,
            "by_category": by_category,
        },
        "end_to_end": {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4)},
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", type=int, default=0, help="list up to N gold-span errors")
    args = parser.parse_args(argv)
    try:
        docs = read_corpus(args.path)
    except (OSError, ValueError, ET.ParseError) as exc:
        print(f"tempeval: {exc}", file=sys.stderr)
        return 2
    from extractor.pipeline import load_pipeline

    scores = evaluate(docs, load_pipeline(), args.errors)
    errors = scores.pop("errors")
    if args.json:
        print(json.dumps(scores, indent=2))
    else:
        gold = scores["gold_spans"]
        print(f"gold spans: accuracy {gold['accuracy']:.3f} (n={gold['n']})")
        for c, row in gold["by_category"].items():
            print(f"  {c:<16} {row['accuracy']:.3f} (n={row['n']})")
        e2e = scores["end_to_end"]
        print(f"end to end: P {e2e['p']:.3f} R {e2e['r']:.3f} F {e2e['f']:.3f}")
    for line in errors:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
