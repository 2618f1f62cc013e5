# Styrkort — every target sets itself up: a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
TS     := $(wildcard resources/translations/sv/*.ts)
QM     := resources/translations/styrkort_sv.qm
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.PHONY: run test quick bench soak setup translations lint clean dist

run: setup
	$(PY) main.py $(ARGS)

test: setup lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

# While working: everything but the tests marked slow (see docs/development.md, Tests).
quick: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -m "not slow" $(PYTEST_ARGS)

# The kill harness at full strength: 25 SIGKILLs per operation and journal mode (see docs/reliability.md).
soak: setup
	STYRKORT_SOAK_TRIALS=25 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s -p no:cacheprovider tests/domain/test_reliability_crash.py

bench: setup
	$(PY) -m pip install -q -e '.[dev,bench]'
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py $(BENCH)

setup: $(STAMP) $(QM)

translations: $(QM)

lint: setup
	$(VENV)/bin/ruff check app tests benchmarks main.py
	$(VENV)/bin/lint-imports --no-cache

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

$(QM): $(TS) $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

dist: setup
	$(PY) -m pip wheel -q --no-deps -w dist .

clean:
	rm -rf $(VENV) $(QM) build *.egg-info
