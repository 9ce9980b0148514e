"""Reading inputs (``extractor.ingest.load`` and ``extractor.ingest.sidecar``): issue 10's cases.

Each case is named after the defect it holds: encodings, NUL bytes, size limits, special
files, and sidecars (BOM, impossible dates, ISO datetimes, deep nesting). Texts are invented.
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from extractor.errors import DocumentError
from extractor.ingest.clean import clean_text
from extractor.ingest.limits import ReadLimits
from extractor.ingest.load import decode_text, read_document
from extractor.ingest.sidecar import MAX_DEPTH, parse_meta

ARTICLE = (
    "The Foreign Minister of Norvania, Alda Venmoor, met the Ambassador of Kestria in "
    "Lindhaven on Monday. They agreed to open a joint trade office next spring.\n"
)


def _write(folder: Path, name: str, data: bytes, meta: bytes | None = None) -> Path:
    path = folder / name
    path.write_bytes(data)
    if meta is not None:
        path.with_name(path.stem + ".meta.json").write_bytes(meta)
    return path


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8-sig"],
)
def test_utf16_with_bom_is_decoded(tmp_path: Path, bom: bytes, encoding: str) -> None:
    text = "José Muñoz, the Minister of Foreign Affairs, arrived in Lindhaven — 3 ½ hours late."
    path = _write(tmp_path, "note.txt", bom + text.encode(encoding))
    document = read_document(path)
    assert document.raw_text == text
    assert document.warnings == []


@pytest.mark.parametrize(
    "text",
    [
        "José Muñoz met the delegation.",
        "Café Peña hosted the reception.",
        "étrangères",
        "Le ministère des affaires étrangères a reçu la délégation à Genève.",
        "Der Außenminister traf die Delegation in Köln.",
        "The minister said it’s a “good day” — and €4 million followed.",
        "¿Qué dijo el ministro? ¡Nada!",
    ],
)
def test_cp1252_guess_is_preferred_for_western_text(text: str) -> None:
    decoded, warnings = decode_text(text.encode("cp1252"), "a.txt")
    assert decoded == text
    assert warnings == ["a.txt: not UTF-8, decoded as cp1252"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Minister spotkał się z ambasadorem. Zażółć gęślą jaźń w Łodzi.", "cp1250"),
        ("Министр иностранных дел встретился с послом в понедельник.", "cp1251"),
        ("Ο υπουργός εξωτερικών συναντήθηκε με τον πρέσβη.", "cp1253"),
    ],
    ids=["polish", "russian", "greek"],
)
def test_cp1252_guess_leaves_other_code_pages_to_the_detector(text: str, encoding: str) -> None:
    decoded, warnings = decode_text(text.encode(encoding), "a.txt")
    assert decoded == text
    assert warnings == [f"a.txt: not UTF-8, decoded as {encoding}"]


def test_mojibake_is_repaired_before_nlp(tmp_path: Path) -> None:
    """UTF-8 read as Windows-1252 somewhere upstream and saved again as UTF-8."""
    mangled = "The minister’s visit to Café Peña was a success.".encode().decode("cp1252")
    path = _write(tmp_path, "m.txt", mangled.encode("utf-8"))
    assert "â€™" in read_document(path).raw_text
    assert clean_text(read_document(path).raw_text).text == (
        "The minister's visit to Café Peña was a success."
    )


def test_nul_after_64_kib_is_refused(tmp_path: Path) -> None:
    data = ARTICLE.encode() * 500  # 78 kB
    data = data[:70_000] + b"\x00" + data[70_000:]
    path = _write(tmp_path, "late-nul.txt", data)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason == "binary content: NUL byte at offset 70,000"


def test_nul_inside_utf16_text_is_refused() -> None:
    data = codecs.BOM_UTF16_LE + "Minister\x00 Venmoor".encode("utf-16-le")
    with pytest.raises(DocumentError, match="NUL character at position 8"):
        decode_text(data, "u.txt")


def test_invalid_utf16_after_bom_is_refused() -> None:
    with pytest.raises(DocumentError, match="invalid utf-16-le after its byte order mark"):
        decode_text(codecs.BOM_UTF16_LE + b"A\x00\x00\xd8", "u.txt")  # a lone surrogate


# --- sizes and special files -----------------------------------------------------------------------


def test_file_over_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    """A 20 GB sparse file: reading it would take minutes and memory; stat says enough."""
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(20_000_000_000)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason == (
        "file too large: 20,000,000,000 bytes (limit --max-file-bytes 64,000,000)"
    )


def test_file_size_limit_is_configurable(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", ARTICLE.encode())
    size = len(ARTICLE.encode())
    with pytest.raises(
        DocumentError, match=rf"too large: {size} bytes \(limit --max-file-bytes 100\)"
    ):
        read_document(path, limits=ReadLimits(max_file_bytes=100))


def test_text_over_character_limit_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", ARTICLE.encode() * 3)
    with pytest.raises(DocumentError) as caught:
        read_document(path, limits=ReadLimits(max_chars=400))
    assert caught.value.reason == (
        f"too long: at least {3 * len(ARTICLE)} characters (limit --max-chars 400)"
    )


def test_text_far_over_character_limit_is_refused_before_decoding() -> None:
    with pytest.raises(DocumentError, match=r"at least 250 characters \(limit --max-chars 100\)"):
        decode_text(b"\xff" * 1000, "a.txt", limits=ReadLimits(max_chars=100))


def test_text_of_1_mb_succeeds(tmp_path: Path) -> None:
    sentences = [
        f"On day {n} the delegation of Norvania met officials of Kestria in hall {n % 97}."
        for n in range(14_000)
    ]
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    text = "\n\n".join(paragraphs)
    assert len(text.encode()) > 1_000_000
    document = read_document(_write(tmp_path, "long.txt", text.encode()))
    assert clean_text(document.raw_text).text == text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    """Opening a FIFO with no writer blocks forever: this test would hang, not fail."""
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason == "not a regular file (a FIFO)"


def test_folder_named_like_a_document_is_refused(tmp_path: Path) -> None:
    (tmp_path / "archive.txt").mkdir()
    with pytest.raises(DocumentError, match=r"not a regular file \(a directory\)"):
        read_document(tmp_path / "archive.txt")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="cannot read file: No such file or directory"):
        read_document(tmp_path / "gone.txt")


# --- sidecars ------------------------------------------------------------------------------------


def _meta(tmp_path: Path, meta: bytes):
    return read_document(_write(tmp_path, "a.txt", ARTICLE.encode(), meta))


def test_sidecar_with_utf8_bom_is_read(tmp_path: Path) -> None:
    meta = codecs.BOM_UTF8 + json.dumps({"published": "2025-03-04", "title": "Día"}).encode()
    document = _meta(tmp_path, meta)
    assert document.meta.published == "2025-03-04"
    assert document.meta.title == "Día"


def test_sidecar_impossible_date_names_the_sidecar(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        _meta(tmp_path, b'{"published": "2025-02-30"}')
    assert caught.value.source == str(tmp_path / "a.meta.json")
    assert caught.value.reason == (
        "sidecar field 'published': impossible date '2025-02-30' (day is out of range for month)"
    )


@pytest.mark.parametrize(
    ("published", "date"),
    [
        ("2025-03-04T10:00:00Z", "2025-03-04"),
        ("2025-03-04T23:30:00-05:00", "2025-03-04"),  # the date as written, not moved to UTC
        ("2025-03-04 10:00", "2025-03-04"),
        (" 2025-03-04 ", "2025-03-04"),
        (None, None),
    ],
)
def test_sidecar_iso_datetime_gives_its_date(
    tmp_path: Path, published: str | None, date: str | None
) -> None:
    assert _meta(tmp_path, json.dumps({"published": published}).encode()).meta.published == date


@pytest.mark.parametrize(
    ("meta", "reason"),
    [
        (b'{"published": "last Tuesday"}', "sidecar field 'published': not a date: 'last Tuesday'"),
        (b'{"published": 20250304}', "sidecar field 'published': Input should be a valid string"),
        (b'{"published": "2025-03-04",}', "sidecar is not valid JSON"),
        (b'{"score": NaN}', "sidecar is not valid JSON: NaN is not a JSON number"),
        (b'{"n": ' + b"9" * 5000 + b"}", "sidecar is not valid JSON: Exceeds the limit"),
        (b"\xff\xfe{}", "sidecar is not UTF-8"),
        (b"[1, 2]", "sidecar field '(top level)'"),
        (b'{"title": "Caf\\udce9"}', "sidecar holds a lone surrogate (U+DCE9): not valid Unicode"),
    ],
    ids=[
        "words",
        "number",
        "trailing-comma",
        "nan",
        "huge-number",
        "not-utf8",
        "list",
        "surrogate",
    ],
)
def test_sidecar_errors_name_the_sidecar(tmp_path: Path, meta: bytes, reason: str) -> None:
    with pytest.raises(DocumentError) as caught:
        _meta(tmp_path, meta)
    assert caught.value.source.endswith("a.meta.json")
    assert caught.value.reason.startswith(reason)


@pytest.mark.parametrize("depth", [MAX_DEPTH, 256, 100_000])
def test_deep_sidecar_is_refused_with_a_clear_error(tmp_path: Path, depth: int) -> None:
    """Pydantic's serializer gave up at 256 levels inside the batch writer; json at ~1,000."""
    extra = "[" * depth + "]" * depth  # in the object around it: depth + 1 levels
    meta = f'{{"published": "2025-03-04", "history": {extra}}}'.encode()
    with pytest.raises(DocumentError) as caught:
        _meta(tmp_path, meta)
    assert caught.value.reason == f"sidecar nested deeper than {MAX_DEPTH} levels"


def test_sidecar_at_the_depth_limit_is_kept_and_serializable() -> None:
    nested: list = []
    for _ in range(MAX_DEPTH - 2):
        nested = [nested]  # MAX_DEPTH - 1 levels of lists; in the object, MAX_DEPTH in all
    meta = parse_meta(json.dumps({"history": nested}).encode(), "a.meta.json")
    assert json.loads(meta.model_dump_json())["history"] == nested


def test_bidi_and_zero_width_controls_leave_events_unchanged(extract) -> None:
    """ "H.E.\u2066 Name" lost its country while the isolate split the name for the NLP stage."""
    plain = (
        "Santiago, 3 March 2025: H.E. Alda Venmoor, the Foreign Minister of Chile, met "
        "Ambassador Tor Lindqvist of Norway in Santiago on Monday."
    )
    marked = (
        "Santiago, 3 March 2025: H.E.\u2066 Alda Venmoor\u2069, the Foreign Minister of Chile, "
        "met Ambassador\u200b Tor Lindqvist of Norway in Santiago on Monday."
    )
    expected = extract(plain, published="2025-03-04")
    got = extract(marked, published="2025-03-04")
    assert got.record.text == plain  # the stored text has no controls: offsets point into it
    assert [e.model_dump(mode="json") for e in got.events] == [
        e.model_dump(mode="json") for e in expected.events
    ]
    venmoor = got.events[0].officials[0]
    assert (venmoor.name, venmoor.country) == ("Alda Venmoor", "CHL")
    trigger = got.events[0].trigger
    assert got.record.text[trigger.start : trigger.end] == trigger.text
