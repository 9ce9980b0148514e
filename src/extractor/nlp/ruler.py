"""A stock :class:`~spacy.pipeline.SpanRuler` that matches fixed-length patterns by array lookup.

The Matcher tests a token pattern's ``{"IN": [...]}`` sets with a Python call per token
and set, so every trigger such as ``{"LEMMA": {"IN": ["sign", "ink"]}, "POS": "VERB"}``
costs a pass over the document in Python. :class:`ArraySpanRuler` takes the patterns
without operators whose tokens test only ``LEMMA``, ``LOWER``, ``POS`` and ``ENT_TYPE``
(plain values or ``IN`` lists, the first token a ``LEMMA`` or ``LOWER`` test) out of the
Matcher: one pass over ``Doc.to_array`` looks each token's lemma and lower-case form up in
an index of first tokens, and the rest of a pattern is tested where it starts. Patterns
whose later tokens carry the operators ``?``, ``*`` or ``+`` (or test ``TEXT`` by ``REGEX``)
are matched there too, every end the operators allow, as the Matcher reports them. The
matches, the patterns it reports and serializes, and its configuration are a SpanRuler's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import ENT_TYPE, LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline.span_ruler import SpanRuler
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

# the attributes a token of an array pattern may test: name -> column of ``_COLUMNS``
_ATTRS = {"LEMMA": 0, "LOWER": 1, "POS": 2, "ENT_TYPE": 3}
_COLUMNS = [LEMMA, LOWER, POS, ENT_TYPE]

# one token's tests: (column, accepted values) pairs
_TokenTests = tuple[tuple[int, frozenset[int]], ...]


@dataclass(frozen=True)
class _ArrayPattern:
    tokens: tuple[_TokenTests, ...]
    match_id: int


@dataclass(frozen=True)
class _OpToken:
    """A token of an operator pattern: its column tests, a text regex, its operator."""

    tests: _TokenTests
    regex: re.Pattern[str] | None
    op: str  # "1", "?" or "*" ("+" is written as "1" then "*")


@dataclass(frozen=True)
class _OpPattern:
    first: _TokenTests
    rest: tuple[_OpToken, ...]
    match_id: int


def _values(spec: Any) -> list[str] | None:
    """The strings a plain value or an ``{"IN": [...]}`` accepts; None for anything else."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"} and isinstance(spec["IN"], list):
        return list(spec["IN"]) if all(isinstance(v, str) for v in spec["IN"]) else None
    return None


def _token_tests(token: Any, strings: StringStore) -> _TokenTests | None:
    """A token spec as column tests; None when it uses anything else (an operator, ...)."""
    if not isinstance(token, dict) or not token or set(token) - set(_ATTRS):
        return None
    tests = []
    for attr, spec in token.items():
        values = _values(spec)
        if values is None or (attr == "POS" and set(values) - set(POS_IDS)):
            return None
        ids = frozenset(POS_IDS[v] if attr == "POS" else strings.add(v) for v in values)
        tests.append((_ATTRS[attr], ids))
    return tuple(tests)


def array_tests(pattern: Any, strings: StringStore) -> tuple[_TokenTests, ...] | None:
    """A token pattern as per-token column tests, its first token's word test first; None
    if it needs the Matcher."""
    if not isinstance(pattern, list) or not pattern:
        return None
    tokens = [_token_tests(t, strings) for t in pattern]
    if any(t is None for t in tokens):
        return None
    first = sorted(tokens[0] or (), key=lambda test: test[0])  # LEMMA, LOWER, POS, ENT_TYPE
    if not first or first[0][0] > _ATTRS["LOWER"]:
        return None
    return (tuple(first), *(t for t in tokens[1:] if t is not None))


def _op_token(token: Any, strings: StringStore) -> list[_OpToken] | None:
    """A later token of an operator pattern (one or two :class:`_OpToken`); None if it
    needs the Matcher."""
    if not isinstance(token, dict):
        return None
    spec = dict(token)
    op = spec.pop("OP", "1")
    text = spec.pop("TEXT", None)
    regex = None
    if text is not None:
        if not (isinstance(text, dict) and set(text) == {"REGEX"}):
            return None
        regex = re.compile(text["REGEX"])
    tests = _token_tests(spec, strings) if spec else ()
    if tests is None or op not in ("1", "?", "*", "+"):
        return None
    if op == "+":
        return [_OpToken(tests, regex, "1"), _OpToken(tests, regex, "*")]
    return [_OpToken(tests, regex, op)]


def operator_tests(pattern: Any, strings: StringStore) -> _OpPattern | None:
    """A token pattern with operators after a fixed first word test, as an
    :class:`_OpPattern` (match_id 0); None if it needs the Matcher."""
    if not isinstance(pattern, list) or len(pattern) < 2:
        return None
    first = array_tests(pattern[:1], strings)
    rest = [_op_token(t, strings) for t in pattern[1:]]
    if first is None or any(r is None for r in rest):
        return None
    return _OpPattern(first[0], tuple(t for r in rest if r for t in r), 0)


class ArraySpanRuler(SpanRuler):
    """SpanRuler whose fixed-length patterns are matched by array lookup (same matches)."""

    def clear(self) -> None:
        super().clear()
        # (column, value) of a first token's word test -> the patterns starting with it
        self._arrays: dict[tuple[int, int], list[_ArrayPattern | _OpPattern]] = {}

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        patterns = list(patterns)  # from_disk passes a generator
        before, rest = len(self._patterns), []
        for entry in patterns:
            strings = self.nlp.vocab.strings
            tests = array_tests(entry["pattern"], strings) or operator_tests(
                entry["pattern"], strings
            )
            if tests is None:
                rest.append(entry)
            else:
                self._add_array_pattern(entry, tests)
        super().add_patterns(rest)
        self._patterns[before:] = patterns  # in the order given, as a SpanRuler keeps them

    def _add_array_pattern(
        self, entry: dict[str, Any], tests: tuple[_TokenTests, ...] | _OpPattern
    ) -> None:
        label, id_ = str(entry["label"]), str(entry.get("id", ""))
        match_id = self.nlp.vocab.strings.add(repr((label, id_)))
        self._match_label_id_map[match_id] = {"label": label, "id": id_}
        pattern: _ArrayPattern | _OpPattern
        if isinstance(tests, _OpPattern):
            pattern = _OpPattern(tests.first, tests.rest, match_id)
            column, values = tests.first[0]
        else:
            pattern = _ArrayPattern(tests, match_id)
            column, values = tests[0][0]
        for value in values:
            self._arrays.setdefault((column, value), []).append(pattern)
        self._patterns.append(entry)

    def remove(self, label: str) -> None:
        super().remove(label)
        self._rebuild()

    def remove_by_id(self, pattern_id: str) -> None:
        super().remove_by_id(pattern_id)
        self._rebuild()

    def _rebuild(self) -> None:
        kept = list(self._patterns)
        self.clear()
        self.add_patterns(kept)

    def match(self, doc: Doc) -> list[Span]:
        spans = set(super().match(doc))
        if self._arrays and len(doc):
            spans.update(self._array_matches(doc))
        return sorted(spans)

    def _array_matches(self, doc: Doc) -> Iterable[Span]:
        rows = doc.to_array(_COLUMNS).tolist()
        for i, row in enumerate(rows):
            for key in ((0, row[0]), (1, row[1])):
                for pattern in self._arrays.get(key, ()):
                    names = self._match_label_id_map[pattern.match_id]
                    for end in _ends(doc, rows, i, pattern):
                        yield Span(doc, i, end, label=names["label"], span_id=names["id"])


def _ends(doc: Doc, rows: list[list[int]], i: int, pattern: _ArrayPattern | _OpPattern) -> set[int]:
    """The ends of the pattern's matches starting at row i (its first token's word test
    passed)."""
    if isinstance(pattern, _ArrayPattern):
        return {i + len(pattern.tokens)} if _fits(rows, i, pattern.tokens) else set()
    if not _passes(doc, rows, i, pattern.first, None):
        return set()
    return _op_ends(doc, rows, i + 1, pattern.rest)


def _op_ends(doc: Doc, rows: list[list[int]], j: int, tokens: tuple[_OpToken, ...]) -> set[int]:
    """Every end of tokens matched from row j on, each operator taken every way it can."""
    if not tokens:
        return {j}
    tok, rest = tokens[0], tokens[1:]
    ends = _op_ends(doc, rows, j, rest) if tok.op in ("?", "*") else set()
    if j < len(rows) and _passes(doc, rows, j, tok.tests, tok.regex):
        ends |= _op_ends(doc, rows, j + 1, tokens if tok.op == "*" else rest)
    return ends


def _passes(
    doc: Doc, rows: list[list[int]], j: int, tests: _TokenTests, regex: re.Pattern[str] | None
) -> bool:
    if not all(rows[j][column] in values for column, values in tests):
        return False
    return regex is None or regex.search(doc[j].text) is not None


def _fits(rows: list[list[int]], i: int, tokens: tuple[_TokenTests, ...]) -> bool:
    """Whether every token of the pattern passes its tests from row i on."""
    if i + len(tokens) > len(rows):
        return False
    return all(
        rows[i + k][column] in values for k, tests in enumerate(tokens) for column, values in tests
    )
