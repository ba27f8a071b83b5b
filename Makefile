# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench bench-quick clean install

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/ocop demo

PACKAGES := states notices notifiers storage use_cases bootstrap flows demo ocop_cli web
# Debian packages the tests use, and a command each provides (CI is a fresh clone, as root):
# pdftotext and pdftoppm read the printed certificate, zbarimg decodes its QR code; the browser
# tests drive Debian's Chromium (never a downloaded browser); curl sends the upload benchmark's files.
TEST_PACKAGES := poppler-utils zbar-tools chromium curl
TEST_COMMANDS := /usr/bin/pdftotext /usr/bin/zbarimg /usr/bin/chromium /usr/bin/curl

$(TEST_COMMANDS):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_PACKAGES)

test: $(STAMP) $(TEST_COMMANDS)
	$(BIN)/ruff check $(PACKAGES) tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -q -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check $(PACKAGES) tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf demo-output outbox ocop.db

bench: $(STAMP)
	$(BIN)/python -m bench.run

bench-quick: $(STAMP)
	$(BIN)/python -m bench.run --quick
