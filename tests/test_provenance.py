"""Provenance and packaging: what documents.jsonl records, the schema files, one version."""

from __future__ import annotations

import importlib.metadata
import json
from importlib.resources import files
from pathlib import Path

import pytest

from batch_corpus import article, inline, lines
from extractor import __version__
from extractor.batch import run_batch
from extractor.schemas import SCHEMA_MODELS, schema_text

ROOT = Path(__file__).resolve().parents[1]


def test_documents_record_the_date_its_origin_versions_and_model(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "with-sidecar.txt").write_text(article(1))
    (folder / "with-sidecar.meta.json").write_text(json.dumps({"published": "2025-04-02"}))
    (folder / "dated-in-text.txt").write_text(
        "Published on 9th June 2025\n\n" + article(2).split("\n\n", 1)[1]
    )
    (folder / "undated.txt").write_text("The Ambassador met the Minister on Monday.\n")
    out = tmp_path / "out"
    summary = run_batch([folder], out, inline())
    docs = {d["doc_id"]: d for d in lines(out, "documents.jsonl")}
    assert (docs["with-sidecar"]["published"], docs["with-sidecar"]["published_from"]) == (
        "2025-04-02",
        "sidecar",
    )
    assert docs["dated-in-text"]["published"] == "2025-06-09"
    assert docs["dated-in-text"]["published_from"] == "text"
    assert docs["undated"]["published"] is None and docs["undated"]["published_from"] is None
    for doc in docs.values():
        assert doc["extractor_version"] == __version__
        assert doc["model"] and doc["model_version"]
        assert doc["run_id"] == summary.run_id and len(summary.run_id) == 16


def test_run_id_is_the_same_for_the_same_run_and_changes_with_the_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article(4))
    first = run_batch([folder], tmp_path / "o1", inline()).run_id
    again = run_batch([folder], tmp_path / "o2", inline()).run_id
    (folder / "a.txt").write_text(article(5))
    changed = run_batch([folder], tmp_path / "o1", inline())
    assert first == again != changed.run_id
    # a reused part never carries an older run's id
    assert {d["run_id"] for d in lines(tmp_path / "o1", "documents.jsonl")} == {changed.run_id}


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_schema_files_match_the_models(name):
    path = ROOT / "docs" / "schema" / f"{name}.schema.json"
    assert path.read_text(encoding="utf-8") == schema_text(name), (
        f"{path} is stale: run `python -m extractor.schemas docs/schema`"
    )
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["$id"].endswith(name)


def test_one_version_source_license_and_py_typed():
    assert importlib.metadata.version("diplomatic-event-extractor") == __version__
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert files("extractor").joinpath("py.typed").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert (
        'dynamic = ["version"]' in pyproject
        and "\nversion =" not in pyproject.split("[tool.setuptools.dynamic]")[0]
    )
