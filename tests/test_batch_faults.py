"""Issue 10, batch side: every input accounted for, one bad input one error line, workers
that die or hang cost one document, outputs that switch together, exact usage errors.

The articles are invented (``tests/test_batch.py``); faults are injected with the worker's
test-only hook (``EXTRACTOR_FAULT_INJECTION``) or by monkeypatching the file system.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from batch_corpus import article, inline, lines, read_outputs, write_corpus
from extractor import batch
from extractor.batch import FAULT_ENV, BatchOptions, PartStore, run_batch
from extractor.batch.store import OUTPUT_FILES
from extractor.cli import app

MARKER = "Zorbulax"  # an invented word that appears in no article


def _pool(**overrides) -> BatchOptions:
    return BatchOptions(**{"workers": 2, "progress": False, "chunk_size": 3, **overrides})


def _events_by_doc(out: Path) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for event in lines(out, "events.jsonl"):
        grouped.setdefault(event["doc_id"], []).append(event)
    return grouped


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("faults-corpus")
    write_corpus(root, 5)
    return root


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("faults-ref")
    assert run_batch([corpus], out, inline()).failed == 0
    return out


def _with_culprit(corpus: Path, tmp_path: Path, marker: str = MARKER) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in corpus.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "article-002b.txt").write_text(article(8) + f"\n{marker} said so.\n")
    return folder


# --------------------------------------------------------------------------- one document


def test_a_sidecar_too_deep_to_serialize_is_one_error_line(corpus, reference, tmp_path):
    folder = _with_culprit(corpus, tmp_path, marker="")
    nested: dict = {}
    for _ in range(300):
        nested = {"x": nested}
    (folder / "article-002b.meta.json").write_text(json.dumps({"extra": nested}))
    out = tmp_path / "out"
    summary = run_batch([folder], out, inline())
    (error,) = lines(out, "errors.jsonl")
    assert error["doc_id"] == "article-002b" and summary.failed == 1
    assert _events_by_doc(out).keys() == _events_by_doc(reference).keys()
    assert len(lines(out, "documents.jsonl")) == 6


def test_a_worker_killed_by_a_document_fails_that_document_only(
    corpus, reference, tmp_path, monkeypatch
):
    monkeypatch.setenv(FAULT_ENV, f"kill:{MARKER}")
    out = tmp_path / "out"
    summary = run_batch([_with_culprit(corpus, tmp_path)], out, _pool())
    (error,) = lines(out, "errors.jsonl")
    assert error["doc_id"] == "article-002b"
    assert "worker died: signal 9" in error["error"]
    assert summary.failed == 1 and summary.documents == 6
    assert _events_by_doc(out) == _events_by_doc(reference)


def test_a_document_past_the_time_limit_is_failed_and_its_worker_replaced(
    corpus, reference, tmp_path, monkeypatch
):
    monkeypatch.setenv(FAULT_ENV, f"hang:{MARKER}")
    out = tmp_path / "out"
    # One document per chunk: the limit applies to the culprit at once (a chunk of N gets N
    # times the limit and is then split, the path the killed-worker test takes).
    options = _pool(limits=batch.run.ReadLimits(doc_timeout_s=5.0), chunk_size=1)
    summary = run_batch([_with_culprit(corpus, tmp_path)], out, options)
    (error,) = lines(out, "errors.jsonl")
    assert error["doc_id"] == "article-002b"
    assert "timed out" in error["error"] and "--doc-timeout" in error["error"]
    assert summary.failed == 1
    assert _events_by_doc(out) == _events_by_doc(reference)


@pytest.mark.dask
def test_dask_worker_loss_is_retried_per_document(corpus, reference, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setenv(FAULT_ENV, f"kill:{MARKER}")
    out = tmp_path / "out"
    summary = run_batch([_with_culprit(corpus, tmp_path)], out, _pool(engine="dask"))
    (error,) = lines(out, "errors.jsonl")
    assert error["doc_id"] == "article-002b" and "worker died" in error["error"]
    assert summary.failed == 1
    assert _events_by_doc(out) == _events_by_doc(reference)


@pytest.mark.dask
def test_dask_document_past_the_time_limit_fails_alone(corpus, reference, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setenv(FAULT_ENV, f"hang:{MARKER}")
    out = tmp_path / "out"
    options = _pool(engine="dask", limits=batch.run.ReadLimits(doc_timeout_s=5.0), chunk_size=1)
    summary = run_batch([_with_culprit(corpus, tmp_path)], out, options)
    (error,) = lines(out, "errors.jsonl")
    assert error["doc_id"] == "article-002b" and "timed out" in error["error"]
    assert summary.failed == 1
    assert _events_by_doc(out) == _events_by_doc(reference)


# --------------------------------------------------------------------------- inputs


def _bad_inputs(folder: Path, outside: Path) -> set[str]:
    """Every kind of bad folder member; returns the names that must become error lines."""
    os.mkfifo(folder / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.txt"))
    sock.close()
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("gone.txt", folder / "dangling.txt")
    (outside / "secret.txt").write_text(article(30))
    os.symlink(outside / "secret.txt", folder / "escape.txt")
    (folder / "locked").mkdir()
    (folder / "locked" / "inside.txt").write_text(article(31))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "deep.txt").write_text(article(32))
    nested: dict = {}
    for _ in range(300):
        nested = {"x": nested}
    (folder / "deep.meta.json").write_text(json.dumps({"extra": nested}))
    (folder / "killer.txt").write_text(article(33) + f"\n{MARKER} said so.\n")
    (folder / "fifo-named-pipe.pdf").unlink(missing_ok=True)
    os.mkfifo(folder / "fifo-named-pipe.pdf")
    return {
        "deep.txt",
        "killer.txt",
        "fifo-named-pipe.pdf",
        "pipe.txt",
        "sock.txt",
        "loop-a.txt",
        "loop-b.txt",
        "dangling.txt",
        "escape.txt",
        "locked",
        "empty.txt",
    }


@pytest.fixture
def locked_folders(monkeypatch):
    """Folders named ``locked`` cannot be listed (root ignores permission bits)."""
    real = batch.inputs.os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(batch.inputs.os, "scandir", scandir)


def test_mixed_folder_every_input_accounted_for_good_events_unchanged(
    corpus, reference, tmp_path, locked_folders, monkeypatch
):
    monkeypatch.setenv(FAULT_ENV, f"kill:{MARKER}")
    folder = tmp_path / "mixed"
    folder.mkdir()
    for path in corpus.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    outside = tmp_path / "outside"
    outside.mkdir()
    bad = _bad_inputs(folder, outside)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["run", str(folder), "-o", str(out), "--no-progress", "--engine", "local"]
    )
    assert result.exit_code == 1, result.output
    errors = {Path(e["source"]).name: e["error"] for e in lines(out, "errors.jsonl")}
    assert set(errors) == bad
    docs = lines(out, "documents.jsonl")
    assert len(docs) == len(bad) + 5
    assert "FIFO" in errors["pipe.txt"] and "socket" in errors["sock.txt"]
    assert "loop" in errors["loop-a.txt"] and "dangling" in errors["dangling.txt"]
    assert "--follow-links" in errors["escape.txt"]
    assert "cannot list folder" in errors["locked"]
    assert "worker died: signal 9" in errors["killer.txt"]
    for name in bad:  # named on stderr although progress is off
        assert name in result.stderr, (name, result.stderr)
    assert _events_by_doc(out) == _events_by_doc(reference)


def test_follow_links_reads_a_link_out_of_the_tree(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "elsewhere.txt").write_text(article(3))
    os.symlink(tmp_path / "elsewhere.txt", tmp_path / "in" / "linked.txt")
    out = tmp_path / "out"
    summary = run_batch([tmp_path / "in"], out, inline(follow_links=True))
    assert summary.failed == 0 and lines(out, "documents.jsonl")[0]["doc_id"] == "linked"


def test_a_fifo_named_on_the_command_line_is_never_opened(corpus, tmp_path):
    fifo = tmp_path / "stream.txt"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    summary = run_batch([fifo, corpus / "article-000.txt"], out, inline())
    (error,) = lines(out, "errors.jsonl")
    assert "FIFO" in error["error"] and "never opened" in error["error"]
    assert summary.documents == 2 and summary.failed == 1


# --------------------------------------------------------------------------- outputs


def _run(*args: str):
    return CliRunner().invoke(app, ["run", *args, "--no-progress", "--engine", "local"])


def test_output_that_is_a_file_is_one_error_line_exit_2(corpus, tmp_path):
    target = tmp_path / "out"
    target.write_text("not a folder")
    result = _run(str(corpus), "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_disk_full_or_read_only_output_is_one_error_line_exit_2(
    corpus, tmp_path, monkeypatch, code
):
    def write(self, chunk, output):
        raise OSError(code, os.strerror(code), str(self.dir / chunk.part_name))

    monkeypatch.setattr(PartStore, "write", write)
    result = CliRunner().invoke(
        app, ["run", str(corpus), "-o", str(tmp_path / "o"), "--no-progress", "--workers", "1"]
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and os.strerror(code) in result.stderr


def test_a_failed_rename_leaves_all_three_outputs_of_the_previous_run(
    corpus, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    run_batch([corpus], out, inline())
    before = read_outputs(out)
    (corpus.parent / "more").mkdir(exist_ok=True)
    extra = corpus.parent / "more" / "extra-article.txt"
    extra.write_text(article(12))
    real, calls = os.replace, []

    def flaky(src, dst):
        if str(dst).endswith(".jsonl"):
            calls.append(dst)
            if len(calls) == 2:
                raise OSError(errno.EIO, "Input/output error", str(dst))
        return real(src, dst)

    monkeypatch.setattr(batch.store.os, "replace", flaky)
    with pytest.raises(batch.ExtractorError, match="Input/output error"):
        run_batch([corpus, extra], out, inline())
    assert read_outputs(out) == before  # the first rename was rolled back
    monkeypatch.setattr(batch.store.os, "replace", real)
    run_batch([corpus, extra], out, inline())
    assert len(lines(out, "documents.jsonl")) == 6


def test_a_switch_cut_short_by_process_death_is_completed_by_the_next_open(tmp_path):
    store = PartStore(tmp_path)
    store.open()
    targets = [tmp_path / n for n in OUTPUT_FILES]
    for target in targets:
        target.write_text("old\n")
    tmps = [tmp_path / f".{n}.tmp" for n in OUTPUT_FILES]
    for tmp in tmps:
        tmp.write_text("new\n")
    real = os.replace

    def die_after_first(src, dst, _count=[]):  # noqa: B006  (counts calls)
        if str(dst).endswith(".jsonl"):
            _count.append(dst)
        if len(_count) == 2:
            raise KeyboardInterrupt  # stands for the process dying mid-switch
        return real(src, dst)

    batch.store.os.replace = die_after_first  # type: ignore[assignment]
    try:
        with pytest.raises(KeyboardInterrupt):
            store.switch(list(zip(tmps, targets, strict=True)))
    finally:
        batch.store.os.replace = real  # type: ignore[assignment]
        store.close()
    assert [t.read_text() for t in targets] == ["new\n", "old\n", "old\n"]
    reopened = PartStore(tmp_path)
    reopened.open()
    reopened.close()
    assert [t.read_text() for t in targets] == ["new\n"] * 3


def test_an_edit_keeping_size_and_mtime_redoes_its_chunk(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus, 4, published=False)
    out = tmp_path / "out"
    run_batch([corpus], out, inline(chunk_size=2))
    path = corpus / "article-001.txt"
    st = path.stat()
    text = path.read_text()
    path.write_text(text.replace("Tuesday", "Fridayy", 1))  # same length
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    again = run_batch([corpus], out, inline(chunk_size=2))
    assert again.reused_chunks == 1
    assert "Fridayy" in lines(out, "documents.jsonl")[1]["text"]


def test_clean_refuses_names_that_would_overwrite_each_other(tmp_path):
    for rel in ("a/x.txt", "b/x.txt"):
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_text(article(1))
    out = tmp_path / "clean"
    result = CliRunner().invoke(
        app, ["clean", str(tmp_path / "a/x.txt"), str(tmp_path / "b/x.txt"), "-o", str(out)]
    )
    assert result.exit_code == 2 and "would both write" in result.stderr
    assert not out.exists()


def test_control_characters_in_names_are_escaped_on_stderr(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\x1b[31mname.txt").write_bytes(b"")
    result = _run(str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "bad\\x1b[31mname.txt" in result.stderr


# --------------------------------------------------------------------------- usage


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--model", "blank:en"], "no parser"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--engine dask"),
    ],
)
def test_a_model_or_options_that_cannot_work_fail_up_front(corpus, tmp_path, args, needle):
    result = CliRunner().invoke(app, ["run", str(corpus), "-o", str(tmp_path / "o"), *args])
    assert result.exit_code == 2
    assert needle in result.output
    assert not (tmp_path / "o").exists()


# --------------------------------------------------------------------------- processes


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(x) for x in text]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def _start_run(folder: Path, out: Path, *extra: str) -> subprocess.Popen:
    """``extractor run`` in a child that hangs on one document, Ctrl-C left at its default."""
    (folder / "slow.txt").write_text(article(5) + f"\n{MARKER}.\n")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "extractor.cli",
            "run",
            str(folder),
            "-o",
            str(out),
            "--workers",
            "2",
            "--no-progress",
            *extra,
        ],
        env={**os.environ, FAULT_ENV: f"hang:{MARKER}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # a shell without job control starts background jobs with SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL, signal.SIGINT])
def test_killing_the_main_process_leaves_no_worker_alive(tmp_path, sig):
    folder = tmp_path / "in"
    write_corpus(folder, 4)
    main = _start_run(folder, tmp_path / "o")
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = _children(main.pid)
    assert workers, "no worker started"
    time.sleep(3)  # the workers are loading or working
    workers = _children(main.pid)
    main.send_signal(sig)
    _, stderr = main.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)
    assert b"Traceback" not in stderr
    if sig != signal.SIGKILL:
        assert main.returncode == 130
        assert stderr.decode().strip().splitlines() == [
            "error: interrupted; finished chunks are kept, run again to resume"
        ]


@pytest.mark.dask
@pytest.mark.parametrize("delay", [2.0, 6.0])
def test_ctrl_c_with_dask_prints_one_line_and_no_traceback(tmp_path, delay):
    pytest.importorskip("distributed")
    folder = tmp_path / "in"
    write_corpus(folder, 4)
    main = _start_run(folder, tmp_path / "o", "--engine", "dask")
    time.sleep(delay)  # while the cluster starts, and while a worker hangs
    main.send_signal(signal.SIGINT)
    _, stderr = main.communicate(timeout=120)
    assert main.returncode == 130
    assert b"Traceback" not in stderr and stderr.count(b"\n") == 1
