"""Stage 1, load: a path on disk becomes a :class:`RawDocument` (raw text + metadata).

Text files are decoded as UTF-8, or in their detected encoding with a warning; PDFs go
through :mod:`extractor.ingest.pdf`. Metadata comes from the sidecar ``NAME.meta.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from extractor.errors import DocumentError
from extractor.models import DocumentMeta

SUPPORTED_SUFFIXES = (".txt", ".pdf")


@dataclass
class RawDocument:
    """A document as read from disk, before cleaning."""

    doc_id: str
    source: str
    meta: DocumentMeta
    raw_text: str
    warnings: list[str] = field(default_factory=list)


def sidecar_path(path: Path) -> Path:
    """``NAME.meta.json`` beside ``NAME.txt`` / ``NAME.pdf``."""
    return path.with_name(path.stem + ".meta.json")


def read_meta(path: Path) -> DocumentMeta:
    """Read and validate the sidecar metadata of ``path`` (empty when there is none).

    Raises:
        DocumentError: the sidecar exists but is not valid JSON or not the documented shape.
    """
    meta_path = sidecar_path(path)
    if not meta_path.exists():
        return DocumentMeta()
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
        return DocumentMeta.model_validate(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(str(meta_path), f"sidecar is not valid JSON: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DocumentError(str(meta_path), f"sidecar field {where!r}: {first['msg']}") from exc


def decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode a text file: UTF-8 first, else the detected encoding with a warning.

    Raises:
        DocumentError: the bytes are binary (NUL bytes) or no encoding fits.
    """
    if b"\x00" in data[:65536]:
        raise DocumentError(source, "binary content (NUL bytes) in a text file")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    # charset_normalizer comes with pdfminer.six (pdfplumber's parser): no extra dependency.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DocumentError(source, "cannot decode: not UTF-8 and no other encoding fits")
    warning = f"{source}: not UTF-8, decoded as {best.encoding}"
    return str(best), [warning]


def read_document(path: str | Path, doc_id: str | None = None) -> RawDocument:
    """Read one ``.txt`` or ``.pdf`` file with its sidecar metadata.

    Args:
        path: The document.
        doc_id: Identifier to use; defaults to the file name without extension.

    Returns:
        The raw document.

    Raises:
        DocumentError: unreadable, undecodable, unsupported or empty input.
    """
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(source, f"unsupported file type {suffix!r} (expected .txt or .pdf)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(source, f"cannot read file: {exc.strerror or exc}") from exc
    meta = read_meta(path)
    if not data.strip():
        raise DocumentError(source, "empty file")
    if suffix == ".pdf":
        from extractor.ingest.pdf import pdf_to_text

        text, warnings = pdf_to_text(data, source), []
    else:
        text, warnings = decode_text(data, source)
    if not text.strip():
        raise DocumentError(source, "no text in document")
    return RawDocument(
        doc_id=doc_id or path.stem, source=source, meta=meta, raw_text=text, warnings=warnings
    )
