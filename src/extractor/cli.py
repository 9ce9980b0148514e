"""Command line: parses arguments and calls the stage functions; no logic of its own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from extractor import __version__

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
        None, "--scheduler", help="Dask scheduler address (default: a local cluster)."
    ),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Documents per batch."),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."
    ),
) -> None:
    """Extract events from INPUTS into OUT/events.jsonl, documents.jsonl, errors.jsonl."""
    from extractor.batch import BatchOptions, run_batch
    from extractor.errors import ExtractorError

    if engine not in ("local", "dask"):
        raise typer.BadParameter("engine must be 'local' or 'dask'", param_hint="--engine")
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        typer.echo(f"error: no such file or folder: {', '.join(missing)}", err=True)
        raise typer.Exit(2)
    options = BatchOptions(
        model=model,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        batch_size=batch_size,
        progress=progress,
    )
    try:
        summary = run_batch(inputs, out, options)
    except ExtractorError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    raise typer.Exit(0 if summary.failed == 0 else 1)


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
def schema() -> None:
    """Print the JSON Schema of the event record."""
    from extractor.models import event_json_schema

    sys.stdout.write(json.dumps(event_json_schema(), indent=2) + "\n")


@app.command()
def clean(
    inputs: list[Path] = typer.Argument(..., help="Files (.txt or .pdf) to clean."),
    out: Path | None = typer.Option(
        None, "-o", "--out", help="Write NAME.clean.txt files into this folder instead of stdout."
    ),
) -> None:
    """Print (or write) the cleaned text the NLP stage sees."""
    from extractor.ingest.clean import clean_text
    from extractor.errors import DocumentError
    from extractor.ingest.load import read_document

    failed = False
    for path in inputs:
        try:
            raw = read_document(path)
        except DocumentError as exc:
            typer.echo(f"error: {exc}", err=True)
            failed = True
            continue
        text = clean_text(raw.raw_text).text
        if out is None:
            sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))
        else:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{raw.doc_id}.clean.txt").write_text(text, encoding="utf-8")
    raise typer.Exit(1 if failed else 0)


if __name__ == "__main__":  # pragma: no cover
    app()
