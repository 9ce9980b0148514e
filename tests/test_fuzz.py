"""Property-based fuzzing of everything that reads input: any bytes give text or a DocumentError.

Load (text files), clean, PDF reading and the sidecar parser each get arbitrary bytes (and,
for PDFs and sidecars, mutations of valid inputs, which reach deeper than noise). Whatever
comes in, the result is a value or a :class:`DocumentError`, never another exception, and a
sidecar that is accepted can be written back as JSON (the batch writer's crash, issue 10).

The CI session is small and derandomized (reproducible, a few seconds); ``make fuzz`` sets
``EXTRACTOR_FUZZ=long`` for a longer, randomized session.
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.errors import DocumentError
from extractor.ingest.clean import clean_text
from extractor.ingest.limits import ReadLimits
from extractor.ingest.load import decode_text, read_document
from extractor.ingest.pdf import pdf_to_text
from extractor.ingest.sidecar import parse_meta
from pdf_factory import RawCanvas

LONG = os.environ.get("EXTRACTOR_FUZZ") == "long"
FUZZ = settings(
    max_examples=5000 if LONG else 60,
    derandomize=not LONG,
    deadline=None,
    database=None,
    # the module-scoped folder is rewritten by each example, never read across examples
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
# Small limits, so that the limit paths are fuzzed too, and a page bomb stays cheap.
LIMITS = ReadLimits(max_file_bytes=200_000, max_chars=50_000, max_stream_bytes=2_000_000)


def _small_pdf() -> bytes:
    canvas = RawCanvas(page=(300, 200))
    for words in ("The ministers met in Lindhaven.", "Trade talks went on."):
        canvas.add_page()
        canvas.text(20, 40, words, size=11)
        canvas.text(20, 60, "Page 1", size=8)
    return canvas.output()


SMALL_PDF = _small_pdf()

# Text-like bytes: mostly printable, with the encodings' and controls' troublemakers mixed in.
TEXTISH = st.lists(
    st.one_of(
        st.binary(max_size=40),
        st.text(max_size=40).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.sampled_from(
            [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00", b"\r\n"]
        ),
        st.sampled_from(["â€™", "\u2066", "\u200b", "\u00ad", "Ã©"]).map(str.encode),
    ),
    max_size=30,
).map(b"".join)

# A valid PDF with bytes overwritten, cut off or inserted.
MUTATED_PDF = st.lists(
    st.tuples(
        st.integers(0, len(SMALL_PDF) - 1),
        st.sampled_from(["set", "cut", "insert"]),
        st.binary(min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=6,
).map(lambda edits: _mutate(SMALL_PDF, edits))


def _mutate(data: bytes, edits: list[tuple[int, str, bytes]]) -> bytes:
    out = bytearray(data)
    for position, kind, chunk in edits:
        position = min(position, len(out))
        if kind == "set":
            out[position : position + len(chunk)] = chunk
        elif kind == "cut":
            del out[position : position + len(chunk) * 16]
        else:
            out[position:position] = chunk
    return bytes(out)


# Any code point, lone surrogates included (json.dumps writes them as "\\ud800" escapes).
ANY_TEXT = st.lists(st.characters() | st.characters(categories=["Cs"]), max_size=20).map("".join)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | ANY_TEXT,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(ANY_TEXT, children, max_size=4)
    ),
    max_leaves=40,
)
SIDECAR_OBJECTS = st.dictionaries(
    st.sampled_from(["published", "title", "url", "source", "extra", "tags"]) | st.text(max_size=8),
    JSON_VALUES | st.dates().map(str) | st.datetimes().map(lambda d: d.isoformat() + "Z"),
    max_size=5,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(data=TEXTISH | st.binary(max_size=400))
def test_fuzz_decode_text_gives_text_or_document_error(data: bytes) -> None:
    try:
        text, warnings = decode_text(data, "fuzz.txt", limits=LIMITS)
    except DocumentError as exc:
        assert exc.source == "fuzz.txt" and exc.reason
        return
    assert isinstance(text, str) and "\x00" not in text
    assert all(isinstance(w, str) for w in warnings)


@FUZZ
@given(data=TEXTISH, meta=st.none() | st.binary(max_size=60) | SIDECAR_OBJECTS.map(json.dumps))
def test_fuzz_read_document_gives_a_document_or_document_error(
    folder: Path, data: bytes, meta: str | bytes | None
) -> None:
    path = folder / "doc.txt"
    path.write_bytes(data)
    sidecar = folder / "doc.meta.json"
    sidecar.unlink(missing_ok=True)
    if meta is not None:
        sidecar.write_bytes(meta.encode() if isinstance(meta, str) else meta)
    try:
        document = read_document(path, limits=LIMITS)
    except DocumentError as exc:
        assert exc.reason
        return
    assert document.raw_text.strip()
    json.loads(document.meta.model_dump_json())


@FUZZ
@given(text=st.text(max_size=300) | ANY_TEXT | TEXTISH.map(lambda b: b.decode("utf-8", "replace")))
def test_fuzz_clean_text_never_raises_and_gives_storable_text(text: str) -> None:
    cleaned = clean_text(text).text
    cleaned.encode("utf-8")  # documents.jsonl can hold it: no lone surrogate survives
    assert not any(unicodedata.category(ch) == "Cf" for ch in cleaned)


@FUZZ
@given(data=MUTATED_PDF | st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b + b"\n%%EOF\n"))
def test_fuzz_pdf_gives_text_or_document_error(data: bytes) -> None:
    try:
        text = pdf_to_text(data, "fuzz.pdf", limits=LIMITS)
    except DocumentError as exc:
        assert exc.source == "fuzz.pdf" and exc.reason
        return
    assert isinstance(text, str)


@FUZZ
@given(data=st.binary(max_size=200) | SIDECAR_OBJECTS.map(lambda o: json.dumps(o).encode()))
def test_fuzz_sidecar_gives_serializable_meta_or_document_error(data: bytes) -> None:
    try:
        meta = parse_meta(data, "fuzz.meta.json")
    except DocumentError as exc:
        assert exc.source == "fuzz.meta.json" and exc.reason
        return
    assert meta.published is None or len(meta.published) == 10
    json.loads(meta.model_dump_json())
