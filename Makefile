# Plusdossier. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.DEFAULT_GOAL := help
.PHONY: help run test lint format bench worker beat assets messages clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv sync --frozen --python $(BIN)/python
	touch $@

install: $(BIN)/.installed ## create the virtual environment with the locked dependencies

run: $(BIN)/.installed ## migrate SQLite, load demo data, serve http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(BIN)/.installed ## the whole test suite (PostgreSQL when DATABASE_URL is set)
	$(BIN)/python -m pytest

lint: $(BIN)/.installed ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed ## format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(BIN)/.installed ## benchmarks on PostgreSQL (DATABASE_URL), writes bench/results.json
	$(BIN)/python -m bench.run

worker: $(BIN)/.installed ## a Celery worker (needs REDIS_URL)
	$(BIN)/celery -A config worker --loglevel=INFO --concurrency=2

beat: $(BIN)/.installed ## Celery beat with the schedule from config/celery.py (needs REDIS_URL)
	$(BIN)/celery -A config beat --loglevel=INFO

assets: ## copy Bootstrap from node_modules into static/vendor (after npm ci)
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* static/vendor/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* static/vendor/bootstrap/
	cp node_modules/axe-core/axe.min.js tests/e2e/axe.min.js

clean: ## remove the virtual environment and the SQLite database
	rm -rf $(VENV) db.sqlite3 staticfiles
