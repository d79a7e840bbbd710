# The README's quick start: `make run` and `make test` do all set-up on a fresh Debian machine
# with Python 3.11+ (virtual environment, packages, Chromium for browser tests and exports).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
STAMP := $(VENV)/.installed

.PHONY: run serve test check build lint screenshots bench profile load chromium haproxy podman axe image-test clean

run: $(STAMP) chromium build
	$(VENV)/bin/streamlit run app.py --server.headless true --server.port $(PORT) \
		--browser.gatherUsageStats false

# Several replicas behind HAProxy (cookie stickiness, WebSockets, redispatch, compression).
REPLICAS ?= 3
BASE_URL_PATH ?=
serve: $(STAMP) haproxy build
	$(PY) scripts/serve.py --replicas $(REPLICAS) --port $(PORT) --base-url-path "$(BASE_URL_PATH)"

test: $(STAMP) chromium haproxy podman axe
	$(PY) -m pytest

# The edit-test loop: everything that needs no browser, no Kaleido and no subprocess corpus.
check: $(STAMP)
	$(PY) -m pytest -m "not browser and not kaleido and not slow" -n 2

build: $(STAMP)
	$(VENV)/bin/coalition build

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

# Measures, then writes docs/benchmarks.json and the tables made from it, docs/benchmarks.md.
bench: $(STAMP) chromium
	$(PY) benchmarks/run.py --write docs/benchmarks.json $(BENCH_ARGS)

# Sessions at the protocol level through the same topology (docs/load.md); not in `make test`.
load: $(STAMP) haproxy
	$(PY) benchmarks/load.py $(or $(LOAD_ARGS),--sessions 200 --replicas 3)

profile: $(STAMP)
	$(PY) benchmarks/profile_page.py $(or $(PAGE),overview) $(PROFILE_ARGS)

screenshots: $(STAMP) chromium
	$(PY) scripts/screenshots.py

chromium:
	@bash scripts/ensure-chromium.sh

haproxy:
	@bash scripts/ensure-haproxy.sh

podman:
	@bash scripts/ensure-podman.sh

axe:
	@bash scripts/ensure-axe.sh

# The container image built from the Dockerfile and run for real (tests/test_image.py runs it).
image-test: $(STAMP) chromium haproxy podman axe
	bash scripts/image-test.sh

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: install it, or run make with PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) coalition.db screenshots exports
