# Two entry points, each doing its own set-up on a fresh machine (Python 3.11+, PyPI reachable):
#   make demo   analyse the bundled demo corpus -> out/report.json, out/report.html (store: out/demo.db)
#   make test   lint, type-check and run the tests (what CI runs)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench eval fuzz clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

demo: $(BIN)/.installed
	$(BIN)/filigrane analyze examples/demo-corpus --db out/demo.db -o out/report.json --html out/report.html

test: $(BIN)/.installed
	$(BIN)/ruff check src tests eval bench
	$(BIN)/ruff format --check src tests eval bench
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(BIN)/.installed
	$(BIN)/python -m bench

eval: $(BIN)/.installed
	$(BIN)/python -m eval.extraction

# The long fuzz campaign (the bounded one runs inside `make test`).
fuzz: $(BIN)/.installed
	FILIGRANE_FUZZ=long $(BIN)/pytest tests/fuzz -q

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
