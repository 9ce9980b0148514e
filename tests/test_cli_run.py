"""Smoke tests of ``extractor run``: outputs, exit statuses (EVENTS.md section 6), summary."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from extractor.cli import app

ARTICLE = (
    "Valdoria and Estmark sign water accord\n\n"
    "Pellan, 12 May 2025. Foreign Minister Tessa Orell of Valdoria met Ambassador Lorin Vask "
    "of Estmark in Pellan on Monday. The two ministers signed a memorandum of understanding "
    "on water management and agreed to set up a joint working group.\n"
)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "accord.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "accord.meta.json").write_text('{"published": "2025-05-13"}', encoding="utf-8")
    (folder / "visit.txt").write_text(ARTICLE.replace("Monday", "Friday"), encoding="utf-8")
    return folder


def invoke(*args: str):
    return CliRunner().invoke(app, ["run", *args])


def test_run_writes_the_three_files_and_exits_0(corpus, tmp_path):
    out = tmp_path / "out"
    result = invoke(str(corpus), "-o", str(out), "--workers", "1", "--no-progress")
    assert result.exit_code == 0, result.output
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert [d["doc_id"] for d in docs] == ["accord", "visit"]
    assert all(d["status"] == "ok" for d in docs)
    assert (out / "errors.jsonl").read_text() == ""
    assert (out / "events.jsonl").exists()
    assert "2 documents" in result.stderr and "0 errors" in result.stderr


def test_run_exits_1_when_a_document_fails_and_still_writes_the_rest(corpus, tmp_path):
    (corpus / "broken.pdf").write_bytes(b"not a pdf at all")
    out = tmp_path / "out"
    result = invoke(str(corpus), "-o", str(out), "--workers", "1", "--no-progress")
    assert result.exit_code == 1, result.output
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["doc_id"] for e in errors] == ["broken"]
    assert len((out / "documents.jsonl").read_text().splitlines()) == 3
    assert "1 errors" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["does-not-exist"],
        ["{corpus}", "--engine", "spark"],
        ["{corpus}", "--model", "no_such_spacy_model_xyz"],
    ],
)
def test_run_exits_2_on_bad_usage(corpus, tmp_path, args):
    args = [a.format(corpus=corpus) for a in args]
    result = invoke(*args, "-o", str(tmp_path / "out"), "--no-progress")
    assert result.exit_code == 2, result.output


def test_limit_options_reach_the_batch(corpus, tmp_path, monkeypatch):
    import extractor.batch
    from extractor.batch import BatchSummary

    seen = {}

    def fake_run_batch(inputs, out, options):
        seen["options"] = options
        return BatchSummary(documents=0, events=0, failed=0, seconds=0.0)

    monkeypatch.setattr(extractor.batch, "run_batch", fake_run_batch)
    result = invoke(
        str(corpus),
        "-o",
        str(tmp_path / "o"),
        "--max-file-bytes",
        "1000",
        "--max-chars",
        "500",
        "--max-pdf-pages",
        "3",
        "--max-stream-bytes",
        "2000",
        "--doc-timeout",
        "7.5",
        "--follow-links",
    )
    assert result.exit_code == 0, result.output
    options = seen["options"]
    limits = options.limits
    assert (limits.max_file_bytes, limits.max_chars, limits.max_pdf_pages) == (1000, 500, 3)
    assert (limits.max_stream_bytes, limits.doc_timeout_s) == (2000, 7.5)
    assert options.follow_links is True


def test_failures_are_named_on_stderr_without_progress(corpus, tmp_path):
    (corpus / "broken.pdf").write_bytes(b"not a pdf at all")
    result = invoke(str(corpus), "-o", str(tmp_path / "out"), "--workers", "1", "--no-progress")
    assert result.exit_code == 1
    assert "failed: " in result.stderr and "broken.pdf" in result.stderr
