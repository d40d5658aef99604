# The commands a person types. `make run` serves the demo; `make test` is the whole gate.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every dependency and dev tool, pinned with hashes (docs/dependencies.md); `make lock` writes it.
LOCK := requirements/lock.txt
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Python keeps the compiled form of every module it imports (in __pycache__, ignored by git), so
# each later process starts in half the time: a shell that sets PYTHONDONTWRITEBYTECODE would
# otherwise make every manage.py, pytest and server process compile Django and Wagtail again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install lock run demo messages lint typecheck check test bench bench-search browser java clean

# Exactly the locked files (uv, itself installed by pip from its locked hashes, refuses any file
# whose hash is not in the lock), then xaso itself, built with the locked setuptools: nothing is
# fetched unverified.
$(STAMP): pyproject.toml $(LOCK)
	@scripts/ensure-venv $(PYTHON) $(VENV)
	@scripts/install-uv $(LOCK) $(BIN)/python
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

# Writes the lock from pyproject.toml (with the dev extra) and requirements/build.in, for Python
# 3.11 (any 3.11.x: Debian 12 has 3.11.2) on Linux x86_64. Keeps the pinned versions that still
# fit; LOCK_FLAGS=--upgrade takes the newest everything allows, LOCK_FLAGS="--upgrade-package
# NAME" one package.
LOCK_FLAGS ?=
lock: install
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev --generate-hashes \
		--python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
		--index-url https://pypi.org/simple --custom-compile-command 'make lock' \
		--quiet $(LOCK_FLAGS) -o $(LOCK)

messages: install
	$(MANAGE) translations compile

demo: messages
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) load_demo

# The embedded default: one worker process (threads share the page cache and the view-count
# buffer). A worker that dies (a crash, the kernel's out-of-memory killer) is started again;
# without --respawn-failed-workers granian would shut the whole server down.
run: demo
	@echo "xaso: http://$(HOST):$(PORT)/  (quản trị: http://$(HOST):$(PORT)/admin/)"
	DJANGO_SETTINGS_MODULE=xaso.settings.dev $(BIN)/granian --interface wsgi --no-ws \
		--host $(HOST) --port $(PORT) --workers 1 --blocking-threads 4 --access-log \
		--respawn-failed-workers xaso.wsgi:application

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy xaso

check: messages
	DJANGO_SETTINGS_MODULE=xaso.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=xaso.settings.test $(MANAGE) makemigrations --check --dry-run

browser:
	@scripts/ensure-chromium

java:
	@scripts/ensure-java

test: lint typecheck check browser java
	$(BIN)/pytest

bench: demo
	$(BIN)/python bench/run.py
	$(BIN)/python bench/cache_isolation.py
	$(BIN)/python bench/stack.py
	$(BIN)/python bench/nodes.py
	$(BIN)/python bench/legacy_text.py
	$(BIN)/python bench/campaign_import.py
	$(BIN)/python bench/province.py
	$(MAKE) bench-search

bench-search: messages
	$(BIN)/python bench/search_quality.py --database sqlite
	$(BIN)/python bench/search_quality.py --database postgres
	$(BIN)/python bench/search_scale.py --database sqlite
	$(BIN)/python bench/search_scale.py --database postgres

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
