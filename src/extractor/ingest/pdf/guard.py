"""Bounded stream decoding: a decompression bomb is refused before it is materialized.

pdfminer inflates every stream whole (``zlib.decompress`` in ``PDFStream.decode``), so a
3 MB file of Flate streams that inflate to 3 GB takes 3 GB of memory before any page is
read. While :func:`bounded_streams` is active, the three places where pdfminer makes bytes
out of a stream are bounded: the stream's declared decoded length (``/DL``) is checked
first, Flate is inflated with ``zlib.decompressobj().decompress(data, max_length)`` and LZW
decoding stops at the limit. Past the limit, :class:`StreamTooLarge` is raised; it is also
remembered, so that a pdfminer ``except Exception`` on the way up cannot hide it.

The patch points are module attributes of ``pdfminer.pdftypes`` (its ``zlib`` and
``lzwdecode`` names and ``PDFStream.decode``); outside :func:`bounded_streams` they behave
exactly as pdfminer's own, so other users of pdfminer in the process are unaffected.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from io import BytesIO
from typing import Any


class StreamTooLarge(Exception):  # noqa: N818  (named after the condition, like EOFError)
    """A stream's decoded bytes would exceed the limit."""

    def __init__(self, size: int, limit: int, declared: bool = False, page: int = 0) -> None:
        if declared:
            super().__init__(f"a PDF stream declares {size:,} bytes")
        elif page:
            super().__init__(f"the streams of page {page:,} inflate to more than {limit:,} bytes")
        else:
            super().__init__(f"a PDF stream inflates to more than {limit:,} bytes")
        self.size = size
        self.limit = limit


@dataclass
class StreamBudget:
    """The limit, and the bytes the streams of the page being read have inflated to."""

    limit: int
    tripped: StreamTooLarge | None = None
    page: int = 0  # 1-based; 0 while the file is opened (cross-reference and object streams)
    page_bytes: int = 0

    def check(self, size: int, declared: bool = False) -> None:
        if size > self.limit:
            self.tripped = StreamTooLarge(size, self.limit, declared)
            raise self.tripped

    def start_page(self, number: int) -> None:
        self.page, self.page_bytes = number, 0

    def spend(self, size: int) -> None:
        """Count a decoded stream against its page: many streams just under the limit each
        (a page of a thousand content streams) are refused as well."""
        self.page_bytes += size
        if self.page_bytes > self.limit:
            self.tripped = StreamTooLarge(self.page_bytes, self.limit, page=self.page)
            raise self.tripped


_BUDGET: ContextVar[StreamBudget | None] = ContextVar("extractor_pdf_stream_budget", default=None)


class _BoundedDecompressor:
    """``zlib.decompressobj()`` whose total output is checked against the budget."""

    def __init__(self, budget: StreamBudget) -> None:
        self._inner = zlib.decompressobj()
        self._budget = budget
        self._total = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = self._budget.limit - self._total + 1
        cap = room if max_length <= 0 else min(room, max_length)
        out = self._inner.decompress(data, cap)
        self._total += len(out)
        self._budget.check(self._total)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _inflate(data: bytes, budget: StreamBudget) -> bytes:
    """``zlib.decompress(data)`` that stops one byte past the budget instead of going on."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, budget.limit + 1)
    budget.check(len(out))
    if not inflater.eof:
        # What zlib.decompress raises on a cut stream: pdfminer then tries its own repair.
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


class _ZlibShim:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes``."""

    error = zlib.error

    def decompress(self, data: bytes, *args: Any, **kwargs: Any) -> bytes:
        budget = _BUDGET.get()
        if budget is None or args or kwargs:
            return zlib.decompress(data, *args, **kwargs)
        return _inflate(data, budget)

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        budget = _BUDGET.get()
        if budget is None or args or kwargs:
            return zlib.decompressobj(*args, **kwargs)
        return _BoundedDecompressor(budget)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _bounded_lzw(original: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def lzwdecode(data: bytes) -> bytes:
        budget = _BUDGET.get()
        if budget is None:
            return original(data)
        from pdfminer.lzw import LZWDecoder

        chunks, total = [], 0
        for chunk in LZWDecoder(BytesIO(data)).run():
            total += len(chunk)
            budget.check(total)
            chunks.append(chunk)
        return b"".join(chunks)

    return lzwdecode


def _checked_decode(original: Callable[[Any], None]) -> Callable[[Any], None]:
    def decode(stream: Any) -> None:
        budget = _BUDGET.get()
        if budget is not None:
            declared = stream.attrs.get("DL")
            if isinstance(declared, int):
                budget.check(declared, declared=True)
        original(stream)
        if budget is not None:
            budget.spend(len(stream.data or b""))

    return decode


_install_lock = threading.Lock()
_installed = False


def _install() -> None:
    """Put the bounded versions in place (once per process, whichever thread comes first)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        from pdfminer import pdftypes

        pdftypes.zlib = _ZlibShim()  # type: ignore[assignment]
        pdftypes.lzwdecode = _bounded_lzw(pdftypes.lzwdecode)  # type: ignore[assignment]
        pdftypes.PDFStream.decode = _checked_decode(pdftypes.PDFStream.decode)  # type: ignore[method-assign,assignment]
        _installed = True


@contextmanager
def bounded_streams(limit: int) -> Iterator[StreamBudget]:
    """Within the block, no pdfminer stream decodes to more than ``limit`` bytes.

    Yields:
        The budget; its ``tripped`` holds the refusal if one happened (even if swallowed).
    """
    _install()
    budget = StreamBudget(limit)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)
