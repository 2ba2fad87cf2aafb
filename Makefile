# Satpas. `make run` serves the demo; `make test` runs the whole suite. See README.md.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# One test worker per core (pytest-xdist); `make test PYTEST_ARGS=` runs them one by one.
PYTEST_ARGS ?= -n auto

.DEFAULT_GOAL := help
.PHONY: help run serve test lint format check messages system-test-deps bench clean

help:
	@echo "make run    set up .venv, migrate, seed the demo unit and serve on http://$(HOST):$(PORT)"
	@echo "make test   set up the test tools (and Chromium) and run the whole suite"
	@echo "make lint   ruff check, ruff format --check and mypy"
	@echo "make bench  benchmarks on gunicorn + PostgreSQL (see bench/README.md)"
	@echo "make messages  refresh and compile the translation catalogues"

# Debian's python3 may lack ensurepip (package python3-venv); fall back to virtualenv.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(PYTHON) -m pip install --user --quiet virtualenv && $(PYTHON) -m virtualenv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,bench]"
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py createcachetable
	DEBUG=true $(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Satpas is starting on http://$(HOST):$(PORT)/ (log in with one of the logins above; Ctrl+C stops it)"
	@echo "A background worker (manage.py db_worker) builds the evidence packs beside it,"
	@echo "and sweep_overdue runs every minute, as the systemd timer does in production."
	@DEBUG=true $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	while :; do DEBUG=true $(BIN)/python manage.py sweep_overdue --verbosity 0; sleep 60; done & sweeper=$$!; \
	trap 'kill $$worker $$sweeper 2>/dev/null; wait $$worker $$sweeper 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production-style serving on this machine (gunicorn + whitenoise); needs SECRET_KEY etc.
serve: $(VENV)/.installed-run
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/gunicorn satpas.wsgi --bind $(HOST):$(PORT) --workers 3 --access-logfile - --logger-class satpas.logfilters.GunicornLogger

# Chromium for the browser tests (never `playwright install`: nothing may be downloaded
# outside the package registries), Pango for WeasyPrint's PDFs.
system-test-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ldconfig -p 2>/dev/null | grep -q libpangoft2 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing from Debian:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get install -y $$missing || { $$SUDO apt-get update && $$SUDO apt-get install -y $$missing; }; \
	fi

test: $(VENV)/.installed-test system-test-deps
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(VENV)/.installed-run
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: $(VENV)/.installed-run
	DEBUG=true $(BIN)/python manage.py makemessages -l id -l en --no-obsolete \
	  --ignore=.venv --ignore=static --ignore=staticfiles --ignore=tests --ignore=bench
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles var/test-media
