"""Stage 1, load: a path on disk becomes a :class:`RawDocument` (raw text + metadata).

Only regular files are opened (a FIFO or device named as input is refused without being
opened), and only up to the size limit. Text files are decoded by their byte order mark
(UTF-8/16/32), else as UTF-8, else in the detected encoding with a warning, where Windows-1252
wins when it reads as plain Western text (detectors cannot tell it from other single-byte
code pages on short texts). PDFs go through :mod:`extractor.ingest.pdf`. Metadata comes from
the sidecar ``NAME.meta.json`` (:mod:`extractor.ingest.sidecar`).

Every refusal is a :class:`~extractor.errors.DocumentError` naming the file and the reason;
a refusal for size names the limit (:class:`~extractor.ingest.limits.ReadLimits`).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import DocumentError
from extractor.ingest.limits import DEFAULT_LIMITS, ReadLimits
from extractor.ingest.sidecar import read_meta, sidecar_path
from extractor.models import DocumentMeta

SUPPORTED_SUFFIXES = (".txt", ".pdf")

__all__ = [
    "SUPPORTED_SUFFIXES",
    "RawDocument",
    "decode_text",
    "read_document",
    "read_meta",
    "sidecar_path",
]

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Typographic characters a Windows-1252 text holds beside letters (the 0x80-0xBF row).
_WESTERN_MARKS = frozenset("€‚„…†‡‰‹›‘’“”•–—˜™¢£¥§©«®°±µ¶·»×÷\u00a0¡¿")
# In Western text most letters are ASCII; Cyrillic or Greek read as 1252 are mostly not.
_MAX_NON_ASCII_LETTERS = 0.3
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass
class RawDocument:
    """A document as read from disk, before cleaning."""

    doc_id: str
    source: str
    meta: DocumentMeta
    raw_text: str
    warnings: list[str] = field(default_factory=list)


def read_document(
    path: str | Path, doc_id: str | None = None, *, limits: ReadLimits = DEFAULT_LIMITS
) -> RawDocument:
    """Read one ``.txt`` or ``.pdf`` file with its sidecar metadata.

    Args:
        path: The document.
        doc_id: Identifier to use; defaults to the file name without extension.
        limits: File size, characters, PDF pages and inflated PDF stream bytes allowed.

    Returns:
        The raw document.

    Raises:
        DocumentError: unreadable, undecodable, unsupported, empty or too large input, or an
            invalid sidecar (then naming the sidecar).
    """
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(source, f"unsupported file type {suffix!r} (expected .txt or .pdf)")
    data = read_bytes(path, limits)
    meta = read_meta(path, limits)
    if not data.strip():
        raise DocumentError(source, "empty file")
    warnings: list[str] = []
    if suffix == ".pdf":
        from extractor.ingest.pdf import pdf_to_text

        text = pdf_to_text(data, source, limits=limits)
    else:
        text, warnings = decode_text(data, source, limits=limits)
    if not text.strip():
        raise DocumentError(source, "no text in document")
    return RawDocument(
        doc_id=doc_id or path.stem, source=source, meta=meta, raw_text=text, warnings=warnings
    )


def read_bytes(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a regular file, refused before reading when it is over the size limit.

    Raises:
        DocumentError: not a regular file, unreadable, or larger than ``max_file_bytes``.
    """
    source = str(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DocumentError(source, f"cannot read file: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block the reader forever, a device never end: neither is opened.
        raise DocumentError(source, f"not a regular file ({_file_kind(info.st_mode)})")
    too_large = DocumentError(
        source, limits.refusal(f"file too large: {info.st_size:,} bytes", "max_file_bytes")
    )
    if info.st_size > limits.max_file_bytes:
        raise too_large
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)  # the file may grow meanwhile
    except OSError as exc:
        raise DocumentError(source, f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > limits.max_file_bytes:
        raise too_large
    return data


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def decode_text(
    data: bytes, source: str, *, limits: ReadLimits = DEFAULT_LIMITS
) -> tuple[str, list[str]]:
    """Decode a text file: by its byte order mark, else UTF-8, else the detected encoding.

    Returns:
        The text and the warnings (one when the text was not UTF-8).

    Raises:
        DocumentError: NUL bytes anywhere (binary content), no encoding fits, or more
            characters than ``max_chars``.
    """
    # No encoding spends fewer than 4 bytes a character: refuse before decoding.
    if len(data) > 4 * limits.max_chars:
        raise DocumentError(source, _too_many_chars(len(data) // 4, limits))
    text, warnings = _decode(data, source)
    nul = text.find("\x00")
    if nul >= 0:
        raise DocumentError(source, f"binary content: NUL character at position {nul:,}")
    if len(text) > limits.max_chars:
        raise DocumentError(source, _too_many_chars(len(text), limits))
    return text, warnings


def _too_many_chars(count: int, limits: ReadLimits) -> str:
    return limits.refusal(f"too long: at least {count:,} characters", "max_chars")


def _decode(data: bytes, source: str) -> tuple[str, list[str]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), []
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    source, f"invalid {encoding} after its byte order mark: {exc}"
                ) from exc
    nul = data.find(b"\x00")
    if nul >= 0:  # UTF-16/32 without a mark is not guessed: binary data holds NULs too
        raise DocumentError(source, f"binary content: NUL byte at offset {nul:,}")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    encoding, text = _guess(data, source)
    return text, [f"{source}: not UTF-8, decoded as {encoding}"]


def _guess(data: bytes, source: str) -> tuple[str, str]:
    """The encoding of non-UTF-8 bytes: Windows-1252 when it reads as Western text."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_western(western):
        return "cp1252", western
    # charset_normalizer comes with pdfminer.six (pdfplumber's parser): no extra dependency.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DocumentError(source, "cannot decode: not UTF-8 and no other encoding fits")
    return best.encoding, str(best)


def _reads_as_western(text: str) -> bool:
    """Whether text decoded as Windows-1252 looks like a Western European language.

    Other single-byte code pages read as 1252 give symbols inside words ("Za¿ó³æ" for the
    Polish "Zażółć") or, for Cyrillic and Greek, words of accented letters only.
    """
    non_ascii = 0
    for match in _NON_ASCII.finditer(text):
        ch, start = match.group(), match.start()
        if ch.isalpha():
            non_ascii += 1
        elif ch in "¡¿" and start and text[start - 1].isalpha():
            return False  # inverted marks open a sentence, never end a word
        elif ch not in _WESTERN_MARKS and not unicodedata.category(ch).startswith(("M", "Z")):
            return False
    letters = len(_ASCII_LETTER.findall(text)) + non_ascii
    return non_ascii <= _MAX_NON_ASCII_LETTERS * max(letters, 1)
