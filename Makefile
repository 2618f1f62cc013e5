# Styrkort — every target sets itself up: a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
TS     := $(wildcard resources/translations/sv/*.ts)
QM     := resources/translations/styrkort_sv.qm
export PIP_DISABLE_PIP_VERSION_CHECK = 1

VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
ARCHIVE := dist/styrkort-$(VERSION)-linux-x86_64.tar.gz

.PHONY: run test quick bench soak setup translations lint clean dist dist-check wheel

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

# The planner's download: a one-folder bundle (no Python needed) and an archive with an install
# script. See installer/README.md.
dist: setup
	$(PY) -m pip install -q -e '.[dev,dist]'
	installer/linux/xcb_libs.sh build/xcb-libs
	rm -rf dist/styrkort $(ARCHIVE)
	start=$$(date +%s); \
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		installer/styrkort.spec && \
	installer/linux/make_archive.sh dist/styrkort $(ARCHIVE) && \
	echo $$(( $$(date +%s) - start )) > dist/build-seconds.txt && \
	echo "make dist: $$(cat dist/build-seconds.txt) s, bundle $$(du -sh dist/styrkort | cut -f1)"

# The built bundle in a clean environment (env -i, a fresh HOME, offscreen), as a planner would run it.
dist-check:
	test -x dist/styrkort/styrkort || $(MAKE) dist
	installer/linux/dist_check.sh dist/styrkort $(ARCHIVE)

wheel: setup
	$(PY) -m pip wheel -q --no-deps -w dist .

clean:
	rm -rf $(VENV) $(QM) build dist *.egg-info
