# Every target runs inside .venv, which `make setup` builds from the lock file.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PATH := $(abspath $(BIN)):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help setup lock generate check-generated lint-spec lint format typecheck test test-slow \
        contract contract-live mock run bench fuzz compat api-diff dist dist-check docs clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

setup: $(STAMP) ## create .venv and install the locked dependencies, both generated clients and the package

$(STAMP): requirements/dev.lock pyproject.toml scripts/setup.sh
	scripts/setup.sh $(PYTHON)
	@touch $@

lock: ## re-resolve requirements/*.in into the lock files (needs the registry)
	scripts/lock.sh

generate: $(STAMP) ## regenerate both clients (generated/cluster/, generated/control_plane/) from their specs
	scripts/generate.sh

api-diff: $(STAMP) ## what changed for importers of either client since BASE (a git ref, default HEAD)
	scripts/api_diff.sh $(or $(BASE),HEAD)

check-generated: $(STAMP) ## fail when either generated project differs from what its spec produces
	scripts/check_generated.sh

lint-spec: $(STAMP) ## validate both OpenAPI documents
	scripts/lint_spec.sh

lint: $(STAMP) ## ruff on the hand-written code
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

format: $(STAMP) ## format the hand-written code
	$(BIN)/ruff check --fix src tests scripts
	$(BIN)/ruff format src tests scripts

typecheck: $(STAMP) ## mypy --strict on src/ and both generated clients
	$(BIN)/mypy --strict src/zilliz_import generated/cluster/zilliz_import_client \
	  generated/control_plane/zilliz_cloud_import_client

test: lint-spec check-generated lint typecheck ## the checks and every test but the slow ones (a few minutes)
	$(BIN)/pytest -n auto

test-slow: $(STAMP) ## the slow tests: the spec-change scripts' generator runs and the contract suite's broken variants
	$(BIN)/pytest -n auto -m slow

dist: $(STAMP) ## wheels and sdists of zilliz-import and both generated clients into dist/, checked by twine
	scripts/dist.sh

dist-check: dist ## install dist/ into a fresh virtualenv outside the checkout; contract-test the mock on both planes
	scripts/dist_check.sh $(PYTHON)

docs: $(STAMP) ## build the documentation site into site/ (strict); installs requirements/docs.lock first
	scripts/docs.sh

contract: $(STAMP) ## the contract suite with many more examples and a JUnit report
	scripts/contract.sh

contract-live: $(STAMP) ## the contract suite against CLUSTER_ENDPOINT and/or the control plane (CLOUD_PLATFORM_ENDPOINT, CLUSTER_ID), with TOKEN; RECORD=DIR records it
	scripts/contract_live.sh

mock: $(STAMP) ## serve the mock on 127.0.0.1 (PORT=19530 by default)
	$(BIN)/python -m zilliz_import.mock --host 127.0.0.1 --port $${PORT:-19530}

run: $(STAMP) ## the main job: mock, create an import, watch it finish
	scripts/run.sh

bench: $(STAMP) ## benchmarks; writes BENCHMARKS.md
	scripts/bench.sh

compat: $(STAMP) ## the official Python SDK (pymilvus) against the mock, every release
	scripts/compat.sh

fuzz: $(STAMP) ## long fuzzing run of the facade
	scripts/fuzz.sh

clean: ## remove the virtualenv, caches and build output
	rm -rf $(VENV) .mypy_cache .ruff_cache .hypothesis reports dist site
