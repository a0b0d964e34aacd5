# Mingzhu: `make demo` runs the platform with the Yangzhong demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: env demo test e2e lint format lock assets messages clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules/.package-lock.json

assets: node_modules/.package-lock.json

messages: $(STAMP)
	$(BIN)/python -m mingzhu compile_catalogue

env: $(STAMP) assets messages

demo: env
	$(BIN)/mingzhu demo

test: env
	$(BIN)/python -m pytest -n auto -p no:cacheprovider

e2e: env
	$(BIN)/python -m pytest -m e2e tests/e2e

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate requirements.lock after changing the dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras --allow-unsafe \
		-o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .ruff_cache
