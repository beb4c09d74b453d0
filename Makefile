# Developer conveniences; the app itself never needs make (see README for plain commands).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := .demo/huiwu-demo.db

.PHONY: run test lint bench clean-demo constraints bundle

CONSTRAINTS := constraints.txt
RUNTIME := $(VENV)/.runtime
DEV     := $(VENV)/.dev

# Two stamps in the one venv: `make run` needs the runtime packages only, `make test` adds the dev
# extras on top; neither uninstalls what the other put there, and each redoes its install only when
# pyproject.toml or the constraints changed.
$(RUNTIME): pyproject.toml $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c $(CONSTRAINTS) -e .
	touch $@

$(DEV): $(RUNTIME)
	$(BIN)/python -m pip install -q -c $(CONSTRAINTS) -e '.[dev]'
	touch $@

## Open the TUI on a demo congress (created on first run).
run: $(DEMO)
	$(BIN)/huiwu --db $(DEMO)

# huiwu never creates a missing database folder (a mistyped --db must not start a new congress), so
# the demo's folder is made here. Order-only: a reinstall does not remake the demo.
$(DEMO): | $(RUNTIME)
	$(BIN)/python -c "import pathlib; pathlib.Path('$(DEMO)').parent.mkdir(parents=True, exist_ok=True)"
	$(BIN)/huiwu --db $(DEMO) demo

## Everything CI runs: system test dependencies, lint, format check, the whole test suite.
test: $(DEV)
	bash scripts/test-deps.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q -n auto --maxprocesses 4

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(DEV)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/voting.py
	$(BIN)/python bench/contest.py
	$(BIN)/python bench/proposals.py
	$(BIN)/python bench/minutes.py

clean-demo:
	rm -rf .demo

## Re-pin on purpose: the newest versions pyproject.toml allows, resolved in a fresh venv (so
## nothing installed by hand slips in), written to constraints.txt; then run `make test`.
## PYTHON should be the oldest supported Python (3.11), whose wheels every pin must have.
constraints:
	rm -rf $(VENV)-pins
	$(PYTHON) -m venv $(VENV)-pins
	$(VENV)-pins/bin/python -m pip install -q --upgrade pip
	$(VENV)-pins/bin/python -m pip install -q -e '.[dev]'
	{ sed -n '/^#/p' $(CONSTRAINTS); $(VENV)-pins/bin/python -m pip freeze --exclude-editable; } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)
	rm -rf $(VENV)-pins

## A folder of wheels (Windows x64 and Linux x86_64, every supported Python) for offline installs.
bundle: $(RUNTIME)
	$(BIN)/python scripts/bundle.py --out dist/bundle
