# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
CORPUS ?= corpora/iraq-letter
PORT ?= 8501

.PHONY: demo test fuzz build lint bench clean

$(RUNTIME): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(DEV): $(RUNTIME) requirements-dev.txt
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

## demo: install, build the bundled corpus, start the dashboard on http://localhost:$(PORT)
demo: $(RUNTIME)
	$(PY) -m compare build $(CORPUS)
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

## test: install (with test tools) and run every test
test: $(DEV)
	$(PY) -m pytest

## fuzz: the property-based tests of every reader of untrusted input, with many more examples than `make test`
fuzz: $(DEV)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/test_fuzz_properties.py -p no:cacheprovider

build: $(RUNTIME)
	$(PY) -m compare build $(CORPUS)

lint: $(DEV)
	$(PY) -m ruff check compare app.py tests benchmarks
	$(PY) -m mypy

bench: $(DEV)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) corpora/*/.parallax
