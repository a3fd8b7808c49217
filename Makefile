# Plusdossier. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.DEFAULT_GOAL := help
.PHONY: help install run test lint format bench worker beat backup restore assets clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# Two stamps: `make run` needs the runtime dependencies only, `make test` the dev group too.
$(VENV)/.uv:
	@$(PYTHON) config/system_check.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	touch $@

$(VENV)/.runtime: $(VENV)/.uv pyproject.toml uv.lock
	$(BIN)/uv sync --frozen --no-dev --inexact --python $(BIN)/python
	touch $@

$(VENV)/.dev: $(VENV)/.uv pyproject.toml uv.lock
	@$(PYTHON) config/system_check.py --test
	$(BIN)/uv sync --frozen --python $(BIN)/python
	touch $@ $(VENV)/.runtime

install: $(VENV)/.dev ## the virtual environment with every locked dependency (runtime and dev)

# Without DATABASE_URL each command below joins (or starts) the embedded PostgreSQL in
# .embedded/postgres; it stops when the last of them exits.
run: $(VENV)/.runtime ## migrate, load demo data, serve http://127.0.0.1:8000 with a Celery worker and beat
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py rundemo 127.0.0.1:8000

# In parallel (pytest-xdist, one process a core, at most 4): 3.5 instead of 4.8 minutes on 2 cores.
test: $(VENV)/.dev ## the whole test suite (on the embedded PostgreSQL unless DATABASE_URL is set)
	$(BIN)/python -m pytest --numprocesses=auto --maxprocesses=4

lint: $(VENV)/.dev ## ruff lint and format check, import layers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.dev ## format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.dev ## benchmarks on the PostgreSQL of DATABASE_URL (or BENCH_DATABASE_BASE), writes bench/results.json
	$(BIN)/python -m bench.run

worker: $(VENV)/.runtime ## a Celery worker (Redis of REDIS_URL, else the embedded folder broker)
	$(BIN)/celery -A config worker --loglevel=INFO --concurrency=2

beat: $(VENV)/.runtime ## Celery beat with the schedule from config/celery.py
	$(BIN)/celery -A config beat --loglevel=INFO

# A restore drill: `make backup DIR=backups/x`, then `make restore DIR=backups/x
# DATABASE=plusdossier_drill FILES=/tmp/drill-files` (README, "Operations").
backup: $(VENV)/.runtime ## pg_dump of the database and a tar of the uploaded files into DIR (default backups/<time>)
	$(BIN)/python manage.py backup $(or $(DIR),backups/$(shell date +%Y%m%d-%H%M%S))

restore: $(VENV)/.runtime ## restore the backup in DIR into the new or empty DATABASE and FILES folder, and check it
	$(BIN)/python manage.py restore "$(DIR)" --database-name "$(DATABASE)" --files-dir "$(FILES)"

assets: ## copy Bootstrap from node_modules into static/vendor (after npm ci)
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* static/vendor/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* static/vendor/bootstrap/
	cp node_modules/axe-core/axe.min.js tests/e2e/axe.min.js

clean: ## remove the virtual environment and the embedded database and broker
	rm -rf $(VENV) .embedded staticfiles
