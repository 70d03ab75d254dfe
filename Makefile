# The commands of the quick start: `make site`, `make serve` and `make test`. Each sets up .venv from the pinned
# requirements first, so a fresh clone needs nothing but Python 3.11 or newer (and, for the HTML check in
# `make test`, npm and Java).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test test-dates check schemas serve benchmark clean

site: $(VENV)/.site-installed
	$(BIN)/python build.py
	@echo "To view it: $(BIN)/python -m http.server --directory site 8000, then open http://localhost:8000/ (or: make serve)"

test: $(VENV)/.test-installed node_modules/.test-installed
	$(BIN)/python -m pytest

# The whole suite again with the machine's clock moved (libfaketime: apt-get install faketime), so that no
# test passes only on the day it was written: the day a date search once failed, a leap day a month before
# vesting day, and a year's last day long after every date the tests name. Lighthouse's audits are left out
# there: they take three minutes a run and no score depends on the day (they run in `make test`).
CLOCK_DAYS := 2026-12-02 2028-02-29 2031-12-31
test-dates: $(VENV)/.test-installed node_modules/.test-installed
	@for day in $(CLOCK_DAYS); do \
	  echo "make test with the clock at $$day"; \
	  faketime -f "@$$day 12:00:00" $(BIN)/python -m pytest -q -p no:cacheprovider -m "not lighthouse" || exit 1; \
	done

check: $(VENV)/.site-installed
	$(BIN)/python build.py check

schemas: $(VENV)/.site-installed
	$(BIN)/python build.py schemas

# A preview on http://127.0.0.1:8000/ that rebuilds what a change touches and reloads the open pages.
serve: $(VENV)/.site-installed
	$(BIN)/python build.py serve

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

# The Nu Html Checker (vnu.jar) for tests/test_html_validity.py, and Lighthouse (with chrome-launcher) for
# tests/browser/test_lighthouse.py, from the npm packages pinned in
# package-lock.json. --ignore-scripts: vnu-jar's install script only downloads a Java runtime from outside the
# registry; Debian's Java is used instead. Without npm the test is skipped (and fails in CI).
node_modules/.test-installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "npm ci"; npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm was not found: tests/test_html_validity.py and tests/browser/test_lighthouse.py will be skipped (apt-get install npm)."; \
	fi

# Only what builds and tests write; .venv and node_modules are kept, and reinstalled when their pins change.
clean:
	rm -rf site .pytest_cache
