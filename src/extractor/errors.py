"""Errors that name the document and the reason, so one bad file never sinks a batch."""

from __future__ import annotations


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
