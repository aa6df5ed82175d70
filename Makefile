# Koulupolku. `make run` serves the site; `make test` runs every test.
# Both set themselves up first, on a fresh machine too.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export HOST PORT

TRANSLATIONS := site/koulupolku/translations
PO := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run dev index test test-fast lint check report setup messages bench clean

# The site's own address for absolute links (gunicorn.conf.py requires one):
# by default the address `make run` and `make dev` serve.
run dev: export KOULUPOLKU_BASE_URL ?= http://$(HOST):$(PORT)

# gunicorn's preloaded app checks the content (every problem listed, no worker
# started) and builds a missing or stale index: the content is loaded once.
run: setup  ## set up, check the content, build the index, serve on $(HOST):$(PORT)
	$(BIN)/gunicorn -c gunicorn.conf.py koulupolku.wsgi:app

index: setup  ## build the search indexes (only if the content changed)
	$(BIN)/flask index build

dev: setup  ## serve with auto-reload for editors (content and templates included)
	$(BIN)/flask --app koulupolku run --debug --host $(HOST) --port $(PORT) \
		--extra-files "$$(find content templates static -type f | tr '\n' ':')"

test: setup lint  ## every test: loader, web, browser (headless Chromium)
	$(BIN)/pytest

test-fast: setup  ## every test but the browser ones
	$(BIN)/pytest -m "not browser"

lint: setup
	$(BIN)/ruff check site tests bench gunicorn.conf.py

check: setup  ## list every problem in the content (exit 1 on errors)
	$(BIN)/flask content check

report: setup  ## pages per language, missing translations, reviews due (JSON)
	$(BIN)/flask content report --json

setup: $(VENV)/.installed $(MO)

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel -q compile -i $< -o $@

messages: $(VENV)/.installed  ## after changing UI texts: extract them and update the catalogs
	$(BIN)/pybabel extract -F babel.cfg -k _ --no-location --omit-header --sort-output \
		-o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) \
		--width 100 --ignore-obsolete

BENCH_PAGES ?= 2000
bench: setup index  ## print the benchmarks' figures (needs wrk; about 15 minutes)
	$(BIN)/python bench/weight.py
	$(BIN)/python bench/search.py --pages $(BENCH_PAGES)
	$(BIN)/python bench/http/run.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/front.py

clean:
	rm -rf $(VENV) $(MO) .pytest_cache .ruff_cache instance/index
