"""Command line: parses arguments and calls the stage functions; no logic of its own."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import typer

from extractor import __version__
from extractor.errors import ExtractorError, escape_controls
from extractor.ingest.limits import ReadLimits

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Diplomatic press articles (PDF or text) to validated event records (JSONL).",
)

MODEL_HELP = "spaCy model package to load (default: $EXTRACTOR_MODEL, else the pinned model)."


def _print_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_print_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """extractor: who met whom, when, which ministries, which initiatives."""


# The resource limit options of `run` (ReadLimits), each refusal naming its option.
LIMITS = ReadLimits()
MAX_FILE_BYTES = typer.Option(
    LIMITS.max_file_bytes, "--max-file-bytes", min=1, help="Largest input file, in bytes."
)
MAX_CHARS = typer.Option(
    LIMITS.max_chars, "--max-chars", min=1, help="Most characters in one document."
)
MAX_PDF_PAGES = typer.Option(
    LIMITS.max_pdf_pages, "--max-pdf-pages", min=1, help="Most pages in one PDF."
)
MAX_STREAM_BYTES = typer.Option(
    LIMITS.max_stream_bytes,
    "--max-stream-bytes",
    min=1,
    help="Largest inflated PDF stream or page, in bytes.",
)
DOC_TIMEOUT = typer.Option(
    LIMITS.doc_timeout_s,
    "--doc-timeout",
    min=0.001,
    help="Seconds one document may take; past it the worker is replaced.",
)


@app.command()
def run(
    inputs: list[Path] = typer.Argument(..., help="Files or folders (recursively *.txt, *.pdf)."),
    out: Path = typer.Option(Path("out"), "-o", "--out", help="Output folder."),
    model: str | None = typer.Option(None, "--model", help=MODEL_HELP),
    workers: int | None = typer.Option(
        None, "--workers", "-w", min=1, help="Worker processes (default: the machine's cores)."
    ),
    engine: str = typer.Option("local", "--engine", help="local | dask"),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (needs --engine dask)."
    ),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Documents per batch."),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."
    ),
    follow_links: bool = typer.Option(
        False, "--follow-links", help="Read symlinks that lead out of an input folder."
    ),
    max_file_bytes: int = MAX_FILE_BYTES,
    max_chars: int = MAX_CHARS,
    max_pdf_pages: int = MAX_PDF_PAGES,
    max_stream_bytes: int = MAX_STREAM_BYTES,
    doc_timeout: float = DOC_TIMEOUT,
) -> None:
    """Extract events from INPUTS into OUT/events.jsonl, documents.jsonl, errors.jsonl."""
    from extractor.batch import BatchOptions, run_batch

    if engine not in ("local", "dask"):
        raise typer.BadParameter("engine must be 'local' or 'dask'", param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    missing = [str(p) for p in inputs if not os.path.lexists(p)]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    limits = ReadLimits(
        max_file_bytes=max_file_bytes,
        max_chars=max_chars,
        max_pdf_pages=max_pdf_pages,
        max_stream_bytes=max_stream_bytes,
        doc_timeout_s=doc_timeout,
    )
    options = BatchOptions(
        model=model,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        batch_size=batch_size,
        progress=progress,
        limits=limits,
        follow_links=follow_links,
    )
    with _user_errors():
        summary = run_batch(inputs, out, options)
    raise typer.Exit(0 if summary.failed == 0 else 1)


def _fail(message: str) -> NoReturn:
    """One ``error: ...`` line on stderr (control characters escaped), exit status 2."""
    typer.echo(f"error: {escape_controls(message)}", err=True)
    raise typer.Exit(2)


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Usage, I/O and interruption as one line and an exit status; never a traceback.

    SIGTERM is turned into the same clean exit as Ctrl-C, so the ``finally`` blocks stop
    the workers (which also watch this process, for SIGKILL).
    """
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    except ExtractorError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or 'output'}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        typer.echo("error: interrupted; finished chunks are kept, run again to resume", err=True)
        _silence_dask()
        raise typer.Exit(130) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _silence_dask() -> None:
    """Quiet the shutdown after an interrupt: the user asked for it, and Dask's threads and
    exit hooks (a cluster stopped while starting) would otherwise print tracebacks."""
    import logging

    for name in ("distributed", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    sys.stderr.flush()
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (kept until the process exits)


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold .jsonl file or folder of them."),
    preds: list[Path] = typer.Argument(
        ..., help="Predicted events.jsonl (or the run folder); give two to compare runs."
    ),
    fmt: str = typer.Option("table", "--format", help="table, json, markdown, csv or html."),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to FILE."),
    errors_out: Path | None = typer.Option(
        None, "--errors-out", help="Also write one JSON line per error to FILE."
    ),
    docs: Path | None = typer.Option(
        None, "--docs", help="documents.jsonl with the cleaned texts, shown in the HTML."
    ),
    bootstrap: int = typer.Option(
        1000, "--bootstrap", help="Bootstrap resamples for intervals (fixed seed; 0: none)."
    ),
    errors: int = typer.Option(
        30, "--errors", help="Rows per error table in table and markdown output (0: none)."
    ),
) -> None:
    """Score PRED against GOLD, or compare PRED_A with PRED_B (EVENTS.md sections 5, 6)."""
    from extractor.errors import ExtractorError
    from extractor.evaluate.command import run_evaluate

    try:
        run_evaluate(
            gold, preds, "json" if as_json else fmt, output, errors_out, docs, bootstrap, errors
        )
    except (ExtractorError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command()
def schema(
    record: str = typer.Option(
        "event", "--record", help="Which record: event, document, error (docs/schema/)."
    ),
) -> None:
    """Print the JSON Schema of an output record (default: the event record)."""
    from extractor.schemas import SCHEMA_MODELS, schema_text

    if record not in SCHEMA_MODELS:
        _fail(f"unknown record {record!r} (expected one of {', '.join(SCHEMA_MODELS)})")
    sys.stdout.write(schema_text(record))


@app.command()
def clean(
    inputs: list[Path] = typer.Argument(..., help="Files (.txt or .pdf) to clean."),
    out: Path | None = typer.Option(
        None, "-o", "--out", help="Write DOC_ID.clean.txt files into this folder instead of stdout."
    ),
) -> None:
    """Print (or write) the cleaned text the NLP stage sees."""
    from extractor.batch.inputs import doc_id_for, stat_problem
    from extractor.errors import DocumentError
    from extractor.ingest.clean import clean_text
    from extractor.ingest.load import read_document

    if out is not None:
        _refuse_clashes(inputs, out)
    failed = False
    for path in inputs:
        try:
            problem = stat_problem(path)
            if problem is not None:  # a FIFO would block the read forever
                raise DocumentError(str(path), problem)
            raw = read_document(path, doc_id_for(path))
            text = clean_text(raw.raw_text).text
        except DocumentError as exc:
            typer.echo(f"error: {escape_controls(str(exc))}", err=True)
            failed = True
            continue
        if out is None:
            sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))
            continue
        with _user_errors():
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{raw.doc_id}.clean.txt").write_text(text, encoding="utf-8")
    raise typer.Exit(1 if failed else 0)


def _refuse_clashes(inputs: list[Path], out: Path) -> None:
    """``clean -o`` never overwrites one input's result with another's: refuse up front."""
    from extractor.batch.inputs import doc_id_for

    owners: dict[str, Path] = {}
    for path in inputs:
        name = f"{doc_id_for(path)}.clean.txt"
        if name in owners and os.path.realpath(owners[name]) != os.path.realpath(path):
            _fail(f"{path} and {owners[name]} would both write {out / name}; clean them apart")
        owners[name] = path


if __name__ == "__main__":  # pragma: no cover
    app()
