# Each target sets up what it needs: a fresh Debian machine needs only `make run` or `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: run example test bench bench-compare lint setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	scripts/bootstrap-python.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	scripts/run.sh

example: $(STAMP)
	$(VENV)/bin/moslik match examples/data1.csv examples/data2.json \
		--config examples/basic_config.json --out var/examples

test: $(STAMP)
	scripts/ensure-chromium.sh
	scripts/ensure-seed-tools.sh
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m bench.run

bench-compare: $(STAMP) bench/requirements-compare.txt
	test -x .venv-bench/bin/python || python3 -m venv .venv-bench
	.venv-bench/bin/python -m pip install -q -r bench/requirements-compare.txt
	$(PY) -m bench.run --compare

lint: $(STAMP)
	$(PY) -m pip install -q "ruff==0.17.6"
	$(VENV)/bin/ruff check engine api ui tests bench

clean:
	rm -rf $(VENV) var .pytest_cache
