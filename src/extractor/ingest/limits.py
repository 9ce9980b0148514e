"""Resource limits for reading one input, configurable from the command line.

Every refusal names the limit it hit (``"file too large: 70,000,000 bytes (limit
--max-file-bytes 64,000,000)"``), so a user knows which option to raise. The defaults admit
any press article (a 2,000-page PDF, a 1 MB text) and refuse what would exhaust a worker.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadLimits:
    """Limits applied while reading one document.

    Attributes:
        max_file_bytes: Largest input file, checked before reading it.
        max_chars: Most characters in one document's text, checked while reading.
        max_pdf_pages: Most pages in one PDF.
        max_stream_bytes: Largest inflated PDF content stream or page, checked before the
            stream is materialized (decompression bombs).
        doc_timeout_s: Wall-clock seconds one document may take in a worker (batch engines).
    """

    max_file_bytes: int = 64_000_000
    max_chars: int = 2_000_000
    max_pdf_pages: int = 5_000
    max_stream_bytes: int = 32_000_000
    doc_timeout_s: float = 300.0

    def refusal(self, what: str, field: str) -> str:
        """The reason of a refusal: what was found and the limit it passed, as an option.

        Args:
            what: What the input holds ("file too large: 70,000,000 bytes").
            field: The :class:`ReadLimits` field that refused it ("max_file_bytes").

        Returns:
            ``"file too large: 70,000,000 bytes (limit --max-file-bytes 64,000,000)"``.
        """
        value = getattr(self, field)
        option = "--" + field.replace("_", "-")
        return f"{what} (limit {option} {value:,})"


DEFAULT_LIMITS = ReadLimits()
