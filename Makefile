# Two commands for a newcomer (see README): `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-slow lint demo bench translations clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

system-deps:
	@scripts/system-deps.sh

## Set up and start the app on a new copy of the demo plan.
run: system-deps $(STAMP)
	$(BIN)/planner-app --demo

## Set up and run the linters and all tests (fast tier, then the slow crash test).
test: system-deps $(STAMP) lint test-fast test-slow

lint: $(STAMP)
	$(BIN)/ruff check planner_app tests bench
	$(BIN)/ruff format --check planner_app tests bench

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m "not slow" -q

test-slow: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m slow -q

demo: $(STAMP)
	$(BIN)/planner-app demo demo.plan --force

bench: $(STAMP)
	$(BIN)/python bench/bench_plan_file.py

## Refresh the catalogue from the sources and compile .mo files.
translations: $(STAMP)
	$(BIN)/pybabel extract -F resources/locale/babel.cfg -k _ -k N_ -k ngettext:1,2 \
		-o resources/locale/planner_app.pot --no-location --sort-output planner_app
	$(BIN)/pybabel update -i resources/locale/planner_app.pot -d resources/locale \
		-D planner_app --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d resources/locale -D planner_app --statistics

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
