# casecast: `make build` then `make test`. Both create .venv from the pinned requirements if needed.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.casecast-installed

.PHONY: build test check serve site audio wechat golden bench clean browser-tools lighthouse

$(STAMP): pyproject.toml requirements.lock requirements-nodeps.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "casecast needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

build: $(STAMP)          ## check, then build the site, the audio episodes and the WeChat articles
	$(PY) build.py

test: $(STAMP) browser-tools  ## the whole test suite (browser tests need Debian's chromium)
	$(PY) -m pytest

# Pinned npm tools for the browser tests and the Lighthouse benchmark (axe-core, lighthouse), from
# tests/node/package-lock.json into the git-ignored tests/node/node_modules; no Chrome download.
NODE_TOOLS := tests/node/node_modules/.package-lock.json
browser-tools: $(NODE_TOOLS)
$(NODE_TOOLS): tests/node/package.json tests/node/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing (apt-get install npm): accessibility tests will be skipped (they fail under CI=true)"; exit 0; }
	cd tests/node && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_TOOLS)

lighthouse: $(STAMP) browser-tools  ## Lighthouse scores of the built sample site per page type (heavy: runs under flock)
	flock /tmp/casecast-bench.lock $(PY) benchmarks/lighthouse_bench.py

check: $(STAMP)
	$(PY) build.py check

serve: $(STAMP)
	$(PY) build.py serve

site audio wechat: $(STAMP)
	$(PY) build.py $@

golden: $(STAMP)         ## regenerate the golden files after an intended change to rendered output
	UPDATE_GOLDEN=1 $(PY) -m pytest tests/wechat tests/test_build_transactions.py -q -k golden

bench: $(STAMP)
	for b in benchmarks/*_bench.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf build site wechat .pytest_cache
