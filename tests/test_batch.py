"""Batch runs: discovery and doc_ids, fault isolation, resume after SIGKILL, workers, Dask.

Every comparison is byte for byte between output files, so these tests hold whatever the
events contain. The articles are invented here; nothing is read from outside the test.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from batch_corpus import OUTPUTS, article, inline, lines, read_outputs, write_corpus
from extractor import batch
from extractor.batch import BatchOptions, assign_doc_ids, discover_inputs, run_batch
from extractor.pipeline import resolve_model_name


def make_pdf(text: str, password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def good_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("good")
    write_corpus(root, 6)
    (root / "report.pdf").write_bytes(make_pdf(article(7)))
    return root


@pytest.fixture(scope="module")
def good_run(good_corpus, tmp_path_factory) -> Path:
    """The good documents run alone, one local worker: the reference output."""
    out = tmp_path_factory.mktemp("good-out")
    summary = run_batch([good_corpus], out, inline())
    assert summary.failed == 0
    return out


# --------------------------------------------------------------------------- discovery


def test_discovery_is_sorted_recursive_and_skips_sidecars_and_hidden(tmp_path):
    for name in ["b.txt", "a.TXT", "sub/c.pdf", "sub/c.meta.json", ".hidden/d.txt", "e.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    explicit = tmp_path / "e.md"
    found = discover_inputs([tmp_path, explicit, tmp_path / "b.txt"])
    rel = [f.path.relative_to(tmp_path).as_posix() for f in found]
    # Folders: sorted by path components; an explicitly named file is an input whatever its
    # suffix (so it is reported); a file reached twice counts once.
    assert rel == ["a.TXT", "b.txt", "sub/c.pdf", "e.md"]


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["x/one.txt", "x/two.txt"], ["one", "two"]),
        # a PDF beside the text of the same name: the gold convention STEM-pdf
        (["p/x.txt", "p/x.pdf"], ["x", "x-pdf"]),
        (["p/x.pdf"], ["x"]),
        (["p/x-pdf.pdf", "p/x.txt"], ["x-pdf", "x"]),
        (["p/x.pdf.txt"], ["x.pdf"]),
    ],
)
def test_doc_id_is_the_stem_decided_per_file(tmp_path, paths, expected):
    for p in paths:
        (tmp_path / p).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / p).write_text("x")
    docs = assign_doc_ids([tmp_path / p for p in paths])
    assert [d.doc_id for d in docs] == expected
    assert all(d.problem is None for d in docs)
    # each id is the same when the file is given alone: no other input changes it
    assert [assign_doc_ids([tmp_path / p])[0].doc_id for p in paths] == expected


def test_the_corpus_text_beside_its_pdf_keeps_the_id_its_gold_uses(tmp_path):
    (tmp_path / "note.txt").write_text("x")
    (tmp_path / "note.pdf").write_text("x")
    together = assign_doc_ids([tmp_path / "note.txt", tmp_path / "note.pdf"])
    alone = assign_doc_ids([tmp_path / "note.txt"])
    assert [d.doc_id for d in together] == ["note", "note-pdf"]
    assert alone[0].doc_id == "note"


def test_same_name_in_two_folders_keeps_the_first_and_fails_the_second(tmp_path):
    for folder, n in (("a", 1), ("b", 2)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(article(n), encoding="utf-8")
    first, second = tmp_path / "out1", tmp_path / "out2"
    summary = run_batch([tmp_path / "a", tmp_path / "b"], first, inline())
    run_batch([tmp_path / "a", tmp_path / "b"], second, inline())
    docs = lines(first, "documents.jsonl")
    assert [(d["doc_id"], d["status"]) for d in docs] == [("x", "ok"), ("x", "error")]
    (error,) = lines(first, "errors.jsonl")
    assert error["source"] == str(tmp_path / "b" / "x.txt")
    assert "already the id of" in error["error"] and "rename" in error["error"]
    assert summary.failed == 1
    assert read_outputs(first) == read_outputs(second)


# --------------------------------------------------------------------------- fault isolation


def test_bad_inputs_are_accounted_for_and_good_outputs_unchanged(good_corpus, good_run, tmp_path):
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for path in good_corpus.iterdir():
        (mixed / path.name).write_bytes(path.read_bytes())
    bad = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 40,
        "truncated.pdf": make_pdf(article(3))[:700],
        "encrypted.pdf": make_pdf(article(4), password="secret"),
        "plain-text.pdf": article(5).encode(),
    }
    for name, data in bad.items():
        (mixed / name).write_bytes(data)
    latin = "Le ministre des Affaires étrangères a reçu l'ambassadeur à Pellan.\n\n" + article(9)
    (mixed / "latin1.txt").write_bytes(latin.encode("latin-1"))
    paragraph = article(11).replace("\n\n", " ")
    big = "\n\n".join([paragraph] * (2_500_000 // len(paragraph)))
    (mixed / "huge.txt").write_text(big, encoding="utf-8")
    assert (mixed / "huge.txt").stat().st_size > 2_000_000

    out = tmp_path / "out"
    summary = run_batch([mixed], out, inline())

    inputs = sorted(p.name for p in mixed.iterdir() if not p.name.endswith(".meta.json"))
    docs = {Path(d["source"]).name: d for d in lines(out, "documents.jsonl")}
    errors = {Path(e["source"]).name: e for e in lines(out, "errors.jsonl")}
    assert sorted(docs) == inputs  # every input has exactly one documents.jsonl line
    assert len(lines(out, "documents.jsonl")) == len(inputs)
    assert {n for n, d in docs.items() if d["status"] == "error"} == set(errors)
    assert set(bad) <= set(errors)
    for name, error in errors.items():
        assert error["error"].startswith(str(mixed / name)), error  # names the file
        assert len(error["error"]) > len(str(mixed / name)) + 5  # and a reason
    assert "encrypted" in errors["encrypted.pdf"]["error"]
    assert "empty" in errors["empty.txt"]["error"]
    # The multi-megabyte text is processed in pieces or refused with a clear reason.
    if "huge.txt" in errors:
        assert "too long" in errors["huge.txt"]["error"]
    # Latin-1 is decoded with a warning, not rejected.
    assert docs["latin1.txt"]["status"] == "ok"
    assert "étrangères" in docs["latin1.txt"]["text"]
    assert any("UTF-8" in w for w in docs["latin1.txt"]["warnings"])
    assert summary.failed == len(errors)
    assert summary.documents == len(inputs)

    # The good documents' lines are exactly those of the good documents run alone.
    good_ids = {d["doc_id"] for d in lines(good_run, "documents.jsonl")}
    for name in ("documents.jsonl", "events.jsonl"):
        mixed_lines = [
            line
            for line in (out / name).read_text(encoding="utf-8").splitlines()
            if json.loads(line)["doc_id"] in good_ids
        ]
        alone = (good_run / name).read_text(encoding="utf-8").splitlines()
        assert [_without_source(x) for x in mixed_lines] == [_without_source(x) for x in alone]


def _without_source(line: str) -> dict:
    data = json.loads(line)
    data.pop("source", None)
    data.pop("run_id", None)  # a hash of the run's inputs: differs by design
    return data


def test_an_exception_inside_a_spacy_batch_fails_only_that_document(
    good_corpus, good_run, tmp_path, monkeypatch
):
    from spacy.language import Language

    from extractor.pipeline import Extractor, load_pipeline

    @Language.component("test_explode_on_marker")
    def explode(doc):
        if "KABOOM" in doc.text:
            raise ValueError("component exploded")
        return doc

    nlp = load_pipeline()
    nlp.add_pipe("test_explode_on_marker", after="ner")
    monkeypatch.setitem(batch.worker._EXTRACTORS, resolve_model_name(None), Extractor(nlp=nlp))

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in good_corpus.iterdir():
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "article-002x.txt").write_text(article(2) + "\nKABOOM.\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([corpus], out, inline(batch_size=16))

    errors = lines(out, "errors.jsonl")
    assert summary.failed == 1
    assert [e["doc_id"] for e in errors] == ["article-002x"]
    assert "article-002x.txt" in errors[0]["error"]
    assert "ValueError: component exploded" in errors[0]["error"]
    good = [
        _without_source(line)
        for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["doc_id"] != "article-002x"
    ]
    alone = (good_run / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert good == [_without_source(line) for line in alone]


# --------------------------------------------------------------------------- resume


def test_rerun_reuses_parts_and_redoes_only_a_changed_input(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 10)
    options = inline(chunk_size=3)
    out = tmp_path / "out"
    first = run_batch([corpus], out, options)
    assert (first.chunks, first.reused_chunks) == (4, 0)
    before = read_outputs(out)

    again = run_batch([corpus], out, options)
    assert again.reused_chunks == 4
    assert read_outputs(out) == before
    assert (again.documents, again.events, again.failed) == (
        first.documents,
        first.events,
        first.failed,
    )

    (corpus / "article-004.txt").write_text(article(40), encoding="utf-8")
    changed = run_batch([corpus], out, options)
    assert changed.reused_chunks == 3  # only the chunk holding article-004 is redone
    fresh = tmp_path / "fresh"
    run_batch([corpus], fresh, options)
    assert read_outputs(out) == read_outputs(fresh)
    assert len(list((out / ".parts").glob("*.part"))) == 4  # the stale part is gone


_RUN_IN_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from extractor.batch import BatchOptions, run_batch
    run_batch([Path(sys.argv[1])], Path(sys.argv[2]),
              BatchOptions(workers=1, progress=False, chunk_size=2))
    """
)


def test_sigkill_then_rerun_gives_the_uninterrupted_output(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 24)  # 12 chunks of 2: the kill lands after the first, before the last
    out = tmp_path / "out"
    options = inline(chunk_size=2)
    child = subprocess.Popen(
        [sys.executable, "-c", _RUN_IN_CHILD, str(corpus), str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    parts = out / ".parts"
    deadline = time.monotonic() + 60
    while not list(parts.glob("*.part")) and child.poll() is None:
        assert time.monotonic() < deadline, "no chunk written within 60 s"
        time.sleep(0.005)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, child.stderr.read().decode()
    child.stderr.close()
    finished = len(list(parts.glob("*.part")))
    assert 1 <= finished < 12, "the run was killed after its first chunk, before its last"
    for name in OUTPUTS:  # nothing partial reaches the output files
        assert not (out / name).exists()

    summary = run_batch([corpus], out, options)
    assert summary.reused_chunks >= finished
    uninterrupted = tmp_path / "uninterrupted"
    run_batch([corpus], uninterrupted, options)
    assert read_outputs(out) == read_outputs(uninterrupted)
    assert not list(out.rglob("*.tmp"))


def test_a_second_run_on_the_same_folder_is_refused_while_one_runs(tmp_path):
    store = batch.PartStore(tmp_path / "out")
    store.open()
    try:
        with pytest.raises(batch.ExtractorError, match="another run"):
            run_batch([tmp_path], tmp_path / "out", inline())
    finally:
        store.close()


# --------------------------------------------------------------------------- engines


@pytest.fixture(scope="module")
def engine_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("engines")
    write_corpus(root, 9)
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return root


@pytest.fixture(scope="module")
def one_worker(engine_corpus, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("one-worker")
    run_batch([engine_corpus], out, inline(chunk_size=3))
    return read_outputs(out)


def test_two_workers_give_the_output_of_one(engine_corpus, one_worker, tmp_path):
    summary = run_batch(
        [engine_corpus], tmp_path, BatchOptions(workers=2, progress=False, chunk_size=3)
    )
    assert summary.failed == 1
    assert read_outputs(tmp_path) == one_worker


@pytest.mark.dask
def test_dask_gives_the_output_of_one_local_worker(engine_corpus, one_worker, tmp_path):
    pytest.importorskip("distributed")
    options = BatchOptions(workers=2, engine="dask", progress=False, chunk_size=3)
    summary = run_batch([engine_corpus], tmp_path, options)
    assert summary.failed == 1
    assert read_outputs(tmp_path) == one_worker


def test_dask_missing_says_how_to_install_it(tmp_path, monkeypatch):
    real = batch.run.importlib.util.find_spec
    monkeypatch.setattr(
        batch.run.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "distributed" else real(name, *a),
    )
    with pytest.raises(
        batch.ExtractorError, match=r"pip install 'diplomatic-event-extractor\[dask\]'"
    ):
        run_batch([tmp_path], tmp_path / "out", BatchOptions(engine="dask"))


# --------------------------------------------------------------------------- progress


def test_progress_log_lines_when_not_a_terminal_and_none_when_off(good_corpus, tmp_path, capsys):
    run_batch([good_corpus], tmp_path / "a", inline(progress=None))
    logged = capsys.readouterr().err
    assert "7/7 documents (100%)" in logged
    assert "7 documents, " in logged.splitlines()[-1]  # the summary line
    run_batch([good_corpus], tmp_path / "b", inline(progress=False))
    quiet = capsys.readouterr().err.strip().splitlines()
    assert len(quiet) == 1 and quiet[0].startswith("extractor: 7 documents")
