# storyledger — two commands on a fresh machine: `make demo`, then `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
EVAL_DATA ?= ../shared/eval

.PHONY: install demo test eval bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,dask,parquet]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/storyledger analyze examples/karabakh
	$(VENV)/bin/storyledger analyze examples/karabakh --format json -o report.json
	@echo "wrote report.json"

test: $(STAMP)
	$(VENV)/bin/pytest

$(VENV)/.installed-%: $(STAMP)
	$(PIP) install --quiet --disable-pip-version-check -c requirements.lock -e '.[$*]'
	touch $@

eval: $(VENV)/.installed-eval
	$(PY) -m evals --data $(EVAL_DATA)

bench: $(VENV)/.installed-bench
	$(PY) -m bench --data $(EVAL_DATA) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache report.json
