"""Errors that name the document and the reason, so one bad file never sinks a batch."""

from __future__ import annotations

import unicodedata


class ExtractorError(Exception):
    """Base class for the extractor's own errors."""


class DocumentError(ExtractorError):
    """A document that cannot be read or processed; the batch records it and goes on.

    Args:
        source: Path of the document.
        reason: What is wrong, in words a data engineer can act on.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelNotFoundError(ExtractorError):
    """The spaCy model asked for is not installed."""


# Unicode categories that move the cursor, recolour or reorder a terminal: control,
# format (bidi and zero-width marks) and lone surrogates (undecodable file-name bytes).
_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs"})


def escape_controls(text: str) -> str:
    """``text`` with control and format characters as ``\\xNN``/``\\uNNNN`` escapes.

    A file name may hold escape sequences; printed raw, they would rewrite the user's
    terminal. Everything printable, non-ASCII letters included, is kept as it is.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if unicodedata.category(char) in _UNPRINTABLE:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
