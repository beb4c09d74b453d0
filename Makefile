# Developer conveniences; the app itself never needs make (see README for plain commands).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := .demo/huiwu-demo.db

.PHONY: run test lint bench clean-demo

$(BIN)/huiwu: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(BIN)/huiwu

## Open the TUI on a demo congress (created on first run).
run: $(BIN)/huiwu
	test -f $(DEMO) || $(BIN)/huiwu --db $(DEMO) demo
	$(BIN)/huiwu --db $(DEMO)

## Everything CI runs: system test dependencies, lint, format check, the whole test suite.
test: $(BIN)/huiwu
	bash scripts/test-deps.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q -n auto --maxprocesses 4

lint: $(BIN)/huiwu
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(BIN)/huiwu
	$(BIN)/python bench/run.py
	$(BIN)/python bench/voting.py
	$(BIN)/python bench/contest.py
	$(BIN)/python bench/proposals.py
	$(BIN)/python bench/minutes.py

clean-demo:
	rm -rf .demo
