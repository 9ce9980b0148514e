"""Smoke tests of ``extractor evaluate`` through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

GOLD = {
    "doc_id": "d1",
    "type": "MEETING",
    "status": "occurred",
    "date": {"text": "27 May 2025", "value": "2025-05-27", "granularity": "day", "vague": False},
    "officials": [{"name": "Jane Roe", "title": "Ambassador", "country": None}],
    "ministries": [{"name": "Ministry of Fisheries"}],
    "initiatives": [],
    "location": None,
}
PRED = {**GOLD, "event_id": "d1#1", "evidence": {"text": "Jane Roe met.", "start": 0, "end": 13}}

runner = CliRunner()


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_evaluate_json(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD, {"doc_id": "d2", "type": None}])
    pred = write(tmp_path / "events.jsonl", [PRED])
    result = runner.invoke(app, ["evaluate", str(gold), str(pred), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["docs"] == 2
    assert report["strict"]["event_identification"]["f"] == 1.0
    assert report["errors"] == []


def test_evaluate_tables(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    pred = write(tmp_path / "events.jsonl", [{**PRED, "type": "CALL"}])
    result = runner.invoke(app, ["evaluate", str(gold), str(pred)])
    assert result.exit_code == 0, result.output
    assert "event identification" in result.stdout
    assert "wrong_type" in result.stdout


def test_evaluate_bad_prediction_line(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    pred = tmp_path / "events.jsonl"
    pred.write_text(json.dumps(PRED) + "\n{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), str(pred), "--json"])
    assert result.exit_code == 2
    assert f"{pred}:2: invalid JSON" in result.output


# --------------------------------------------------------------------------- refusals


def refusal(args: list[str]) -> str:
    """Run, expect exit 2, and return the one-line message."""
    result = runner.invoke(app, ["evaluate", *args])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


DOCUMENT_LINE = {"doc_id": "d1", "source": "d1.txt", "meta": {}, "text": "Jane Roe met."}
ERROR_LINE = {"doc_id": "d2", "source": "d2.pdf", "error": "not a PDF"}


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (DOCUMENT_LINE, "a documents.jsonl line (doc_id, source, text), not an event record"),
        (ERROR_LINE, "an errors.jsonl line (a failed document), not an event record"),
        ({"doc_id": "d1", "officials": []}, 'no "type" field: not an event record'),
    ],
)
def test_refuses_predictions_that_are_not_events(tmp_path: Path, record: dict, reason: str) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    pred = write(tmp_path / "other.jsonl", [PRED, record])
    assert refusal([str(gold), str(pred)]) == f"error: {pred}:2: {reason}"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"type": "PARADE"}, "unknown type 'PARADE' (expected one of MEETING, CALL"),
        ({"status": "rumoured"}, "unknown status 'rumoured' (expected one of occurred"),
    ],
)
def test_refuses_gold_with_unknown_type_or_status(
    tmp_path: Path, change: dict, reason: str
) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD, {**GOLD, **change}])
    pred = write(tmp_path / "events.jsonl", [PRED])
    assert refusal([str(gold), str(pred)]).startswith(f"error: {gold}:2: {reason}")


def test_refuses_documents_given_as_gold(tmp_path: Path) -> None:
    gold = write(tmp_path / "documents.jsonl", [DOCUMENT_LINE])
    pred = write(tmp_path / "events.jsonl", [PRED])
    assert "not an event record" in refusal([str(gold), str(pred)])


def test_folder_without_events_is_named_as_a_folder(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    folder = tmp_path / "out"
    folder.mkdir()
    message = refusal([str(gold), str(folder)])
    assert message == (
        f"error: {folder}: is a folder without events.jsonl; give the events.jsonl written by "
        "`extractor run`"
    )


def test_run_folder_is_accepted_as_pred(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    folder = tmp_path / "out"
    folder.mkdir()
    write(folder / "events.jsonl", [PRED])
    result = runner.invoke(app, ["evaluate", str(gold), str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["lenient"]["event_identification"]["f"] == 1.0


def test_output_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    pred = write(tmp_path / "events.jsonl", [PRED])
    message = refusal([str(gold), str(pred), "-o", str(tmp_path)])
    assert message == f"error: {tmp_path}: is a folder; -o expects a file name"


def test_gold_that_is_missing_is_named(tmp_path: Path) -> None:
    pred = write(tmp_path / "events.jsonl", [PRED])
    missing = tmp_path / "nowhere"
    assert refusal([str(missing), str(pred)]) == f"error: {missing}: no such file or folder"


def test_empty_gold_folder_is_named(tmp_path: Path) -> None:
    pred = write(tmp_path / "events.jsonl", [PRED])
    (tmp_path / "gold").mkdir()
    message = refusal([str(tmp_path / "gold"), str(pred)])
    assert message == f"error: {tmp_path / 'gold'}: no *.jsonl gold files in this folder"


def test_documents_file_given_as_docs_must_be_documents(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    pred = write(tmp_path / "events.jsonl", [PRED])
    args = [str(gold), str(pred), "--format", "html", "--docs", str(pred)]
    assert refusal(args) == f"error: {pred}:1: an event record, not a documents.jsonl line"


def test_bad_format_and_three_preds_are_refused(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    pred = write(tmp_path / "events.jsonl", [PRED])
    assert "--format 'pdf'" in refusal([str(gold), str(pred), "--format", "pdf"])
    assert "not 3" in refusal([str(gold), str(pred), str(pred), str(pred)])


def test_predictions_outside_gold_are_reported_as_ignored(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD])
    extra = [{**PRED, "doc_id": "x1"}, {**PRED, "doc_id": "x1"}, {**PRED, "doc_id": "x2"}]
    pred = write(tmp_path / "events.jsonl", [PRED, *extra])
    result = runner.invoke(app, ["evaluate", str(gold), str(pred)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "ignored: 3 events in 2 documents not in gold (x1, x2)" in result.stdout


# --------------------------------------------------------------------------- formats

MISSED = {
    **GOLD,
    "type": "CALL",
    "officials": [{"name": "Tom Field", "title": None}],
    "ministries": [],
}
WORDY = "The long sentence about Jane Roe goes on and on about fisheries and cooperation."
SPURIOUS = {
    **PRED,
    "event_id": "d1#2",
    "type": "VISIT",
    "date": None,
    "officials": [{"name": "Mary Quill", "title": None}],
    "trigger": {"text": "visited", "start": 20, "end": 27},
    "evidence": {"text": WORDY, "start": 0, "end": len(WORDY)},
}
TEXT = "Jane Roe met Bo Lin. Mary Quill visited Port City on a long and winding trip."


def scored(tmp_path: Path) -> tuple[Path, Path, Path]:
    gold = write(tmp_path / "gold.jsonl", [GOLD, MISSED])
    pred = write(
        tmp_path / "events.jsonl",
        [{**PRED, "trigger": {"text": "met", "start": 9, "end": 12}}, SPURIOUS],
    )
    docs = write(
        tmp_path / "documents.jsonl",
        [{"doc_id": "d1", "source": "d1.txt", "meta": {}, "text": TEXT, "status": "ok"}],
    )
    return gold, pred, docs


def test_json_alias_equals_format_json(tmp_path: Path) -> None:
    gold, pred, _ = scored(tmp_path)
    alias = runner.invoke(app, ["evaluate", str(gold), str(pred), "--json"])
    longhand = runner.invoke(app, ["evaluate", str(gold), str(pred), "--format", "json"])
    assert alias.stdout == longhand.stdout
    report = json.loads(alias.stdout)
    assert report["lenient"]["event_identification"]["ci"] is not None
    assert report["bootstrap"] == {"resamples": 1000, "seed": 0, "confidence": 0.95}


def test_markdown_and_csv(tmp_path: Path) -> None:
    gold, pred, _ = scored(tmp_path)
    md = runner.invoke(app, ["evaluate", str(gold), str(pred), "--format", "markdown"]).stdout
    assert "| mode | metric | P | R | F [95% CI] | TP | FP | FN |" in md
    assert "| lenient | event identification | 0.5000 | 0.5000 |" in md
    result = runner.invoke(app, ["evaluate", str(gold), str(pred), "--format", "csv"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["mode", "metric", "p", "r", "f", "ci_lo", "ci_hi", "tp", "fp", "fn"]
    assert len(rows) == 1 + 2 * 12 + 2 * 3  # header, 12 metrics and 3 types per mode
    lenient = {r[1]: r for r in rows if r[0] == "lenient"}
    # 1 pair of 2 predicted and 2 gold: P 0.5, R 0.5, F 0.5.
    assert lenient["event_identification"][2:5] == ["0.5", "0.5", "0.5"]


def test_errors_out_has_one_line_per_error(tmp_path: Path) -> None:
    gold, pred, _ = scored(tmp_path)
    out = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["evaluate", str(gold), str(pred), "--errors-out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    report = json.loads(runner.invoke(app, ["evaluate", str(gold), str(pred), "--json"]).stdout)
    expected = len(report["errors"]) + len(report["diagnostics"]["slot_errors"])
    assert len(lines) == expected
    [missed] = [line for line in lines if line.get("kind") == "missed" and line["level"] == "event"]
    assert missed["gold"]["officials"] == ["Tom Field"]
    assert missed["near_miss"]["reasons"] == ["no shared official, ministry or initiative"]


def test_tables_fit_80_columns_when_piped(tmp_path: Path) -> None:
    gold, pred, _ = scored(tmp_path)
    result = runner.invoke(app, ["evaluate", str(gold), str(pred)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    # The evidence is cut with an ellipsis on one line, never folded onto the next.
    assert any("The long sent" in line and "…" in line for line in lines)
    assert not any(line.lstrip("│ ").startswith("and on") for line in lines)
    assert "0.50 [" in result.stdout  # the interval line


def test_comparison_prints_differences_and_gained_events(tmp_path: Path) -> None:
    gold, pred, _ = scored(tmp_path)
    better = write(tmp_path / "better.jsonl", [PRED, {**MISSED, "event_id": "d1#9"}])
    result = runner.invoke(
        app, ["evaluate", str(gold), str(pred), str(better)], env={"COLUMNS": "120"}
    )
    assert result.exit_code == 0, result.output
    assert "B vs A over 1 documents, lenient matching" in result.stdout
    assert "Gold events gained by B: 1" in result.stdout
    assert "Gold events lost by B: 0" in result.stdout
    as_json = runner.invoke(app, ["evaluate", str(gold), str(pred), str(better), "--json"])
    diff = json.loads(as_json.stdout)["diff"]["lenient"]["event_identification"]
    # A: 1 pair, 1 spurious, 1 missed: F1 0.5. B: both found, nothing spurious: 1.0.
    assert (diff["a"], diff["b"], diff["diff"]) == (0.5, 1.0, 0.5)


class _Page(HTMLParser):
    """Collects what a reader of the report sees: table rows by class, anchors, text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[list[str]]] = {}
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.external: list[str] = []
        self.text: list[str] = []
        self._row: list[str] | None = None
        self._class = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag in ("script", "link", "img", "iframe") or str(values.get("src", "")).startswith(
            "http"
        ):
            self.external.append(tag)
        if tag == "tr":
            self._row, self._class = [], values.get("class") or ""
        elif tag == "td" and self._row is not None:
            self._row.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            self.rows.setdefault(self._class, []).append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._row:
            self._row[-1] += data


def test_html_report_holds_every_error(tmp_path: Path) -> None:
    gold, pred, docs = scored(tmp_path)
    out = tmp_path / "report.html"
    args = ["evaluate", str(gold), str(pred), "--format", "html", "-o", str(out)]
    result = runner.invoke(app, [*args, "--docs", str(docs)])
    assert result.exit_code == 0, result.output
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert page.external == []
    report = json.loads(runner.invoke(app, ["evaluate", str(gold), str(pred), "--json"]).stdout)
    errors = page.rows["error"]
    assert len(errors) == len(report["errors"])
    assert {(row[0], row[1]) for row in errors} == {
        (e["kind"], e["doc_id"]) for e in report["errors"]
    }
    slots = page.rows["slot-error"]
    assert sorted((r[0], r[2], r[3]) for r in slots) == sorted(
        (e["kind"], e["slot"], e["value"]) for e in report["diagnostics"]["slot_errors"]
    )
    assert len(page.rows["near-miss"]) == len(report["diagnostics"]["near_misses"])
    # Every document link lands on a section, and its text is shown with the spans.
    assert "#doc-d1" in page.links and "doc-d1" in page.ids
    text = " ".join(" ".join(page.text).split())
    assert "Mary Quill" in text and "✗ VISIT" in text and "✓ MEETING" in text
    assert "✗ official" in text  # Mary Quill, spurious
    assert "Tom Field" in text  # the missed gold event, listed beside the text
    assert "<svg" in out.read_text(encoding="utf-8")


def test_html_report_is_byte_identical_across_runs(tmp_path: Path) -> None:
    gold, pred, docs = scored(tmp_path)
    pages = []
    for name in ("a.html", "b.html"):
        out = tmp_path / name
        args = [str(gold), str(pred), "--format", "html", "-o", str(out), "--docs", str(docs)]
        assert runner.invoke(app, ["evaluate", *args]).exit_code == 0
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


@pytest.mark.parametrize("fmt", ["markdown", "csv", "html"])
def test_comparison_in_other_formats(tmp_path: Path, fmt: str) -> None:
    gold, pred, _ = scored(tmp_path)
    better = write(tmp_path / "better.jsonl", [PRED, {**MISSED, "event_id": "d1#9"}])
    result = runner.invoke(app, ["evaluate", str(gold), str(pred), str(better), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        rows = {(r[0], r[1]): r for r in csv.reader(io.StringIO(result.stdout))}
        # F1 A 0.5, B 1.0, difference +0.5 (see test_comparison_prints_differences...).
        assert rows[("lenient", "event_identification")][2:5] == ["0.5", "1.0", "0.5"]
    else:
        assert "Gold events gained by B: 1" in result.stdout
        assert "Tom Field" in result.stdout


def test_errors_out_needs_one_run(tmp_path: Path) -> None:
    gold, pred, _ = scored(tmp_path)
    message = refusal([str(gold), str(pred), str(pred), "--errors-out", str(tmp_path / "e")])
    assert message == "error: --errors-out writes the errors of one run; give one PRED"


def test_swapped_arguments_name_the_order(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    write(folder / "a.jsonl", [GOLD])
    pred = write(tmp_path / "events.jsonl", [PRED])
    message = refusal([str(pred), str(folder)])
    assert message.endswith("(a gold folder? the order is GOLD PRED)")


def test_table_written_to_a_file_is_plain_text(tmp_path: Path) -> None:
    gold, pred, _ = scored(tmp_path)
    out = tmp_path / "report.txt"
    args = ["evaluate", str(gold), str(pred), "-o", str(out), "--bootstrap", "0"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "\x1b[" not in text  # no colour codes in a file
    assert "bootstrap intervals disabled (--bootstrap 0)" in text
    assert max(len(line) for line in text.splitlines()) <= 100
