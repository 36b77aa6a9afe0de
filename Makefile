# Brücke: the two commands that matter are `make demo` and `make test`.
# Both work on a fresh machine with nothing but Python 3.11+.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export FLASK_APP := app
PYTEST_ARGS ?=

.PHONY: demo test install nu-checker translations extract-messages update-translations lint bench load vendor-check serve clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

translations: $(INSTALLED)
	$(BIN)/pybabel compile --domain messages --directory app/translations --statistics

demo: translations
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo
	@echo ""
	@echo "Brücke runs at http://127.0.0.1:5000  (mail goes to instance/outbox/)"
	@echo ""
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: translations nu-checker
	$(BIN)/pytest $(PYTEST_ARGS)

# The Nu Html Checker's jar (npm vnu-jar, pinned, ~32 MB): fetched once into .venv/ and checked
# against the registry's SHA-512 and its SHA-256 (tests/app/nu_checker.py); Java runs it.
nu-checker: $(INSTALLED)
	$(BIN)/python -m tests.app.nu_checker

lint: $(INSTALLED)
	$(BIN)/ruff check app matching tests
	$(BIN)/ruff format --check app matching tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/bandit -q -c pyproject.toml -r app matching

# Translators' workflow: extract the strings, then merge them into every catalogue.
extract-messages: $(INSTALLED)
	$(BIN)/pybabel extract --mapping-file babel.cfg --keyword _l --keyword lazy_gettext \
		--no-wrap --sort-by-file --project Brücke --output-file app/translations/messages.pot .

update-translations: extract-messages
	$(BIN)/pybabel update --input-file app/translations/messages.pot \
		--output-dir app/translations --no-wrap --ignore-obsolete

bench: $(INSTALLED)
	$(BIN)/python -m matching bench

# The load and fault suite against a private PostgreSQL, Redis, gunicorn and Celery worker
# (benchmarks/load/README.md); LOAD_ARGS passes flags, e.g. LOAD_ARGS="--faults none".
LOAD_ARGS ?=
load: translations
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m benchmarks.load.run $(LOAD_ARGS)

vendor-check:
	cd static/vendor && sha256sum --check --quiet SHA256SUMS

clean:
	rm -rf $(VENV) instance .pytest_cache
