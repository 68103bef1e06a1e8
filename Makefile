# Two set-up commands (see README):
#   make site   build the showcase site from brands/ into site/
#   make test   run the whole test suite (installs what it needs first)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test serve check lint system-deps clean

$(BIN)/brandhall: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/brandhall
	$(BIN)/brandhall build

serve: $(BIN)/brandhall
	$(BIN)/brandhall serve

check: $(BIN)/brandhall
	$(BIN)/brandhall check

system-deps:
	bash scripts/system-deps.sh

lint: $(BIN)/brandhall
	$(BIN)/ruff check generator tests scripts $(wildcard benchmarks)
	$(BIN)/ruff format --check generator tests scripts $(wildcard benchmarks)
	$(BIN)/mypy
	$(BIN)/brandhall schema --check
	@# A merge left half-done (CSS and JS are not linted otherwise).
	@! git grep -nE '^(<<<<<<<|>>>>>>>) |^=======$$' -- generator tests scripts docs brands deploy || \
		{ echo 'conflict markers left in the files above'; exit 1; }

test: system-deps lint
	$(BIN)/python -m pytest -n 2 --dist loadfile

clean:
	rm -rf site $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
