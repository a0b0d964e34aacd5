# Mingzhu: `make demo` runs the platform with the Yangzhong demo data; `make test` runs every test;
# `make bundle` builds the offline installation bundle (docs/operations.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: env demo test e2e lint format lock assets messages bundle clean

# Development: the runtime lock and the development tools (requirements-dev.lock holds the
# runtime pins too, so the two agree).
$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock -r requirements-dev.lock
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

# Bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE):
# every test worker and every process a test starts (servers, commands) would otherwise
# compile the sources again, and pytest rewrite every test module's asserts again.
test: env
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto -p no:cacheprovider

e2e: env
	MINGZHU_SCREENSHOTS=1 $(BIN)/python -m pytest -m e2e tests/e2e

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate both locks after changing the dependencies in pyproject.toml: the runtime
# (requirements.lock, what a server installs) and the development tools on top of it
# (requirements-dev.lock, constrained to the runtime's pins). Existing pins are kept unless
# pyproject.toml needs others; `make lock UPGRADE=1` takes the newest allowed.
PIP_COMPILE := $(BIN)/python -m piptools compile --quiet --generate-hashes --strip-extras \
	--allow-unsafe --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)
lock: $(STAMP)
	$(PIP_COMPILE) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra dev -c requirements.lock -o requirements-dev.lock pyproject.toml

# The offline bundle (dist/mingzhu-VERSION-pyXY-ARCH.tar): runtime wheels, front-end
# packages, the Mingzhu wheel and deploy/install.sh.
bundle: env
	PYTHON=$(BIN)/python deploy/bundle.sh --out dist

clean:
	rm -rf $(VENV) node_modules var dist .pytest_cache .ruff_cache
