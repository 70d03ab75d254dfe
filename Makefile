# The two commands of the quick start: `make site` and `make test`. Both set up .venv from the pinned
# requirements first, so a fresh clone needs nothing but Python 3.11 or newer.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test check schemas serve benchmark clean

site: $(VENV)/.site-installed
	$(BIN)/python build.py
	@echo "To view it: $(BIN)/python -m http.server --directory site 8000, then open http://localhost:8000/"

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

check: $(VENV)/.site-installed
	$(BIN)/python build.py check

schemas: $(VENV)/.site-installed
	$(BIN)/python build.py schemas

serve: site
	$(BIN)/python -m http.server --directory site 8000

benchmark: $(VENV)/.site-installed
	$(BIN)/python benchmarks/run.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.site-installed $@

clean:
	rm -rf site .pytest_cache
