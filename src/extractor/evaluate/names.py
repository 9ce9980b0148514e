"""Name normalization and strict/lenient name matching (EVENTS.md section 5)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extractor.vocab import words

LENIENT_JACCARD = 0.5

# "H.E." is removed before punctuation turns into spaces, otherwise it would leave the
# tokens "h" and "e" behind; the lookarounds keep it from eating into a word.
_HE = re.compile(r"(?<!\w)h\.\s?e\.?(?!\w)")
_NON_WORD = re.compile(r"[^\w\-]+")


def honorifics() -> frozenset[str]:
    """Tokens dropped from every name before comparison."""
    return words("scoring_honorifics")


def stopwords() -> frozenset[str]:
    """Tokens that do not count as content in lenient matching."""
    return words("scoring_stopwords")


def normalize_name(name: str) -> str:
    """Normalize a name for comparison (EVENTS.md section 5).

    NFKC, casefold, every dash to ``-``, "H.E." removed, every other non-word character to
    a space, honorific tokens dropped, whitespace collapsed. A hyphen is kept inside a
    token ("uzbekistan-afghanistan") and dropped at a token's edges.

    Args:
        name: A name as written.

    Returns:
        The normalized name; empty when nothing but honorifics and punctuation was given.
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    # Category Pd covers hyphen, en/em dash, non-breaking hyphen and the like; the minus
    # sign is a math symbol but is typed for a dash often enough.
    text = "".join("-" if unicodedata.category(c) == "Pd" or c == "\u2212" else c for c in text)
    text = _HE.sub(" ", text)
    text = _NON_WORD.sub(" ", text)
    tokens = (token.strip("-") for token in text.split())
    dropped = honorifics()
    return " ".join(t for t in tokens if t and t not in dropped)


def _lenient_tokens(normalized: str) -> frozenset[str]:
    # Hyphenated compounds count as their parts for lenient matching, so
    # "uzbekistan-afghanistan-pakistan railway" overlaps "uzbekistan afghanistan ...".
    return frozenset(t for t in re.split(r"[\s\-]+", normalized) if t)


@dataclass(frozen=True)
class NameForm:
    """One acceptable spelling of a name, normalized, with its token sets."""

    normalized: str
    tokens: frozenset[str]
    content: frozenset[str]

    @classmethod
    def of(cls, normalized: str) -> NameForm:
        """Build from an already normalized name."""
        tokens = _lenient_tokens(normalized)
        return cls(normalized, tokens, tokens - stopwords())


@dataclass(frozen=True)
class NameValue:
    """A name with its acceptable forms: the name first, then any gold aliases."""

    text: str
    forms: tuple[NameForm, ...]

    @classmethod
    def of(cls, name: str, aliases: Iterable[str] | None = None) -> NameValue:
        """Build from a name and its aliases; forms that normalize to nothing are dropped."""
        forms: list[NameForm] = []
        for raw in [name, *(aliases or [])]:
            normalized = normalize_name(raw)
            if normalized and all(f.normalized != normalized for f in forms):
                forms.append(NameForm.of(normalized))
        return cls(name, tuple(forms))

    @property
    def key(self) -> str:
        """The normalized name, which makes values distinct within a document."""
        return self.forms[0].normalized if self.forms else ""

    def merged(self, other: NameValue) -> NameValue:
        """The same value accepting the forms of both (two gold spellings of one name)."""
        extra = tuple(f for f in other.forms if f not in self.forms)
        return NameValue(self.text, self.forms + extra)


def _lenient_form_match(a: NameForm, b: NameForm) -> bool:
    if a.normalized == b.normalized:
        return True
    small, large = sorted((a.tokens, b.tokens), key=len)
    # A contained set of stopwords only ("ministry of") would match every ministry.
    if small <= large and small - stopwords():
        return True
    union = a.content | b.content
    return bool(union) and len(a.content & b.content) / len(union) >= LENIENT_JACCARD


def names_match(pred: NameValue, gold: NameValue, lenient: bool) -> bool:
    """Whether a predicted name matches a gold name (with its aliases).

    Args:
        pred: The predicted name.
        gold: The gold name; any of its aliases matching is a match.
        lenient: Strict compares normalized strings; lenient also accepts token-set
            containment and content-token Jaccard >= 0.5.

    Returns:
        True on a match. A name that normalizes to nothing matches nothing.
    """
    for p in pred.forms:
        for g in gold.forms:
            if p.normalized == g.normalized or (lenient and _lenient_form_match(p, g)):
                return True
    return False


def match_names(pred: str, gold: str, lenient: bool, aliases: Sequence[str] = ()) -> bool:
    """:func:`names_match` on plain strings.

    Args:
        pred: Predicted name as written.
        gold: Gold name as written.
        lenient: Lenient rather than strict matching.
        aliases: Other acceptable strings for the gold name.

    Returns:
        True on a match.
    """
    return names_match(NameValue.of(pred), NameValue.of(gold, aliases), lenient)
